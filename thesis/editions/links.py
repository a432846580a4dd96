"""A thesis's citations and names by passage: the links the TEI edition and the reading site mark in each."""

from thesis.models import Citation, Mention


def links_by_passage(
    thesis_id: int, sections: list[int] | None = None
) -> tuple[dict[int, list[Citation]], dict[int, list[Mention]]]:
    """The thesis's citations (with their sources, in the order of their markers) and names (in the
    order of the text), each by passage id, in a query each; those of the passages in `sections` (ids)
    alone, when given. Grouped here rather than prefetched: a prefetch filters a queryset for each of
    the thesis's passages."""
    where = {"passage__thesis_id": thesis_id}
    if sections is not None:
        where["passage__section_id__in"] = sections
    citations = Citation.objects.filter(**where).select_related("source").order_by("marker_start", "order")
    mentions = Mention.objects.filter(**where).order_by("start", "pk")
    return _by_passage(citations), _by_passage(mentions)


def _by_passage(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.passage_id, []).append(row)
    return grouped
