"""Find and replace across a thesis: preview, apply to every match or only the ticked ones as one recorded
batch, and undo the batch."""

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from thesis.derived import changes
from thesis.history import clean_reason, system_reason

from ..models import Passage, ReplaceBatch, ReplaceBatchItem
from .editing import EditRefused, StaleEdit, save_passage

WORD = re.compile(r"\w")
# A period between two letters, as Kazakh abbreviations are written (т.б, т.с.с), and one after the last.
ABBREVIATION = re.compile(r"\w\.\w")
ENDS_ABBREVIATED = re.compile(r"\w\.$")


@dataclass
class Match:
    start: int
    end: int


@dataclass
class PassagePreview:
    passage: Passage
    matches: list[Match]
    new_text: str

    def pieces(self) -> list[tuple[str, bool]]:
        """The passage's text as (piece, is_match) pairs, for highlighting."""
        pieces, position = [], 0
        for match in self.matches:
            pieces += [
                (self.passage.text[position : match.start], False),
                (self.passage.text[match.start : match.end], True),
            ]
            position = match.end
        pieces.append((self.passage.text[position:], False))
        return [(text, hit) for text, hit in pieces if text]

    def segments(self) -> list[tuple[str, str]]:
        """The passage's text as (piece, key) pairs: a match's key names it for ticking, "" elsewhere."""
        keys = iter(match_key(self.passage.pk, match) for match in self.matches)
        return [(text, next(keys) if hit else "") for text, hit in self.pieces()]


def match_key(passage_id: int, match: Match) -> str:
    """How a form names one match: its passage and where it starts there, at the version previewed."""
    return f"{passage_id}:{match.start}"


def replaced(text: str, matches: list[Match], replacement: str) -> str:
    """The text with these matches (in order, not overlapping) replaced, literally."""
    pieces, position = [], 0
    for match in matches:
        pieces += [text[position : match.start], replacement]
        position = match.end
    return "".join(pieces) + text[position:]


@dataclass
class UndoReport:
    restored: list[Passage]
    skipped: list[tuple[Passage, str]]


def compile_pattern(pattern: str, whole_word: bool = False, case_sensitive: bool = False) -> re.Pattern:
    """The literal `pattern` as a regex; with `whole_word`, one that neither starts nor ends inside a word
    (see `word_bounds`)."""
    if not pattern:
        raise EditRefused(_("the pattern is empty"))
    body = re.escape(pattern)
    if whole_word:
        before, after = word_bounds(pattern)
        body = before + body + after
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def word_bounds(pattern: str) -> tuple[str, str]:
    """The lookarounds that keep a match of `pattern` from starting or ending inside a word (Unicode, so
    Kazakh works). A word runs on over a period between two letters, as abbreviations are written: "б"
    is no whole word in "т.б.". Only an edge that is a word character is bounded, so that a pattern may
    start or end with a space or a sign."""
    before = after = ""
    if WORD.match(pattern[0]):
        before = r"(?<!\w)(?<!\w\.)"
    if WORD.match(pattern[-1]):
        # A pattern written as an abbreviation ("т.б") takes the period after it as its own, else
        # replacing it in "т.б." would leave two; after a plain word, a period ends the sentence.
        after = r"(?!\w)(?!\.)" if ABBREVIATION.search(pattern) else r"(?!\w)(?!\.\w)"
    elif ENDS_ABBREVIATED.search(pattern):
        after = r"(?!\w)"  # "т.б." is not the start of "т.б.с."
    return before, after


def preview(thesis, pattern: str, replacement: str, whole_word=False, case_sensitive=False) -> list[PassagePreview]:
    """Every passage the replacement would change, with its matches and its new text; nothing is written."""
    regex = compile_pattern(pattern, whole_word, case_sensitive)
    found = []
    for passage in Passage.objects.filter(thesis=thesis).order_by("order"):
        matches = [Match(m.start(), m.end()) for m in regex.finditer(passage.text)]
        if matches:
            found.append(PassagePreview(passage, matches, replaced(passage.text, matches, replacement)))
    return found


def only_ticked(previews: list[PassagePreview], ticked, replacement: str) -> list[PassagePreview]:
    """The previews cut down to the ticked matches (keys as match_key makes them), passages left with
    none dropped. A key that names no match of the preview is refused: the page it came from is stale."""
    ticked = set(ticked)
    known = {match_key(p.passage.pk, m) for p in previews for m in p.matches}
    if not ticked:
        raise EditRefused(_("no match is ticked"))
    if ticked - known:
        raise EditRefused(_("a ticked match is no longer in the preview; preview again"))
    chosen = []
    for item in previews:
        matches = [m for m in item.matches if match_key(item.passage.pk, m) in ticked]
        if matches:
            chosen.append(PassagePreview(item.passage, matches, replaced(item.passage.text, matches, replacement)))
    return chosen


def versions_token(previews: list[PassagePreview]) -> str:
    """What the preview saw, so that applying can refuse if a passage changed since."""
    return ",".join(f"{p.passage.pk}:{p.passage.version}" for p in previews)


@changes.atomic()
def apply(
    thesis, pattern, replacement, *, whole_word=False, case_sensitive=False, reason, user, seen=None, ticked=None
):
    """Replace in every matching passage as one batch: all passages or none, each save in history with `reason`.

    `seen` is the preview's versions_token; if given and a passage changed since, EditRefused is raised.
    `ticked`, if given, holds the keys (match_key) of the only matches to replace.
    """
    reason = clean_reason(reason)
    if not reason:
        raise EditRefused(_("a reason for the change is required"))
    previews = preview(thesis, pattern, replacement, whole_word, case_sensitive)
    if not previews:
        raise EditRefused(_("the pattern matches nothing"))
    if seen is not None and versions_token(previews) != seen:
        raise EditRefused(_("passages changed since the preview; preview again"))
    if ticked is not None:
        previews = only_ticked(previews, ticked, replacement)
    batch = ReplaceBatch.objects.create(
        thesis=thesis,
        pattern=pattern,
        replacement=replacement,
        whole_word=whole_word,
        case_sensitive=case_sensitive,
        reason=reason,
        user=user,
    )
    for item in previews:
        saved = save_passage(
            item.passage.pk,
            text=item.new_text,
            expected_version=item.passage.version,
            user=user,
            reason=system_reason("replaced", batch=batch.pk, reason=reason),
        )
        ReplaceBatchItem.objects.create(
            batch=batch,
            passage=saved,
            matches=len(item.matches),
            text_before=item.passage.text,
            text_after=saved.text,
            version_after=saved.version,
        )
    return batch


@changes.atomic()
def undo(batch: ReplaceBatch, *, reason: str, user) -> UndoReport:
    """Restore each passage to its text before the batch, skipping (and reporting) those changed since."""
    reason = clean_reason(reason)
    if not reason:
        raise EditRefused(_("a reason for the change is required"))
    if batch.undone_at is not None:
        raise EditRefused(_("the batch was already undone"))
    report = UndoReport([], [])
    for item in batch.items.select_related("passage"):
        passage = item.passage
        if passage.version != item.version_after:
            why = _("changed since the batch (now version %(version)s)") % {"version": passage.version}
            report.skipped.append((passage, why))
            continue
        try:
            restored = save_passage(
                passage.pk,
                text=item.text_before,
                expected_version=item.version_after,
                user=user,
                reason=system_reason("replace_undone", batch=batch.pk, reason=reason),
            )
        except StaleEdit as error:
            report.skipped.append((error.instance, _("changed while undoing")))
            continue
        item.undone = True
        item.save(update_fields=["undone"])
        report.restored.append(restored)
    batch.undone_at, batch.undone_by, batch.undo_reason = timezone.now(), user, reason
    batch.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    return report
