"""Faults a test can switch on and off under a running server: PostgreSQL out of reach behind a TCP proxy,
a SQLite database file that cannot be opened."""

import contextlib
import os
import socket
import threading
from pathlib import Path


class Proxy:
    """A TCP proxy to a server. `cut()` drops every connection through it and closes each new one at
    once, as a restarting server does; `restore()` lets connections through again. The server itself
    is never touched."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]
        self.passing = threading.Event()
        self.passing.set()
        self.closed = False
        self.lock = threading.Lock()
        self.sockets: set[socket.socket] = set()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while not self.closed:
            try:
                client, _address = self.listener.accept()
            except OSError:
                continue
            if not self.passing.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets |= {client, upstream}
            threading.Thread(target=self.pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self.pump, args=(upstream, client), daemon=True).start()

    def pump(self, source: socket.socket, destination: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            self.drop(source, destination)

    def drop(self, *sockets: socket.socket) -> None:
        for each in sockets:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
            each.close()
            with self.lock:
                self.sockets.discard(each)

    def cut(self) -> None:
        self.passing.clear()
        with self.lock:
            connected = list(self.sockets)
        self.drop(*connected)

    def restore(self) -> None:
        self.passing.set()

    def close(self) -> None:
        self.closed = True
        self.cut()
        self.listener.close()


class SqliteLink:
    """A SQLite database reached through a symbolic link, which `cut()` points at a directory: a new
    connection then fails with "unable to open database file", as when its disk goes away. SQLite
    follows the link, so the database's -wal and -shm files stay beside the real file throughout, and
    connections already open keep working."""

    def __init__(self, database: Path):
        self.database = database
        self.link = database.parent / "through-link" / database.name
        self.link.parent.mkdir()
        self.nowhere = database.parent / "nowhere"
        self.nowhere.mkdir()
        self.point_at(database)

    @property
    def url(self) -> str:
        return f"sqlite:///{self.link}"

    def point_at(self, target: Path) -> None:
        # A new link renamed over the old one: no moment without one.
        staged = self.link.with_name(self.link.name + ".new")
        os.symlink(target, staged)
        os.replace(staged, self.link)

    def cut(self) -> None:
        self.point_at(self.nowhere)

    def restore(self) -> None:
        self.point_at(self.database)

    def close(self) -> None:
        self.restore()
