"""A thesis's citations and names by passage: the links the TEI edition and the reading site mark in each."""

from typing import NamedTuple

from thesis.models import Citation, Mention


class CitationLink(NamedTuple):
    """A citation as a passage's markup shows it: its marker, its source and the page it cites."""

    passage_id: int
    marker_start: int
    marker_end: int
    source_id: int
    source_number: int
    locator: str


class MentionLink(NamedTuple):
    """A name as a passage's markup shows it: where it stands and whom it names."""

    passage_id: int
    start: int
    end: int
    author_id: int


def links_by_passage(
    thesis_id: int, sections: list[int] | None = None
) -> tuple[dict[int, list[CitationLink]], dict[int, list[MentionLink]]]:
    """The thesis's citations (in the order of their markers) and names (in the order of the text), each
    by passage id, in a query each; those of the passages in `sections` (ids) alone, when given. Grouped
    here rather than prefetched: a prefetch filters a queryset for each of the thesis's passages. Read
    as tuples of the columns the markup shows: a thesis's thousands of model instances, each with its
    sentence and its source's entry, cost more than the markup made of them."""
    where = {"passage__thesis_id": thesis_id}
    if sections is not None:
        where["passage__section_id__in"] = sections
    citations = (
        Citation.objects.filter(**where)
        .order_by("marker_start", "order")
        .values_list(*("source__number" if name == "source_number" else name for name in CitationLink._fields))
    )
    mentions = Mention.objects.filter(**where).order_by("start", "pk").values_list(*MentionLink._fields)
    return _by_passage(map(CitationLink._make, citations)), _by_passage(map(MentionLink._make, mentions))


def _by_passage(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.passage_id, []).append(row)
    return grouped
