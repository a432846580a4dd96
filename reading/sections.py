"""The thesis page a section at a time: which page holds a section or a passage, the pages either side of
one, and the addresses that lead to them.

A page is one top-level section of the thesis with everything under it, numbered from 1 as the
citation tree numbers it (thesis.text.citetree): the page of paragraph 2.3.1 is page 2, the same number
the TEI edition and DTS give the section, so that a reader who sees §2.3.1 asks for `section=2`."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from thesis.text.citetree import DELIMITER

PARAMETER = "section"
# The value asking for every section on one page.
WHOLE = "all"
VIEW = "view"
# The thesis page's default view, left out of the addresses that ask for it.
READING = "reading"
NUMBER = re.compile(r"[0-9]+")


def page_of(identifier: str) -> int:
    """The page that holds a unit of the citation tree (a section, a subsection or a paragraph), by the
    unit's identifier: its first number, the top-level section it is in."""
    return int(identifier.split(DELIMITER, 1)[0])


def section_anchor(section_id: int) -> str:
    """The id of a section's place on its page."""
    return f"section-{section_id}"


def passage_anchor(order: int) -> str:
    """The id of a passage's place on its page, by its order in the thesis."""
    return f"p{order}"


def parse(value: str | None) -> int | None:
    """The page a `section` parameter asks for: its number, the first when none is given, or None for
    the whole thesis; a ValueError for anything else. Whether the thesis has that page is for its reader."""
    if not value:
        return 1
    if value == WHOLE:
        return None
    if not NUMBER.fullmatch(value) or int(value) < 1:
        raise ValueError(value)
    return int(value)


def has_page(number: int | None, count: int) -> bool:
    """Whether a thesis of `count` top-level sections has the page: the whole thesis, or one of its
    sections; a thesis without sections has its first page still, empty but for its contents."""
    return number is None or 1 <= number <= max(count, 1)


def neighbours(number: int | None, count: int) -> tuple[int | None, int | None]:
    """The pages before and after page `number` of `count`, None past either end; the whole thesis,
    on one page, has none."""
    if number is None:
        return None, None
    return (number - 1 if number > 1 else None), (number + 1 if number < count else None)


def query(number: int | None, view: str = READING) -> str:
    """The query string (with its "?", or nothing) of the page `number` (None: the whole thesis) in
    `view`. The first section and the reading view, the page's defaults, go unnamed, so that each
    page has one address for the response cache to keep and for a search engine to list."""
    named = {}
    if number != 1:
        named[PARAMETER] = WHOLE if number is None else str(number)
    if view != READING:
        named[VIEW] = view
    return f"?{urlencode(named)}" if named else ""


def address(path: str, number: int | None, view: str = READING, fragment: str = "") -> str:
    """The thesis page at `path` showing page `number` (None: the whole thesis) in `view`, at `fragment`."""
    return path + query(number, view) + (f"#{fragment}" if fragment else "")


@dataclass(frozen=True)
class Paging:
    """The links of a thesis page at `path` showing page `shown` (None: the whole thesis) of `count`, in `view`."""

    path: str
    shown: int | None
    count: int
    view: str = READING

    def address(self, number: int | None, fragment: str = "") -> str:
        """Page `number` (None: the whole thesis) in this view, at `fragment` if given."""
        return address(self.path, number, self.view, fragment)

    def link(self, number: int, fragment: str) -> str:
        """A link to `fragment` on page `number`: the fragment alone when this page holds it."""
        return f"#{fragment}" if self.holds(number) else self.address(number, fragment)

    def holds(self, number: int) -> bool:
        return self.shown is None or self.shown == number

    @property
    def whole(self) -> str:
        return self.address(None)

    @property
    def first(self) -> str:
        return self.address(1)

    @property
    def previous(self) -> int | None:
        return neighbours(self.shown, self.count)[0]

    @property
    def next(self) -> int | None:
        return neighbours(self.shown, self.count)[1]
