"""The gunicorn worker the archive is served by (gunicorn.conf.py): gthread's, with a deadline on its headers."""

import contextlib
import os
import socket
import threading
import time

from gunicorn.workers.gthread import ThreadWorker

# How long a connection may take, from when a thread takes it up, to send the headers of its request.
HEADER_SECONDS = float(os.environ.get("HEADER_TIMEOUT_SECONDS", "10"))


class HeaderDeadlineWorker(ThreadWorker):
    """gthread's worker, giving up on a request whose headers are not all in within HEADER_SECONDS.

    gthread waits for a connection's first byte without a thread, but then reads the rest of the
    request in one: a client sending a byte a second would hold that thread for as long as it liked.
    One watchman thread per worker shuts such a connection down, which ends the thread's read."""

    def init_process(self):
        self.deadlines: dict[object, float] = {}
        self.deadlines_lock = threading.Lock()
        threading.Thread(target=self.cut_late_headers, name="header-deadlines", daemon=True).start()
        super().init_process()

    def handle(self, conn):
        with self.deadlines_lock:
            self.deadlines[conn] = time.monotonic() + HEADER_SECONDS
        try:
            return super().handle(conn)
        finally:
            self.headers_read(conn)

    def handle_request(self, req, conn):
        self.headers_read(conn)
        return super().handle_request(req, conn)

    def headers_read(self, conn) -> None:
        with self.deadlines_lock:
            self.deadlines.pop(conn, None)

    def cut_late_headers(self) -> None:
        while True:
            time.sleep(1)
            now = time.monotonic()
            with self.deadlines_lock:
                late = [conn for conn, deadline in self.deadlines.items() if deadline < now]
                for conn in late:
                    del self.deadlines[conn]
            for conn in late:
                with contextlib.suppress(OSError):  # the client may have left meanwhile
                    conn.sock.shutdown(socket.SHUT_RDWR)
