"""Editorial changes outside a plain admin form: checked saves (a refused passage edit carried onto the version
saved meanwhile), replacements, reverts and merges, all in history."""

from dataclasses import dataclass

from django.db import InterfaceError, OperationalError, router, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from thesis.derived import changes
from thesis.history import clean_reason, record, system_reason

from ..models import Author, AuthorAlias, Mention, Passage, PassageNote, TimelineEvent
from ..text.diffs import word_diff
from ..text.merging import Conflict as TextConflict
from ..text.merging import merge, merge_diff
from . import verification


class EditRefused(Exception):
    """The change cannot be made as asked; nothing was written."""


class StaleEdit(EditRefused):
    """The record changed after the editor opened it: saving would overwrite someone else's work."""

    def __init__(self, instance, opened_version: int):
        self.instance = instance
        self.opened_version = opened_version
        name = instance._meta.model_name
        super().__init__(f"{name} {instance.pk} is at version {instance.version}, not {opened_version}")

    @property
    def conflict(self) -> "Conflict":
        return conflict_since(self.instance, self.opened_version)


class VerificationRefused(EditRefused):
    """The save would verify a passage its own last editor changed, or by someone who is no reviewer."""


class DatabaseBusy(EditRefused):
    """Another write held the database for longer than a save may wait; nothing was written."""


# PostgreSQL's refusals of a write that met another: serialization failure, deadlock, lock not available.
BUSY_SQLSTATES = {"40001", "40P01", "55P03"}
# SQLite's primary result codes for a database or table another connection holds locked.
BUSY_SQLITE_CODES = {5, 6}


def database_busy(error: BaseException) -> bool:
    """Whether a database error means another write held what this one needed: worth refusing
    plainly and trying again, not a fault."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    code = getattr(cause, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in BUSY_SQLITE_CODES


class DatabaseUnavailable(EditRefused):
    """The database could not be reached, or dropped the connection; the save may not have been written."""


class DiskFull(EditRefused):
    """The database's disk (or its size limit) is full; nothing was written."""


# PostgreSQL's "disk full", and SQLite's SQLITE_FULL ("database or disk is full").
FULL_SQLSTATES = {"53100"}
FULL_SQLITE_CODES = {13}
# PostgreSQL's classes and codes for a connection that failed or a server going away: connection
# exception, too many connections, shut down by an administrator or a crash, starting up.
UNAVAILABLE_SQLSTATE_CLASSES = {"08"}
UNAVAILABLE_SQLSTATES = {"53300", "57P01", "57P02", "57P03"}
# SQLite's read-only database, disk I/O error, and a file that cannot be opened.
UNAVAILABLE_SQLITE_CODES = {8, 10, 14}


def disk_full(error: BaseException) -> bool:
    """Whether a database error means there is no room left to write."""
    if not isinstance(error, OperationalError):
        return False
    return _sqlstate(error) in FULL_SQLSTATES or _sqlite_code(error) in FULL_SQLITE_CODES


def database_unavailable(error: BaseException) -> bool:
    """Whether a database error means the database could not be reached or went away: a fault of
    the moment, not of the request."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    code = _sqlite_code(error)
    if code is not None:
        return code in UNAVAILABLE_SQLITE_CODES
    if not hasattr(error.__cause__, "sqlstate"):
        return False
    sqlstate = error.__cause__.sqlstate
    # psycopg gives a failed or lost connection no SQLSTATE: the server never answered with one.
    return sqlstate is None or sqlstate in UNAVAILABLE_SQLSTATES or sqlstate[:2] in UNAVAILABLE_SQLSTATE_CLASSES


def _sqlstate(error: BaseException) -> str | None:
    return getattr(error.__cause__, "sqlstate", None)


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error.__cause__, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def as_refusal(error: BaseException) -> EditRefused | None:
    """The refusal an exception stands for (a stale edit, a refused one, a busy, full or unreachable
    database), or None."""
    if isinstance(error, EditRefused):
        return error
    if database_busy(error):
        return DatabaseBusy(str(error))
    if disk_full(error):
        return DiskFull(str(error))
    if database_unavailable(error):
        return DatabaseUnavailable(str(error))
    return None


@dataclass
class FieldChange:
    """One field another editor changed: its label and a word diff from the value opened."""

    name: str
    label: str
    diff: list[dict]


@dataclass
class Conflict:
    """What happened to a record since the version an editor opened: `opened` is its history record of
    that version (None if it has none)."""

    instance: object
    opened_version: int
    changes: list
    fields: list[FieldChange]
    opened: object = None

    @property
    def latest(self):
        return self.changes[-1] if self.changes else None

    def diff_of(self, name: str) -> list[dict]:
        """The word diff of one field since it was opened; empty if it did not change."""
        return next((change.diff for change in self.fields if change.name == name), [])


def locked(model, using: str | None = None):
    """The model's rows, each locked for this transaction when read, where the database locks rows.

    The lock is PostgreSQL's FOR NO KEY UPDATE: it keeps other saves of the row waiting, but not
    the saves of rows that merely refer to it (a passage citing a source being edited), which
    FOR UPDATE would block and could then deadlock with. Only the model's own rows are locked: a
    model ordered by its thesis joins the thesis's row, which the data version's bump updates at
    the end of every change, and locking it here made two saves wait for each other."""
    features = transaction.get_connection(using or router.db_for_write(model)).features
    of = ("self",) if features.has_select_for_update_of else ()
    return model.objects.select_for_update(no_key=features.has_select_for_no_key_update, of=of)


def current_version(model, pk) -> int | None:
    """The version a record is at now; inside a transaction the row stays locked until it ends,
    so that no other save can come between this check and the write."""
    in_transaction = transaction.get_connection(router.db_for_write(model)).in_atomic_block
    rows = locked(model) if in_transaction else model.objects
    return rows.filter(pk=pk).values_list("version", flat=True).first()


def save_checked(instance, *, expected_version: int, user, reason: str):
    """Save an edited record if it is still at `expected_version`, as the next version; StaleEdit otherwise.

    The conditional UPDATE is the guard on every database: of two saves from the same version,
    exactly one claims the next version and the other is refused, never silently overwriting it.
    """
    model = type(instance)
    with changes.atomic(using=router.db_for_write(model)):
        claimed = model.objects.filter(pk=instance.pk, version=expected_version).update(version=F("version") + 1)
        if not claimed:
            raise StaleEdit(model.objects.get(pk=instance.pk), expected_version)
        instance.version = expected_version + 1
        record(instance, user, reason).save()
    return instance


def save_passage(
    passage_id: int,
    *,
    text: str | None = None,
    expected_version: int,
    user,
    reason: str,
    status: str | None = None,
    ready: bool | None = None,
):
    """Save a passage's text (kept if None) and status if it is still at `expected_version`; StaleEdit otherwise.

    Review's rule decides the status: a changed text is corrected, and only another editor verifies it.
    An editor's save from the passage form says whether it is `ready` for review: if not, the passage
    stays in progress while open suspects are left in it."""
    if not clean_reason(reason):
        raise EditRefused(_("a reason for the change is required"))
    with changes.atomic():
        passage = locked(Passage).get(pk=passage_id)
        text = passage.text if text is None else text
        status, refusal = verification.status_after_save(passage, text, status, user, ready)
        if refusal:
            raise VerificationRefused(refusal)
        passage.text, passage.status = text, status
        save_checked(passage, expected_version=expected_version, user=user, reason=reason)
        # The send-back stood until this save (review.standing_send_back): its note is answered.
        PassageNote.objects.standing_send_backs().filter(passage=passage).update(resolved=True)
        if status == Passage.Status.IN_PROGRESS:
            settle_in_progress(passage)
    return passage


def settle_in_progress(passage: Passage) -> None:
    """Make a passage just saved in progress corrected if no open suspect is left in its new text.

    Its suspects are checked now rather than at the end of the block, so that the status commits
    with the save and the version's history record tells the same; the check at the end then has
    nothing left to do."""
    using = router.db_for_write(Passage)
    changes.derive_pending(using)
    changes.check_pending(using)
    if Passage.objects.filter(pk=passage.pk, open_suspects=0).update(status=Passage.Status.CORRECTED):
        passage.status = Passage.Status.CORRECTED
        latest = (
            passage.history.filter(version=passage.version)
            .order_by("-history_id")
            .values_list("history_id", flat=True)[:1]
        )
        Passage.history.filter(history_id__in=list(latest)).update(status=Passage.Status.CORRECTED)


def conflict_since(instance, opened_version: int) -> Conflict:
    """The changes saved after `opened_version` (who, when, why) and a word diff of each field changed since."""
    changes = list(
        instance.history.filter(version__gt=opened_version).select_related("history_user").order_by("history_date")
    )
    opened = instance.history.filter(version=opened_version).order_by("-history_date", "-history_id").first()
    return Conflict(instance, opened_version, changes, _changed_fields(instance, opened), opened)


@dataclass(frozen=True)
class CarriedEdit:
    """An editor's refused change of a passage carried onto the version saved meanwhile: the text and
    status to save at `version`, the places where both changed the same words differently (the editor's
    kept), and the word diff from the passage's text now, those places marked (thesis/text/merging.py)."""

    text: str
    status: str
    version: int
    conflicts: tuple[TextConflict, ...]
    diff: list[dict]
    changes_nothing: bool


def carried_onto_current(conflict: Conflict, text: str, status: str) -> CarriedEdit | None:
    """A passage's `text` and `status`, refused because others saved it after the version the editor
    opened, carried onto it as it is now; None if their saves left its text as it was (there is nothing
    to merge: the editor's text goes over theirs or not, as the editor decides).

    The text is merged word by word, with the text of the version opened as the base (the import's, for
    a passage without history). The status is the editor's if they changed it from that version's,
    else the one it has now: a status the editor did not touch must not undo a reviewer's."""
    passage = conflict.instance
    if not isinstance(passage, Passage) or not conflict.diff_of("text"):
        return None
    opened = conflict.opened
    merged = merge(opened.text if opened is not None else passage.original_text, text, passage.text)
    if opened is not None and status == opened.status:
        status = passage.status
    return CarriedEdit(
        text=merged.text,
        status=status,
        version=passage.version,
        conflicts=merged.conflicts,
        diff=merge_diff(passage.text, merged),
        changes_nothing=merged.text == passage.text and status == passage.status,
    )


def _changed_fields(instance, opened) -> list[FieldChange]:
    fields = [f for f in instance._meta.concrete_fields if f.editable and not f.primary_key and f.name != "version"]
    changed = []
    for field in fields:
        before = _shown(opened, field) if opened is not None else _unknown_before(instance, field)
        after = _shown(instance, field)
        if before != after:
            changed.append(FieldChange(field.name, str(field.verbose_name), word_diff(before, after)))
    return changed


def _unknown_before(instance, field) -> str:
    # A passage imported without a history record still has the text it began as.
    if isinstance(instance, Passage) and field.name == "text":
        return instance.original_text
    return _shown(instance, field)


def _shown(record_or_version, field) -> str:
    value = getattr(record_or_version, field.attname, None)
    return "" if value is None else str(value)


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
    """Restore a passage's text and status as they were in one historical version; the revert is a new version.

    A verified status is not restored: verifying stays a reviewer's decision on the text as it is now."""
    old = Passage.history.get(id=passage_id, history_id=history_id)
    return save_passage(
        passage_id,
        text=old.text,
        status=None if old.status == Passage.Status.VERIFIED else old.status,
        expected_version=expected_version,
        user=user,
        reason=system_reason("reverted", version=old.version, reason=clean_reason(reason)),
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
    with changes.atomic():
        for other in others:
            _absorb(target, other, user, reason)
        merged = f"Merged {', '.join(a.display_name for a in others)}: {reason}"
        save_checked(target, expected_version=target.version, user=user, reason=merged)
    return target


def _absorb(target: Author, other: Author, user, reason: str) -> None:
    known = set(target.aliases.values_list("form", flat=True))
    for form in {*other.aliases.values_list("form", flat=True), other.display_name} - known:
        AuthorAlias.objects.create(author=target, form=form)
    Mention.objects.filter(author=other).update(author=target)
    for event in other.events.all():
        # Its people change: a form opened on the event before the merge must not put them back.
        TimelineEvent.objects.filter(pk=event.pk).update(version=F("version") + 1)
        event.version += 1
        record(event, user, f"Merged {other.display_name} into {target.display_name}: {reason}")
        event.authors.remove(other)
        event.authors.add(target)
    target.is_historiography_author |= other.is_historiography_author
    target.is_quoted |= other.is_quoted
    target.group = target.group or other.group
    target.note = "\n".join(n for n in (target.note, other.note) if n)
    record(other, user, f"Merged into {target.display_name}: {reason}").delete()
