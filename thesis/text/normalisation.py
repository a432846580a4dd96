"""The reading text: the one documented normalisation applied to a transcribed original.

What a line break inside a paragraph stands for depends on how the document was made, its
layout (`Layout`, decided per document by thesis.text.line_breaks):
- LOST_PERIOD: the transcription cut the text at every ". " and dropped those two characters,
  so a line break stands for a lost ". ". Restoring it also rejoins an abbreviation the cut
  split in two ("т.б" + "жатады" becomes "т.б. жатады"). A line that still ends in terminal
  punctuation kept its own line break, so it is joined with a plain space.
- WRAP: the lines were wrapped at a width (a Word or PDF conversion), so a line break is a space.
- LINE: the lines are the work's own (verse, a list, an address), so a line break stays one.
Runs of spaces and tabs are layout and become one space. Nothing else is changed: every other
correction is an editor's decision.
"""

import re
from enum import StrEnum

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LAYOUT_SPACE = re.compile(r"[^\S\r\n]+")
TERMINAL_PUNCTUATION = (".", "!", "?", "…")


class Layout(StrEnum):
    """What a line break inside a paragraph stands for."""

    LOST_PERIOD = "lost-period"
    WRAP = "wrap"
    LINE = "line"


def collapse_layout(text: str) -> str:
    """Turn every run of spaces and tabs into a single space and trim the ends."""
    return LAYOUT_SPACE.sub(" ", text).strip()


def reading_text(original: str, layout: Layout = Layout.LOST_PERIOD) -> str:
    """Derive the reading text of a passage from its verbatim original, its line breaks read by `layout`."""
    return _joined(original, layout)[0]


def joints(original: str, layout: Layout = Layout.LOST_PERIOD) -> list[tuple[int, int]]:
    """Where the reading text joined two lines of the original: the [start, end) of each ". ", " " or
    line break it put for a line break, in the reading text's code points."""
    return _joined(original, layout)[1]


def layout_folded(original: str) -> str:
    """The original with its layout folded and nothing restored: each line's spaces collapsed, empty
    lines dropped, the lines kept apart by one line break."""
    return "\n".join(_lines(original))


def _lines(original: str) -> list[str]:
    return [line for line in (collapse_layout(line) for line in LINE_BREAK.split(original)) if line]


def joint(previous_line: str, layout: Layout) -> str:
    """What the reading text puts between a line and the next one of the same paragraph."""
    if layout == Layout.WRAP:
        return " "
    if layout == Layout.LINE:
        return "\n"
    return " " if previous_line.endswith(TERMINAL_PUNCTUATION) else ". "


def _joined(original: str, layout: Layout) -> tuple[str, list[tuple[int, int]]]:
    # Pieces joined once at the end: adding each line to the text so far copies it again and again.
    pieces: list[str] = []
    joined: list[tuple[int, int]] = []
    length = 0
    for line in _lines(original):
        if pieces:
            put = joint(pieces[-1], layout)
            joined.append((length, length + len(put)))
            pieces.append(put)
            length += len(put)
        pieces.append(line)
        length += len(line)
    return "".join(pieces), joined
