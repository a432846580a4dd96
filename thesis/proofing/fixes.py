"""Working through the suspects page: fixing one suspect or a kind at once, undoing a fix, dismissing a
suspect, and ignoring a word; each recorded in history with a reason in the editor's language."""

from dataclasses import dataclass
from itertools import groupby

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thesis.derived import changes
from thesis.derived.stored_suspects import stored_report
from thesis.derived.suspects import DICTIONARY_KINDS, DISMISS_CONTEXT, Kind, Suspect
from thesis.editorial import editing
from thesis.history import clean_reason, record, system_reason

from ..models import DismissedSuspect, IgnoredWord, Passage, ReplaceBatch, ReplaceBatchItem
from ..text import spellcheck

# From this confidence on, the checker's first suggestion is shown as the likely fix.
CONFIDENT = 0.8


@dataclass
class Shown:
    """A suggestion as the suspects page shows it: how sure the checker is, when it says."""

    text: str
    percent: int | None
    likely: bool


def shown_suggestions(suspect: Suspect) -> list[Shown]:
    """The suspect's suggestions, best first; only a first one the checker is confident of is the likely fix."""
    shown = []
    for index, (text, confidence) in enumerate(suspect.ranked):
        percent = None if confidence is None else round(confidence * 100)
        shown.append(Shown(text, percent, index == 0 and confidence is not None and confidence >= CONFIDENT))
    return shown


@dataclass
class Fix:
    """A change of one place in a passage: where, how much text it took out and put in, and the version it made."""

    passage: Passage
    start: int
    removed: int
    inserted: int
    reason: str


def fix_reason(kind: str, found: str, replacement: str) -> str:
    """The automatic reason of a fix from the suspects page, as history stores it (shown in each reader's language)."""
    return system_reason(
        "spell_fix" if kind in DICTIONARY_KINDS else "transcription_fix", found=found, replacement=replacement
    )


def apply_fix(passage_id: int, *, kind: str, start: int, found: str, replacement: str, expected_version: int, user):
    """Replace one suspect by a correction if the passage is as the editor saw it (StaleEdit or EditRefused if not)."""
    reason = fix_reason(kind, found, replacement)
    passage = editing.replace_occurrence(
        passage_id,
        start=start,
        found=found,
        replacement=replacement,
        expected_version=expected_version,
        user=user,
        reason=reason,
    )
    return Fix(passage, start, len(found), len(replacement), clean_reason(reason))


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """Where `new` differs from `old`: (start, characters of `old` replaced, characters put in)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return start, len(old) - start - end, len(new) - start - end


def undo_fix(passage_id: int, *, version: int, user) -> Fix:
    """Take back the revision that made `version` of a passage, as a new version.

    Refused, with nothing written, if the passage changed after that revision."""
    with changes.atomic():
        passage = editing.locked(Passage).filter(pk=passage_id).first()
        if passage is None:
            raise editing.EditRefused(_("the passage no longer exists"))
        if passage.version != version:
            raise editing.EditRefused(
                _("the passage changed after the fix (it is at version %(now)s now, not %(version)s)")
                % {"now": passage.version, "version": version}
            )
        made, before = (_historical(passage, v) for v in (version, version - 1))
        if made is None or before is None:
            raise editing.EditRefused(_("there is no earlier version of the passage to go back to"))
        reason = system_reason("fix_undone", version=version, reason=made.history_change_reason or "")
        saved = editing.save_passage(passage_id, text=before.text, expected_version=version, user=user, reason=reason)
    start, removed, inserted = changed_span(made.text, before.text)
    return Fix(saved, start, removed, inserted, clean_reason(reason))


def _historical(passage: Passage, version: int):
    return passage.history.filter(version=version).order_by("-history_date", "-history_id").first()


# --- a kind at once ---------------------------------------------------------------------------------


@dataclass
class BulkChange:
    """One suspect a bulk fix would correct with its first suggestion; `overlaps` if an earlier one takes its place."""

    suspect: Suspect
    replacement: str
    overlaps: bool = False

    @property
    def key(self) -> str:
        """What the preview ticks: the place and the passage's version, so a passage changed since is refused."""
        s = self.suspect
        return f"{s.passage_id}:{s.passage_version}:{s.start}"


def bulk_changes(thesis, kind: str) -> list[BulkChange]:
    """Each suspect of `kind` that has a suggestion, with it; nothing is written."""
    if kind not in Kind.values:
        raise editing.EditRefused(_("there is no kind of suspect called “%(kind)s”") % {"kind": kind})
    found = [BulkChange(s, s.suggestions[0]) for s in stored_report(thesis).by_kind[kind] if s.suggestions]
    reach: dict[int, int] = {}
    for change in found:
        s = change.suspect
        change.overlaps = s.start < reach.get(s.passage_id, -1)
        reach[s.passage_id] = max(reach.get(s.passage_id, -1), s.end)
    return found


def bulk_reason(kind: str, count: int) -> str:
    """The reason a bulk fix is offered with, in the active language."""
    return _("Transcription check: %(kind)s, %(count)s corrections") % {"kind": Kind(kind).label, "count": count}


@changes.atomic()
def apply_bulk(thesis, kind: str, picked: list[str], *, reason: str, user) -> ReplaceBatch:
    """Fix the picked suspects of one kind as one batch that can be undone as one: all or nothing.

    Refused, with nothing written, if a picked suspect is no longer where the preview saw it (its
    passage changed since) or two picked changes overlap."""
    reason = clean_reason(reason)
    if not reason:
        raise editing.EditRefused(_("a reason for the change is required"))
    if not picked:
        raise editing.EditRefused(_("no change was ticked"))
    offered = {change.key: change for change in bulk_changes(thesis, kind)}
    if any(key not in offered for key in picked):
        raise editing.EditRefused(_("passages changed since the preview; preview again"))
    chosen = sorted({offered[key].key: offered[key] for key in picked}.values(), key=_place)
    batch = ReplaceBatch.objects.create(
        thesis=thesis, pattern=str(Kind(kind).label), suspect_kind=kind, reason=reason, user=user
    )
    for passage_id, group in groupby(chosen, key=lambda change: change.suspect.passage_id):
        _fix_passage(batch, passage_id, list(group), reason, user)
    return batch


def _place(change: BulkChange) -> tuple[int, int]:
    return change.suspect.passage_order, change.suspect.start


def _fix_passage(batch, passage_id: int, group: list[BulkChange], reason: str, user) -> None:
    passage = Passage.objects.get(pk=passage_id)
    text = passage.text
    for earlier, later in zip(group, group[1:], strict=False):
        if later.suspect.start < earlier.suspect.end:
            raise editing.EditRefused(
                _("two ticked changes overlap in §%(order)s; tick one of them") % {"order": passage.order}
            )
    for change in reversed(group):  # from the end, so that the places before stay where they were
        text = text[: change.suspect.start] + change.replacement + text[change.suspect.end :]
    saved = editing.save_passage(
        passage_id,
        text=text,
        expected_version=group[0].suspect.passage_version,
        user=user,
        reason=_("Fix #%(batch)s: %(reason)s") % {"batch": batch.pk, "reason": reason},
    )
    ReplaceBatchItem.objects.create(
        batch=batch,
        passage=saved,
        matches=len(group),
        text_before=passage.text,
        text_after=saved.text,
        version_after=saved.version,
    )


# --- dismissing -------------------------------------------------------------------------------------


def dismiss(
    passage_id: int, *, kind: str, found: str, before: str, after: str, user, start: int | None = None
) -> DismissedSuspect:
    """Leave this suspect off the suspects page from now on; dismissing it again changes nothing.

    Given its `start`, the context is read from the passage as it is now, so a page whose passage
    was corrected nearby since it was drawn still dismisses the suspect it shows."""
    if kind not in Kind.values:
        raise editing.EditRefused(_("there is no kind of suspect called “%(kind)s”") % {"kind": kind})
    passage = Passage.objects.filter(pk=passage_id).first()
    if passage is None:
        raise editing.EditRefused(_("the passage no longer exists"))
    end = None if start is None else start + len(found)
    if start is not None and passage.text[start:end] == found:
        before, after = passage.text[max(0, start - DISMISS_CONTEXT) : start], passage.text[end : end + DISMISS_CONTEXT]
    key = {"kind": kind, "found": found, "before": before[-DISMISS_CONTEXT:], "after": after[:DISMISS_CONTEXT]}
    existing = DismissedSuspect.objects.filter(passage=passage, **key).first()
    if existing is not None:
        return existing
    with changes.atomic():
        dismissal = DismissedSuspect(passage=passage, dismissed_by=user, **key)
        reason = _("Dismissed on the suspected-errors page: %(found)s") % {"found": found}
        record(dismissal, user, reason).save()
    return dismissal


def undismiss(dismissal: DismissedSuspect, *, user) -> None:
    """List the suspect again; the dismissal's end is recorded in history."""
    with changes.atomic():
        record(dismissal, user, _("Dismissal taken back: %(found)s") % {"found": dismissal.found}).delete()


# --- ignoring a word --------------------------------------------------------------------------------


def occurrences(thesis, word: str) -> int:
    """How many times the spell-check meets `word` (in any case) in the thesis: what ignoring it affects."""
    wanted = word.lower()
    texts = Passage.objects.filter(thesis=thesis).values_list("text", flat=True)
    return sum(1 for text in texts for *_span, w in spellcheck.checkable_words(text) if w.lower() == wanted)


def ignore_word(thesis, word: str, *, user) -> IgnoredWord:
    """Stop flagging `word` in every passage of the thesis; ignoring it again changes nothing."""
    existing = IgnoredWord.objects.filter(thesis=thesis, word=word).first()
    if existing is not None:
        return existing
    try:
        with changes.atomic(), transaction.atomic():
            ignored = IgnoredWord(thesis=thesis, word=word, added_by=user)
            record(ignored, user, _("Ignored on the suspected-errors page")).save()
    except IntegrityError:  # another editor ignored it a moment before
        return IgnoredWord.objects.get(thesis=thesis, word=word)
    return ignored


def unignore_word(ignored: IgnoredWord, *, user) -> None:
    """Flag the word again; recorded in history."""
    with changes.atomic():
        record(ignored, user, _("No longer ignored")).delete()
