"""The reading site's search results: a bounded page of matching passages with their snippets, grouped by
thesis and section, and facets counting the matches by thesis, section, status, cited source and person.

The matching itself is thesis.search's, the same the API's `q` uses: the caller hands in the matches
and the strings that count as matches, so that the site and the API always agree."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from thesis.editions.html import page_url
from thesis.models import Citation, Mention, Passage
from thesis.search import SEARCH_RESULT_LIMIT, Marks
from thesis.text.snippets import snippets

from .contents import section_heading, section_heading_of, section_pages
from .sections import address, section_anchor

PAGE_SIZE = 20
# Matches are listed and counted up to the search's own limit: past it a count would cost as much as
# the corpus is large.
MAX_PAGE = SEARCH_RESULT_LIMIT // PAGE_SIZE
# Values shown of each facet, most matches first.
FACET_SIZE = 15
FACETS = ("thesis", "section", "status", "source", "person")


def narrowed(choices: dict[str, object]):
    """The passages a search looks in: all, or those of the facets chosen (each a value of FACETS)."""
    passages = Passage.objects.all()
    if "thesis" in choices:
        passages = passages.filter(thesis_id=choices["thesis"])
    if "section" in choices:
        passages = passages.filter(section_id=choices["section"])
    if "status" in choices:
        passages = passages.filter(status=choices["status"])
    if "source" in choices:
        passages = passages.filter(pk__in=Citation.objects.filter(source_id=choices["source"]).values("passage_id"))
    if "person" in choices:
        passages = passages.filter(pk__in=Mention.objects.filter(author_id=choices["person"]).values("passage_id"))
    return passages


@dataclass
class Hit:
    passage: Passage
    snippets: list


@dataclass
class Group:
    """Consecutive hits in one section of one thesis."""

    passage: Passage  # the first, which names the thesis and section
    heading: str
    href: str  # the section in its place on the thesis's page
    hits: list[Hit] = field(default_factory=list)


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    # The language the label is written in, for its lang (a status is in the reader's: none given).
    language: str = ""


@dataclass
class Results:
    groups: list[Group]
    facets: dict[str, list[FacetValue]]
    total: int
    capped: bool
    page: int
    pages: int


# What the search reads of each of its first matches: enough to count them by thesis, section and status.
MATCH_FIELDS = ("pk", "thesis_id", "thesis__title", "section_id", "section__kind", "section__number")
MATCH_FIELDS += ("section__label", "section__title", "status", "thesis__language")


def results(matches, marks: Marks, page: int) -> Results:
    """The page (from 1, at most MAX_PAGE) of `matches`, in their order, and the facets of the first
    SEARCH_RESULT_LIMIT; in five queries. `marks` says what the snippets mark: the forms matched."""
    rows = list(matches.values_list(*MATCH_FIELDS)[: SEARCH_RESULT_LIMIT + 1])
    capped, rows = len(rows) > SEARCH_RESULT_LIMIT, rows[:SEARCH_RESULT_LIMIT]
    shown = [row[0] for row in rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    by_id = Passage.objects.select_related("thesis", "section").defer("thesis__declared_structure").in_bulk(shown)
    hits = [Hit(by_id[pk], snippets(by_id[pk].text, marks.spans(by_id[pk].text))) for pk in shown]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    pages_of = section_pages(list({hit.passage.thesis_id for hit in hits}))
    return Results(group_hits(hits, pages_of), facets(rows), len(rows), capped, page, pages)


def group_hits(hits: list[Hit], pages_of: dict[int, int]) -> list[Group]:
    """The hits grouped by thesis and section, each section once: the groups in the order of their best
    hit, the hits in each in their order, each linking to its section on the page of the thesis that
    holds it (`pages_of`, by section id). (Grouped by runs, a section could appear twice on a page,
    under the same heading.)"""
    groups: dict[tuple[int, int], Group] = {}
    for hit in hits:
        thesis_id, section_id = key = (hit.passage.thesis_id, hit.passage.section_id)
        if key not in groups:
            href = address(
                page_url("reading:thesis", thesis_id), pages_of[section_id], fragment=section_anchor(section_id)
            )
            groups[key] = Group(hit.passage, section_heading(hit.passage.section), href)
        groups[key].hits.append(hit)
    return list(groups.values())


def facets(rows: list[tuple]) -> dict[str, list[FacetValue]]:
    """How many of the matches (rows of MATCH_FIELDS) fall under each thesis, section, status, cited
    source and person: the first three counted here, the last two in a query each."""
    if not rows:
        return {name: [] for name in FACETS}
    ids = [row[0] for row in rows]
    status_labels = dict(Passage.Status.choices)
    sources = (
        Citation.objects.filter(passage_id__in_ids=ids)
        .order_by()
        .values_list("source_id", "source__number", "source__title", "source__thesis__language")
    )
    people = Mention.objects.filter(passage_id__in_ids=ids).order_by()
    people = people.values_list("author_id", "author__display_name", "author__thesis__language")
    return {
        "thesis": counted(rows, lambda row: row[1], lambda row: row[2], thesis_language),
        "section": counted(rows, lambda row: row[3], lambda row: section_heading_of(*row[4:8]), thesis_language),
        "status": counted(rows, lambda row: row[8], lambda row: str(status_labels.get(row[8], row[8]))),
        "source": top(
            FacetValue(pk, f"[{number}] {title}".strip(), n, language)
            for pk, number, title, language, n in sources.annotate(n=Count("passage_id", distinct=True))
        ),
        "person": top(
            FacetValue(pk, name, n, language)
            for pk, name, language, n in people.annotate(n=Count("passage_id", distinct=True))
        ),
    }


def thesis_language(row: tuple) -> str:
    return row[9]


def counted(rows: list[tuple], value, label, language=lambda row: "") -> list[FacetValue]:
    """The rows counted by `value(row)`, most frequent first, each value labelled once, by `label` of its
    first row, in the `language` of that row."""
    counts, firsts = Counter(), {}
    for row in rows:
        key = value(row)
        counts[key] += 1
        firsts.setdefault(key, row)
    return top(FacetValue(key, label(firsts[key]), n, language(firsts[key])) for key, n in counts.items())


def top(values) -> list[FacetValue]:
    return sorted(values, key=lambda v: (-v.count, v.label))[:FACET_SIZE]
