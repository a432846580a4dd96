"""Parsing a transcribed thesis into headings and paragraphs with their source spans.

Spans are [start, end) offsets in code points of the decoded source. In order, the
spans of headings and passages cover the whole document except whitespace.

How the layout is read:
- "КІРІСПЕ", "ҚОРЫТЫНДЫ" and "(ПАЙДАЛАНЫЛҒАН) ӘДЕБИЕТТЕР ТІЗІМІ" at a line start are
  the top-level parts; "N ТАРАУ TITLE" is a chapter; "N.N Title" a section and
  "N.N.N Title" a subsection. Chapter and section headings may follow a sentence on
  the same line (the cut joined them); a heading's title ends at a gap of three or
  more spaces or at the line end.
- An indented line of at most six words, with no punctuation, is an unnumbered
  sub-heading of the part it stands in.
- A paragraph starts after a heading, at an indented line (two or more spaces), and
  after a blank line or a line that still ends with terminal punctuation (its line
  break is the author's, not the cut's).
- Citation markers at the start of a line close the sentence of the line before, so
  they belong to the previous paragraph.
"""

import re
from dataclasses import dataclass

from .alphabet import LETTER, UPPER
from .markers import marker_at
from .normalisation import LINE_BREAK, TERMINAL_PUNCTUATION, collapse_layout

TOP_LEVEL_RE = re.compile(rf"(?:(?:ПАЙДАЛАНЫЛҒАН\s+)?ӘДЕБИЕТТЕР\s+ТІЗІМІ|КІРІСПЕ|ҚОРЫТЫНДЫ)(?![{LETTER}])")
TOP_LEVEL_KINDS = {"КІРІСПЕ": "introduction", "ҚОРЫТЫНДЫ": "conclusion"}
CHAPTER_RE = re.compile(rf"(?P<number>\d{{1,2}})[ \t]+ТАРАУ(?![{LETTER}])")
SECTION_RE = re.compile(rf"(?P<number>\d{{1,2}}(?:\.\d{{1,2}}){{1,2}})\.?[ \t]+(?=[{UPPER}])")
INLINE_HEADING_RE = re.compile(
    rf"(?<=[.!?…])[ \t]*(?=\d{{1,2}}[ \t]+ТАРАУ(?![{LETTER}])"
    rf"|\d{{1,2}}(?:\.\d{{1,2}}){{1,2}}\.?[ \t]+[{UPPER}])"
)
SUBHEADING_RE = re.compile(rf"[{UPPER}][{LETTER}\- \t]*")
TITLE_GAP_RE = re.compile(r"[ \t]{3,}")
SUBHEADING_MAX_WORDS = 6
# A printed title longer than this is running text that happens to follow a number.
TITLE_MAX_CHARS = 300
PARAGRAPH_INDENT = 2


@dataclass
class Heading:
    kind: str
    number: str
    label: str
    title: str
    start: int
    end: int


@dataclass
class Block:
    """A paragraph's span and the index of the heading it stands under (None: before any)."""

    start: int
    end: int
    heading: int | None


@dataclass
class ParsedDocument:
    text: str
    headings: list[Heading]
    paragraphs: list[Block]


@dataclass
class _Body:
    start: int
    end: int


def parse_document(text: str) -> ParsedDocument:
    """Split a thesis text into headings and paragraphs."""
    headings: list[Heading] = []
    paragraphs = _Paragraphs()
    for line_start, line in _lines(text):
        if not line.strip():
            paragraphs.close()
            continue
        _read_line(text, line, line_start, headings, paragraphs)
        if paragraphs.current is not None and text[paragraphs.current.end - 1] in TERMINAL_PUNCTUATION:
            paragraphs.close()
    paragraphs.close()
    return ParsedDocument(text, headings, paragraphs.closed)


class _Paragraphs:
    """The paragraphs found so far, and the one still open, which a line may go on."""

    def __init__(self):
        self.closed: list[Block] = []
        self.current: Block | None = None

    def close(self) -> None:
        if self.current is not None:
            self.closed.append(self.current)
        self.current = None

    def extend(self, start: int, end: int, heading: int | None) -> None:
        if self.current is None:
            self.current = Block(start, end, heading)
        else:
            self.current.end = end


def _read_line(text: str, line: str, line_start: int, headings: list[Heading], paragraphs: _Paragraphs) -> None:
    """Add one line's headings and text to what was read before it."""
    for index, piece in enumerate(_pieces(line, line_start)):
        if isinstance(piece, Heading):
            paragraphs.close()
            headings.append(piece)
            continue
        start = piece.start
        if index == 0:
            start, indent = _attach_leading_markers(text, piece, line_start, paragraphs.current)
            if start is None:
                continue
            if indent >= PARAGRAPH_INDENT:
                paragraphs.close()
        paragraphs.extend(start, piece.end, len(headings) - 1 if headings else None)


def _lines(text: str):
    """Yield (offset, line) for every line, without its line break."""
    start = 0
    for brk in LINE_BREAK.finditer(text):
        yield start, text[start : brk.start()]
        start = brk.end()
    yield start, text[start:]


def _attach_leading_markers(text, piece, line_start, current):
    """Give markers at a line start to the open paragraph; return where the rest starts
    (None if nothing is left) and how far it is indented."""
    markers_end = _leading_markers_end(text, piece.start, piece.end)
    if markers_end is None or current is None:
        return piece.start, piece.start - line_start
    current.end = markers_end
    rest = markers_end
    while rest < piece.end and text[rest].isspace():
        rest += 1
    if rest >= piece.end:
        return None, 0
    return rest, rest - markers_end


def _leading_markers_end(text: str, start: int, end: int) -> int | None:
    """The end of the run of markers (apart by spaces and tabs) the line starts with, or None."""
    found, position = None, start
    while True:
        while position < end and text[position] in " \t":
            position += 1
        marker = marker_at(text, position)
        if marker is None or marker.end > end:
            return found
        found = position = marker.end


def _pieces(line: str, base: int) -> list:
    """Split one line into headings and body stretches, with absolute offsets."""
    pieces: list = []
    pos = _skip_space(line, 0)
    while pos < len(line):
        heading = _heading_at(line, pos, base, first=not pieces)
        if heading is not None:
            pieces.append(heading)
            pos = _skip_space(line, heading.end - base)
            continue
        end = _next_inline_heading(line, pos, base)
        body_end = pos + len(line[pos:end].rstrip())
        if body_end > pos:
            pieces.append(_Body(base + pos, base + body_end))
        pos = _skip_space(line, end)
    return pieces


def _next_inline_heading(line: str, pos: int, base: int) -> int:
    """Where the body text from `pos` stops: at the next heading that follows a sentence, or the line end."""
    for candidate in INLINE_HEADING_RE.finditer(line, pos + 1):
        if _heading_at(line, _skip_space(line, candidate.start()), base, first=False):
            return candidate.start()
    return len(line)


def _skip_space(line: str, pos: int) -> int:
    while pos < len(line) and line[pos].isspace():
        pos += 1
    return pos


def _heading_at(line: str, pos: int, base: int, first: bool) -> Heading | None:
    if first and (m := TOP_LEVEL_RE.match(line, pos)):
        title = collapse_layout(m.group())
        kind = TOP_LEVEL_KINDS.get(title, "bibliography")
        return Heading(kind, "", title, title, base + pos, base + m.end())
    if (m := CHAPTER_RE.match(line, pos)) and (title_end := _title_end(line, m.end(), True)) is not None:
        title = collapse_layout(line[m.end() : title_end])
        label = collapse_layout(m.group())
        return Heading("chapter", m["number"], label, title, base + pos, base + title_end)
    if (m := SECTION_RE.match(line, pos)) and (title_end := _title_end(line, m.end(), False)) is not None:
        kind = "section" if m["number"].count(".") == 1 else "subsection"
        title = collapse_layout(line[m.end() : title_end])
        return Heading(kind, m["number"], m["number"], title, base + pos, base + title_end)
    if first and pos >= PARAGRAPH_INDENT and _is_subheading(line[pos:]):
        title = collapse_layout(line)
        end = base + len(line.rstrip())
        return Heading("subsection", "", "", title, base + pos, end)
    return None


def _title_end(line: str, start: int, stop_at_section: bool) -> int | None:
    """Where a title starting at `start` ends, or None if it runs on too long to be a title.

    Only a window of the line is read, so a long line with many numbers stays linear to parse.
    """
    window = line[start : start + TITLE_MAX_CHARS + 3]
    gap = TITLE_GAP_RE.search(window)
    if gap:
        end = gap.start()
    elif len(line) - start <= len(window):
        end = len(window.rstrip())
    else:
        return None
    if stop_at_section and (section := re.search(r"[ \t]\d{1,2}\.\d", window[:end])):
        end = section.start()
    return start + len(window[:end].rstrip())


def _is_subheading(rest: str) -> bool:
    words = rest.split()
    short = len(words) <= SUBHEADING_MAX_WORDS and len(" ".join(words)) <= TITLE_MAX_CHARS
    return short and bool(SUBHEADING_RE.fullmatch(rest.rstrip()))
