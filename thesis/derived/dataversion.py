"""The data version: a number that every change to the archive bumps, and each thesis's own, read once per request."""

import time
from collections.abc import Collection

from django.db import connections, router
from django.db.models import F, Q, Subquery

from ..models import Author, DataVersion, Passage, Section, Source, Thesis, TimelineEvent

ROW = 1
# The row as a parameter, so that PostgreSQL can prepare the query once per connection.
VERSION_QUERY = f"SELECT number FROM {DataVersion._meta.db_table} WHERE id = %s"
ARCHIVE = f"(SELECT number FROM {DataVersion._meta.db_table} WHERE id = %s)"
THESES = Thesis._meta.db_table
# The records whose answers depend on their thesis alone, by the name a scope gives them
# (project/version_scope.py), each with the table it is read from.
RECORD_TABLES = {
    "section": Section._meta.db_table,
    "passage": Passage._meta.db_table,
    "source": Source._meta.db_table,
    "author": Author._meta.db_table,
    "event": TimelineEvent._meta.db_table,
}
# A thesis's own version, or the archive's where it has none (no such record, or a thesis not yet
# counted apart): both come from one counter, so a record that appears, moves or goes always reads
# a number it never read before.
SCOPED_QUERIES = {
    "thesis": f"SELECT COALESCE((SELECT data_version FROM {THESES} WHERE id = %s), {ARCHIVE})",
    **{
        kind: f"SELECT COALESCE((SELECT t.data_version FROM {table} r JOIN {THESES} t ON t.id = r.thesis_id "
        f"WHERE r.id = %s), {ARCHIVE})"
        for kind, table in RECORD_TABLES.items()
    },
}
# More theses than this in one change are counted changed all at once: one list of ids, not thousands.
MANY_THESES = 500


def bump(using: str | None = None, theses: Collection[int] | None = None, passages: Collection[int] = ()) -> None:
    """Count one more change; called in the transaction that makes it, so both commit together. The
    theses changed (`theses`, and those of `passages`) take the new number as their own; None: every thesis."""
    using = using or router.db_for_write(DataVersion)
    if not DataVersion.objects.using(using).filter(pk=ROW).update(number=F("number") + 1):
        # The row is made by the migration; only a flushed database (some tests) lacks it.
        DataVersion.objects.using(using).get_or_create(pk=ROW, defaults={"number": first_number()})
    if theses is not None and not theses and not passages:
        return
    number = Subquery(DataVersion.objects.using(using).filter(pk=ROW).values("number")[:1])
    Thesis.objects.using(using).filter(changed_theses(theses, passages)).update(data_version=number)


def changed_theses(theses: Collection[int] | None, passages: Collection[int]) -> Q:
    """The theses a change counts changed: those given and their passages', and those whose events
    show a person or a passage of one of them (an editor may link an event to another thesis's); None: all."""
    if theses is None or len(theses) > MANY_THESES:
        return Q()
    changed = Q(pk__in=theses)
    if passages:
        changed |= Q(pk__in=Passage.objects.filter(pk__in_ids=passages).values("thesis_id"))
    linked = TimelineEvent.objects.linked_to(Thesis.objects.filter(changed).values("pk"))
    return changed | Q(pk__in=linked.values("thesis_id"))


def first_number() -> int:
    """Where a new database's version starts: the time in microseconds, so that a database made
    again (a restore, say) never repeats a version a worker may still hold responses for."""
    return time.time_ns() // 1000


def database() -> str:
    """The database the number is read from."""
    return router.db_for_read(DataVersion)


def current(using: str | None = None, scope: tuple[str, int] | None = None) -> int:
    """The number now, read for every request, the cached ones included: the archive's, or with a
    scope (project/version_scope.py) its thesis's own. One small query through Django's cursor, so
    that any backend Django supports can answer it."""
    connection = connections[using or database()]
    query, params = (VERSION_QUERY, [ROW]) if scope is None else (SCOPED_QUERIES[scope[0]], [scope[1], ROW])
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    return (row[0] if row else None) or 0
