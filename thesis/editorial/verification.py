"""Who may verify a passage: a reviewer other than the last editor of its text; a changed text is corrected."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Passage

VERIFY_PERMISSION = "thesis.verify_passage"


@dataclass
class Version:
    """What review reads of one history record of a passage."""

    text: str
    status: str
    user_id: int | None
    user: object = None
    reason: str = ""


@dataclass
class ReviewState:
    """Where a passage stands for review: who last changed its text, the text last verified, and the
    changes of the text since, each as (who, why), oldest first."""

    last_editor_id: int | None
    last_editor: object
    base_text: str
    changes: list[tuple[object, str]] = field(default_factory=list)


def review_state(original_text: str, versions: list[Version]) -> ReviewState:
    """Who last changed the text (the user of the latest record whose text differs from the record
    before it) and the text to review against: the latest verified record's, else the import's.

    `versions` are one passage's history records, oldest first; with none, the passage still has the
    text it was imported with."""
    last, base, previous = None, None, None
    changes: list[tuple[object, str]] = []
    for version in versions:
        if previous is not None and version.text != previous.text:
            last = version
            changes.append((version.user, version.reason))
        if version.status == Passage.Status.VERIFIED:
            base, changes = version.text, []
        previous = version
    if base is None:
        base = versions[0].text if versions else original_text
    return ReviewState(last.user_id if last else None, last.user if last else None, base, changes)


def versions_of(passage_ids) -> dict[int, list[Version]]:
    """The history records of these passages, oldest first, in one query."""
    rows = (
        Passage.history.filter(id__in=list(passage_ids))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    found: dict[int, list[Version]] = {}
    for row in rows:
        version = Version(row.text, row.status, row.history_user_id, row.history_user, row.history_change_reason or "")
        found.setdefault(row.id, []).append(version)
    return found


def state_of(passage: Passage) -> ReviewState:
    return review_state(passage.original_text, versions_of([passage.pk]).get(passage.pk, []))


def verifier_refusal(passage: Passage, user) -> str | None:
    """Why `user` may not verify the passage as it stands, or None: only a reviewer, and not the one
    who made the last change of its text."""
    if user is None or not user.has_perm(VERIFY_PERMISSION):
        return _("Only a reviewer can verify a passage.")
    if state_of(passage).last_editor_id == user.pk:
        return _("You made the last change to this text; another editor must verify it.")
    return None


def status_after_save(
    passage: Passage, text: str, status: str | None, user, ready: bool | None = None
) -> tuple[str, str | None]:
    """The status a save leaves and, if the save must be refused, why.

    A change of the text makes the passage corrected, whatever it was (a verified text that changes
    needs verifying again), except in an editor's own save from the passage form (`ready` given):
    there it is in progress unless the editor said it is ready for review (or chose corrected), and
    `editing.save_passage` makes it corrected after all when no open suspect is left in it. Setting it
    to verified is refused in the save that changes the text (the saver would be its last editor), and
    for anyone `verifier_refusal` turns away."""
    newly_verified = status == Passage.Status.VERIFIED and passage.status != Passage.Status.VERIFIED
    if text != passage.text:
        if newly_verified:
            return status, _("You cannot verify a text you are changing; another editor must verify it.")
        # Choosing "corrected" on the form says as much as ticking "Ready for review".
        return working_status(True if status == Passage.Status.CORRECTED else ready), None
    if newly_verified:
        return status, verifier_refusal(passage, user)
    if ready:
        return Passage.Status.CORRECTED, None
    return status or passage.status, None


def working_status(ready: bool | None) -> str:
    """A changed text's status: corrected when its editor says it is ready (or is no editor at the
    form, `ready` None: a replace, a fix, a repair), else in progress."""
    return Passage.Status.IN_PROGRESS if ready is False else Passage.Status.CORRECTED
