"""Sentence boundaries in a reading text, as the thesis's citations need them.

A sentence ends after a run of citation markers (a marker closes the sentence before
it), after terminal punctuation followed by a space (the transcription cut at every
". ", so each restored ". " was a sentence end, whatever case follows), and after
terminal punctuation followed directly by a capital letter, an opening quote or bracket,
or a digit (a missing space is a transcription error, not two sentences made one). A period after a single
letter or a known abbreviation ("Н.Ә.", "т.б.", "ғғ.") ends no sentence.
"""

import re

from .alphabet import UPPER

MARKER_RE = re.compile(r"\[(?P<number>\d{1,6})\]")
MARKER_RUN_RE = re.compile(r"(?:\s*\[\d{1,6}\])+")
TERMINAL_RE = re.compile(rf"[.!?…]+(?=\s+[^\s\[]|[{UPPER}«\"“(\d])")
ABBREVIATIONS = frozenset({"ғғ", "жж", "бб", "тт", "млн", "млрд", "т.б", "т.с.с", "б.з.д", "ж.т.б"})
WORD_BEFORE_RE = re.compile(r"(\w+(?:\.\w+)*)$")


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
    for start, end in sentence_spans(text):
        if start <= position < end:
            return start, end
    return None


def _boundaries(text: str):
    for run in MARKER_RUN_RE.finditer(text):
        yield run.end()
    for stop in TERMINAL_RE.finditer(text):
        if not _is_abbreviation(text, stop.start()):
            yield stop.end()


def _is_abbreviation(text: str, period: int) -> bool:
    if text[period] != ".":
        return False
    word = WORD_BEFORE_RE.search(text[:period])
    if word is None:
        return False
    token = word.group(1)
    return len(token) == 1 and token.isalpha() or token.lower() in ABBREVIATIONS or _is_initials(token)


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
