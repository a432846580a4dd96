"""What a harvester sees of the archive: each thesis's last change, and the theses, live or deleted,
listed by id a page at a time, in two queries a page whatever the archive's size."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import F, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest

from thesis.models import Author, Passage, Section, Source, Thesis, TimelineEvent

# The records whose history is a thesis's: a change to any of them changes the thesis.
PARTS = (Section, Passage, Source, Author, TimelineEvent)
DELETED = "-"
# The last second a datetime holds: an `until` there bounds nothing (and a second more would overflow).
LAST_SECOND = datetime.max.replace(microsecond=0, tzinfo=UTC)


@dataclass
class Entry:
    """A thesis as harvested: its id, kind and last change, and the thesis itself unless it was deleted."""

    id: int
    kind: str
    datestamp: datetime
    thesis: Thesis | None = None

    @property
    def deleted(self) -> bool:
        return self.thesis is None


@dataclass(frozen=True)
class Window:
    """Which theses a harvest asks for: of a kind (a set), changed from `since` to `until` (both inclusive,
    to the second, as OAI-PMH's datestamps are), any when None."""

    kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def changed(self, field: str) -> Q:
        """The condition on a datestamp `field`; `until` takes in its whole second."""
        condition = Q()
        if self.since is not None:
            condition &= Q(**{f"{field}__gte": self.since})
        if self.until is not None and self.until < LAST_SECOND:
            condition &= Q(**{f"{field}__lt": self.until + timedelta(seconds=1)})
        return condition


def latest_history(model) -> Subquery:
    """When a record of `model` belonging to the outer thesis last changed (deletions included)."""
    column = "id" if model is Thesis else "thesis_id"
    rows = model.history.filter(**{column: OuterRef("pk")}).order_by("-history_date")
    return Subquery(rows.values("history_date")[:1])


def with_datestamps(theses):
    """The theses, each annotated with `datestamp`: its last change, or that of anything in it, or its
    creation. Each history read is coalesced, since SQLite's greatest of anything with NULL is NULL."""
    created = F("created_at")
    changes = [Coalesce(latest_history(model), created) for model in (Thesis, *PARTS)]
    return theses.annotate(datestamp=Greatest(created, *changes))


def live_page(window: Window, after: int, size: int) -> list[Entry]:
    """The first `size` theses in the window with an id above `after`, in id order."""
    theses = Thesis.objects.select_related("source_document").defer("source_document__content")
    if window.kind:
        theses = theses.filter(kind=window.kind)
    chosen = with_datestamps(theses.filter(pk__gt=after)).filter(window.changed("datestamp")).order_by("pk")[:size]
    return [Entry(thesis.pk, thesis.kind, thesis.datestamp, thesis) for thesis in chosen]


def deleted_theses():
    """Each deleted thesis's id and kind, with its deletion's time as `datestamp`."""
    gone = Thesis.history.filter(history_type=DELETED).exclude(id__in=Thesis.objects.values("pk"))
    return gone.values("id", "kind").annotate(datestamp=Max("history_date"))


def deleted_page(window: Window, after: int, size: int) -> list[Entry]:
    """The first `size` deleted theses in the window with an id above `after`, in id order."""
    gone = deleted_theses().filter(id__gt=after)
    if window.kind:
        gone = gone.filter(kind=window.kind)
    chosen = gone.filter(window.changed("datestamp")).order_by("id")[:size]
    return [Entry(row["id"], row["kind"], row["datestamp"]) for row in chosen]


def page(window: Window, after: int, size: int) -> list[Entry]:
    """The first `size` theses, live and deleted, in the window with an id above `after`, in id order.

    Paging by id rather than by datestamp or position keeps a harvest whole while the archive changes:
    an edit moves a thesis's datestamp, never its place."""
    entries = live_page(window, after, size) + deleted_page(window, after, size)
    return sorted(entries, key=lambda entry: entry.id)[:size]


def entry(thesis_id: int) -> Entry | None:
    """One thesis, live or deleted, or None if the archive never held it."""
    found = page(Window(), thesis_id - 1, 1)
    return found[0] if found and found[0].id == thesis_id else None


def earliest_datestamp() -> datetime | None:
    """A moment no thesis's datestamp is earlier than: the first creation, or the first record of a
    thesis since deleted; None in an empty archive."""
    created = Thesis.objects.aggregate(first=Min("created_at"))["first"]
    recorded = Thesis.history.aggregate(first=Min("history_date"))["first"]
    return min((moment for moment in (created, recorded) if moment is not None), default=None)
