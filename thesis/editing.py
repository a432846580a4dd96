"""Editorial changes outside a plain admin form: checked saves, replacements, reverts and merges, all in history."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .diffs import word_diff
from .models import Author, AuthorAlias, Mention, Passage

REASON_MAX_LENGTH = 100  # simple-history's history_change_reason column


class EditRefused(Exception):
    """The change cannot be made as asked; nothing was written."""


class StaleEdit(EditRefused):
    """The passage changed after the editor opened it: saving would overwrite someone else's work."""

    def __init__(self, passage: Passage, opened_version: int):
        self.passage = passage
        self.opened_version = opened_version
        super().__init__(f"passage {passage.pk} is at version {passage.version}, not {opened_version}")

    @property
    def conflict(self) -> "Conflict":
        return conflict_since(self.passage, self.opened_version)


@dataclass
class Conflict:
    """What happened to a passage since the version an editor opened."""

    passage: Passage
    opened_version: int
    changes: list
    diff: list[dict]

    @property
    def latest(self):
        return self.changes[-1] if self.changes else None


def clean_reason(reason: str) -> str:
    """A reason that fits history's column; an automatic one that is too long is shortened."""
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_MAX_LENGTH:
        reason = reason[: REASON_MAX_LENGTH - 1] + "…"
    return reason


def record(instance, user, reason: str):
    """Have the next save of `instance` written to history with this user and reason."""
    instance._change_reason = clean_reason(reason)
    instance._history_user = user
    return instance


def save_passage(passage_id: int, *, text: str, expected_version: int, user, reason: str, status: str | None = None):
    """Save a passage's text (and status) if it is still at `expected_version`; StaleEdit otherwise.

    The row lock serialises concurrent saves where the database supports it; the conditional
    UPDATE is the guard everywhere, so two saves from the same version can never both win.
    """
    if not clean_reason(reason):
        raise EditRefused(_("a reason for the change is required"))
    with transaction.atomic():
        passage = Passage.objects.select_for_update().get(pk=passage_id)
        if passage.version != expected_version:
            raise StaleEdit(passage, expected_version)
        claimed = Passage.objects.filter(pk=passage_id, version=expected_version).update(version=F("version") + 1)
        if not claimed:
            raise StaleEdit(Passage.objects.get(pk=passage_id), expected_version)
        passage.text = text
        if status is not None:
            passage.status = status
        passage.version = expected_version + 1
        record(passage, user, reason).save()
    return passage


def conflict_since(passage: Passage, opened_version: int) -> Conflict:
    """The changes saved after `opened_version` (who, when, why) and a word diff of the text since."""
    changes = list(
        passage.history.filter(version__gt=opened_version).select_related("history_user").order_by("history_date")
    )
    opened = passage.history.filter(version=opened_version).order_by("-history_date", "-history_id").first()
    before = opened.text if opened is not None else passage.original_text
    return Conflict(passage, opened_version, changes, word_diff(before, passage.text))


def replace_occurrence(
    passage_id: int, *, start: int, found: str, replacement: str, expected_version: int, user, reason
):
    """Replace the occurrence of `found` at `start` in a passage, if the passage is as the editor saw it."""
    passage = Passage.objects.get(pk=passage_id)
    if passage.version != expected_version:
        raise StaleEdit(passage, expected_version)
    if passage.text[start : start + len(found)] != found:
        raise EditRefused(_("“%(found)s” is no longer at that place in the passage") % {"found": found})
    text = passage.text[:start] + replacement + passage.text[start + len(found) :]
    return save_passage(passage_id, text=text, expected_version=expected_version, user=user, reason=reason)


def revert_passage(passage_id: int, *, history_id: int, expected_version: int, user, reason: str):
    """Restore a passage's text and status as they were in one historical version; the revert is a new version."""
    old = Passage.history.get(id=passage_id, history_id=history_id)
    return save_passage(
        passage_id,
        text=old.text,
        status=old.status,
        expected_version=expected_version,
        user=user,
        reason=f"Reverted to version {old.version}: {clean_reason(reason)}",
    )


def merge_authors(target: Author, others, *, user, reason: str) -> Author:
    """Fold `others` into `target`: aliases, mentions and event links move; the others are deleted."""
    others = [a for a in others if a.pk != target.pk]
    if not others:
        raise EditRefused(_("choose at least two authors to merge"))
    if any(a.thesis_id != target.thesis_id for a in others):
        raise EditRefused(_("authors of different theses cannot be merged"))
    reason = clean_reason(reason)
    if not reason:
        raise EditRefused(_("a reason for the change is required"))
    with transaction.atomic():
        for other in others:
            _absorb(target, other, user, reason)
        record(target, user, f"Merged {', '.join(a.display_name for a in others)}: {reason}").save()
    return target


def _absorb(target: Author, other: Author, user, reason: str) -> None:
    known = set(target.aliases.values_list("form", flat=True))
    for form in {*other.aliases.values_list("form", flat=True), other.display_name} - known:
        AuthorAlias.objects.create(author=target, form=form)
    Mention.objects.filter(author=other).update(author=target)
    for event in other.events.all():
        record(event, user, f"Merged {other.display_name} into {target.display_name}: {reason}")
        event.authors.remove(other)
        event.authors.add(target)
    target.is_historiography_author |= other.is_historiography_author
    target.is_quoted |= other.is_quoted
    target.group = target.group or other.group
    target.note = "\n".join(n for n in (target.note, other.note) if n)
    record(other, user, f"Merged into {target.display_name}: {reason}").delete()
