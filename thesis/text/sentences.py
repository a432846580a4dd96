"""Sentence boundaries in a reading text, as the thesis's citations need them.

A sentence ends after a run of citation markers (a marker closes the sentence before
it; thesis.text.markers says which brackets are markers), after terminal punctuation
followed by a space (the transcription cut at every
". ", so each restored ". " was a sentence end, whatever case follows), and after
terminal punctuation followed directly by a capital letter, an opening quote or bracket,
or a digit (a missing space is a transcription error, not two sentences made one). A period after a single
letter or a known abbreviation ("Н.Ә.", "т.б.", "ғғ.") ends no sentence, and neither does a
period inside a marker ("[1, с. 25]").
"""

import re
from bisect import bisect_right
from collections.abc import Callable

from .alphabet import UPPER
from .markers import find_markers

# A marker after the period ("[3]", "/3/") still closes the sentence before it.
TERMINAL_RE = re.compile(rf"[.!?…]+(?=\s+(?!/[^\S\n]*\d)[^\s\[]|[{UPPER}«\"“(\d])")
ABBREVIATIONS = frozenset({"ғғ", "жж", "бб", "тт", "млн", "млрд", "т.б", "т.с.с", "б.з.д", "ж.т.б"})
# How far before a period its word is read: far longer than any abbreviation or run of initials, and
# short enough that reading it before every period of a long text stays linear.
WORD_WINDOW = 64


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the [start, end) span of every sentence, trimmed of surrounding spaces."""
    spans = []
    start = 0
    for end in sorted(set(_boundaries(text))):
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def sentence_at(text: str, position: int) -> tuple[int, int] | None:
    """The span of the sentence that contains the character at `position`."""
    return sentence_finder(text)(position)


def sentence_finder(text: str) -> Callable[[int], tuple[int, int] | None]:
    """`sentence_at` for many positions of one text: its sentences are found once, not once a position."""
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]

    def containing(position: int) -> tuple[int, int] | None:
        index = bisect_right(starts, position) - 1
        if index >= 0 and position < spans[index][1]:
            return spans[index]
        return None

    return containing


def _boundaries(text: str):
    markers = [(marker.start, marker.end) for marker in find_markers(text)]
    for (_, end), following in zip(markers, [*markers[1:], None], strict=False):
        # A run of markers, apart by spaces only, ends one sentence: the end of its last.
        if following is None or text[end : following[0]].strip():
            yield end
    starts = [start for start, _ in markers]
    for stop in TERMINAL_RE.finditer(text):
        if not _is_abbreviation(text, stop.start()) and not _inside(markers, starts, stop.start()):
            yield stop.end()


def _inside(markers: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < markers[index][1]


def ends_with_initial(text: str) -> bool:
    """Whether the text ends with an initial's period ("Қасымбаев Ж.", "Н.Ә."), which ends no sentence."""
    stripped = text.rstrip()
    if not stripped.endswith("."):
        return False
    token = _word_before(stripped, len(stripped) - 1)
    return len(token) == 1 and token.isupper() or _is_initials(token)


def leads_a_name(text: str) -> bool:
    """Whether the text ends with initials that lead a name on, after a word in small letters
    ("еңбектерін жазған Б."), not initials that trail one ("Қасымбаев Ж.") or close a list of names."""
    stripped = text.rstrip()
    if not ends_with_initial(stripped):
        return False
    before = stripped[: len(stripped) - len(_word_before(stripped, len(stripped) - 1)) - 1].rstrip()
    word = before.rsplit(maxsplit=1)[-1] if before.strip() else ""
    return word[:1].islower()


def _is_abbreviation(text: str, period: int) -> bool:
    if text[period] != ".":
        return False
    token = _word_before(text, period)
    return len(token) == 1 and token.isalpha() or token.lower() in ABBREVIATIONS or _is_initials(token)


def _word_before(text: str, period: int) -> str:
    """The word joined by single periods ("т.б", "Н.Ә") that ends where `period` stands, or ""."""
    if text[period - 1 : period] == "\n":
        period -= 1  # the word may stand on the line before, as a regular expression's "$" reads it
    start = period
    while start > max(0, period - WORD_WINDOW) and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    run = text[start:period]
    if run.endswith("."):
        return ""
    # Two periods in a row end the word; so does a period before its first letter.
    return run.split("..")[-1].lstrip(".")


def _is_initials(token: str) -> bool:
    """ "Н.Ә" or "А.Ф": single capitals joined by periods."""
    parts = token.split(".")
    return len(parts) > 1 and all(len(p) == 1 and p.isupper() for p in parts)


def _append_trimmed(spans, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
