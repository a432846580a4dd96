"""What the reading site's pages show, read in a fixed number of queries whatever the thesis's size.

Each page's reader returns plain records (the models, annotated, and small dataclasses) for a
template to lay out; the passage markup they carry is `thesis.text.inline` content, the same the TEI
edition is made of, with HTML elements for the links a reader follows."""

from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Count, OuterRef, Prefetch, Subquery

from thesis.editions.export import heading_of
from thesis.editions.html import reading_content, stored_html
from thesis.editions.links import links_by_passage
from thesis.editions.tree import citation_tree, paragraph_refs
from thesis.history import changed_words, public_name
from thesis.models import Author, Citation, Mention, Passage, Section, Source, Thesis, TimelineEvent, related_count
from thesis.text.citetree import Division, Paragraph, build, walk
from thesis.text.corrections import inline_content
from thesis.text.snippets import snippets

from .sections import has_page, page_of, passage_anchor, section_anchor

# The historiography groups in the order the thesis reviews them, then everyone else it names.
GROUPS = (Author.Group.FOREIGN, Author.Group.RUSSIAN, Author.Group.DOMESTIC)


def archive():
    """Every thesis with its counts of passages, sources, people and events, read in one query."""
    return Thesis.objects.defer("declared_structure").annotate(
        passage_count=related_count(Passage, "thesis"),
        source_count=related_count(Source, "thesis"),
        author_count=related_count(Author, "thesis"),
        event_count=related_count(TimelineEvent, "thesis"),
    )


def archive_languages() -> list[str]:
    """The languages the archive's theses are written in, for the archive page's filter."""
    return list(Thesis.objects.order_by("language").values_list("language", flat=True).distinct())


# Links inside a passage ---------------------------------------------------------------------------


def passage_content(passage: Passage, text: str | None = None, citations=None, mentions=None) -> list:
    """The passage's text as inline content: corrections as choices of sic and corr, and its links
    (from `citations` and `mentions` when already read). With another `text` (an older version), that
    text with the corrections that lead to it, and no links."""
    if text is not None and text != passage.text:
        return inline_content(passage.original_text, text, [], layout=passage.thesis.line_breaks)
    return reading_content(passage, citations, mentions)


def shown_content(passage: Passage, citations, mentions):
    """The passage's current markup: its HTML as stored when it is still what the passage shows,
    otherwise its inline content made now."""
    return stored_html(passage, citations, mentions) or passage_content(passage, None, citations, mentions)


# The reading view ---------------------------------------------------------------------------------


@dataclass
class Part:
    """A section as the reading view lays it out: its heading, depth, the page that holds it (its
    top-level section's number, reading.sections), and its passages with their markup when shown."""

    section: Section
    depth: int
    heading: str
    page: int
    passages: list[Passage] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id of the section's place on its page, which links into the page name."""
        return section_anchor(self.section.pk)


@dataclass
class Reading:
    thesis: Thesis
    # Every section of the thesis, for its contents; those of the page shown carry their passages.
    contents: list[Part]
    # The page shown (a top-level section's number), or None for the whole thesis.
    page: int | None
    # How many pages the thesis has: its top-level sections.
    count: int

    @property
    def parts(self) -> list[Part]:
        """The sections the page shows, in their order."""
        return [part for part in self.contents if self.page is None or part.page == self.page]

    @property
    def tops(self) -> list[Part]:
        """The top-level sections, one a page, in their order."""
        return [part for part in self.contents if part.depth == 1]


class UnknownSection(LookupError):
    """The thesis has no such page: `count` top-level sections, fewer than the number asked for."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def reading(thesis_id: int, page: int | None = None) -> Reading:
    """The thesis's contents, and its page `page` (a top-level section with everything under it; None:
    every section) section by section with headings as printed, each passage with its markup, its
    reference in the citation tree (`passage.paragraph`, as DTS numbers it) and the reasons its words
    were changed (`passage.reasons`), in six queries; only the page's passages are read and marked up.
    UnknownSection when the thesis has no such page."""
    thesis = Thesis.objects.defer("declared_structure").get(pk=thesis_id)
    sections = list(Section.objects.filter(thesis_id=thesis_id).order_by("order"))
    divisions = [Division(section.pk, section.parent_id, section.order) for section in sections]
    contents = sections_placed(sections, divisions)
    shown = Reading(thesis, contents, page, sum(1 for part in contents if part.depth == 1))
    if not has_page(page, shown.count):
        raise UnknownSection(shown.count)
    parts = {part.section.pk: part for part in shown.parts}
    on_page = None if page is None else list(parts)
    # Each with its stored HTML, not its TEI, which no page shows.
    passages = Passage.objects.filter(thesis_id=thesis_id).select_related("markup").defer("markup__tei")
    passages = passages.order_by("order")
    if on_page is not None:
        passages = passages.filter(section_id__in=on_page)
    passages = list(passages)
    reasons = change_reasons(thesis_id, on_page)
    citations, mentions = links_by_passage(thesis_id, on_page)
    # Every passage of the page's sections is read, and a paragraph is numbered among its section's
    # own alone, so the tree of these passages numbers them as the whole thesis's does.
    refs = paragraph_refs(build(divisions, [Paragraph(p.pk, p.section_id, p.order) for p in passages]))
    for passage in passages:
        shown_links = citations.get(passage.pk, []), mentions.get(passage.pk, [])
        passage.paragraph = refs[passage.pk]
        passage.anchor = passage_anchor(passage.order)
        passage.thesis = thesis  # read once: the passages' markup follows the thesis's line breaks
        passage.content = shown_content(passage, *shown_links)
        passage.reasons = reasons.get(passage.pk, [])
        parts[passage.section_id].passages.append(passage)
    return shown


def division_units(divisions: list[Division]) -> dict:
    """Each section's unit in the citation tree, by section id: its level, and its page in the first
    number of its identifier. A tree of the sections alone numbers its top level as the whole tree
    does (no paragraph stands there), though not the levels below, which count paragraphs."""
    return {unit.record_id: unit for unit in walk(build(divisions, []))}


def sections_placed(sections: list[Section], divisions: list[Division]) -> list[Part]:
    """Each section (in their order) with its depth and page as the citation tree places it: a page is
    a top-level unit of the tree, a depth its level."""
    units = division_units(divisions)
    return [
        Part(section, units[section.pk].level, section_heading(section), page_of(units[section.pk].identifier))
        for section in sections
    ]


def section_pages(thesis_ids: list[int]) -> dict[int, int]:
    """The page that holds each section of these theses, by section id, in one query."""
    divisions: dict[int, list[Division]] = {thesis_id: [] for thesis_id in thesis_ids}
    rows = Section.objects.filter(thesis_id__in=thesis_ids).values_list("thesis_id", "id", "parent_id", "order")
    for thesis_id, *row in rows:
        divisions[thesis_id].append(Division(*row))
    return {pk: page_of(unit.identifier) for each in divisions.values() for pk, unit in division_units(each).items()}


def section_counts() -> dict[int, int]:
    """How many pages each thesis is read in, by thesis id: its top-level sections, in one query (a
    thesis without any is left out: it has its first page alone)."""
    top_level = Section.objects.filter(parent__isnull=True).order_by().values_list("thesis_id")
    return dict(top_level.annotate(count=Count("pk")))


def change_reasons(thesis_id: int, sections: list[int] | None = None) -> dict[int, list[str]]:
    """Why each passage's words were changed since its import, oldest first, from its history; of the
    passages now in `sections` (ids) alone, when given, read through every version of each."""
    reasons: dict[int, list[str]] = {}
    texts: dict[int, str] = {}
    rows = Passage.history.filter(thesis_id=thesis_id)
    if sections is not None:
        rows = rows.filter(id__in=Passage.objects.filter(section_id__in=sections).values("pk"))
    rows = rows.order_by("history_date", "history_id")
    for pk, text, reason in rows.values_list("id", "text", "history_change_reason"):
        if pk in texts and texts[pk] != text and reason:
            reasons.setdefault(pk, []).append(reason)
        texts[pk] = text
    return reasons


def section_heading(section: Section) -> str:
    """The heading as printed; a part printed without one is named by its kind."""
    return section_heading_of(section.kind, section.number, section.label, section.title)


def section_heading_of(kind: str, number: str, label: str, title: str) -> str:
    """`section_heading` from a section's fields, for rows read without their records."""
    return heading_of(kind, number, label, title) or str(Section.Kind(kind).label)


# A passage's permalink ----------------------------------------------------------------------------


@dataclass
class Change:
    """One recorded version of a passage: when, why, by whom, and the words it changed from the one
    before, a few words of context round each (thesis.history.changed_words): none when the text did
    not change or only its spacing did, which `spacing_only` tells apart."""

    record: object
    diff: list[dict]
    spacing_only: bool = False

    @property
    def editor(self) -> str | None:
        return public_name(self.record.history_user)


@dataclass
class PassagePage:
    passage: Passage
    heading: str
    changes: list[Change]
    shown: object  # the history record of the version asked for, or None for the current text
    content: list
    paragraph: str  # the passage's reference in the citation tree, as DTS numbers it (1.4.2)
    previous: int | None = None  # the order of the passage before it in the thesis, if any
    next: int | None = None


def neighbour(order_before: bool):
    """The order of the passage just before (or after) each passage in its thesis, as a subquery."""
    nearest = "-order" if order_before else "order"
    lookup = "order__lt" if order_before else "order__gt"
    rows = Passage.objects.filter(thesis_id=OuterRef("thesis_id"), **{lookup: OuterRef("order")}).order_by(nearest)
    return Subquery(rows.values("order")[:1])


class UnknownVersion(LookupError):
    """No recorded version of the passage has that number."""


def passage_page(thesis_id: int, order: int, version: int | None = None) -> PassagePage:
    """A passage (by its order in the thesis), its neighbours, citations, people, place in the citation
    tree and history, newest first, in eight queries; with `version`, that version's text from history
    (UnknownVersion if it has none)."""
    passage = (
        Passage.objects.select_related("thesis", "section", "markup")
        .defer("thesis__declared_structure")
        .annotate(previous_order=neighbour(True), next_order=neighbour(False))
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("marker_start", "order")),
            Prefetch("mentions", queryset=Mention.objects.select_related("author").order_by("start", "pk")),
        )
        .get(thesis_id=thesis_id, order=order)
    )
    records = list(passage.history.select_related("history_user").order_by("history_date", "history_id"))
    texts = [passage.original_text, *(record.text for record in records)]
    pairs = list(pairwise(texts))
    changes = [
        Change(record, diff, not diff and old != new)
        for record, diff, (old, new) in zip(records, changed_words(pairs), pairs, strict=True)
    ]
    shown = None
    if version is not None and version != passage.version:
        shown = next((r for r in reversed(records) if r.version == version), None)
        if shown is None:
            raise UnknownVersion(version)
    if shown is None:
        content = shown_content(passage, passage.citations.all(), passage.mentions.all())
    else:
        content = passage_content(passage, shown.text)
    paragraph = paragraph_refs(citation_tree(thesis_id))[passage.pk]
    return PassagePage(
        passage,
        section_heading(passage.section),
        changes[::-1],
        shown,
        content,
        paragraph,
        passage.previous_order,
        passage.next_order,
    )


# People and sources -------------------------------------------------------------------------------


def people_groups() -> list[tuple[str, list[Author]]]:
    """Everyone the theses name, in the three historiography groups and then the rest, each with
    `mention_count`, in one query."""
    people = list(
        Author.objects.select_related("thesis")
        .only("pk", "display_name", "group", "thesis__language", "is_quoted", "is_historiography_author")
        .annotate(mention_count=related_count(Mention, "author"))
        .order_by("thesis_id", "family_name", "given_names", "pk")
    )
    groups = [(group.value, [a for a in people if a.group == group]) for group in GROUPS]
    return [*groups, ("", [a for a in people if a.group not in GROUPS])]


@dataclass
class Quote:
    """Where a passage names a person or cites a source: the passage and the words round it."""

    passage: Passage
    snippets: list


def person(author_id: int) -> tuple[Author, list[Quote]]:
    """A person, their spellings, and every mention with the words round it, in three queries."""
    author = Author.objects.select_related("thesis").prefetch_related("aliases").get(pk=author_id)
    mentions = author.mentions.select_related("passage__section").order_by("passage__order", "start")
    return author, [Quote(m.passage, snippets(m.passage.text, [(m.start, m.end)])) for m in mentions]


def source(source_id: int) -> tuple[Source, list[Citation]]:
    """A source and every sentence citing it, in two queries."""
    chosen = Source.objects.select_related("thesis").get(pk=source_id)
    citations = chosen.citations.select_related("passage__section").order_by("passage__order", "order")
    return chosen, list(citations)
