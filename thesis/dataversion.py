"""The data version: a number that every change to the archive bumps, read once per API request."""

import time

from django.db import connections, router
from django.db.models import F

from .models import DataVersion

ROW = 1
VERSION_QUERY = f"SELECT number FROM {DataVersion._meta.db_table} WHERE id = {ROW}"


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


def current(using: str | None = None) -> int:
    """The number now. It is read for every API request, the cached ones included, so it goes to
    the driver's connection directly: Django's cursor wrapper would cost more than the query."""
    connection = connections[using or router.db_for_read(DataVersion)]
    # Errors still become Django's, and mark the connection for Django to replace.
    with connection.wrap_database_errors:
        connection.ensure_connection()
        row = connection.connection.execute(VERSION_QUERY).fetchone()
    return row[0] if row else 0
