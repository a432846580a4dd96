"""What changed since an editor was last here: other editors' saves of passages and notes written since
the editor's previous sign-in (EditorProfile.last_seen, moved on at each sign-in).

Decisions a reader should know:
- "Since I was last here" is since the sign-in before this one: the session keeps it, so that
  the feed stays the same through a day's pages and starts afresh at the next sign-in.
- Someone new (no earlier sign-in) is shown the last day's changes.
- An editor's own changes are left out: they know them.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from thesis.history import change_time, public_name, shown_reason

from ..models import EditorProfile, Passage, PassageNote

# The feed shows this many of each, newest first.
FEED_SIZE = 15
# The session's key for the previous sign-in, as an ISO time.
SINCE_KEY = "activity_since"
FIRST_VISIT = timedelta(days=1)


@dataclass
class Change:
    """One line of the feed: when, who, which passage and what happened, in the reader's language."""

    when: datetime
    who: str
    passage_id: int
    order: int
    what: str
    is_note: bool = False

    @property
    def time(self) -> str:
        return change_time(self.when)


def signed_in(user, now: datetime | None = None) -> datetime | None:
    """Note a sign-in: the editor's last one is returned (None for a first), and now stored in its place."""
    now = now or timezone.now()
    profile, _created = EditorProfile.objects.get_or_create(user=user)
    previous = profile.last_seen
    EditorProfile.objects.filter(pk=profile.pk).update(last_seen=now)
    return previous


def since_of(session, now: datetime | None = None) -> datetime:
    """The moment the feed starts from: the previous sign-in the session keeps, else a day ago."""
    kept = session.get(SINCE_KEY)
    if kept:
        try:
            return datetime.fromisoformat(kept)
        except ValueError:
            pass  # a session written by another version: fall back to the last day
    return (now or timezone.now()) - FIRST_VISIT


def passage_changes(user, since: datetime) -> list[Change]:
    """Other editors' saves of passages since `since`, newest first, in one query."""
    rows = (
        Passage.history.filter(history_date__gt=since, history_user__isnull=False)
        .exclude(history_user=user)
        .select_related("history_user")
        .only("history_id", "history_date", "history_change_reason", "history_user", "id", "order")
        .order_by("-history_date", "-history_id")[:FEED_SIZE]
    )
    return [
        Change(
            row.history_date, public_name(row.history_user), row.id, row.order, shown_reason(row.history_change_reason)
        )
        for row in rows
    ]


def note_changes(user, since: datetime) -> list[Change]:
    """Other editors' notes since `since`, newest first, in one query."""
    notes = (
        PassageNote.objects.filter(created__gt=since)
        .exclude(author=user)
        .select_related("author", "passage")
        .only("created", "body", "kind", "passage_id", "passage__order", "author")
        .order_by("-created", "-pk")[:FEED_SIZE]
    )
    return [
        Change(n.created, public_name(n.author) or "", n.passage_id, n.passage.order, n.body, is_note=True)
        for n in notes
    ]


def feed(user, since: datetime) -> list[Change]:
    """What changed since `since`, saves and notes together, newest first, in two queries."""
    changes = passage_changes(user, since) + note_changes(user, since)
    return sorted(changes, key=lambda change: change.when, reverse=True)[:FEED_SIZE]
