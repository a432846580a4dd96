"""The review queue and a reviewer's decisions: approve a corrected passage, or send it back with a comment."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thesis.derived import changes
from thesis.history import clean_reason, reason_kind, system_reason

from ..models import OpenSuspect, Passage
from ..text.diffs import word_diff
from . import discussion
from .editing import EditRefused, save_passage
from .verification import VERIFY_PERMISSION, ReviewState, review_state, state_of, versions_of

# A queue page shows this many passages; the rest wait behind them.
QUEUE_SIZE = 50


def approve(passage_id: int, *, expected_version: int, user, comment: str = "") -> Passage:
    """Verify a passage, as a reviewer other than its last editor: a new version in history."""
    comment = clean_reason(comment)
    reason = system_reason("approved_with", reason=comment) if comment else system_reason("approved")
    return save_passage(
        passage_id, status=Passage.Status.VERIFIED, expected_version=expected_version, user=user, reason=reason
    )


def send_back(passage_id: int, *, expected_version: int, user, comment: str) -> Passage:
    """Return a passage to its editors as unreviewed, the reviewer's comment as the history reason and as a
    note of its conversation, of which the editor of its text is told.

    Unreviewed rather than corrected, so that it leaves the queue until an editor changes it again."""
    if user is None or not user.has_perm(VERIFY_PERMISSION):
        raise EditRefused(_("Only a reviewer can send a passage back."))
    comment = clean_reason(comment)
    if not comment:
        raise EditRefused(_("Say why the passage is sent back."))
    with changes.atomic():
        passage = save_passage(
            passage_id,
            status=Passage.Status.UNREVIEWED,
            expected_version=expected_version,
            user=user,
            reason=system_reason("sent_back", reason=comment),
        )
        discussion.send_back_note(passage, reviewer=user, comment=comment, editor=state_of(passage).last_editor)
    return passage


@dataclass
class QueueItem:
    """A passage waiting for review, with the word diff since it was last verified (or imported) and the
    suspected errors still open in its text."""

    passage: Passage
    state: ReviewState
    diff: list[dict]
    open_suspects: list[OpenSuspect] = field(default_factory=list)


@dataclass
class Queue:
    items: list[QueueItem]
    total: int


def queue(thesis, size: int = QUEUE_SIZE) -> Queue:
    """The thesis's corrected passages, the longest waiting first, each with its diff, the reasons of its
    changes and its open suspects, in four queries."""
    waiting = Passage.objects.filter(thesis=thesis, status=Passage.Status.CORRECTED)
    passages = list(waiting.order_by("changed_at", "order")[:size])
    versions = versions_of(p.pk for p in passages)
    suspects: dict[int, list[OpenSuspect]] = {}
    for suspect in OpenSuspect.objects.filter(passage__in=passages).order_by("passage", "start", "kind", "position"):
        suspects.setdefault(suspect.passage_id, []).append(suspect)
    items = []
    for passage in passages:
        state = review_state(passage.original_text, versions.get(passage.pk, []))
        diff = word_diff(state.base_text, passage.text)
        items.append(QueueItem(passage, state, diff, suspects.get(passage.pk, [])))
    return Queue(items, waiting.count())


@dataclass(frozen=True)
class SentBack:
    """A reviewer's send-back that still stands: who, when and why."""

    reviewer: object
    when: object
    comment: str


def standing_send_back(passage: Passage) -> SentBack | None:
    """The send-back of the passage's last saved version, if that is what its last change was: it stands
    until an editor saves the passage again."""
    latest = passage.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    found = reason_kind(latest.history_change_reason) if latest else None
    if found is None or found[0] != "sent_back":
        return None
    return SentBack(latest.history_user, latest.history_date, found[1]["reason"])
