"""A passage's inline content: the restorations and corrections that lead from its transcription to its
current text, and the links laid over that text, nested (thesis.text.inline).

Three readings of a passage live in one paragraph. The transcription becomes the reading text by the
documented normalisation, each line break restored as ". " or " " and each run of spacing folded: a
`choice` of `orig` (the original's whitespace as typed, its line breaks as `lb`) and `reg` (what was
put for it), so that the `orig`s give back the transcription byte for byte. A line break the
document's layout keeps (verse, a list) is the same in every reading: a bare `lb`. The reading text becomes the current
text by editors' corrections, a word-level difference: a `choice` of `sic` (the words before) and
`corr` (the words now). A correction that touches a restored line break takes the whole restoration
into its `sic`, so that the two kinds of choice never cross. Citations, names and dates are marked on
the current text wherever they nest with the choices and with one another (thesis.text.inline).
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from .diffs import word_diff
from .inline import Node, Span, markup
from .normalisation import LINE_BREAK, Fold, Layout, folds, reading_text

# Which of two annotations over the same characters is outside: citations, then names, then dates;
# corrections and restorations innermost.
CITATION, NAME, DATE, CHOICE = range(4)


@dataclass
class Segment:
    """Characters [start, end) of the reading text, and what the current text has in their place."""

    start: int
    end: int
    text: str
    changed: bool


def inline_content(
    original: str, current: str, annotations: list[Span], resp: str = "", layout: Layout = Layout.LOST_PERIOD
) -> list:
    """The current text with the restorations and corrections that lead to it from the original, its
    line breaks read by `layout`, and the annotations (spans of the current text) that nest with them,
    in the order given."""
    reading = reading_text(original, layout)
    restored = [fold for fold in folds(original, layout) if not fold.edge]
    segments = _widened(_segments(reading, current), [(fold.start, fold.end) for fold in restored])
    leading, trailing = _edges(original, current, layout)
    # The original's leading spacing before anything at the text's start, its trailing spacing after
    # anything at its end: among empty spans at one place, markup keeps the order given.
    return markup(current, leading + _choices(reading, segments, restored, resp) + trailing + annotations)


def _edges(original: str, current: str, layout: Layout) -> tuple[list[Span], list[Span]]:
    """The original's whitespace before its first word and after its last, which the reading text
    drops: kept at the current text's ends, whatever the editors did between them."""
    edges = [fold for fold in folds(original, layout) if fold.edge]
    leading = [Span(0, 0, _restored(fold), CHOICE) for fold in edges if fold.start == 0]
    end = len(current)
    return leading, [Span(end, end, _restored(fold), CHOICE) for fold in edges if fold.start != 0]


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


def _choices(reading: str, segments: list[Segment], restored: list[Fold], resp: str) -> list[Span]:
    """A span of the current text for each correction and for each restoration outside them."""
    spans, position, taken = [], 0, 0
    starts, ends = [fold.start for fold in restored], [fold.end for fold in restored]
    for segment in segments:
        # The restorations are in order and apart, so those inside a segment are one run of them; one
        # of no width (a word's hyphen put as nothing) between two segments is the first one's only.
        first = max(taken, bisect_left(starts, segment.start))
        taken = max(first, bisect_right(ends, segment.end))
        inside = restored[first:taken]
        if segment.changed:
            sic = markup(reading[segment.start : segment.end], _restorations(reading, inside, -segment.start))
            spans.append(Span(position, position + len(segment.text), _correction(sic, resp), CHOICE))
        else:
            spans += _restorations(reading, inside, position - segment.start)
        position += len(segment.text)
    return spans


def _restorations(reading: str, restored: list[Fold], offset: int) -> list[Span]:
    """A span for each fold: a bare `lb` for a line break every reading keeps as it is, otherwise a
    choice of the original's own whitespace and what the reading text has in its place."""
    return [
        Span(fold.start + offset, fold.end + offset, _kept if _unchanged(reading, fold) else _restored(fold), CHOICE)
        for fold in restored
    ]


def _unchanged(reading: str, fold: Fold) -> bool:
    return reading[fold.start : fold.end] == fold.original == "\n"


def _kept(content) -> Node:
    return Node("lb")


def _restored(fold: Fold):
    # The original's whitespace as typed, so that every orig read in turn gives it back byte for byte.
    spacing = {"xml:space": "preserve"} if LINE_BREAK.sub("", fold.original) else {}
    orig = Node("orig", spacing, _with_breaks(fold.original))
    return lambda content: Node("choice", {}, [orig, Node("reg", {}, _with_breaks(*content))])


def _with_breaks(*content: Node | str) -> list:
    """The content with each line feed in its text an `lb` (a carriage return before it stays a character)."""
    pieces: list = []
    for item in content:
        if isinstance(item, Node):
            pieces.append(item)
            continue
        for index, line in enumerate(item.split("\n")):
            if index:
                pieces.append(Node("lb"))
            if line:
                pieces.append(line)
    return pieces


def _correction(sic: list, resp: str):
    attributes = {"resp": resp} if resp else {}
    return lambda content: Node("choice", {}, [Node("sic", {}, sic), Node("corr", attributes, content)])
