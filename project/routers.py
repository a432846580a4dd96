"""Read replicas: reads go to a replica, writes and migrations to the primary ("default").

settings.py turns this on when DATABASE_REPLICA_URLS names replicas (the aliases "replica1",
"replica2", …). A read still goes to the primary when it must see what was just written:
inside a transaction on the primary (imports, edits, generate_corpus), when it follows a row
read from the primary, and throughout a request that edits or is made in the admin.
"""

import os
import threading
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA_PREFIX = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_primary_reads = ContextVar("primary_reads", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


@contextmanager
def primary_reads():
    """Send every read made inside to the primary."""
    token = _primary_reads.set(True)
    try:
        yield
    finally:
        _primary_reads.reset(token)


class PrimaryReplicaRouter:
    """Every alias holds the same data, so rows read from any two may be related."""

    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas or _must_read_primary(hints):
            return PRIMARY
        # A worker keeps to one replica: one connection each, and reads within a request that agree.
        return replicas[hash((os.getpid(), threading.get_ident())) % len(replicas)]

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        aliases = {PRIMARY, *replica_aliases()}
        return obj1._state.db in aliases and obj2._state.db in aliases

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _must_read_primary(hints) -> bool:
    instance = hints.get("instance")
    return (
        _primary_reads.get()
        or connections[PRIMARY].in_atomic_block
        or (instance is not None and instance._state.db == PRIMARY)
    )


class PrimaryReadsMiddleware:
    """A request that edits (any method but GET, HEAD and OPTIONS) or that is made under one of
    DATABASE_PRIMARY_PATHS (the admin by default) reads from the primary, so that an editor sees
    their change at once rather than after the replicas catch up."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = tuple(getattr(settings, "DATABASE_PRIMARY_PATHS", ("/admin/",)))

    def __call__(self, request):
        if request.method in SAFE_METHODS and not request.path.startswith(self.paths):
            return self.get_response(request)
        with primary_reads():
            return self.get_response(request)
