"""A thesis's citation tree, read from its sections and passages in two queries (two for many theses too)."""

from ..models import Passage, Section, Thesis
from ..text.citetree import Division, Paragraph, Unit, build, walk


def citation_tree(thesis: Thesis | int) -> list[Unit]:
    """The top-level units of the thesis's citation tree (see `thesis.text.citetree`)."""
    thesis_id = getattr(thesis, "pk", thesis)
    return citation_trees([thesis_id])[thesis_id]


def citation_trees(thesis_ids: list[int]) -> dict[int, list[Unit]]:
    """The citation tree of each of these theses, by id, in two queries whatever their number."""
    divisions = {thesis_id: [] for thesis_id in thesis_ids}
    paragraphs = {thesis_id: [] for thesis_id in thesis_ids}
    sections = Section.objects.filter(thesis_id__in=thesis_ids).values_list("thesis_id", "id", "parent_id", "order")
    for thesis_id, *row in sections:
        divisions[thesis_id].append(Division(*row))
    passages = Passage.objects.filter(thesis_id__in=thesis_ids).values_list("thesis_id", "id", "section_id", "order")
    for thesis_id, *row in passages:
        paragraphs[thesis_id].append(Paragraph(*row))
    return {thesis_id: build(divisions[thesis_id], paragraphs[thesis_id]) for thesis_id in thesis_ids}


def paragraph_refs(roots: list[Unit]) -> dict[int, str]:
    """Each passage's DTS reference (such as 1.4.2) in the tree, by the passage's id."""
    return {unit.record_id: unit.identifier for unit in walk(roots) if unit.is_paragraph}
