"""A thesis's citation tree, read from its sections and passages in two queries."""

from ..models import Passage, Section, Thesis
from ..text.citetree import Division, Paragraph, Unit, build


def citation_tree(thesis: Thesis | int) -> list[Unit]:
    """The top-level units of the thesis's citation tree (see `thesis.text.citetree`)."""
    thesis_id = getattr(thesis, "pk", thesis)
    divisions = [
        Division(*row) for row in Section.objects.filter(thesis_id=thesis_id).values_list("id", "parent_id", "order")
    ]
    paragraphs = [
        Paragraph(*row) for row in Passage.objects.filter(thesis_id=thesis_id).values_list("id", "section_id", "order")
    ]
    return build(divisions, paragraphs)
