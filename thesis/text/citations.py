"""Citations derived from a passage's reading text: each `[N]` marker and the sentence it closes."""

from dataclasses import dataclass

from .sentences import MARKER_RE, sentence_at


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
    citations = []
    for marker in MARKER_RE.finditer(text):
        start, end = sentence_at(text, marker.start()) or (marker.start(), marker.start())
        end = _without_markers(text, start, marker.start())
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


def _without_markers(text: str, start: int, marker_start: int) -> int:
    """The end of the sentence's words: before the run of markers that closes it."""
    trimmed = text[start:marker_start].rstrip()
    while (opening := _last_marker(trimmed)) is not None:
        trimmed = trimmed[:opening].rstrip()
    return start + len(trimmed)


def _last_marker(trimmed: str) -> int | None:
    """Where a marker ending `trimmed` begins, if one does."""
    opening = trimmed.rfind("[")
    if opening != -1 and MARKER_RE.fullmatch(trimmed[opening:]):
        return opening
    return None
