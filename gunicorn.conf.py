"""How gunicorn serves the archive; gunicorn reads this file from the directory it starts in.

Threads rather than sync workers, so that a slow client holds one thread of many, for at most the
header deadline (project/serving.py), not a whole worker; and workers that die with their master,
so that a master killed outright does not leave them holding the port."""

import ctypes
import os
import signal

worker_class = "project.serving.HeaderDeadlineWorker"
# Each worker's threads; each may hold a database connection (CONN_MAX_AGE).
threads = int(os.environ.get("WEB_THREADS", "16"))
# A request that computes for longer than this is stopped and its worker replaced.
timeout = int(os.environ.get("WEB_TIMEOUT_SECONDS", "30"))
# How long an idle connection is kept open for its next request.
keepalive = 5

# Linux's prctl option that sends a process a signal when its parent dies.
PR_SET_PDEATHSIG = 1


def post_fork(server, worker):
    """Ask Linux to end this worker when the master dies: a master killed with SIGKILL cannot stop its
    workers, and they would go on holding the port and answering, unsupervised."""
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is None or prctl(PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        server.log.warning("Workers will not die with their master: prctl is not available.")
        return
    if os.getppid() != server.pid:  # the master died before the request was made
        os.kill(os.getpid(), signal.SIGTERM)
