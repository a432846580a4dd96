"""Writing a benchmark's results: the whole of them as JSON, and the tables as markdown."""

import json
from pathlib import Path

from scenarios import BESIDE_JSON, DOCUMENTS
from targets import BESIDE_JSON_COST, COMPUTED, cost_beside_json, ratio, verdicts

SERVERS = ["ours-sqlite", "ours-sqlite-uncached", "ours-postgres", "ours-postgres-uncached", "datasette"]
CACHED = ["ours-sqlite", "ours-postgres"]


def write(results: dict, folder: Path) -> str:
    """Write <time>.json and <time>.md under `folder`; returns the markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = results["started"].replace(":", "").replace("+0000", "Z").replace("+00:00", "Z")
    stem = f"{stem}-scale{results['options']['scale']:g}"
    markdown = render(results)
    (folder / f"{stem}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (folder / f"{stem}.md").write_text(markdown)
    return markdown


def render(results: dict) -> str:
    requests, conditional = results.get("requests", {}), results.get("conditional", {})
    sections = [
        _heading(results),
        _targets(results),
        _equivalents(requests),
        _admin(results.get("admin", {})),
        _beside_json(requests),
        _shared_cache(results.get("redis", {}), requests, results.get("ceiling", {})),
        _conditional(conditional, results.get("ceiling", {})),
        _ceiling(results.get("ceiling", {}), requests, conditional),
        _edits(results.get("edits", {})),
        _growth(results.get("growth"), requests),
        _imports(results.get("import_seed", {})),
        _memory(results.get("memory", {})),
        _failures(results.get("failed", {})),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _heading(results: dict) -> str:
    m, v, o = results["machine"], results["versions"], results["options"]
    corpus = results["corpus"]
    lines = [
        f"# Speed benchmark, {results['started']}",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, Linux {m['kernel']}.",
        "Versions: " + ", ".join(f"{name} {value}" for name, value in v.items() if value) + ".",
        f"Load: wrk, 1 thread, {o['concurrency']} connections, {o['warmup']} s warm-up then {o['duration']} s "
        f"per measurement; ours under gunicorn with {o['workers']} sync workers, DEBUG off; Datasette immutable "
        "with an inspect file, suggest_facets off, FTS5 on passages.",
    ]
    for size, info in corpus.items():
        builds = [_build(name, info[name]) for name in ("sqlite", "postgres") if name in info]
        lines.append(f"Corpus ({size}): scale {info['scale']:g}, seed {info['seed']}; " + "; ".join(builds) + ".")
    return "\n".join(lines)


def _targets(results: dict) -> str:
    rows = [[v.target, v.result, "–" if v.met is None else ("yes" if v.met else "NO")] for v in verdicts(results)]
    return "## Against the targets\n\n" + _table(["target", "result", "met"], rows)


def _build(name: str, info: dict) -> str:
    kept = " (in an earlier run whose corpus was kept)" if info.get("kept") else ""
    return f"generate_corpus took {info['generate_seconds']} s on {name}{kept}"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def _equivalents(requests: dict) -> str:
    rows = []
    for name, row in requests.items():
        reference = row.get("datasette", {})
        for server in SERVERS:
            measured = row.get(server)
            if measured is None:
                continue
            rows.append(
                [
                    name,
                    server,
                    measured.get("status"),
                    measured.get("bytes"),
                    measured.get("queries"),
                    measured.get("rps"),
                    measured.get("p50_ms"),
                    measured.get("p99_ms"),
                    _errors(measured),
                    None if server == "datasette" else ratio(measured.get("rps"), reference.get("rps")),
                    None if server == "datasette" else ratio(measured.get("p99_ms"), reference.get("p99_ms")),
                ]
            )
    header = ["request", "server", "status", "bytes", "SQL/req", "req/s", "p50 ms", "p99 ms", "errors"]
    header += ["req/s ÷ Datasette", "p99 ÷ Datasette"]
    return "## Equivalent requests\n\n" + _table(header, rows)


def _admin(admin: dict) -> str:
    rows = [
        [name, backend, m.get("status"), m.get("queries"), m.get("first_ms"), m.get("best_ms")]
        + [m.get("rps"), m.get("p50_ms"), m.get("p99_ms"), _errors(m)]
        for name, backends in admin.items()
        for backend, m in backends.items()
    ]
    if not rows:
        return ""
    header = ["request", "server", "status", "SQL/req", "first ms", "best ms", "req/s", "p50 ms", "p99 ms", "errors"]
    return "## The admin, signed in as an editor\n\n" + _table(header, rows)


def _beside_json(requests: dict) -> str:
    """Each rendered page and document beside its JSON, both computed: how many times the JSON's cost it takes."""
    rows = []
    for page, json_name in BESIDE_JSON.items():
        for server in COMPUTED:
            cost = cost_beside_json(requests, page, json_name, server)
            if cost is not None:
                rendered, data = requests[page][server], requests[json_name][server]
                verdict = _verdict(cost) if page in DOCUMENTS else "not a target"
                rows.append([page, json_name, server, rendered.get("rps"), data.get("rps"), cost, verdict])
    if not rows:
        return ""
    header = ["request", "its JSON", "server", "req/s", "JSON req/s", "cost ÷ JSON", f"within {BESIDE_JSON_COST}×"]
    return "## Rendered pages and documents beside their JSON, computed\n\n" + _table(header, rows)


def _verdict(cost) -> str | None:
    return None if cost is None else ("yes" if cost <= BESIDE_JSON_COST else "NO")


def _shared_cache(redis: dict, requests: dict, ceiling: dict) -> str:
    """The Redis rows beside the same requests with the machine's default cache."""
    rows = []
    for name, servers in redis.items():
        for server, measured in servers.items():
            default = requests.get(name, {}).get(server.replace("-redis", ""), {})
            rows.append(
                [
                    name,
                    server,
                    measured.get("status"),
                    measured.get("rps"),
                    measured.get("p99_ms"),
                    _errors(measured),
                    ratio(measured.get("rps"), default.get("rps")),
                    None if "uncached" in server else ratio(measured.get("rps"), ceiling.get(name, {}).get("rps")),
                ]
            )
    if not rows:
        return ""
    header = ["request", "server", "status", "req/s", "p99 ms", "errors", "÷ the same without Redis", "÷ ceiling"]
    title = "## As deployed with Redis as the shared cache, throttled, 4,096 clients in turn"
    return f"{title}\n\n" + _table(header, rows)


def _errors(measured: dict):
    return measured.get("non_2xx_3xx", 0) + measured.get("socket_errors", 0) if "rps" in measured else None


def _conditional(conditional: dict, ceiling: dict) -> str:
    rows = []
    for name, servers in conditional.items():
        limit = ceiling.get(name, {}).get("rps")
        for server, entry in servers.items():
            rows.append(
                [
                    name,
                    server,
                    "yes" if entry.get("etag") else "no ETag",
                    entry.get("status"),
                    entry.get("rps"),
                    limit,
                    ratio(entry.get("rps"), limit) if entry.get("status") == 304 else None,
                    entry.get("p99_ms"),
                ]
            )
    header = ["request", "server", "ETag", "status", "req/s with If-None-Match", "ceiling req/s", "÷ ceiling", "p99 ms"]
    title = "## Repeated requests with If-None-Match, as deployed, beside the ceiling of the same request"
    return f"{title}\n\n" + _table(header, rows)


def _edits(edits: dict) -> str:
    """Editors saving one thesis while readers read others: the saves made, and what the readers got."""
    rows = []
    for server, run in edits.items():
        readers, saves = run.get("readers", {}), run.get("saves", {})
        timings = run.get("save_seconds") or [None]
        rows.append(
            [
                server,
                run.get("edited"),
                ", ".join(f"{outcome} {number}" for outcome, number in saves.items()) or "none",
                run.get("saves_per_second"),
                timings[len(timings) // 2],
                readers.get("rps"),
                readers.get("hit_share"),
                readers.get("p50_ms"),
                readers.get("p99_ms"),
                _errors(readers),
            ]
        )
    if not rows:
        return ""
    header = ["server", "edited thesis", "saves", "saves/s", "save s (median)", "readers req/s", "hit share"]
    header += ["p50 ms", "p99 ms", "errors"]
    title = "## Edits while reading: one thesis saved through the admin, other theses read"
    return f"{title}\n\n" + _table(header, rows)


def _ceiling(ceiling: dict, requests: dict, conditional: dict) -> str:
    rows = []
    for name, entry in ceiling.items():
        best = max((requests.get(name, {}).get(s, {}).get("rps") or 0 for s in CACHED), default=0)
        not_modified = [e.get("rps") or 0 for e in conditional.get(name, {}).values() if e.get("status") == 304]
        best_304 = max(not_modified, default=0)
        rows.append(
            [
                name,
                entry.get("bytes"),
                entry.get("rps"),
                entry.get("p99_ms"),
                ratio(best, entry.get("rps")),
                ratio(best_304, entry.get("rps")) if best_304 else None,
            ]
        )
    header = ["request", "bytes", "ceiling req/s", "ceiling p99 ms", "ours cached (best, 200) ÷ ceiling"]
    header += ["ours 304 (best) ÷ ceiling"]
    return "## Trivial WSGI ceiling, same bytes and gunicorn settings\n\n" + _table(header, rows)


def _growth(growth: dict | None, requests: dict) -> str:
    if not growth:
        return ""
    rows = []
    for name, servers in growth.items():
        for server, entry in servers.items():
            full = requests.get(name, {}).get(server, {})
            small = entry["small"]
            rows.append(
                [
                    name,
                    server,
                    small.get("p50_ms"),
                    full.get("p50_ms"),
                    entry["p50_ratio"],
                    small.get("p99_ms"),
                    full.get("p99_ms"),
                    entry["p99_ratio"],
                ]
            )
    header = ["request", "server", "p50 ms at 0.1×", "p50 ms at 1×", "×", "p99 ms at 0.1×", "p99 ms at 1×", "×"]
    return "## Latency growth, corpus 10 times smaller beside the full one\n\n" + _table(header, rows)


def _imports(imports: dict) -> str:
    rows = [[name, e.get("seconds"), e.get("command_seconds")] for name, e in imports.items()]
    header = ["database", "import_file, in-process s", "manage.py import_thesis, wall s"]
    return "## Importing the seed into an empty database\n\n" + _table(header, rows)


def _memory(memory: dict) -> str:
    if not memory:
        return ""
    rows, loads = [], []
    for server, entry in memory.items():
        for pid, worker in entry["workers"].items():
            heap_growth = round(worker.get("heap_last_mib", 0) - worker.get("heap_first_mib", 0), 1)
            rows.append(
                [
                    server,
                    pid,
                    worker["first_mib"],
                    worker["last_mib"],
                    worker["max_mib"],
                    worker.get("heap_first_mib", "–"),
                    worker.get("heap_last_mib", "–"),
                    heap_growth,
                ]
            )
        load = entry["load"]
        loads.append(f"{server}: {_cell(load.get('rps'))} req/s, p99 {_cell(load.get('p99_ms'))} ms")
    header = ["server", "worker pid", "RSS first MiB", "RSS last MiB", "RSS max MiB"]
    header += ["heap first MiB", "heap last MiB", "heap growth MiB"]
    title = "## Worker memory under mixed load (every request in turn)"
    note = (
        "RSS counts the pages of a memory-mapped SQLite file a worker has read, which stay until the "
        "kernel wants them back; the heap (RssAnon) is the worker's own memory, where a leak would show."
    )
    loads_line = "The load meanwhile: " + "; ".join(loads) + "."
    return "\n\n".join([title, note, _table(header, rows), loads_line])


def _failures(failed: dict) -> str:
    if not failed:
        return ""
    return "## Not measured\n\n" + "\n".join(f"- {name}: {error}" for name, error in failed.items())
