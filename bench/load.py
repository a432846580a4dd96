"""Driving a server with wrk, a separate load generator, and reading its report."""

import http.client
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

LUA = Path(__file__).resolve().parent / "report.lua"
# Production runs behind a proxy that ends TLS and says so; without it every request is
# redirected to https. Every server gets it, so that the load is the same for all.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# Long enough that a slow request is measured, not dropped as a timeout.
REQUEST_TIMEOUT = "60s"


@dataclass(frozen=True)
class Load:
    warmup: int
    duration: int
    concurrency: int


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("bench: wrk is not installed (Debian: apt-get install wrk)")
    return path


def measure(
    url: str, load: Load, headers: dict | None = None, cycle: list | None = None, clients: int = 0, count: str = ""
) -> dict:
    """Warm up, then load `url` for the set duration; req/s and latency percentiles in ms. With
    `clients`, each request says it is forwarded for the next of that many client addresses; with
    `count`, the responses whose header of that name says "hit" are counted (`hits`)."""
    arguments = ([f"clients={clients}"] if clients else []) + ([f"count={count}"] if count else []) + (cycle or [])
    if load.warmup:
        _wrk(url, load.warmup, load.concurrency, headers, arguments)
    report = _wrk(url, load.duration, load.concurrency, headers, arguments)
    seconds = report["duration_us"] / 1e6
    errors = sum(report[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    completed = report["requests"] > 0
    return {
        "requests": report["requests"],
        "seconds": round(seconds, 1),
        "rps": round(report["requests"] / seconds, 1) if seconds else 0.0,
        # With no request completed there is no latency to report, only that none came back in time.
        **{f"{p}_ms": report[f"{p}_us"] / 1000 if completed else None for p in ("p50", "p90", "p99", "max")},
        "non_2xx_3xx": report["status_errors"],
        "socket_errors": errors,
    } | ({"hits": report["hits"]} if count else {})


def _wrk(url, duration, concurrency, headers, arguments) -> dict:
    command = [
        wrk_path(),
        "--threads=1",
        f"--connections={concurrency}",
        f"--duration={duration}s",
        f"--timeout={REQUEST_TIMEOUT}",
        f"--script={LUA}",
    ]
    for name, value in (PROXY_HEADERS | (headers or {})).items():
        command.append(f"--header={name}: {value}")
    command.append(url)
    if arguments:
        command += ["--", *arguments]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request, redirects not followed: status, headers (lower-case names) and body, whatever
    the status; status 0 if no complete response came."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers=PROXY_HEADERS | (headers or {}))
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except (http.client.HTTPException, OSError) as error:
        return 0, {}, f"no complete response: {error!r}".encode()
    finally:
        connection.close()
