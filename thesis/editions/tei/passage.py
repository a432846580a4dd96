"""A paragraph's inline markup in TEI: the corrections and restored periods of thesis.text.corrections,
with the thesis's citations, names and dates marked as TEI references.

A marker is one `ref` pointing at every source it cites; a page locator in it is a `citedRange` in a
`bibl` that corresponds to its source, over the locator's own characters, so the text reads as printed."""

from itertools import groupby

from ...models import Passage, TimelineEvent
from ...text.corrections import CITATION, DATE, NAME, inline_content
from ...text.dates import PartialDate, iso_date
from ...text.inline import Node, Span, element
from ...text.markers import read_marker
from .records import Records

POINT_PRECISIONS = {TimelineEvent.Precision.DAY, TimelineEvent.Precision.MONTH, TimelineEvent.Precision.YEAR}


def paragraph_content(passage: Passage, records: Records) -> list:
    """The passage's current text as TEI mixed content (strings and inline nodes)."""
    resp = records.responsible(f"p-{passage.pk}")
    annotations = _citations(passage.text, records.citations_of(passage.pk))
    annotations += [_name(mention) for mention in records.mentions_of(passage.pk)]
    annotations += _dates(passage.text, records.events_of(passage.pk))
    return inline_content(passage.original_text, passage.text, annotations, resp, records.thesis.line_breaks)


def _citations(text: str, citations) -> list[Span]:
    """A `ref` over each marker, to each source it cites, with its page locators inside it."""
    spans = []
    for (start, end), cited in groupby(citations, key=lambda citation: (citation.marker_start, citation.marker_end)):
        located = {(c.source_number, c.locator): f"#source-{c.source_number}" for c in cited}
        target = " ".join(dict.fromkeys(located.values()))
        spans.append(Span(start, end, element("ref", type="citation", target=target), CITATION))
        for item in read_marker(text[start:end]) or []:
            if item.locator and (item.number, item.locator) in located:
                source = located[item.number, item.locator]
                spans.append(Span(start + item.locator_start, start + item.locator_end, _cited_range(source), CITATION))
    return spans


def _cited_range(source: str):
    return lambda content: Node("bibl", {"corresp": source}, [Node("citedRange", {"unit": "page"}, content)])


def _name(mention) -> Span:
    return Span(mention.start, mention.end, element("persName", ref=f"#person-{mention.author_id}"), NAME)


def _dates(text: str, events: list[TimelineEvent]) -> list[Span]:
    """Each event's date where the passage prints it: the first place not already taken by another."""
    spans: list[Span] = []
    for event in events:
        if not event.date_display:
            continue
        start = text.find(event.date_display)
        while start != -1 and any(s.start < start + len(event.date_display) and start < s.end for s in spans):
            start = text.find(event.date_display, start + 1)
        if start != -1:
            attributes = {**date_attributes(event), "corresp": f"#event-{event.pk}"}
            spans.append(Span(start, start + len(event.date_display), element("date", **attributes), DATE))
    return spans


def date_attributes(event: TimelineEvent) -> dict[str, str]:
    """`when` for a day, month or year; `notBefore` and `notAfter` for centuries, decades and ranges;
    an inferred date is marked as the editors' conjecture."""
    begin = PartialDate(event.start_year, event.start_month, event.start_day)
    finish = PartialDate(event.end_year, event.end_month, event.end_day)
    if event.precision in POINT_PRECISIONS and begin == finish:
        attributes = {"when": iso_date(begin)}
    else:
        attributes = {"notBefore": iso_date(begin), "notAfter": iso_date(finish)}
    if event.basis == TimelineEvent.Basis.INFERRED:
        attributes["evidence"] = "conjecture"
    return attributes
