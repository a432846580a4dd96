"""Snippets of a text around where a search matched it, the matches marked: what a results page shows."""

from dataclasses import dataclass

from .alphabet import cyrillic_lookalikes

# Characters of context either side of a match, how many snippets one passage shows at most, how long
# each may be, and how many matches they mark in all: however often a term occurs (a single letter occurs
# everywhere), a result costs a few hundred bytes, and finding its marks reads each word once.
CONTEXT = 70
MAX_SNIPPETS = 3
MAX_LENGTH = 400
MAX_MARKS = 30


@dataclass(frozen=True)
class Piece:
    """A run of a snippet's text, and whether it is a match."""

    text: str
    match: bool = False


@dataclass(frozen=True)
class Snippet:
    """A stretch of the text with its matches marked; `cut_before`/`cut_after` say whether text was left out."""

    pieces: tuple[Piece, ...]
    cut_before: bool
    cut_after: bool


def fold(text: str) -> str:
    """The text as search folds it (a Cyrillic word's Latin look-alikes read as Kazakh letters, then
    case folded), character by character, so that its offsets stay those of the text."""
    text = cyrillic_lookalikes(text)
    return "".join(folded if len(folded := char.lower()) == 1 else char for char in text)


def match_spans(text: str, terms: list[str], limit: int = MAX_MARKS) -> list[tuple[int, int]]:
    """Where any of the terms occurs, case folded, each grown to the whole words it touches (a stem
    found inside an inflected word marks the word); overlapping finds merged, in text order, the
    first `limit` of them."""
    folded = fold(text)
    spans = []
    for term in {fold(term.strip()) for term in terms if term and term.strip()}:
        found, start = 0, folded.find(term)
        while start != -1 and found < limit:
            bounds = word_bounds(text, start, start + len(term))
            spans.append(bounds)
            found += 1
            # Another find in the same word would mark the same word.
            start = folded.find(term, max(start + 1, bounds[1]))
    return merge(spans)[:limit]


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippets(
    text: str, spans: list[tuple[int, int]], context: int = CONTEXT, limit: int = MAX_SNIPPETS
) -> list[Snippet]:
    """Up to `limit` snippets, each a window of `context` characters (to whole words) round one or more
    of the spans and at most MAX_LENGTH long; with no spans, the text's beginning unmarked."""
    if not spans:
        end = window_end(text, min(len(text), 2 * context))
        return [Snippet((Piece(text[:end]),), False, end < len(text))] if text else []
    return [snippet(text, start, end, spans) for start, end in windows(text, spans, context)[:limit]]


def windows(text: str, spans: list[tuple[int, int]], context: int) -> list[tuple[int, int]]:
    """The stretch round each span, merged with the one before it while the two fit in MAX_LENGTH;
    one that does not fit starts where the one before ended."""
    found: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        start = min(window_start(text, span_start - context), span_start)
        end = max(window_end(text, span_end + context), span_end)
        if found and start <= found[-1][1]:
            if end - found[-1][0] <= MAX_LENGTH:
                found[-1] = (found[-1][0], max(end, found[-1][1]))
                continue
            start = found[-1][1]
        if start < end:
            found.append((start, min(end, start + MAX_LENGTH)))
    return found


def window_start(text: str, at: int) -> int:
    """`at`, or the start of the word it falls in moved past, so that a snippet starts on a whole word."""
    if at <= 0:
        return 0
    if text[at - 1].isspace():
        return at
    space = text.find(" ", at)
    return space + 1 if space != -1 else at


def window_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", 0, at + 1)
    return space if space > 0 and not text[at].isspace() else at


def snippet(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start > position:
            pieces.append(Piece(text[position:span_start]))
        pieces.append(Piece(text[span_start:span_end], True))
        position = span_end
    if position < end:
        pieces.append(Piece(text[position:end]))
    return Snippet(tuple(pieces), start > 0, end < len(text))
