"""The targets bench/README.md sets, each checked against one run's results: what was aimed at, what
was measured, and whether it was met (None where the run did not measure it)."""

from dataclasses import dataclass

from scenarios import BESIDE_JSON, DOCUMENTS

COMPUTED = ("ours-sqlite-uncached", "ours-postgres-uncached")
CACHED = ("ours-sqlite", "ours-postgres")
COMPUTED_RATE, COMPUTED_P99 = 1.5, 1.0
CACHED_SHARE = 0.8
REDIS_SHARE = 0.6
GROWTH = 1.5
IMPORT_SECONDS = 0.5
BESIDE_JSON_COST = 2
FAIR_SHARE_P99 = 2
ADMIN_MS = 1000
HIT_SHARE = 0.95


@dataclass
class Verdict:
    target: str
    result: str
    met: bool | None


def verdicts(results: dict) -> list[Verdict]:
    requests, ceiling = results.get("requests", {}), results.get("ceiling", {})
    return [
        *(computed(requests, server) for server in COMPUTED),
        cached(requests, ceiling),
        not_modified(results.get("conditional", {}), ceiling),
        shared_cache(results.get("redis", {}), ceiling),
        documents(requests),
        edits_while_reading(results.get("edits", {})),
        growth(results.get("growth")),
        seed_import(results.get("import_seed", {})),
        fair_share(results.get("fair_share", {})),
        admin_pages(results.get("admin", {})),
    ]


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def computed(requests: dict, server: str) -> Verdict:
    """Every request with a Datasette equivalent (the API's, DTS's and the reading site's pages), computed: its
    rate at least 1.5× Datasette's, its p99 no worse."""
    missed, rates, tails = [], [], []
    for name, row in requests.items():
        ours, theirs = row.get(server, {}), row.get("datasette", {})
        rate, tail = ratio(ours.get("rps"), theirs.get("rps")), ratio(ours.get("p99_ms"), theirs.get("p99_ms"))
        if rate is None or tail is None:
            continue
        rates.append(rate)
        tails.append(tail)
        if rate < COMPUTED_RATE or tail > COMPUTED_P99:
            missed.append(f"{name} ({rate:.2f}×, p99 {tail:.2f})")
    target = f"{server}: req/s ≥ {COMPUTED_RATE}× Datasette's and p99 ≤ its, every request with an equivalent"
    if not rates:
        return Verdict(target, "not measured", None)
    result = f"req/s {min(rates):.2f}–{max(rates):.2f}×, p99 {min(tails):.2f}–{max(tails):.2f}×"
    return Verdict(target, result + (f"; missed: {', '.join(missed)}" if missed else ""), not missed)


def ceiling_shares(table: dict, ceiling: dict, status: int = 200) -> dict:
    """Each measured answer of `status`, by request and server, over the ceiling of the same request."""
    return {
        f"{name} {server}": ratio(measured.get("rps"), ceiling.get(name, {}).get("rps"))
        for name, servers in table.items()
        for server, measured in servers.items()
        if isinstance(measured, dict) and measured.get("status") == status and measured.get("rps")
    }


def cached(requests: dict, ceiling: dict) -> Verdict:
    """Every answer from the response cache, API and reading site: at least 0.8 of the ceiling for its bytes."""
    deployed = {name: {s: row[s] for s in CACHED if s in row} for name, row in requests.items()}
    shares = ceiling_shares(deployed, ceiling)
    return _at_least(f"as deployed, every cached answer: ≥ {CACHED_SHARE} of the WSGI ceiling", shares, CACHED_SHARE)


def not_modified(conditional: dict, ceiling: dict) -> Verdict:
    """Every 304 for If-None-Match, as deployed: at least 0.8 of the ceiling of the same request."""
    shares = ceiling_shares(conditional, ceiling, status=304)
    return _at_least(f"as deployed, every 304: ≥ {CACHED_SHARE} of the WSGI ceiling", shares, CACHED_SHARE)


def growth(table: dict | None) -> Verdict:
    """Latency at the full corpus at most 1.5 times that at the 0.1× corpus, p50 and p99, every request computed."""
    target = f"growth from the 0.1× corpus: ≤ {GROWTH}× at p50 and p99"
    factors = {
        f"{name} {server} {p}": entry[f"{p}_ratio"]
        for name, servers in (table or {}).items()
        for server, entry in servers.items()
        for p in ("p50", "p99")
        if entry.get(f"{p}_ratio") is not None
    }
    return _at_most(target, factors, GROWTH)


def seed_import(imports: dict) -> Verdict:
    seconds = {backend: round(entry["seconds"], 3) for backend, entry in imports.items() if "seconds" in entry}
    return _at_most(f"seed import: < {IMPORT_SECONDS} s in-process", seconds, IMPORT_SECONDS)


def cost_beside_json(requests: dict, name: str, json_name: str, server: str):
    """How many times its JSON's cost a page or document takes (the JSON's rate over its), or None unmeasured."""
    rendered, data = requests.get(name, {}).get(server), requests.get(json_name, {}).get(server)
    if rendered is None or data is None:
        return None
    return ratio(data.get("rps"), rendered.get("rps"))


def documents(requests: dict) -> Verdict:
    """The thesis's page, its TEI and its DTS document, computed: at most twice the cost of their passages' JSON."""
    costs = {
        f"{name} {server}": cost_beside_json(requests, name, BESIDE_JSON[name], server)
        for name in DOCUMENTS
        for server in COMPUTED
    }
    target = f"the thesis's page, TEI and DTS document: ≤ {BESIDE_JSON_COST}× their JSON's cost, computed"
    return _at_most(target, costs, BESIDE_JSON_COST)


def shared_cache(redis: dict, ceiling: dict) -> Verdict:
    """As deployed with Redis: every cached answer at 0.6 of the ceiling or more."""
    cached_rows = {name: {s: m for s, m in servers.items() if "uncached" not in s} for name, servers in redis.items()}
    shares = ceiling_shares(cached_rows, ceiling)
    return _at_least(f"with Redis, every cached answer: ≥ {REDIS_SHARE} of the WSGI ceiling", shares, REDIS_SHARE)


def edits_while_reading(edits: dict) -> Verdict:
    """While editors save in one thesis, the readers of others answered from the response cache: 95% or more of
    their requests, on every server measured; a server at which no save was made meanwhile misses it."""
    shares = {server: run.get("readers", {}).get("hit_share") for server, run in edits.items()}
    saving = {server: run.get("saves_per_second") or 0 for server, run in edits.items()}
    verdict = _at_least(
        f"edits while reading: ≥ {HIT_SHARE:.0%} of other theses' readers from the cache", shares, HIT_SHARE
    )
    if verdict.met is None:
        return verdict
    rates = ", ".join(f"{server} {rate:g}" for server, rate in saving.items())
    idle = [server for server, rate in saving.items() if not rate]
    result = f"{verdict.result}; saves a second: {rates}" + (f"; no save made: {', '.join(idle)}" if idle else "")
    return Verdict(verdict.target, result, verdict.met and not idle)


def _at_least(target: str, values: dict, bound: float) -> Verdict:
    return _bounded(target, values, lambda value: value >= bound)


def _at_most(target: str, values: dict, bound: float) -> Verdict:
    return _bounded(target, values, lambda value: value <= bound)


def _bounded(target: str, values: dict, meets) -> Verdict:
    """The range of the values measured, and those that miss the bound, by name."""
    clean = {name: value for name, value in values.items() if value is not None}
    if not clean:
        return Verdict(target, "not measured", None)
    missed = [f"{name} ({value})" for name, value in clean.items() if not meets(value)]
    result = f"{min(clean.values())}–{max(clean.values())}"
    return Verdict(target, result + (f"; missed: {', '.join(missed)}" if missed else ""), not missed)


def fair_share(measured: dict) -> Verdict:
    """A reader's p99 on a cheap page while another client hammers the most expensive one, over its p99 alone."""
    slowdowns = {
        backend: ratio(row.get("hammered", {}).get("p99_ms"), row.get("quiet", {}).get("p99_ms"))
        for backend, row in measured.items()
    }
    target = (
        f"one client hammering the most expensive page: another's p99 on a cheap one ≤ {FAIR_SHARE_P99}× its quiet p99"
    )
    return _at_most(target, slowdowns, FAIR_SHARE_P99)


def admin_pages(admin: dict) -> Verdict:
    """The admin's index, passage list and passage page for a signed-in editor: under a second at p99 under
    load, and in-process the first time, as a fresh worker answers it."""
    times = {
        f"{name} {backend} {what}": measured.get(key)
        for name, backends in admin.items()
        for backend, measured in backends.items()
        for what, key in (("p99", "p99_ms"), ("first", "first_ms"))
    }
    return _at_most(f"admin pages: < {ADMIN_MS} ms, p99 and a fresh worker's first", times, ADMIN_MS)
