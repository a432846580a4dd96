"""The reading text: the one documented normalisation applied to a transcribed original.

What a line break inside a paragraph stands for depends on how the document was made, its
layout (`Layout`, decided per document by thesis.text.line_breaks):
- LOST_PERIOD: the transcription cut the text at every ". " and dropped those two characters,
  so a line break stands for a lost ". ". Restoring it also rejoins an abbreviation the cut
  split in two ("т.б" + "жатады" becomes "т.б. жатады"). A line that still ends in terminal
  punctuation kept its own line break, so it is joined with a plain space.
- WRAP: the lines were wrapped at a width (a Word or PDF conversion), so a line break is a space.
  A hyphen at a line's end between two small letters either split a word ("дерек-" + "терді") or
  is a compound's own (қарым-қатынас, әлеуметтік-экономикалық). It split the word when the
  passage writes the word whole elsewhere, or the next line starts with its suffixes; otherwise
  (the passage writes the compound on one line, or nothing tells) it is kept, and the two
  halves are joined with no space: a compound cut wrongly is worse than a split word kept.
- LINE: the lines are the work's own (verse, a list, an address), so a line break stays one.
Runs of spaces and tabs are layout and become one space. Nothing else is changed: every other
correction is an editor's decision.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from .alphabet import LOWER
from .morphology import chains, harmony

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LAYOUT_SPACE = re.compile(r"[^\S\r\n]+")
WHITESPACE = re.compile(r"\s+")
# The runs of whitespace the reading text may put something else for: those at a paragraph's ends,
# those of two characters or more, and a lone character other than a space. A lone space between two
# words stays as it is, and most runs are one, so only these need looking at.
FOLDABLE = re.compile(r"\s{2,}|[^\S ]|\A\s|\s\Z")
TERMINAL_PUNCTUATION = (".", "!", "?", "…")
# A hyphen at a line's end between small letters, and the line break after it: a word's or a compound's.
HYPHEN_BREAK = re.compile(rf"(?<=[{LOWER}])-[^\S\r\n]*(?:\r\n|\r|\n)[^\S\r\n]*(?=[{LOWER}])")
WRAP_FOLDABLE = re.compile(f"{HYPHEN_BREAK.pattern}|{FOLDABLE.pattern}")
WORD_BEFORE = re.compile(rf"[{LOWER}]+$")
WORD_AFTER = re.compile(rf"[{LOWER}]+")
# A family name's ending, or its last syllable with the consonant before it ("Асылбе-ков", "Апол-лова").
FAMILY_ENDING_RE = re.compile(r"[бвгджзклмнпрстфхцчшщ]?(?:[оеё]ва?|ина?)|ұлы|қызы|ский|ская")


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


def folds(original: str, layout: Layout = Layout.LOST_PERIOD) -> list["Fold"]:
    """Every place where the reading text has something other than the original's own whitespace, and
    every line break, in order: the reading text's [start, end) and the original's characters there."""
    return list(_joined(original, layout)[1])


def joints(original: str, layout: Layout = Layout.LOST_PERIOD) -> list[tuple[int, int]]:
    """Where the reading text joined two lines of the original: the [start, end) of each ". ", " " or
    line break it put for a line break, in the reading text's code points."""
    return [(fold.start, fold.end) for fold in folds(original, layout) if fold.joins_lines]


def joint(previous_line: str, layout: Layout) -> str:
    """What the reading text puts between a line and the next one of the same paragraph."""
    if layout == Layout.WRAP:
        return " "
    if layout == Layout.LINE:
        return "\n"
    return " " if previous_line.endswith(TERMINAL_PUNCTUATION) else ". "


@dataclass(frozen=True)
class Fold:
    """Characters [start, end) of the reading text put in place of `original`, a run of the original's
    whitespace: a line break read by the layout, or spacing folded to one space or to nothing."""

    start: int
    end: int
    original: str
    # Spacing at a paragraph's ends, put as nothing; a fold between its words is no edge, even one
    # put as nothing (a word's hyphen at a line's end with the line break).
    edge: bool = False

    @property
    def joins_lines(self) -> bool:
        return bool(LINE_BREAK.search(self.original)) and not self.edge


def _put_for(space: str, before: str, at_end: bool, layout: Layout) -> str:
    """What the reading text has for a run of the original's whitespace after the word `before` (empty
    at the paragraph's start)."""
    if not before or at_end:
        return ""
    return joint(before, layout) if LINE_BREAK.search(space) else " "


# A passage's reading is asked for several times by every document that shows it (its text, its
# restorations, its folded spacing): kept, keyed by the original itself, so a passage's next version is a
# new entry and an edit never reads an old one.
@lru_cache(maxsize=2048)
def _joined(original: str, layout: Layout) -> tuple[str, tuple[Fold, ...]]:
    # Pieces joined once at the end: adding each piece to the text so far copies it again and again.
    pieces: list[str] = []
    found: list[Fold] = []
    shift = position = 0  # how much longer the reading text is than the original, so far
    for space in (WRAP_FOLDABLE if layout == Layout.WRAP else FOLDABLE).finditer(original):
        start, run = space.start(), space.group()
        edge = start == 0 or space.end() == len(original)
        if run.startswith("-"):
            put = "" if split_word(original, start, space.end()) else "-"
        else:
            # The character before the run is all `_put_for` reads of the word it ends (its last one).
            put = _put_for(run, original[start - 1 : start], space.end() == len(original), layout)
        if put != run or LINE_BREAK.search(put):
            found.append(Fold(start + shift, start + shift + len(put), run, edge and not put))
        pieces += (original[position:start], put)
        shift += len(put) - len(run)
        position = space.end()
    pieces.append(original[position:])
    return "".join(pieces), tuple(found)


def split_word(original: str, hyphen: int, following: int) -> bool:
    """Whether the hyphen at `hyphen`, at a line's end, split a word whose rest starts at `following`
    (rather than joining a compound's two words): the passage writes the word whole elsewhere, or the
    rest is a chain of suffixes after the first part ("дерек-терді", "дипломатия-лық") or a family name's
    ending after a capitalised first part ("Сәрсенба-ев"); never when the
    passage writes the compound on one line."""
    first = WORD_BEFORE.search(original, 0, hyphen).group()
    rest = WORD_AFTER.match(original, following).group()
    if f"{first}-{rest}" in original:
        return False
    # A family name broken before its ending: "Сәрсенба-" over "ев".
    if original[hyphen - len(first) - 1 : hyphen - len(first)].isupper() and FAMILY_ENDING_RE.match(rest):
        return True
    return f"{first}{rest}" in original or chains(first[-1].lower(), rest.lower(), "noun", harmony(first.lower()))
