"""Citation markers: which brackets of a text cite its sources, and what each cites (numbers and page locators).

A marker is a bracket of entries separated by ";" or ",", each of them:
- a source's number: "[3]", "[1; 4]";
- a range of sources, each of them cited: "[1-3]" (backwards, or of more than MAX_SOURCE_RANGE sources,
  it is no marker: no thesis cites a hundred sources at once, and a typo must not create them);
- a source's number, a comma and its page locator: a page or range of pages with a page abbreviation after
  it or before it ("[1, 25 б.]", "[1, 25-б.]", "[1, с. 25]", "[1, Б. 25]", "[2, 45 p.]"), a volume before
  that ("[5, т. 2, 45 б.]"), or, in the GOST habit, a bare range of pages ("[3,185-231]").

So after a comma a number with a page abbreviation, or a range, is the locator of the source before it,
and a bare number is another source: "[1, 4]" cites sources 1 and 4, "[1, 4-6]" pages 4-6 of source 1.
After a semicolon comes another source always, so "[1; 4-6]" cites sources 1 and 4 to 6. A source the
marker names again at the same place ("[1-3; 2]") is cited once; at another page it is cited again.

A bracket of anything else is no marker: "[sic]", "[...]", "[Аударма]", "[1998 ж.]". A bare number cites
whatever its size: "[1998]" cites source 1998, as the archive has always read it, since a year in brackets
cannot be told from a number of a long reference list without the list.

Kazakh and Russian papers also cite in slashes: "/5/", "/1, 414/", "/2, с. 45; 7/". In that habit a comma
always puts a page after the source's number and a semicolon another source, so "/1, 414/" cites page 414
of source 1. A slash marker stands apart from the words around it (a space, a bracket or a line's end on
either side, or punctuation after it), so a date ("12/05/2001"), a path or a fraction is none.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SOURCE_RANGE = 50
# A marker is short; a longer bracket is text, whatever it holds.
MAX_MARKER_LENGTH = 120

_ = r"[^\S\n]*"  # spaces within one line
DASH = r"[-‐‑–—]"
PAGES = rf"\d{{1,6}}(?:{_}{DASH}{_}\d{{1,6}})?"
PAGE_WORD = r"(?i:бет|бб|б|стр|с|pp|p|ss|s)"
VOLUME = rf"(?i:том|т|vol|v)\.?{_}\d{{1,4}}{_},{_}"
LOCATOR = (
    rf"(?:{VOLUME})?"
    rf"(?:{PAGES}{_}(?:-{_})?{PAGE_WORD}\.?"  # 25 б., 25-б., 185-231 бб.
    rf"|{PAGE_WORD}\.{_}{PAGES}"  # с. 25, Б. 25, p. 45
    rf"|\d{{1,6}}{_}{DASH}{_}\d{{1,6}})"  # 185-231
)
ENTRY_RE = re.compile(
    rf"{_}(?:(?P<first>\d{{1,6}}){_}{DASH}{_}(?P<last>\d{{1,6}})"
    rf"|(?P<number>\d{{1,6}})(?:{_},{_}(?P<locator>{LOCATOR}))?)"
    rf"{_}(?P<separator>[;,\]])"
)
CANDIDATE_RE = re.compile(rf"\[[^\[\]\n]{{1,{MAX_MARKER_LENGTH - 2}}}\]")
# The slash habit: after a space, a bracket or a line's start, and before a space, punctuation or a line's end.
SLASH_CANDIDATE_RE = re.compile(rf"(?<![^\s(«\"“])/{_}\d[^/\n]{{0,{MAX_MARKER_LENGTH - 3}}}/(?=[\s.,;:!?…)»\"”]|\Z)")
SLASH_ENTRY_RE = re.compile(
    rf"{_}(?:(?P<first>\d{{1,6}}){_}{DASH}{_}(?P<last>\d{{1,6}})"
    rf"|(?P<number>\d{{1,6}})(?:{_},{_}(?P<locator>{LOCATOR}|(?:{VOLUME})?{PAGES}))?)"
    rf"{_}(?P<separator>[;/])"
)


@dataclass(frozen=True)
class CitedItem:
    """One source a marker cites, and its locator as printed with where it stands in the marker (or None)."""

    number: int
    locator: str | None = None
    locator_start: int | None = None
    locator_end: int | None = None


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    items: list[CitedItem]


def read_marker(bracket: str) -> list[CitedItem] | None:
    """What the bracket (or the pair of slashes) cites, in its order; None if it is no marker."""
    if CANDIDATE_RE.fullmatch(bracket):
        entry_re, closing = ENTRY_RE, "]"
    elif SLASH_CANDIDATE_RE.fullmatch(bracket):
        entry_re, closing = SLASH_ENTRY_RE, "/"
    else:
        return None
    items: list[CitedItem] = []
    position = 1
    while position < len(bracket):
        entry = entry_re.match(bracket, position)
        cited = _entry_items(entry) if entry else None
        if cited is None:
            return None
        items += cited
        position = entry.end()
    if entry["separator"] != closing:
        return None
    first = {(item.number, item.locator): item for item in reversed(items)}
    return [item for item in items if first[item.number, item.locator] is item]


def _entry_items(entry: re.Match) -> list[CitedItem] | None:
    if entry["number"] is not None:
        locator = entry["locator"]
        start, end = entry.span("locator") if locator else (None, None)
        return [CitedItem(int(entry["number"]), locator, start, end)]
    first, last = int(entry["first"]), int(entry["last"])
    if not 0 <= last - first < MAX_SOURCE_RANGE:
        return None
    return [CitedItem(number) for number in range(first, last + 1)]


def find_markers(text: str) -> Iterator[Marker]:
    """Every marker of the text, in order."""
    brackets = CANDIDATE_RE.finditer(text)
    # Most texts cite in brackets alone: slashes are looked for only where a text has a digit after one.
    slashes = SLASH_CANDIDATE_RE.finditer(text) if re.search(r"/[^\S\n]*\d", text) else iter(())
    candidates = sorted([*brackets, *slashes], key=lambda candidate: candidate.start())
    last_end = 0
    for candidate in candidates:
        items = read_marker(candidate.group()) if candidate.start() >= last_end else None
        if items is not None:
            last_end = candidate.end()
            yield Marker(candidate.start(), candidate.end(), items)


def marker_at(text: str, position: int) -> Marker | None:
    """The marker that starts at `position`, if one does."""
    candidate = CANDIDATE_RE.match(text, position) or SLASH_CANDIDATE_RE.match(text, position)
    items = read_marker(candidate.group()) if candidate else None
    return Marker(candidate.start(), candidate.end(), items) if items is not None else None


def marker_start_before(text: str, start: int, end: int) -> int | None:
    """Where the marker that ends at `end` (within text[start:end]) starts, if one ends there."""
    closing = text[end - 1 : end]
    if closing not in ("]", "/"):
        return None
    opening = text.rfind("[" if closing == "]" else "/", start, end - 1)
    return opening if opening != -1 and is_marker(text, opening, end) else None


def is_marker(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is one marker, read without copying more than a marker's length."""
    return end - start <= MAX_MARKER_LENGTH and read_marker(text[start:end]) is not None
