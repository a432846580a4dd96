"""Everything a thesis's TEI edition shows, read in a fixed number of queries whatever the thesis's size."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from thesis.editions.links import CitationLink, MentionLink, links_by_passage
from thesis.editions.tree import citation_tree, citation_trees

from ...models import Author, Passage, Section, Source, Thesis, TimelineEvent
from ...text.citetree import Unit

# The records whose history is the edition's, and the xml:id of the element each is about (a source's
# by its number, which its history record carries; the thesis is the whole document).
HISTORY_TARGETS = {
    Thesis: lambda row: None,
    Section: lambda row: f"div-{row.id}",
    Passage: lambda row: f"p-{row.id}",
    Source: lambda row: f"source-{row.number}",
    Author: lambda row: f"person-{row.id}",
    TimelineEvent: lambda row: f"event-{row.id}",
}
QUERIES = 18
# What load_headers reads whatever the number of theses: the trees' sections and passages, and the
# history of each model.
HEADER_QUERIES = 2 + len(HISTORY_TARGETS)
# The fields whose words an element shows, and so whose editors correct them.
WORDED_FIELDS = {Passage: ("text",), Section: ("number", "label", "title")}


@dataclass
class Records:
    """A thesis and what its edition is made of."""

    thesis: Thesis
    tree: list[Unit]
    sections: dict[int, Section]
    passages: dict[int, Passage]
    sources: list[Source]
    authors: list[Author]
    events: list[TimelineEvent]
    history: list = field(default_factory=list)
    # Who changed the words of each paragraph and heading, by its xml:id: user ids, first change first.
    text_editors: dict[str, list[int]] = field(default_factory=dict)
    # Each passage's citations (in the order of their markers) and names (in the order of the text), by its id.
    citations: dict[int, list[CitationLink]] = field(default_factory=dict)
    mentions: dict[int, list[MentionLink]] = field(default_factory=dict)

    def responsible(self, target: str) -> str:
        """The `resp` of an element's corrections: a pointer to each editor who changed its words."""
        return " ".join(f"#editor-{user}" for user in self.text_editors.get(target, []))

    def citations_of(self, passage_id: int) -> list[CitationLink]:
        return self.citations.get(passage_id, [])

    def mentions_of(self, passage_id: int) -> list[MentionLink]:
        return self.mentions.get(passage_id, [])

    def events_of(self, passage_id: int) -> list[TimelineEvent]:
        return self._events_by_passage.get(passage_id, [])

    @cached_property
    def _events_by_passage(self) -> dict[int, list[TimelineEvent]]:
        # Grouped once: looking each paragraph's events up among all of them made the edition's time
        # grow with paragraphs times events.
        grouped: dict[int, list[TimelineEvent]] = defaultdict(list)
        for event in self.events:
            grouped[event.passage_id].append(event)
        return grouped


def load(thesis: Thesis | int) -> Records:
    """The thesis's records, in QUERIES queries whatever its size."""
    thesis_id = getattr(thesis, "pk", thesis)
    chosen = Thesis.objects.select_related("source_document").defer("source_document__content").get(pk=thesis_id)
    citations, mentions = links_by_passage(thesis_id)
    history = _history(thesis_id)
    return Records(
        thesis=chosen,
        tree=citation_tree(thesis_id),
        sections={section.pk: section for section in Section.objects.filter(thesis_id=thesis_id)},
        passages={passage.pk: passage for passage in _passages(thesis_id)},
        sources=list(Source.objects.filter(thesis_id=thesis_id).order_by("number")),
        authors=list(Author.objects.filter(thesis_id=thesis_id).prefetch_related("aliases")),
        events=list(TimelineEvent.objects.filter(thesis_id=thesis_id).prefetch_related("authors")),
        history=history,
        text_editors=_text_editors(history),
        citations=citations,
        mentions=mentions,
    )


def _passages(thesis_id: int):
    """The thesis's passages, each with its stored markup (`passage.markup`), of which its TEI alone."""
    markup = Passage.objects.filter(thesis_id=thesis_id).select_related("markup")
    return markup.defer("markup__html", "markup__changes_html")


def load_headers(theses: list[Thesis]) -> list[Records]:
    """What the headers of these theses (read with their source documents) show: each one's citation
    tree and history, in HEADER_QUERIES queries whatever their number."""
    thesis_ids = [thesis.pk for thesis in theses]
    trees, histories = citation_trees(thesis_ids), _histories(thesis_ids)
    return [Records(thesis, trees[thesis.pk], {}, {}, [], [], [], history=histories[thesis.pk]) for thesis in theses]


def _history(thesis_id: int) -> list:
    """Every history record of the thesis and of its sections, passages, sources, people and events,
    oldest first, each marked with the id of the element it is about (`target`, None if none)."""
    return _histories([thesis_id])[thesis_id]


def _histories(thesis_ids: list[int]) -> dict[int, list]:
    """The history of each of these theses (see _history), by id, in a query per model."""
    by_thesis = {thesis_id: [] for thesis_id in thesis_ids}
    for model, target in HISTORY_TARGETS.items():
        column = "id" if model is Thesis else "thesis_id"
        rows = model.history.select_related("history_user").filter(**{f"{column}__in": thesis_ids})
        for row in rows:
            row.target = target(row)
            by_thesis[row.id if model is Thesis else row.thesis_id].append(row)
    order = attrgetter("history_date", "history_id")
    return {thesis_id: sorted(records, key=order) for thesis_id, records in by_thesis.items()}


def _text_editors(history: list) -> dict[str, list[int]]:
    editors: dict[str, list[int]] = {}
    words: dict[str, tuple] = {}
    for row in history:
        fields = WORDED_FIELDS.get(row.instance_type)
        if fields is None:
            continue
        before, words[row.target] = words.get(row.target), tuple(getattr(row, name) for name in fields)
        if row.history_user_id and before is not None and before != words[row.target]:
            known = editors.setdefault(row.target, [])
            if row.history_user_id not in known:
                known.append(row.history_user_id)
    return editors
