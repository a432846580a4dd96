"""Starting and stopping the servers under test, each in its own process group, and reading their memory."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
READY_TIMEOUT = 120


class Server:
    """A server process on a loopback port; a context manager that stops it, and all it started."""

    def __init__(self, name: str, command: list[str], port: int, env: dict, log: Path, cwd: Path = ROOT):
        self.name = name
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        with open(log, "ab") as output:
            self.process = subprocess.Popen(
                command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

    def __enter__(self):
        self.wait_ready()
        return self

    def __exit__(self, *exc):
        self.stop()

    def wait_ready(self, path: str = "/") -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log}")
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", path)
                connection.getresponse().read()
                return
            except (http.client.HTTPException, OSError):
                time.sleep(0.3)
            finally:
                connection.close()
        raise RuntimeError(f"{self.name} did not answer within {READY_TIMEOUT} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def worker_pids(self) -> list[int]:
        """The processes that answer requests: gunicorn's workers, or the server itself if it has none."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = [int(pid) for pid in children.read_text().split()]
        except OSError:
            pids = []
        return pids or [self.process.pid]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(name: str, app: str, env: dict, workers: int, log: Path) -> Server:
    """The same gunicorn settings for ours and for the ceiling: the deployment's (gunicorn.conf.py, read
    from the project's directory: threaded workers), no access log."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        app,
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        "--timeout=120",
    ]
    return Server(name, command, port, env, log)


def datasette(database: Path, inspect_file: Path, log: Path, trace: bool = False) -> Server:
    """Datasette as its documentation advises for speed: immutable, with counts from an inspect
    file, and no facet suggestions; `trace` adds the per-request SQL trace used to count queries.
    It returns up to 2,000 rows, twice its default, so that it lists the whole large thesis."""
    port = free_port()
    command = [
        str(BIN / "datasette"),
        "serve",
        "-i",
        str(database),
        f"--inspect-file={inspect_file}",
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "max_returned_rows",
        "2000",
        "--host=127.0.0.1",
        f"--port={port}",
    ]
    if trace:
        command += ["--setting", "trace_debug", "1"]
    return Server("datasette", command, port, dict(os.environ), log, cwd=database.parent)


def rss_kib(pid: int, field: str = "VmRSS") -> int | None:
    """A process's resident memory in KiB: all of it (VmRSS), or its private heap alone (RssAnon),
    which unlike VmRSS does not count the pages of a memory-mapped database file it has read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None
