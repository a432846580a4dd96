"""The project under gunicorn in a process of its own, for tests that need real workers rather than the test client."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from django.conf import settings

from tests.test_settings import free_port


@contextmanager
def gunicorn(env: dict, access_log, workers: int = 2, max_requests: int = 0, arguments: tuple = (), error_log=None):
    """The port of a gunicorn serving the project with `env`, each request logged as "<pid> path status";
    `arguments` are gunicorn's own, over those of gunicorn.conf.py; what the workers write to stderr goes
    to `error_log`, if one is named."""
    with gunicorn_process(env, access_log, workers, max_requests, arguments, error_log) as (_server, port):
        yield port


@contextmanager
def gunicorn_process(
    env: dict, access_log, workers: int = 2, max_requests: int = 0, arguments: tuple = (), error_log=None
):
    """The master process and port of a gunicorn started as the deployment starts it: from the project's
    directory, so that it reads gunicorn.conf.py there."""
    port = free_port()
    command = [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--access-logfile", str(access_log)]
    if max_requests:
        command += ["--max-requests", str(max_requests)]
    command += [*arguments, "--access-logformat", "%(p)s %(U)s %(s)s", "project.wsgi:application"]
    inherited = {name: value for name, value in os.environ.items() if name != "DEBUG"}
    errors = open(error_log, "wb") if error_log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env={**inherited, **env}, stdout=subprocess.DEVNULL, stderr=errors
    )
    try:
        wait_until_up(port)
        yield server, port
    finally:
        if server.poll() is None:
            server.terminate()
        server.wait(timeout=30)
        if error_log:
            errors.close()


def wait_until_up(port: int):
    deadline = time.monotonic() + 30
    while True:
        try:
            # Any answer will do; a missing page is not throttled. The header is the proxy's, so that
            # production's redirect to https answers too rather than sending the probe elsewhere.
            probe = urllib.request.Request(f"http://127.0.0.1:{port}/up/", headers={"X-Forwarded-Proto": "https"})
            urllib.request.urlopen(probe, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            assert time.monotonic() < deadline, "gunicorn did not answer within 30 seconds"
            time.sleep(0.2)


def serving_workers(access_log, path: str) -> list[str]:
    """The pid of the worker that served each request for `path` so far, in order."""
    requests = (line.split(" ") for line in access_log.read_text().splitlines())
    return [pid.strip("<>") for pid, served, _status in requests if served == path]
