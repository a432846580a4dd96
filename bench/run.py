"""The speed benchmark: our API under gunicorn, on SQLite and on PostgreSQL, beside Datasette serving
the same SQLite file, all driven by wrk with the same load. Not part of the test suite.

    bench/run [--scale 1] [--small] [--duration 15] [--concurrency 16] [--soak 30] [--no-postgres]

bench/README.md says what is measured and how to read the results it writes to bench/results/.
"""

import argparse
import fcntl
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import count, product
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

import corpora
import machine
import report
import servers
from editor import Editor
from load import Load, fetch, measure
from scenarios import (
    CHEAP,
    EDIT_INTERVAL,
    EDITORS,
    HAMMER_ADDRESS,
    HAMMER_CONCURRENCY,
    HAMMERED,
    READER_CONCURRENCY,
    admin_scenarios,
    scenarios,
)
from targets import ratio

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LOGS = corpora.TMP / "logs"
SMALL_FACTOR = 0.1
OURS = "ours-{}"
UNCACHED = "-uncached"
REDIS = "-redis"
# The Redis rows run as deployed, throttled at the default rate, behind one proxy that names the client:
# wrk's requests come from this many client addresses in turn, so that no client passes the rate.
DEPLOYED_RATE = "600/minute"
CLIENTS = 4096
# Editors signed in at once: the admin serves a desk of a few editors, not the API's public; eight pressing
# at the same instant (the editors' load test's number) is already more than the archive has.
ADMIN_CONCURRENCY = 8
# The header a hit carries when the server is asked to mark hits (project/response_cache.py).
HIT_HEADER = "X-Response-Cache"


def parse(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="corpus scale (1: 1,000 theses, 200,000 passages)")
    parser.add_argument("--small", action="store_true", help="also measure a corpus 10 times smaller, for growth")
    parser.add_argument("--seed", type=int, default=1, help="generate_corpus's seed")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of load before each measurement")
    parser.add_argument("--duration", type=int, default=15, help="seconds each measurement lasts")
    parser.add_argument("--concurrency", type=int, default=16, help="open connections")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="gunicorn workers")
    parser.add_argument("--soak", type=int, default=30, help="seconds of mixed load while worker memory is sampled")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432", help="server, no database")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite and Datasette only")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0", help="the shared cache of the Redis rows")
    parser.add_argument("--no-redis", action="store_true", help="no rows with Redis as the shared cache")
    parser.add_argument("--rebuild", action="store_true", help="generate the corpora again even if kept")
    parser.add_argument("--requests", type=lambda text: text.split(","), help="only these requests, e.g. a,b")
    parser.add_argument("--phases", type=lambda text: text.split(","), help="only these parts, e.g. fair_share")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    options = parse(argv)
    LOGS.mkdir(parents=True, exist_ok=True)
    lock = one_at_a_time()
    load = Load(options.warmup, options.duration, options.concurrency)
    admin = None if options.no_postgres else reachable(options.postgres_url)
    results = {
        "started": now(),
        "options": vars(options),
        "machine": machine.describe(),
        "versions": machine.versions(corpora.postgres_version(admin) if admin else None),
    }
    say(f"machine: {results['machine']}")
    full = build(options.scale, options, admin)
    small = build(options.scale * SMALL_FACTOR, options, admin) if options.small else None
    results["corpus"] = {"full": full["info"]} | ({"small": small["info"]} if small else {})
    collect_static(next(iter(full["urls"].values())))
    probes = {backend: probe(url) for backend, url in full["urls"].items()}
    results["targets"] = {backend: data["targets"] for backend, data in probes.items()}
    urls = full["urls"]
    phase(results, "requests", lambda: equivalents(urls, probes, load, options), options)
    phase(results, "admin", lambda: admin_pages(urls, probes, load, options), options)
    if not options.no_redis:
        phase(results, "redis", lambda: shared_cache(urls, probes, load, options), options)
    phase(results, "conditional", lambda: conditional(urls, probes, load, options), options)
    phase(results, "ceiling", lambda: ceiling(probes, load, options), options)
    if small:
        growth_of = lambda: growth(small["urls"], results.get("requests", {}), load, options)  # noqa: E731
        phase(results, "growth", growth_of, options)
    phase(results, "fair_share", lambda: fair_share(urls, probes, load, options), options)
    phase(results, "import_seed", lambda: import_seed(admin), options)
    # Last but memory's: the editors' saves stay in the kept corpus (their text restored, their history longer).
    phase(results, "edits", lambda: edits_while_reading(urls, load, options), options)
    if options.soak:
        phase(results, "memory", lambda: memory(urls, probes, load, options), options)
    results["finished"] = now()
    print(report.write(results, RESULTS))
    lock.close()


def one_at_a_time():
    """Hold the machine's benchmark lock: two runs at once would measure each other, and rebuild
    the corpora under each other's servers. A second run waits for the first."""
    handle = open(corpora.TMP / "bench.lock", "w")  # noqa: SIM115 - held open for the whole run
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        say("another benchmark is running on this machine; waiting for it to finish")
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def phase(results: dict, name: str, measure_it, options) -> None:
    """Run one part of the benchmark (unless --phases leaves it out); a failure is recorded and the rest
    still runs. The results so far are written after each part, so that a long run that stops keeps what
    it measured."""
    if options.phases and name not in options.phases:
        return
    try:
        results[name] = measure_it()
    except Exception as error:  # whatever failed, say so in the results and go on
        say(f"{name} failed: {error!r}")
        results.setdefault("failed", {})[name] = repr(error)
    report.write(results, RESULTS)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def reachable(admin_url: str) -> str | None:
    try:
        corpora.postgres_version(admin_url)
        return admin_url
    except Exception as error:  # whatever the failure, measure without PostgreSQL
        say(f"PostgreSQL at {admin_url} is not reachable ({error}); measuring without it")
        return None


def build(scale: float, options, admin: str | None) -> dict:
    """The corpus at this scale on each database: DATABASE_URLs, and how each was built."""
    say(f"corpus at scale {scale:g} on SQLite")
    urls, info = {}, {"scale": scale, "seed": options.seed}
    urls[OURS.format("sqlite")], info["sqlite"] = corpora.sqlite_corpus(scale, options.seed, options.rebuild)
    if admin:
        say(f"corpus at scale {scale:g} on PostgreSQL")
        urls[OURS.format("postgres")], info["postgres"] = corpora.postgres_corpus(
            admin, scale, options.seed, options.rebuild
        )
    return {"urls": urls, "info": info}


def collect_static(database_url: str) -> None:
    """The static files collected as a release collects them: in production the reading site's pages
    name their stylesheet by its hashed name, from the manifest collectstatic writes."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=corpora.production_env(database_url),
        check=True,
    )


def probe(database_url: str) -> dict:
    """The targets in this corpus and, for each request of ours, its SQL queries (Django test client)."""
    return inprocess(database_url, "probe")


def inprocess(database_url: str, action: str, script: str = "inprocess.py") -> dict:
    """What one of the bench's scripts run inside Django with this database prints last, as JSON."""
    output = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), action],
        cwd=ROOT,
        env=corpora.production_env(database_url),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def ours(
    backend: str, database_url: str, options, cached: bool = True, redis: bool = False, counted: bool = False
) -> servers.Server:
    """Our service under gunicorn; `cached=False` turns its response cache off, so that every
    request is computed (a repeated request is otherwise answered from the cache); `redis` runs it
    as deployed with Redis as the workers' shared cache, throttled behind a proxy; `counted` marks
    its cache's hits with HIT_HEADER."""
    env = corpora.production_env(database_url)
    if counted:
        env["API_RESPONSE_CACHE_HIT_HEADER"] = "1"
    if redis:
        env.update(CACHE_URL=options.redis_url, API_ANON_RATE=DEPLOYED_RATE, TRUSTED_PROXIES="1")
        # The reading site's limits as deployed too: its pages are among the Redis rows.
        for name in ("READING_RATE", "READING_BURST"):
            env.pop(name)
        backend += REDIS
    if not cached:
        env["API_RESPONSE_CACHE_MB"] = "0"
        backend += UNCACHED
    return servers.gunicorn(backend, "project.wsgi:application", env, options.workers, LOGS / f"{backend}.log")


def chosen(options, targets: dict) -> list:
    """The scenarios of this run: all, or those --requests names."""
    return [s for s in scenarios(targets) if not options.requests or s.name in options.requests]


def equivalents(urls: dict, probes: dict, load: Load, options) -> dict:
    """Every equivalent request on every backend: status, size, queries, req/s and latency. Each
    request gets a server of its own, so that slow requests still queued from one measurement
    cannot slow the next."""
    sqlite_targets = probes[OURS.format("sqlite")]["targets"]
    table = {s.name: {"what": s.what, "datasette_path": s.datasette} for s in chosen(options, sqlite_targets)}
    for backend, url in urls.items():
        for scenario, cached in product(chosen(options, probes[backend]["targets"]), (True, False)):
            name = backend if cached else backend + UNCACHED
            say(f"{name} {scenario.name}")
            row = {"path": scenario.ours, "queries": probes[backend]["requests"][scenario.name]["queries"]}
            with ours(backend, url, options, cached) as server:
                table[scenario.name][name] = row | hit(server.base + scenario.ours, load)
    compared = [s for s in chosen(options, sqlite_targets) if s.datasette]
    if not compared:
        return table
    traced = datasette_queries(urls[OURS.format("sqlite")], compared)
    database, inspect_file = corpora.datasette_copy(urls[OURS.format("sqlite")])
    for scenario in compared:
        say(f"datasette {scenario.name}")
        row = {"path": scenario.datasette, "queries": traced.get(scenario.name)}
        with servers.datasette(database, inspect_file, LOGS / "datasette.log") as server:
            table[scenario.name]["datasette"] = row | hit(server.base + scenario.datasette, load)
    return table


def admin_pages(urls: dict, probes: dict, load: Load, options) -> dict:
    """The admin's pages as a signed-in editor (its session in the corpus's database), on a server as
    deployed: status, SQL queries and time in-process, then req/s and latency under ADMIN_CONCURRENCY editors."""
    table = {}
    load = Load(load.warmup, load.duration, min(load.concurrency, ADMIN_CONCURRENCY))
    for backend, url in urls.items():
        signed_in = inprocess(url, "admin")
        wanted = [
            s for s in admin_scenarios(probes[backend]["targets"]) if not options.requests or s.name in options.requests
        ]
        for scenario in wanted:
            say(f"{backend} {scenario.name}")
            row = {"path": scenario.ours} | signed_in["requests"][scenario.name]
            with ours(backend, url, options) as server:
                measured = hit(server.base + scenario.ours, load, {"Cookie": signed_in["cookie"]})
            table.setdefault(scenario.name, {})[backend] = row | {k: v for k, v in measured.items() if k != "bytes"}
    return table


def shared_cache(urls: dict, probes: dict, load: Load, options) -> dict:
    """Every request as deployed with Redis as the shared cache, each request's client address one of
    CLIENTS in turn: with and without the response cache, whose hits Redis never sees."""
    table = {}
    for backend, url in urls.items():
        for scenario, cached in product(chosen(options, probes[backend]["targets"]), (True, False)):
            name = backend + REDIS + ("" if cached else UNCACHED)
            say(f"{name} {scenario.name}")
            with ours(backend, url, options, cached, redis=True) as server:
                row = hit(server.base + scenario.ours, load, clients=CLIENTS)
            table.setdefault(scenario.name, {})[name] = {"path": scenario.ours} | row
    return table


def hit(url: str, load: Load, headers: dict | None = None, expect: int = 200, clients: int = 0) -> dict:
    """One request to see what comes back, then the measured load; nothing is measured unless it
    answers `expect` (a redirect or an error is reported, not timed)."""
    status, response_headers, body = fetch(url, headers)
    row = {"status": status, "bytes": len(body), "etag": response_headers.get("etag")}
    if status != expect:
        return row | {"error": body[:300].decode("utf-8", "replace") or response_headers.get("location", "")}
    return row | measure(url, load, headers, clients=clients)


def datasette_queries(sqlite_url: str, compared: list) -> dict:
    """SQL statements per Datasette request, from its own trace (a separate instance with trace_debug on)."""
    database, inspect_file = corpora.datasette_copy(sqlite_url)
    counts = {}
    with servers.datasette(database, inspect_file, LOGS / "datasette-trace.log", trace=True) as server:
        for scenario in compared:
            status, _headers, body = fetch(server.base + traced_path(scenario.datasette))
            if status == 200:
                counts[scenario.name] = len(json.loads(body).get("_trace", {}).get("traces", []))
    return counts


def traced_path(path: str) -> str:
    """The same request with Datasette's trace, in the default shape, which is the one that carries it."""
    base, _, query = path.partition("?")
    params = [(k, v) for k, v in parse_qsl(query) if k != "_shape"] + [("_trace", "1")]
    return f"{base}?{urlencode(params, quote_via=quote)}"


def conditional(urls: dict, probes: dict, load: Load, options) -> dict:
    """A repeated request with If-None-Match: the 304 rate beside the rate without it."""
    table = {}
    for backend, url in urls.items():
        for scenario in chosen(options, probes[backend]["targets"]):
            with ours(backend, url, options) as server:
                address = server.base + scenario.ours
                status, headers, _body = fetch(address)
                etag = headers.get("etag")
                entry = {"etag": etag}
                if status == 200 and etag:
                    say(f"{backend} {scenario.name} with If-None-Match")
                    entry |= hit(address, load, {"If-None-Match": etag}, expect=304)
            table.setdefault(scenario.name, {})[backend] = entry
    return table


def ceiling(probes: dict, load: Load, options) -> dict:
    """The trivial WSGI app under the same gunicorn settings, answering as many bytes as each of ours."""
    names = {s.name for s in chosen(options, probes[OURS.format("sqlite")]["targets"])}
    sizes = {name: data["bytes"] for name, data in probes[OURS.format("sqlite")]["requests"].items() if name in names}
    table = {}
    env = dict(os.environ, PYTHONPATH=str(ROOT / "bench"))
    with servers.gunicorn("ceiling", "ceiling:application", env, options.workers, LOGS / "ceiling.log") as server:
        for name, size in sizes.items():
            say(f"ceiling {name} ({size} bytes)")
            table[name] = hit(f"{server.base}/?bytes={size}", load)
    return table


def growth(small_urls: dict, full_table: dict, load: Load, options) -> dict:
    """Latency of each request on the corpus 10 times smaller, beside the full corpus's; both
    computed (no response cache), since a cached answer does not depend on the corpus's size."""
    table = {}
    for backend, url in small_urls.items():
        targets = probe(url)["targets"]
        for scenario in chosen(options, targets):
            say(f"{backend} {scenario.name} on the small corpus, computed")
            with ours(backend + "-small", url, options, cached=False) as server:
                small = hit(server.base + scenario.ours, load)
            full = full_table.get(scenario.name, {}).get(backend + UNCACHED, {})
            table.setdefault(scenario.name, {})[backend + UNCACHED] = {
                "small": small,
                "p50_ratio": ratio(full.get("p50_ms"), small.get("p50_ms")),
                "p99_ratio": ratio(full.get("p99_ms"), small.get("p99_ms")),
            }
    return table


def fair_share(urls: dict, probes: dict, load: Load, options) -> dict:
    """A reader's latency on a cheap page, alone and then while one client hammers the most expensive
    page, on a server as deployed (its limits on, behind one proxy that names the client): the reader's
    requests come from many addresses in turn, the hammer's from one, which its limit soon refuses."""
    table = {}
    for backend, url in urls.items():
        paths = {s.name: s.ours for s in scenarios(probes[backend]["targets"])}
        env = corpora.production_env(url) | {"TRUSTED_PROXIES": "1"}
        for name in ("API_ANON_RATE", "READING_RATE", "READING_BURST", "ADMIN_RATE"):
            env.pop(name)
        say(f"{backend} fair share: {CHEAP} alone, then beside {HAMMERED} hammered")
        with servers.gunicorn(backend, "project.wsgi:application", env, options.workers, LOGS / "fair.log") as server:
            table[backend] = beside_a_hammer(server.base + paths[CHEAP], server.base + paths[HAMMERED], load)
    return table


def beside_a_hammer(cheap: str, hammered: str, load: Load) -> dict:
    reader = Load(load.warmup, load.duration, READER_CONCURRENCY)
    quiet = measure(cheap, reader, clients=CLIENTS)
    hammer: dict = {}
    thread = threading.Thread(target=hammering, args=(hammered, load, hammer))
    thread.start()
    beside = measure(cheap, reader, clients=CLIENTS)
    thread.join()
    return {"cheap": cheap, "quiet": quiet, "hammered": beside, "hammer": {"url": hammered} | hammer}


def hammering(url: str, load: Load, into: dict) -> None:
    """One client asking for `url` on many connections for as long as the reader is measured, and longer."""
    into.update(
        measure(url, Load(0, load.warmup + load.duration + 2, HAMMER_CONCURRENCY), {"X-Forwarded-For": HAMMER_ADDRESS})
    )


def import_seed(admin: str | None) -> dict:
    """The seed's import into an empty database: the import itself, timed in-process, and the whole
    `manage.py import_thesis` command (interpreter and Django start-up included) on another empty one."""
    table = {}
    for backend in ["sqlite"] + (["postgres"] if admin else []):
        say(f"seed import on {backend}")
        with corpora.empty_database(backend, admin) as url:
            corpora.manage(corpora.production_env(url), "migrate", "--verbosity=0")
            timed = inprocess(url, "import-seed")
        with corpora.empty_database(backend, admin) as url:
            corpora.manage(corpora.production_env(url), "migrate", "--verbosity=0")
            started = time.monotonic()
            corpora.manage(corpora.production_env(url), "import_thesis", str(corpora.SEED))
            timed["command_seconds"] = round(time.monotonic() - started, 3)
        table[backend] = timed
    return table


def edits_while_reading(urls: dict, load: Load, options) -> dict:
    """Editors saving one thesis's passages through the admin's form, one a second, while wrk reads the
    pages and answers of other theses; on each database, with the machine's cache and with Redis."""
    table = {}
    for backend, url in urls.items():
        cookie, plan = inprocess(url, "admin")["cookie"], inprocess(url, "plan", "edits_plan.py")
        for redis in [False] + ([] if options.no_redis else [True]):
            name = backend + (REDIS if redis else "")
            say(f"{name} edits in thesis {plan['edited']} while {len(plan['read'])} others are read")
            with ours(backend, url, options, redis=redis, counted=True) as server:
                table[name] = {"edited": plan["edited"], "read": plan["read"]} | editing_while_reading(
                    server.base, cookie, plan, load, CLIENTS if redis else 0
                )
    return table


def editing_while_reading(base: str, cookie: str, plan: dict, load: Load, clients: int) -> dict:
    """The readers' load (warm-up, then measured) while editors save; the saves made in the measured
    window, and the readers' share of hits. Each passage left marked is then saved once more."""
    paths = readable(base, plan["paths"])
    saves, stop = [], threading.Event()
    thread = threading.Thread(target=saving, args=(base, cookie, plan["passages"], saves, stop))
    thread.start()
    try:
        if load.warmup:
            measure(base + paths[0], Load(0, load.warmup, load.concurrency), cycle=paths, clients=clients)
        started = time.monotonic()
        readers = measure(
            base + paths[0], Load(0, load.duration, load.concurrency), cycle=paths, clients=clients, count=HIT_HEADER
        )
        finished = time.monotonic()
    finally:
        stop.set()
        thread.join()
    restore(Editor(base, cookie), saves)
    return edits_summary(saves, started, finished, readers, len(plan["paths"]) - len(paths))


def readable(base: str, paths: list) -> list:
    """The paths that answer 200, each asked for once as a client of its own (where the reading site's
    limits are on, one client's pages a second are few)."""
    return [
        path
        for index, path in enumerate(paths)
        if fetch(base + path, {"X-Forwarded-For": f"10.254.{index // 256}.{index % 256}"})[0] == 200
    ]


def saving(base: str, cookie: str, passages: list, saves: list, stop: threading.Event) -> None:
    """Start a save every EDIT_INTERVAL seconds, the passages in turn, until `stop`: each by an editor of its
    own, up to EDITORS at once, so that a save slower than the interval does not slow the rate."""
    with ThreadPoolExecutor(max_workers=EDITORS) as editors:
        for index in count():
            if stop.is_set():
                break
            editors.submit(save_one, Editor(base, cookie), passages[index % len(passages)], saves)
            stop.wait(EDIT_INTERVAL)
        editors.shutdown(cancel_futures=True)


def save_one(editor: Editor, passage: int, saves: list) -> None:
    started = time.monotonic()
    try:
        outcome = editor.save(passage)
    except (http.client.HTTPException, OSError) as error:
        outcome = f"failed {type(error).__name__}"
    ended = time.monotonic()
    saves.append({"passage": passage, "outcome": outcome, "ended": ended, "seconds": round(ended - started, 3)})


def restore(editor: Editor, saves: list) -> None:
    """Save once more each passage saved an odd number of times, so that its text is as it was."""
    counts: dict[int, int] = {}
    for save in saves:
        if save["outcome"] == "saved":
            counts[save["passage"]] = counts.get(save["passage"], 0) + 1
    for passage, times in counts.items():
        if times % 2:
            editor.save(passage)


def edits_summary(saves: list, started: float, finished: float, readers: dict, dropped: int) -> dict:
    """The saves that ended within the readers' measured window, by outcome, and the readers' share of hits."""
    window = [save for save in saves if started <= save["ended"] <= finished]
    outcomes: dict[str, int] = {}
    for save in window:
        outcomes[save["outcome"]] = outcomes.get(save["outcome"], 0) + 1
    seconds = finished - started
    return {
        "saves": outcomes,
        "saves_per_second": round(outcomes.get("saved", 0) / seconds, 2) if seconds else None,
        "save_seconds": sorted(save["seconds"] for save in window),
        "readers": readers | {"hit_share": ratio(readers.get("hits"), readers.get("requests"))},
        "paths_not_read": dropped,
    }


def memory(urls: dict, probes: dict, load: Load, options) -> dict:
    """Each worker's RSS, sampled every second while every request is made in turn for --soak
    seconds, computed each time (the response cache, bounded by its own setting, would answer most)."""
    table = {}
    for backend, url in urls.items():
        paths = [s.ours for s in chosen(options, probes[backend]["targets"])]
        with ours(backend, url, options, cached=False) as server:
            say(f"{backend} memory under {options.soak} s of mixed load, every response computed")
            if load.warmup:
                measure(server.base + paths[0], Load(0, load.warmup, load.concurrency), cycle=paths)
            samples: list[dict] = []
            stop = threading.Event()
            sampler = threading.Thread(target=sample_rss, args=(server, samples, stop))
            sampler.start()
            try:
                result = measure(server.base + paths[0], Load(0, options.soak, load.concurrency), cycle=paths)
            finally:
                stop.set()
                sampler.join()
        table[backend + UNCACHED] = {"load": result, "samples": samples, "workers": summarise_rss(samples)}
    return table


def sample_rss(server: servers.Server, samples: list, stop: threading.Event) -> None:
    started = time.monotonic()
    while not stop.wait(1.0):
        pids = server.worker_pids()
        samples.append(
            {
                "t": round(time.monotonic() - started, 1),
                "rss_kib": {str(pid): servers.rss_kib(pid) for pid in pids},
                "anon_kib": {str(pid): servers.rss_kib(pid, "RssAnon") for pid in pids},
            }
        )


def summarise_rss(samples: list[dict]) -> dict:
    """Per worker: RSS, and its private heap alone, at the first and last sample and at its highest."""
    workers = {}
    for sample in samples:
        for series in ("rss_kib", "anon_kib"):
            for pid, kib in sample.get(series, {}).items():
                if kib is not None:
                    workers.setdefault(pid, {}).setdefault(series, []).append(kib)
    summary = {}
    for pid, series in workers.items():
        rss, anon = series.get("rss_kib", [0]), series.get("anon_kib", [0])
        summary[pid] = {
            "first_mib": mib(rss[0]),
            "last_mib": mib(rss[-1]),
            "max_mib": mib(max(rss)),
            "heap_first_mib": mib(anon[0]),
            "heap_last_mib": mib(anon[-1]),
            "heap_max_mib": mib(max(anon)),
        }
    return summary


def mib(kib: int) -> float:
    return round(kib / 1024, 1)


if __name__ == "__main__":
    main()
