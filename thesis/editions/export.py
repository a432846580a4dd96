"""The two texts of a thesis: the original rebuilt from its spans, and the current reading text."""

from ..models import Passage, Section, Thesis
from ..text.headings import heading_of


class RebuildError(Exception):
    """The stored spans no longer describe the source document."""


def rebuild_original(thesis: Thesis) -> str:
    """The source rebuilt from every heading and passage slice, with only whitespace between them."""
    source = thesis.source_document.content
    pieces = [
        (s.span_start, s.span_end, s.heading_original) for s in thesis.sections.all() if s.span_end > s.span_start
    ]
    pieces += [(p.span_start, p.span_end, p.original_text) for p in thesis.passages.all()]
    rebuilt = []
    position = 0
    for start, end, slice_text in sorted(pieces):
        gap = source[position:start]
        if start < position or gap.strip():
            raise RebuildError(f"the spans leave text uncovered or overlap at {position}")
        if source[start:end] != slice_text:
            raise RebuildError(f"the stored slice [{start}, {end}) differs from the source")
        rebuilt += [gap, slice_text]
        position = end
    if source[position:].strip():
        raise RebuildError(f"the text after {position} is not covered")
    rebuilt.append(source[position:])
    return "".join(rebuilt)


def current_text(thesis: Thesis) -> str:
    """The reading text with editors' corrections: each heading and paragraph on its own line."""
    sections = list(Section.objects.filter(thesis=thesis).order_by("span_start", "order"))
    passages = list(Passage.objects.filter(thesis=thesis).order_by("order"))
    blocks = [(s.span_start, 0, heading_line(s)) for s in sections if heading_line(s)]
    blocks += [(p.span_start, 1, p.text) for p in passages]
    return "\n\n".join(text for _, _, text in sorted(blocks)) + "\n"


def heading_line(section: Section) -> str:
    return heading_of(section.kind, section.number, section.label, section.title)
