"""What a document's line breaks inside a paragraph stand for, decided from the text, with the evidence shown.

Three layouts make a line break inside a paragraph (thesis.text.normalisation.Layout):
- a transcription cut at every ". " (the seed's defect): each line is a sentence whose period was
  dropped, so the next line starts with a capital, lines seldom end with a period, and hardly a
  sentence ends inside a line;
- a hard wrap (Word or PDF conversion): lines break wherever the width ran out, so most lines go on
  in lower case, sentences end inside lines, and the lines are of much the same length;
- real lines (verse, a list, an address): short lines each starting with a capital, or lines that
  start with a list marker.
A break is counted where two non-empty lines follow one another and the second is not indented more
than the first (an indented line opens a paragraph). Too few breaks decide nothing: the document is
read as a hard wrap, which joins lines with a space and so adds no period anywhere.
"""

import re
import statistics
from dataclasses import dataclass

from .alphabet import LOWER, UPPER
from .normalisation import LINE_BREAK, TERMINAL_PUNCTUATION, Layout, collapse_layout

# Fewer breaks than this (or, but for a list, fewer whose next line starts with a letter) are too
# little to read a layout from.
MIN_BREAKS = 3
# The cut leaves a capital after nearly every break: the seed has 91%, running text wrapped at a
# width about one in six (names, sentences that happen to start a line).
CAPITALS_CUT = 0.75
# Sentences that end inside a line, per line: the cut left the seed 0.03; a wrap has one every two lines.
INLINE_ENDS_CUT = 0.15
# Lines ending in terminal punctuation, of all breaks: the cut dropped the periods at line ends.
TERMINAL_CUT = 0.3
# Lines of their own (verse, addresses) are short; the seed's sentences are 138 characters at the median.
SHORT_LINE = 45
# Half the breaks followed by a list marker make a list.
LIST_SHARE = 0.5
# A wrapped line reaches near the width: at least this share of the longest lines' length (90th percentile).
NEAR_WIDTH = 0.8
# Sentences cut apart vary in length: the seed has 17% of its lines near the width, a wrap nearly all.
WIDTH_CUT = 0.7

LEADING_MARKERS_RE = re.compile(r"^(?:\s*\[\d+\])+\s*")
LIST_MARKER_RE = re.compile(rf"^(?:\d{{1,3}}[.)]|[-–—•*▪·]|[{LOWER}]\))\s")
# A period, question or exclamation mark after a word of two or more letters (not an initial or "ж."),
# then a space and a capital: a sentence that ends inside a line.
INLINE_END_RE = re.compile(rf"(?<=[{UPPER}{LOWER}\d)\]»”\"][{LOWER}\d)\]»”\"])[.!?…]+[»”\")]?\s+[«“\"(]?[{UPPER}]")
INDENT_RE = re.compile(r"^[ \t]*")


@dataclass(frozen=True)
class Evidence:
    """The figures a decision reads: counts of breaks and lines, and the lines' length."""

    lines: int  # non-empty lines
    breaks: int  # breaks inside a paragraph
    judged: int  # breaks whose next line starts with a letter
    capital_next: int  # of the judged, those whose next line starts with a capital
    list_next: int  # breaks whose next line starts with a list marker
    terminal_end: int  # breaks whose line ends in terminal punctuation
    inline_ends: int  # sentences that end inside a line
    median_length: int  # characters of a line, at the median
    near_width: int  # lines followed by another that reach near the width

    @property
    def capital_share(self) -> float:
        return self.capital_next / self.judged if self.judged else 0.0

    @property
    def list_share(self) -> float:
        return self.list_next / self.breaks if self.breaks else 0.0

    @property
    def terminal_share(self) -> float:
        return self.terminal_end / self.breaks if self.breaks else 0.0

    @property
    def inline_ends_per_line(self) -> float:
        return self.inline_ends / self.lines if self.lines else 0.0

    @property
    def width_share(self) -> float:
        return self.near_width / self.breaks if self.breaks else 0.0


@dataclass(frozen=True)
class Decision:
    """The layout decided, the rule that decided it (one of RULES) and the evidence it read."""

    layout: Layout
    rule: str
    evidence: Evidence


# The rules in the order they are tried, each with the layout it decides.
RULES = {
    "too-few-breaks": Layout.WRAP,
    "list": Layout.LINE,
    "verse": Layout.LINE,
    "cut": Layout.LOST_PERIOD,
    "wrap": Layout.WRAP,
}


def decide(text: str) -> Decision:
    """The layout of a whole document's text, and why."""
    evidence = measure(text)
    rule = _rule(evidence)
    return Decision(RULES[rule], rule, evidence)


def _rule(evidence: Evidence) -> str:
    if evidence.breaks < MIN_BREAKS:
        return "too-few-breaks"
    if evidence.list_share >= LIST_SHARE:
        return "list"
    if evidence.judged < MIN_BREAKS:
        return "too-few-breaks"
    if evidence.capital_share < CAPITALS_CUT or evidence.inline_ends_per_line > INLINE_ENDS_CUT:
        return "wrap"
    if evidence.median_length <= SHORT_LINE:
        return "verse"
    cut = evidence.terminal_share <= TERMINAL_CUT and evidence.width_share < WIDTH_CUT
    return "cut" if cut else "wrap"


def measure(text: str) -> Evidence:
    """The figures of a document's text that tell its layout."""
    raw = LINE_BREAK.split(text)
    lines = [collapse_layout(line) for line in raw]
    pairs = [
        (lines[i], lines[i + 1], raw[i])
        for i in range(len(lines) - 1)
        if lines[i] and lines[i + 1] and _indent(raw[i + 1]) <= _indent(raw[i])
    ]
    starts = [_first_letter(following) for _, following, _ in pairs]
    judged = [letter for letter in starts if letter]
    lengths = [len(line) for line in lines if line]
    continued = [len(line) for line, _, _ in pairs]
    width = _percentile_90(continued)
    return Evidence(
        lines=len(lengths),
        breaks=len(pairs),
        judged=len(judged),
        capital_next=sum(1 for letter in judged if letter.isupper()),
        list_next=sum(1 for _, following, _ in pairs if LIST_MARKER_RE.match(following)),
        terminal_end=sum(1 for line, _, _ in pairs if line.endswith(TERMINAL_PUNCTUATION)),
        inline_ends=sum(len(INLINE_END_RE.findall(line)) for line in lines),
        median_length=round(statistics.median(lengths)) if lengths else 0,
        near_width=sum(1 for length in continued if length >= NEAR_WIDTH * width),
    )


def _indent(line: str) -> int:
    return len(INDENT_RE.match(line.expandtabs(4)).group())


def _first_letter(line: str) -> str:
    """The letter a line starts with, past citation markers, quotes and brackets; "" if it starts otherwise."""
    rest = LEADING_MARKERS_RE.sub("", line).lstrip("«“\"'(")
    return rest[:1] if rest[:1].isalpha() else ""


def _percentile_90(lengths: list[int]) -> float:
    if not lengths:
        return 0.0
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
