"""An editor's work queue: each thesis's passages by status, its open suspects, who saved what this week,
and the next passage to check.

Decisions a reader of the queue should know:
- The next passage to check is an unreviewed one: a corrected passage already had an editor's
  change and waits for a reviewer, and a verified one is done. A passage a reviewer sends back
  is unreviewed again, so it comes back. An editor who has read a passage and found nothing to
  change marks it corrected, and it leaves the queue as a changed one does. A passage in progress
  is its editor's until they say it is ready (own_work.py), so it is not offered to others either,
  nor is one another editor holds a claim on (claims.py).
- Of the unreviewed passages the one with the most open suspects comes first; ties, and the
  passages with none, go in document order.
- "This week" is the calendar week, from Monday 00:00 in the archive's time zone.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from thesis.derived.stored_suspects import counts_by_kind, speller_problem
from thesis.derived.suspects import Kind
from thesis.history import public_name

from ..models import Passage, Thesis

# The index shows the progress of this many theses, the first imported first; the list of theses has the rest.
THESES_SHOWN = 10


@dataclass
class NextPassage:
    """The passage to check next: where it is and how many open suspects it has."""

    passage_id: int
    order: int
    open_suspects: int


@dataclass
class EditorWeek:
    """One editor's saves of a thesis's passages this week."""

    user: object
    saves: int
    passages: int

    @property
    def name(self) -> str:
        return public_name(self.user)


@dataclass
class ThesisProgress:
    thesis: Thesis
    by_status: dict[str, int]
    suspects_by_kind: dict[str, int]
    speller_problem: str
    editors: list[EditorWeek] = field(default_factory=list)
    next_passage: NextPassage | None = None

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def open_suspects(self) -> int:
        return sum(self.suspects_by_kind.values())

    @property
    def statuses(self) -> list[tuple[str, str, int]]:
        """(status, its label, how many passages), in the order of the statuses."""
        return [(status, status.label, self.by_status.get(status, 0)) for status in Passage.Status]

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        """(kind, its label, how many open suspects), in the order the suspects page lists them."""
        return [(kind, kind.label, self.suspects_by_kind.get(kind, 0)) for kind in Kind]


def unreviewed(user=None, now: datetime | None = None):
    """The unreviewed passages; for an editor, those no other editor holds a claim on (claims.py)."""
    passages = Passage.objects.filter(status=Passage.Status.UNREVIEWED)
    return passages if user is None else passages.unclaimed(user, now or timezone.now())


def next_to_check(thesis, exclude: int | None = None, user=None, now: datetime | None = None) -> NextPassage | None:
    """The unreviewed passage with the most open suspects, the first in document order of those
    tied; None when no unreviewed passage is left. `exclude` leaves out the passage just saved; for
    a `user`, passages other editors hold are left out too. One query down the work-queue index,
    from the counts stored with the passages."""
    candidates = unreviewed(user, now).filter(thesis=thesis)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    best = candidates.order_by("-open_suspects", "order").values_list("pk", "order", "open_suspects").first()
    return NextPassage(*best) if best else None


def next_for_each(thesis_ids, user=None, now: datetime | None = None) -> dict[int, NextPassage]:
    """The next passage to check of each thesis (none another editor than `user` holds), in two queries
    (each thesis's down the work-queue index)."""
    queue = unreviewed(user, now).filter(thesis=OuterRef("pk"))
    first = queue.order_by("-open_suspects", "order").values("pk")[:1]
    chosen = Thesis.objects.filter(pk__in=list(thesis_ids)).annotate(next_pk=Subquery(first))
    by_thesis = dict(chosen.values_list("pk", "next_pk"))
    rows = Passage.objects.filter(pk__in=[pk for pk in by_thesis.values() if pk is not None]).order_by()
    passages = {row[0]: row for row in rows.values_list("pk", "order", "open_suspects")}
    return {thesis: NextPassage(*passages[pk]) for thesis, pk in by_thesis.items() if pk is not None}


def week_start(now: datetime | None = None) -> datetime:
    """Monday 00:00 of the week `now` falls in, in the archive's time zone."""
    local = timezone.localtime(now or timezone.now())
    monday = local - timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def edits_this_week(thesis_ids, now: datetime | None = None) -> dict[int, list[EditorWeek]]:
    """Each editor's saves of each thesis's passages since Monday, most first, from history, in two queries.

    A save is a change recorded with its editor: the import's records (no editor) are not edits."""
    rows = (
        Passage.history.filter(
            thesis_id__in=list(thesis_ids),
            history_type="~",
            history_user__isnull=False,
            history_date__gte=week_start(now),
        )
        .values("thesis_id", "history_user_id")
        .annotate(saves=Count("history_id"), passages=Count("id", distinct=True))
    )
    rows = list(rows)
    users = get_user_model().objects.in_bulk({row["history_user_id"] for row in rows})
    found: dict[int, list[EditorWeek]] = {}
    for row in rows:
        editor = EditorWeek(users[row["history_user_id"]], row["saves"], row["passages"])
        found.setdefault(row["thesis_id"], []).append(editor)
    for editors in found.values():
        editors.sort(key=lambda e: (-e.saves, e.user.pk))
    return found


def passages_by_status(thesis_ids) -> dict[int, dict[str, int]]:
    """Each thesis's passages counted by status, every status in its order, in one query."""
    found = {pk: dict.fromkeys(Passage.Status.values, 0) for pk in thesis_ids}
    rows = Passage.objects.filter(thesis_id__in=list(thesis_ids)).values("thesis_id", "status")
    for row in rows.annotate(count=Count("pk")).order_by():
        found[row["thesis_id"]][row["status"]] = row["count"]
    return found


def progress(theses=None, now: datetime | None = None, user=None) -> list[ThesisProgress]:
    """The progress of the first THESES_SHOWN theses (or of those given): passages by status, open
    suspects by kind, edits this week by editor and the next passage to check (for `user`, one no
    other editor holds)."""
    theses = list(theses if theses is not None else Thesis.objects.order_by("pk")[:THESES_SHOWN])
    ids = [thesis.pk for thesis in theses]
    statuses, editors, kinds = passages_by_status(ids), edits_this_week(ids, now), counts_by_kind(ids)
    following = next_for_each(ids, user, now)
    return [
        ThesisProgress(
            thesis=thesis,
            by_status=statuses[thesis.pk],
            suspects_by_kind=kinds[thesis.pk],
            speller_problem=speller_problem(),
            editors=editors.get(thesis.pk, []),
            next_passage=following.get(thesis.pk),
        )
        for thesis in theses
    ]
