"""A paragraph's inline markup: editors' corrections, restored periods, citations, names and dates.

Three readings of a passage live in one paragraph. The transcription (its lines, layout folded) becomes
the reading text by the documented normalisation, each line break restored as ". " or " ": a
`choice` of `orig` (the `lb`) and `reg` (what was put for it); a line the document keeps as its own
(verse, a list) is a bare `lb` in every reading. The reading text becomes the current
text by editors' corrections, a word-level difference: a `choice` of `sic` (the words before) and
`corr` (the words now). A correction that touches a restored line break takes the whole restoration
into its `sic`, so that the two kinds of choice never cross. Citations, names and dates are marked on
the current text wherever they nest with the choices and with one another (thesis.text.inline).
"""

from ...models import Passage, TimelineEvent
from ...text.corrections import CITATION, DATE, NAME, inline_content
from ...text.dates import PartialDate, iso_date
from ...text.inline import Span, element
from .records import Records

POINT_PRECISIONS = {TimelineEvent.Precision.DAY, TimelineEvent.Precision.MONTH, TimelineEvent.Precision.YEAR}


def paragraph_content(passage: Passage, records: Records) -> list:
    """The passage's current text as TEI mixed content (strings and inline nodes)."""
    resp = records.responsible(f"p-{passage.pk}")
    annotations = [_citation(citation) for citation in records.citations_of(passage.pk)]
    annotations += [_name(mention) for mention in records.mentions_of(passage.pk)]
    annotations += _dates(passage.text, records.events_of(passage.pk))
    return inline_content(passage.original_text, passage.text, annotations, resp, records.thesis.line_breaks)


def _citation(citation) -> Span:
    target = f"#source-{citation.source.number}"
    return Span(citation.marker_start, citation.marker_end, element("ref", type="citation", target=target), CITATION)


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
