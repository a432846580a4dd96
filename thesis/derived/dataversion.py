"""The data version: a number that every change to the archive bumps, read once per API request."""

import time

from django.db import connections, router
from django.db.models import F

from ..models import DataVersion

ROW = 1
# The row as a parameter, so that PostgreSQL can prepare the query once per connection.
VERSION_QUERY = f"SELECT number FROM {DataVersion._meta.db_table} WHERE id = %s"


def bump(using: str | None = None) -> None:
    """Count one more change; called in the transaction that makes it, so both commit together."""
    using = using or router.db_for_write(DataVersion)
    if not DataVersion.objects.using(using).filter(pk=ROW).update(number=F("number") + 1):
        # The row is made by the migration; only a flushed database (some tests) lacks it.
        DataVersion.objects.using(using).get_or_create(pk=ROW, defaults={"number": first_number()})


def first_number() -> int:
    """Where a new database's version starts: the time in microseconds, so that a database made
    again (a restore, say) never repeats a version a worker may still hold responses for."""
    return time.time_ns() // 1000


def database() -> str:
    """The database the number is read from."""
    return router.db_for_read(DataVersion)


def current(using: str | None = None) -> int:
    """The number now, read for every API request, the cached ones included: one small query
    through Django's cursor, so that any backend Django supports can answer it."""
    connection = connections[using or database()]
    with connection.cursor() as cursor:
        cursor.execute(VERSION_QUERY, [ROW])
        row = cursor.fetchone()
    return row[0] if row else 0
