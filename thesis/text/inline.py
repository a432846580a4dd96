"""Inline markup: a text and spans over it turned into nested elements, the spans that would cross dropped.

Markup must nest, but annotations of one text need not: a name may begin inside a corrected word and end
after it. So the spans are taken in the order given, which ranks them, and a span is kept only if it
nests with every span kept before it (lies inside it, contains it, or stays clear of it). The order is
the caller's rule; here it only decides, the same way every time, which of two crossing spans is lost.

An empty span (a deleted word, which takes no room in the text) sits inside a span that has text on both
sides of it, and outside one that it merely touches.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .ranges import RangeMax


@dataclass
class Node:
    """An element: its tag, attributes and content (strings and nodes, in order)."""

    tag: str
    attrib: dict[str, str] = field(default_factory=dict)
    children: list["Node | str"] = field(default_factory=list)


Content = list[Node | str]


def element(tag: str, **attrib: str) -> Callable[[Content], Node]:
    """A span's wrapper that puts the text it covers inside one element."""
    return lambda content: Node(tag, dict(attrib), content)


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the text, and how to wrap the markup inside them.

    `rank` orders two spans over exactly the same characters: the lower one is outside."""

    start: int
    end: int
    wrap: Callable[[Content], Node]
    rank: int = 0

    @property
    def empty(self) -> bool:
        return self.start == self.end


def contains(outer: Span, inner: Span) -> bool:
    """Whether `inner` goes inside `outer` (never the other way round for two over the same characters)."""
    if outer.empty:
        return False
    if inner.empty:
        return outer.start < inner.start < outer.end
    same = (outer.start, outer.end) == (inner.start, inner.end)
    return outer.start <= inner.start and inner.end <= outer.end and (not same or outer.rank <= inner.rank)


def nest(first: Span, second: Span) -> bool:
    """Whether two spans can both be marked: one inside the other, or apart."""
    apart = first.end <= second.start or second.end <= first.start
    return apart or first.empty or second.empty or contains(first, second) or contains(second, first)


def nesting(spans: list[Span]) -> list[Span]:
    """The spans to keep, each nesting with all kept before it, in the order given.

    Two spans fail to nest only when they cross: one begins strictly inside the other and ends
    strictly outside it. So the kept spans are held by position, the furthest end of those beginning
    at each place and the earliest beginning of those ending there, and a span is asked only whether
    a kept span begins inside it and ends beyond, or ends inside it and began before: a few steps per
    span, however many there are (a passage may hold tens of thousands of restored line breaks)."""
    size = max((span.end for span in spans), default=0) + 1
    furthest_end = RangeMax(size, -1)
    earliest_start = RangeMax(size, -size)  # negated, so that the largest is the earliest
    kept: list[Span] = []
    for span in spans:
        if span.empty:
            kept.append(span)
            continue
        inside = span.start + 1, span.end
        if furthest_end.largest(*inside) > span.end or -earliest_start.largest(*inside) < span.start:
            continue
        kept.append(span)
        furthest_end.add(span.start, span.end)
        earliest_start.add(span.end, -span.start)
    return kept


def markup(text: str, spans: list[Span]) -> Content:
    """`text` with the spans that nest (see `nesting`) wrapped round what they cover."""
    ordered = sorted(nesting(spans), key=lambda s: (s.start, not s.empty, -s.end, s.rank))
    return _content(text, ordered, 0, len(text))


def _content(text: str, spans: list[Span], start: int, end: int) -> Content:
    content: Content = []
    position, index = start, 0
    while index < len(spans):
        span = spans[index]
        inner_end = index + 1
        while inner_end < len(spans) and contains(span, spans[inner_end]):
            inner_end += 1
        _append(content, text[position : span.start])
        content.append(span.wrap(_content(text, spans[index + 1 : inner_end], span.start, span.end)))
        position, index = span.end, inner_end
    _append(content, text[position:end])
    return content


def _append(content: Content, piece: str) -> None:
    if piece:
        content.append(piece)
