"""A paragraph's inline markup: editors' corrections, restored periods, citations, names and dates.

Three readings of a passage live in one paragraph. The transcription (its lines, layout folded) becomes
the reading text by the documented normalisation, each line break restored as ". " or " ": a
`choice` of `orig` (the `lb`) and `reg` (what was put for it). The reading text becomes the current
text by editors' corrections, a word-level difference: a `choice` of `sic` (the words before) and
`corr` (the words now). A correction that touches a restored line break takes the whole restoration
into its `sic`, so that the two kinds of choice never cross. Citations, names and dates are marked on
the current text wherever they nest with the choices and with one another (thesis.text.inline).

A marker is one `ref` pointing at every source it cites; a page locator in it is a `citedRange` in a
`bibl` that corresponds to its source, over the locator's own characters, so the text reads as printed.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import groupby, pairwise

from ...models import Passage, TimelineEvent
from ...text.dates import PartialDate, iso_date
from ...text.diffs import word_diff
from ...text.inline import Node, Span, element, markup
from ...text.markers import read_marker
from ...text.normalisation import joints, reading_text
from .records import Records

# Which of two annotations over the same characters is outside: citations, then names, then dates;
# corrections and restorations innermost.
CITATION, NAME, DATE, CHOICE = range(4)
POINT_PRECISIONS = {TimelineEvent.Precision.DAY, TimelineEvent.Precision.MONTH, TimelineEvent.Precision.YEAR}


@dataclass
class Segment:
    """Characters [start, end) of the reading text, and what the current text has in their place."""

    start: int
    end: int
    text: str
    changed: bool


def paragraph_content(passage: Passage, records: Records) -> list:
    """The passage's current text as TEI mixed content (strings and inline nodes)."""
    resp = records.responsible(f"p-{passage.pk}")
    annotations = _citations(passage.text, records.citations_of(passage.pk))
    annotations += [_name(mention) for mention in records.mentions_of(passage.pk)]
    annotations += _dates(passage.text, records.events_of(passage.pk))
    return inline_content(passage.original_text, passage.text, annotations, resp)


def inline_content(original: str, current: str, annotations: list[Span], resp: str = "") -> list:
    """The current text with the restorations and corrections that lead to it from the original, and
    the annotations (spans of the current text) that nest with them, in the order given."""
    reading = reading_text(original)
    restored = joints(original)
    segments = _widened(_segments(reading, current), restored)
    return markup(current, _choices(reading, segments, restored, resp) + annotations)


def _segments(reading: str, current: str) -> list[Segment]:
    """The word diff from the reading text to the current text, a deletion and the insertion after
    it taken as one replacement."""
    segments: list[Segment] = []
    position = 0
    for operation in word_diff(reading, current):
        op, text = operation["op"], operation["text"]
        if op == "equal":
            segments.append(Segment(position, position + len(text), text, False))
            position += len(text)
        elif op == "delete":
            segments.append(Segment(position, position + len(text), "", True))
            position += len(text)
        elif segments and segments[-1].changed and segments[-1].end == position:
            segments[-1].text += text
        else:
            segments.append(Segment(position, position, text, True))
    return segments


def _widened(segments: list[Segment], restored: list[tuple[int, int]]) -> list[Segment]:
    """The segments, each correction that cuts into a restoration grown to take it whole.

    One pass over both, in order: the unchanged segments are first cut at every restoration's ends,
    so that each restoration touches a run of whole segments, which stays as it is or becomes one
    correction. Only the last segment passed over can reach into the next restoration."""
    pieces = _cut(segments, sorted({point for joint in restored for point in joint}))
    result: list[Segment] = []
    index = 0
    for start, end in restored:
        while index < len(pieces) and pieces[index].end <= start and not _touches(pieces[index], start, end):
            result.append(pieces[index])
            index += 1
        touched = [result.pop()] if result and _touches(result[-1], start, end) else []
        while index < len(pieces) and _touches(pieces[index], start, end):
            touched.append(pieces[index])
            index += 1
        result += _joined_if_cut(touched, start, end)
    return result + pieces[index:]


def _cut(segments: list[Segment], points: list[int]) -> list[Segment]:
    """The segments with each unchanged one cut at every one of the sorted `points` inside it."""
    result = []
    for segment in segments:
        if segment.changed:
            result.append(segment)
            continue
        first, last = bisect_right(points, segment.start), bisect_left(points, segment.end)
        bounds = [segment.start, *points[first:last], segment.end]
        result += [
            Segment(low, high, segment.text[low - segment.start : high - segment.start], False)
            for low, high in pairwise(bounds)
        ]
    return result


def _joined_if_cut(touched: list[Segment], start: int, end: int) -> list[Segment]:
    """The segments touching a restoration, as one correction if a correction cuts into it."""
    changed = [segment for segment in touched if segment.changed]
    if not changed or (len(changed) == 1 and changed[0].start <= start and end <= changed[0].end):
        return touched
    return [Segment(touched[0].start, touched[-1].end, "".join(s.text for s in touched), True)]


def _touches(segment: Segment, start: int, end: int) -> bool:
    if segment.start == segment.end:
        return start < segment.start < end
    return segment.start < end and start < segment.end


def _choices(reading: str, segments: list[Segment], restored: list[tuple[int, int]], resp: str) -> list[Span]:
    """A span of the current text for each correction and for each restoration outside them."""
    spans, position = [], 0
    starts, ends = [start for start, _ in restored], [end for _, end in restored]
    for segment in segments:
        # The restorations are in order and apart, so those inside a segment are one run of them.
        inside = restored[bisect_left(starts, segment.start) : bisect_right(ends, segment.end)]
        if segment.changed:
            sic = markup(reading[segment.start : segment.end], _restorations(inside, -segment.start))
            spans.append(Span(position, position + len(segment.text), _correction(sic, resp), CHOICE))
        else:
            spans += _restorations(inside, position - segment.start)
        position += len(segment.text)
    return spans


def _restorations(restored: list[tuple[int, int]], offset: int) -> list[Span]:
    def wrap(content):
        return Node("choice", {}, [Node("orig", {}, [Node("lb")]), Node("reg", {}, content)])

    return [Span(start + offset, end + offset, wrap, CHOICE) for start, end in restored]


def _correction(sic: list, resp: str):
    attributes = {"resp": resp} if resp else {}
    return lambda content: Node("choice", {}, [Node("sic", {}, sic), Node("corr", attributes, content)])


def _citations(text: str, citations) -> list[Span]:
    """A `ref` over each marker, to each source it cites, with its page locators inside it."""
    spans = []
    for (start, end), cited in groupby(citations, key=lambda citation: (citation.marker_start, citation.marker_end)):
        located = {(c.source.number, c.locator): f"#source-{c.source.number}" for c in cited}
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
