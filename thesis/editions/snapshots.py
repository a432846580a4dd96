"""One state of the archive for all the reads of one response, so that rows read in separate queries agree."""

from contextlib import contextmanager

from django.db import connections, router, transaction
from psycopg import IsolationLevel


@contextmanager
def snapshot(model):
    """Make the block's reads of `model`'s database see one state of the data, in a read-only
    transaction: outside one, each statement sees the commits made since the last, and a passage
    could be read at one version and its citations at the next. Inside a transaction already (an
    import's, a test's), that transaction decides what the block sees."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    begin = repeatable_read if connection.vendor == "postgresql" else deferred
    with begin(connection), transaction.atomic(using=alias):
        yield


@contextmanager
def repeatable_read(connection):
    """On PostgreSQL, the next transaction begins REPEATABLE READ, READ ONLY: one snapshot for every
    statement, taken at the first. psycopg says so in its BEGIN, which costs no statement of its own."""
    driver = connection.connection
    before = driver.isolation_level, driver.read_only
    driver.isolation_level, driver.read_only = IsolationLevel.REPEATABLE_READ, True
    try:
        yield
    finally:
        if not driver.closed:
            driver.isolation_level, driver.read_only = before


@contextmanager
def deferred(connection):
    """On SQLite, the next transaction begins DEFERRED: its reads see the state of the first of them
    (WAL mode) and take no lock, where the IMMEDIATE the settings give every transaction would take
    the write lock and make readers queue behind each other and the editors."""
    before = connection.transaction_mode
    connection.transaction_mode = "DEFERRED"
    try:
        yield
    finally:
        connection.transaction_mode = before
