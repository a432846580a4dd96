"""Serving as the deployment does (gunicorn.conf.py, project/serving.py): slow clients cannot hold the workers,
and the workers die with their master."""

import http.client
import os
import signal
import socket
import sys
import time

import pytest

from tests.app_server import gunicorn_process
from tests.reliability import report
from tests.test_settings import PRODUCTION, run

SLOW_CLIENTS = 16
# How long the slow clients keep trickling, longer than the header deadline the test sets.
TRICKLE_SECONDS = 8


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('serving') / 'db.sqlite3'}"
    done = run([sys.executable, "manage.py", "migrate", "-v0"], {**PRODUCTION, "DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    return url


def environment(database: str, tmp_path) -> dict:
    return {
        **PRODUCTION,
        "DATABASE_URL": database,
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_DIR": str(tmp_path / "cache"),
        "API_ANON_RATE": "off",
        "HEADER_TIMEOUT_SECONDS": "3",
    }


def slow_client(port: int) -> socket.socket:
    """A connection that has begun a request and sends the rest of its headers a byte at a time."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=5)
    connection.sendall(b"GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return connection


def trickle(connections: list[socket.socket]) -> list[socket.socket]:
    """The connections still open after one more byte each; those the server has closed are dropped."""
    held = []
    for connection in connections:
        try:
            connection.sendall(b"X")
            held.append(connection)
        except OSError:
            connection.close()
    return held


def answer(port: int) -> int:
    """A reader's request, answered within 5 seconds, or 0."""
    reader = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        reader.request("GET", "/api/", headers={"Host": "127.0.0.1"})
        return reader.getresponse().status
    except OSError:
        return 0
    finally:
        reader.close()


def test_slow_clients_leave_the_workers_free_for_readers(migrated_database, tmp_path):
    with gunicorn_process(environment(migrated_database, tmp_path), tmp_path / "access.log", workers=4) as (_, port):
        slow = [slow_client(port) for _ in range(SLOW_CLIENTS)]
        statuses = []
        for _second in range(TRICKLE_SECONDS):
            slow = trickle(slow)
            statuses.append(answer(port))
            time.sleep(1)
        held = len(trickle(slow))
        for connection in slow:
            connection.close()
    report("slow clients against the workers", sockets=SLOW_CLIENTS, still_held=held, answered=statuses.count(200))
    report("slow clients against the workers", server_errors=sum(status >= 500 for status in statuses))
    assert statuses == [200] * TRICKLE_SECONDS
    assert held == 0  # each was cut at the header deadline


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
        return False


def running(pid: int) -> bool:
    """Whether the process exists and has not exited (an exited one may wait, a zombie, for whoever reaps it)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers die with their master through Linux's prctl")
def test_the_workers_die_with_their_master(migrated_database, tmp_path):
    env = environment(migrated_database, tmp_path)
    with gunicorn_process(env, tmp_path / "access.log", workers=4) as (master, port):
        with open(f"/proc/{master.pid}/task/{master.pid}/children") as children:
            workers = [int(pid) for pid in children.read().split()]
        os.kill(master.pid, signal.SIGKILL)
        master.wait()
        killed = time.monotonic()
        while (port_taken(port) or any(map(running, workers))) and time.monotonic() < killed + 5:
            time.sleep(0.1)
        gone_after = time.monotonic() - killed
    survivors = [pid for pid in workers if running(pid)]
    report("workers after their master is killed", workers=len(workers), seconds_to_exit=round(gone_after, 1))
    assert len(workers) == 4 and not survivors, survivors
    assert not port_taken(port), "the workers still hold the port 5 s after their master died"
