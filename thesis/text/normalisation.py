"""The reading text: the one documented normalisation applied to a transcribed original.

The transcription cut the text at every ". " and dropped those two characters, so a
line break inside a paragraph stands for a lost ". ". Restoring it also rejoins an
abbreviation the cut split in two ("т.б" + "жатады" becomes "т.б. жатады"). A line
that still ends in terminal punctuation kept its own line break, so it is joined with
a plain space. Runs of spaces and tabs are layout and become one space. Nothing else
is changed: every other correction is an editor's decision.
"""

import re

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LAYOUT_SPACE = re.compile(r"[^\S\r\n]+")
TERMINAL_PUNCTUATION = (".", "!", "?", "…")


def collapse_layout(text: str) -> str:
    """Turn every run of spaces and tabs into a single space and trim the ends."""
    return LAYOUT_SPACE.sub(" ", text).strip()


def reading_text(original: str) -> str:
    """Derive the reading text of a passage from its verbatim original."""
    return _joined(original)[0]


def joints(original: str) -> list[tuple[int, int]]:
    """Where the reading text joined two lines of the original: the [start, end) of each ". " or " "
    it put for a line break, in the reading text's code points."""
    return _joined(original)[1]


def layout_folded(original: str) -> str:
    """The original with its layout folded and nothing restored: each line's spaces collapsed, empty
    lines dropped, the lines kept apart by one line break."""
    return "\n".join(_lines(original))


def _lines(original: str) -> list[str]:
    return [line for line in (collapse_layout(line) for line in LINE_BREAK.split(original)) if line]


def _joined(original: str) -> tuple[str, list[tuple[int, int]]]:
    # Pieces joined once at the end: a text grown line by line is copied at every line.
    pieces, joined, length = [], [], 0
    for line in _lines(original):
        if pieces:
            joint = " " if pieces[-1].endswith(TERMINAL_PUNCTUATION) else ". "
            joined.append((length, length + len(joint)))
            pieces.append(joint)
            length += len(joint)
        pieces.append(line)
        length += len(line)
    return "".join(pieces), joined
