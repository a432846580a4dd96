"""Citations derived from a passage's reading text: each `[N]` marker and the sentence it closes."""

from dataclasses import dataclass

from .sentences import MARKER_RE, sentence_finder


@dataclass(frozen=True)
class DerivedCitation:
    number: int
    marker_start: int
    marker_end: int
    sentence: str
    sentence_start: int
    sentence_end: int


def derive_citations(text: str) -> list[DerivedCitation]:
    """Every marker in `text`, in order, with the sentence before it (markers excluded)."""
    citations: list[DerivedCitation] = []
    sentence_at = sentence_finder(text)
    for marker in MARKER_RE.finditer(text):
        start, end = sentence_at(marker.start()) or (marker.start(), marker.start())
        end = _words_end(text, start, marker.start(), citations[-1] if citations else None)
        citations.append(
            DerivedCitation(
                number=int(marker["number"]),
                marker_start=marker.start(),
                marker_end=marker.end(),
                sentence=text[start:end],
                sentence_start=start,
                sentence_end=end,
            )
        )
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
        opening = text.rfind("[", start, end)
        if opening == -1 or not MARKER_RE.fullmatch(text, opening, end):
            return end
        end = opening


def _rstripped(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
