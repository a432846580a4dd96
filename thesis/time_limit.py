"""A time limit on the queries of a block of code: statement_timeout on PostgreSQL, a progress handler on SQLite.

A search for a letter or a common syllable may have to read every passage; past the limit the database
stops it, and the block raises TooLong, which a page or the API answers with a refusal naming the
parameter, so that no one request holds a worker for long."""

import time
from contextlib import contextmanager, nullcontext

from django.db import DatabaseError, connections, router, transaction
from django.utils.translation import gettext_noop

from .models import Passage

# SQLite asks the handler every this many steps of its virtual machine: about a millisecond's work.
SQLITE_STEPS = 10_000
# PostgreSQL's code for a statement cancelled by statement_timeout.
QUERY_CANCELED = "57014"
# What a refused search says, under the name of its parameter.
SEARCH_TOO_LONG = gettext_noop(
    "the search took too long: use a longer or rarer word, or narrow it to a thesis or a section."
)


class TooLong(Exception):
    """The block's queries ran past its time limit and the database stopped them."""


@contextmanager
def time_limit(seconds: float, model=Passage):
    """Stop any query of the block, on the database `model` is read from, that runs past `seconds`
    from the block's start (SQLite) or from its own start (PostgreSQL); a stopped query raises TooLong."""
    connection = connections[router.db_for_read(model)]
    connection.ensure_connection()
    limiter = {"postgresql": _postgresql, "sqlite": _sqlite}.get(connection.vendor)
    try:
        with limiter(connection, seconds) if limiter else nullcontext():
            yield
    except DatabaseError as error:
        if not _stopped(error):
            raise
        raise TooLong(f"The queries took more than {seconds} s.") from error


@contextmanager
def _postgresql(connection, seconds: float):
    # In a transaction of its own (a savepoint inside another), so that the limit ends with it, and a
    # stopped query leaves an enclosing transaction usable.
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            milliseconds = max(1, round(seconds * 1000))
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{milliseconds}ms"])
        yield


@contextmanager
def _sqlite(connection, seconds: float):
    deadline = time.monotonic() + seconds
    database = connection.connection
    database.set_progress_handler(lambda: time.monotonic() > deadline, SQLITE_STEPS)
    try:
        yield
    finally:
        database.set_progress_handler(None, 0)


def _stopped(error: DatabaseError) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED or str(cause) == "interrupted"
