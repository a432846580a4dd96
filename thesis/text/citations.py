"""Citations derived from a passage's reading text: each source a marker cites, with its page locator,
and the sentence the marker closes.

Which brackets are markers, and how one is read into sources and locators ("[1, 25 б.]", "[1; 4]",
"[1-3]", "[3,185-231]"), is the rule of thesis.text.markers; `read_marker` reads one bracket.
"""

from dataclasses import dataclass

from .markers import find_markers, marker_start_before, read_marker
from .sentences import sentence_finder

__all__ = ["DerivedCitation", "derive_citations", "read_marker"]


@dataclass(frozen=True)
class DerivedCitation:
    """One source cited by one marker: a marker citing three sources gives three, over the same marker."""

    number: int
    marker_start: int
    marker_end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    locator: str | None = None


def derive_citations(text: str) -> list[DerivedCitation]:
    """Every source each marker in `text` cites, in order, with the sentence before it (markers excluded)."""
    citations: list[DerivedCitation] = []
    sentence_at = sentence_finder(text)
    for marker in find_markers(text):
        start, end = sentence_at(marker.start) or (marker.start, marker.start)
        end = _words_end(text, start, marker.start, citations[-1] if citations else None)
        citations += [
            DerivedCitation(
                number=item.number,
                marker_start=marker.start,
                marker_end=marker.end,
                sentence=text[start:end],
                sentence_start=start,
                sentence_end=end,
                locator=item.locator,
            )
            for item in marker.items
        ]
    return citations


def _words_end(text: str, start: int, marker_start: int, previous: DerivedCitation | None) -> int:
    """The end of the sentence's words: before the run of markers that closes it.

    A marker that follows the previous one across spaces only, in the same sentence, ends the same
    words: taking that end keeps a run of many markers linear, each not stripping all before it."""
    if (
        previous is not None
        and previous.sentence_start == start
        and not text[previous.marker_end : marker_start].strip()
    ):
        return previous.sentence_end
    end = marker_start
    while True:
        end = _rstripped(text, start, end)
        opening = marker_start_before(text, start, end)
        if opening is None:
            return end
        end = opening


def _rstripped(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
