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
- Other theses print their headings in the common forms of headings.py: a part alone on its
  line in any case, a chapter numbered in Roman or Arabic figures (its title on the same line
  or the next), an abstract or keywords label followed by their text.
- A table of contents is read as entries, each a block of its own that is never a heading;
  a bare page number, "Pdf көрінісі" and a running head are blocks of page furniture.
"""

import re
from dataclasses import dataclass, field

from .alphabet import LETTER, UPPER
from .headings import (
    LIST_ITEM_RE,
    ContentsEntry,
    chapter_form,
    contents_entry,
    is_furniture,
    is_title_line,
    labelled_form,
    numbered_heading,
    part_form,
    plan_entry,
    run_in_heading,
    running_heads,
    unlabelled_plans,
)
from .markers import marker_at
from .normalisation import LINE_BREAK, TERMINAL_PUNCTUATION, collapse_layout
from .sentences import ends_with_initial, leads_a_name

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
# A copy of a PDF often puts a blank line after every line it read: its paragraphs are then apart by
# two blank lines or more, not one. It is told by most of its lines being followed by one blank line
# and going on into the next (no terminal punctuation), over enough lines to be its manner.
DOUBLE_SPACED_LINES = 6
DOUBLE_SPACED_SHARE = 0.8
RUN_ON_SHARE = 0.5
TEXT, CONTENTS, FURNITURE = "text", "contents", "furniture"


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
    """A paragraph's span and the index of the heading it stands under (None: before any).

    Its role is TEXT, or CONTENTS for an entry of the table of contents, or FURNITURE for what the
    page prints around the text (a page number, a running head)."""

    start: int
    end: int
    heading: int | None
    role: str = TEXT


@dataclass
class ParsedDocument:
    text: str
    headings: list[Heading]
    paragraphs: list[Block]
    contents: list[ContentsEntry] = field(default_factory=list)


@dataclass
class _Body:
    start: int
    end: int


def parse_document(text: str, front: frozenset[int] = frozenset()) -> ParsedDocument:
    """Split a thesis text into headings and paragraphs; a line whose first character (not a space) is
    at an offset in `front` is a title page's or an article head's, a block of page furniture."""
    lines = list(_lines(text))
    # A part heading each chapter repeats ("Қорытынды") is a heading, not a running head.
    heads = {head for head in running_heads(line for _, line in lines) if heading_in(head) is None}
    reader = _Reader(text, heads, front, blank_lines_between_paragraphs([line for _, line in lines]))
    reader.plan_lines = {lines[index][0] for index in unlabelled_plans([line for _, line in lines])}
    for index, (line_start, line) in enumerate(lines):
        following = next((later for _, later in lines[index + 1 :] if later.strip()), None)
        reader.read(line_start, line, following)
    reader.paragraphs.close()
    return ParsedDocument(text, reader.headings, reader.paragraphs.closed, reader.contents)


class _Reader:
    """What the lines read so far have given, and what the next line may continue: a table of
    contents, an entry wrapped over two lines, or a chapter whose title is still to come."""

    def __init__(self, text: str, heads: set[str], front: frozenset[int] = frozenset(), gap: int = 1):
        self.text, self.heads, self.front = text, heads, front
        # How many blank lines in a row end a paragraph (`blank_lines_between_paragraphs`), and how
        # many have been read since the last line with text.
        self.gap, self.blanks = gap, 0
        self.headings: list[Heading] = []
        self.paragraphs = _Paragraphs()
        self.contents: list[ContentsEntry] = []
        self.in_contents = False
        # Under a plan's heading, entries without page numbers, up to the first blank line after one.
        self.plan = False
        self.previous = ""
        # The offsets of the lines of plans printed without their heading (headings.unlabelled_plans).
        self.plan_lines: set[int] = set()
        self.wrapped: Block | None = None
        self.untitled: Heading | None = None

    def read(self, line_start: int, line: str, following: str | None) -> None:
        if not line.strip():
            self.blanks += 1
            if self.blanks >= self.gap:
                self.paragraphs.close()
                self.plan = self.plan and not (self.contents and self.closed_contents())
            return
        self.blanks = 0
        previous, self.previous = self.previous, line
        if self._contents_line(line_start, line, following) or self._chapter_title(line_start, line):
            return
        if is_furniture(line, self.heads) or line_start + len(line) - len(line.lstrip()) in self.front:
            self._block(line_start, line, FURNITURE)
            return
        if self._page_closing_subheading(line_start, line, following):
            return
        body = self._numbered_heading(line_start, line, previous, following)
        if body is not None and not line[body:].strip():
            return
        if body is not None:
            line_start, line = line_start + body, line[body:]
        self._after_keywords(line_start, line)
        count = len(self.headings)
        _read_line(self.text, line, line_start, self.headings, self.paragraphs)
        self._note_heading(count, line_start + len(line.rstrip()))
        current = self.paragraphs.current
        # The paragraph's last words are all that is read of it: a window, so a long paragraph stays linear.
        if current is not None and _ends_paragraph(
            self.text[max(current.start, current.end - 80) : current.end], following
        ):
            self.paragraphs.close()

    def _block(self, line_start: int, line: str, role: str) -> Block:
        self.paragraphs.close()
        start = line_start + len(line) - len(line.lstrip())
        block = Block(start, line_start + len(line.rstrip()), len(self.headings) - 1 if self.headings else None, role)
        self.paragraphs.closed.append(block)
        return block

    def _contents_line(self, line_start: int, line: str, following: str | None) -> bool:
        """Read an entry of a table of contents; True if the line was one (or the first line of one)."""
        entry = contents_entry(line, loose=self.in_contents)
        wrapped, self.wrapped = self.wrapped, None
        if entry is not None:
            if wrapped is not None:
                wrapped.end = line_start + len(line.rstrip())
                entry.title = " ".join(f"{self.text[wrapped.start : line_start]} {entry.title}".split())
            else:
                self._block(line_start, line, CONTENTS)
            self.contents.append(entry)
            self.in_contents, self.plan = True, False
            return True
        if self.in_contents and following is not None and contents_entry(following, loose=False):
            self.wrapped = self._block(line_start, line, CONTENTS)
            return True
        if (self.plan or line_start in self.plan_lines) and (entry := plan_entry(line)):
            self._block(line_start, line, CONTENTS)
            self.contents.append(entry)
            return True
        self.in_contents = self.plan = False
        return False

    def closed_contents(self) -> bool:
        """Whether the last block is an entry of the contents: a blank line after it ends a plan."""
        closed = self.paragraphs.closed
        return bool(closed) and closed[-1].role == CONTENTS

    def _numbered_heading(self, line_start: int, line: str, previous: str, following: str | None) -> int | None:
        """Read a heading numbered at one level ("1. Сыртқы саясаттың құқықтық негіздері"), or a run-in one
        closed by its period ("1. Кіріспе. Text …"): between paragraphs, text after it, and no item of a
        list next to it or a reference list around it. Where the line's text after it starts, or None
        if the line starts with no such heading."""
        # A run-in heading first: a title read to the line's end would take its paragraph's first words too.
        found, end = numbered_heading(line), len(line.rstrip())
        if run_in := run_in_heading(line):
            found, end = run_in[:2], run_in[2]
        if found is None or self.paragraphs.current is not None or following is None:
            return None
        # The line after a run-in heading with its text is that text's, no neighbour of the heading.
        after = following if end == len(line.rstrip()) else ""
        if LIST_ITEM_RE.match(after) or LIST_ITEM_RE.match(previous) or self._in_bibliography():
            return None
        start = line_start + _skip_space(line, 0)
        # "1. Кіріспе": a part numbered as the sections are is still that part.
        kind = form.kind if (form := part_form(found[1], 0)) else "section"
        self.headings.append(Heading(kind, found[0], found[0], found[1], start, line_start + end))
        return end

    def _page_closing_subheading(self, line_start: int, line: str, following: str | None) -> bool:
        """Read a subheading that closes a page: a short line of words alone between a paragraph that
        ended and the page's furniture (its number), its paragraph on the next page."""
        if self.paragraphs.current is not None or following is None or not is_furniture(following, self.heads):
            return False
        if heading_in(line) is not None or not _is_subheading(line.strip()) or self._in_bibliography():
            return False
        start = line_start + _skip_space(line, 0)
        title = collapse_layout(line)
        self.headings.append(Heading("subsection", "", "", title, start, line_start + len(line.rstrip())))
        return True

    def _in_bibliography(self) -> bool:
        """Whether the lines are a reference list's: under its heading, or a subheading inside it."""
        kinds = [heading.kind for heading in self.headings if heading.kind != "subsection" or heading.number]
        return bool(kinds) and kinds[-1] == "bibliography"

    def _chapter_title(self, line_start: int, line: str) -> bool:
        """Take the line as the title of a chapter printed alone on the line above, if it reads as one."""
        heading, self.untitled = self.untitled, None
        pos = _skip_space(line, 0)
        if heading is None or not is_title_line(line) or _heading_at(line, pos, line_start, first=True):
            return False
        heading.end = line_start + len(line.rstrip())
        heading.title = collapse_layout(line)
        return True

    def _after_keywords(self, line_start: int, line: str) -> None:
        """An article's text follows its keywords with no heading of its own: give it an untitled part
        (a heading of no width), so that it is not read as more keywords."""
        last = self.headings[-1] if self.headings else None
        closed = self.paragraphs.closed
        if last is None or last.kind != "keywords" or self.paragraphs.current is not None:
            return
        if not closed or closed[-1].heading != len(self.headings) - 1 or heading_in(line) is not None:
            return
        start = line_start + _skip_space(line, 0)
        self.headings.append(Heading("untitled", "", "", "", start, start))

    def _note_heading(self, count: int, line_end: int) -> None:
        """After a line that ended with a heading: a contents heading opens the table of contents, and
        a chapter without a title waits for it on the next line."""
        if len(self.headings) == count or self.headings[-1].end != line_end:
            return
        last = self.headings[-1]
        self.in_contents = self.plan = last.kind == CONTENTS
        if last.kind == "chapter" and not last.title:
            self.untitled = last


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


def blank_lines_between_paragraphs(lines: list[str]) -> int:
    """2 for a text with a blank line after every line (a PDF's copy, its sentences running on over
    them), whose paragraphs are apart by two blank lines or more; 1 for any other."""
    gaps = []  # (blank lines after a line with text before the next one, whether its sentence runs on)
    last, blanks = None, 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if last is not None:
            gaps.append((blanks, not last.rstrip().endswith(TERMINAL_PUNCTUATION)))
        last, blanks = line, 0
    single = [runs_on for blanks, runs_on in gaps if blanks == 1]
    double = len(single) >= DOUBLE_SPACED_LINES and len(single) >= DOUBLE_SPACED_SHARE * len(gaps)
    return 2 if double and sum(single) >= RUN_ON_SHARE * len(single) else 1


def _ends_paragraph(read: str, following: str | None) -> bool:
    """Whether the paragraph read so far ends at its line's end: at terminal punctuation, but not at a
    name's initial whose marker opens the next line ("Қасымбаев Ж." over "[3]"), nor at initials that
    lead the name on the next line ("… жазған Б." over "Сәрсенбаев …"): neither ends a sentence."""
    if not read.endswith(TERMINAL_PUNCTUATION) or following is None or not ends_with_initial(read):
        return read.endswith(TERMINAL_PUNCTUATION)
    if marker_at(following, _skip_space(following, 0)) is not None:
        return False
    return not (leads_a_name(read) and following.lstrip()[:1].isupper())


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
    if first and (heading := _common_heading(line, pos, base)):
        return heading
    if first and pos >= PARAGRAPH_INDENT and _is_subheading(line[pos:]):
        title = collapse_layout(line)
        end = base + len(line.rstrip())
        return Heading("subsection", "", "", title, base + pos, end)
    return None


def heading_in(line: str) -> Heading | None:
    """The heading a line alone prints, as it would be read at a line start (offsets within the line)."""
    return _heading_at(line, _skip_space(line, 0), 0, first=True)


def _common_heading(line: str, pos: int, base: int) -> Heading | None:
    """A heading at a line start in one of the common forms other theses print."""
    if form := part_form(line, pos) or labelled_form(line, pos):
        return Heading(form.kind, "", form.label, form.label.rstrip(".:–—- "), base + pos, base + form.end)
    form = chapter_form(line, pos)
    if form is None or (title_end := _title_end(line, form.end, True)) is None:
        return None
    title = collapse_layout(line[form.end : title_end]).lstrip(".:–—- ")
    if title and not title[0].isupper():
        return None
    return Heading("chapter", form.number, form.label, title, base + pos, base + title_end)


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
