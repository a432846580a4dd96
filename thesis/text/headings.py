"""Headings in their common printed forms, table-of-contents entries and page furniture, read line by line.

The seed prints its headings one way; other theses and articles of the genre print them in any case,
number chapters in Roman or Arabic figures ("I ТАРАУ", "1-бөлім", "ІІ ТАРАУ" with Cyrillic І), and carry
a table of contents, an abstract with keywords, appendices, page numbers and running heads.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .alphabet import LETTER, UPPER, cyrillic_lookalikes
from .normalisation import TERMINAL_PUNCTUATION, collapse_layout

# Roman figures as typed: Latin I, V, X or their Cyrillic lookalikes І and Х.
ROMAN_VALUES = {"I": 1, "І": 1, "V": 5, "X": 10, "Х": 10}
ROMAN = "IVXІХ"
CHAPTER_FORM_RE = re.compile(
    rf"(?P<number>\d{{1,2}}|[{ROMAN}]{{1,6}})(?:[ \t]*[-–—][ \t]*|[ \t]+)(?P<word>(?i:тарау|бөлім))(?![{LETTER}])"
)
# Parts printed alone on their line, compared in capitals without a closing colon or period.
PART_FORMS = [
    ("introduction", r"КІРІСПЕ|ВВЕДЕНИЕ|INTRODUCTION"),
    ("conclusion", r"ҚОРЫТЫНДЫ|ЗАКЛЮЧЕНИЕ|CONCLUSION"),
    (
        "bibliography",
        r"(?:(?:ҚОЛДАНЫЛҒАН|ПАЙДАЛАНЫЛҒАН|ПАЙДАЛАНҒАН)\s+)?ӘДЕБИЕТТЕР(?:\s+(?:МЕН|ЖӘНЕ)\s+ДЕРЕК(?:ТЕР|КӨЗДЕР))?"
        r"(?:\s+ТІЗІМІ)?|ӘДЕБИЕТ|(?:ПАЙДАЛАНЫЛҒАН\s+)?ДЕРЕККӨЗДЕР(?:\s+ТІЗІМІ)?"
        r"|СПИСОК\s+(?:ИСПОЛЬЗОВАННОЙ\s+)?ЛИТЕРАТУРЫ|ЛИТЕРАТУРА|REFERENCES|BIBLIOGRAPHY",
    ),
    ("appendix", rf"ҚОСЫМШАЛАР|ҚОСЫМША(?:\s+[{UPPER}0-9]{{1,2}})?|ПРИЛОЖЕНИ[ЕЯ](?:\s+[{UPPER}0-9]{{1,2}})?"),
    ("abstract", r"АҢДАТПА|АННОТАЦИЯ|ABSTRACT|ТҮЙІН|РЕЗЮМЕ|SUMMARY"),
    # A plan ("Жоспары:") is an essay's table of contents, its entries without page numbers.
    ("contents", r"МАЗМҰНЫ|МАЗМҰН|СОДЕРЖАНИЕ|CONTENTS|TABLE\s+OF\s+CONTENTS|ЖОСПАРЫ|ЖОСПАР|ПЛАН|PLAN"),
    # The main part between the introduction and the conclusion, when the text names it so.
    ("chapter", r"НЕГІЗГІ\s+БӨЛІМ|ОСНОВНАЯ\s+ЧАСТЬ|MAIN\s+(?:PART|BODY)"),
]
PART_RES = [(kind, re.compile(pattern)) for kind, pattern in PART_FORMS]
# Labels that the text of the part follows on the same line: "Аңдатпа. Мақалада …", "Түйін сөздер: …".
LABELLED_FORMS = [
    ("keywords", re.compile(r"(?i:түйін(?:ді)?|кілт(?:ті)?)[ \t]+(?i:сөздер)|(?i:ключевые[ \t]+слова|key[ \t]*words)")),
    ("abstract", re.compile(r"(?i:аңдатпа|аннотация|abstract|түйін|резюме|summary)")),
]
LABEL_END_RE = re.compile(r"[ \t]*[:.–—-][ \t]*")
# A table-of-contents entry: a title, leader dots and a page number ("Кіріспе......3", "1.1 Тарих ... 11").
LEADER_ENTRY_RE = re.compile(r"(?P<title>\S.*?)[ \t]*(?:[.…·][ \t]*){2,}(?P<page>\d{1,4})[ \t]*")
# Under a contents heading the leader may be only spaces ("Кіріспе   3").
LOOSE_ENTRY_RE = re.compile(r"(?P<title>\S.*?)[ \t]+(?P<page>\d{1,4})[ \t]*")
# An entry of a plan, numbered in Roman or Arabic figures or not at all: "I. Кіріспе", "1.2 Тарихы".
PLAN_NUMBER_RE = re.compile(rf"(?:[{ROMAN}]{{1,6}}|\d{{1,2}}(?:\.\d{{1,2}}){{0,2}})[.)]?[ \t]+(?=\S)")
PLAN_ENTRY_MAX_WORDS = 16
SHORT_ENTRY_WORDS = 8
# A plan without its heading: its first and last parts' headings and an entry between them at least.
PLAN_MIN_LINES = 3
# A heading numbered at one level, alone on its line: "1. Сыртқы саясаттың құқықтық негіздері".
NUMBERED_HEADING_RE = re.compile(rf"(?P<number>\d{{1,2}})\.[ \t]+(?P<title>[{UPPER}][^\n]*)")
NUMBERED_HEADING_MAX_WORDS = 12
# A run-in heading: "2. Қоныс аудару басқармасының құрылуы." closed by its period, its paragraph after it
# on the same line or the next. Its title holds no other sentence's end, no marker and no initial.
RUN_IN_HEADING_RE = re.compile(
    rf"(?P<number>\d{{1,2}})\.[ \t]+(?P<title>[{UPPER}][^.!?…\[\]/\n]*?[{LETTER}»”\")])"
    rf"\.(?:[ \t]+(?=[{UPPER}])|[ \t]*$)"
)
RUN_IN_TITLE_MAX_WORDS = 8
# A numbered item of a list, which a heading numbered at one level never stands beside.
LIST_ITEM_RE = re.compile(r"[ \t]*(?:\d{1,3}|[a-zа-я])[.)][ \t]+\S")
# Up to three figures: a line of four is as likely a year on a title page as a page number.
PAGE_NUMBER_RE = re.compile(r"[-–—]?[ \t]*\d{1,3}[ \t]*[-–—]?")
# What a document-sharing site prints around a converted file: "Pdf көрінісі", its download line
# ("… жүктеу 89,5 Kb."), its date, size and page counters ("Дата05.11.2016", "өлшемі8,3 Mb.", "бет9/22"),
# and its pager ("1   ...   5   6   7   ...   22").
FURNITURE_RE = re.compile(
    r"(?i:pdf[ \t]+(?:көрінісі|просмотр))"
    r"|.*(?i:жүктеу)[ \t]+\d+(?:[.,]\d+)?[ \t]*[kKmMкКмМ][bBбБ]\.?"
    r"|(?i:дата|өлшемі|бет)[ \t]?\d[\d./,]*(?:[ \t]*[kKmMкКмМ][bBбБ]\.?)?"
    r"|\d{1,4}(?:[ \t]+(?:\d{1,4}|\.\.\.|…))+"
)
RUNNING_HEAD_REPEATS = 3
RUNNING_HEAD_MAX_WORDS = 12
ENTRY_MAX_CHARS = 300
CHAPTER_TITLE_MAX_WORDS = 20


@dataclass
class Form:
    """A heading form found at the start of a line: its kind, number, label as printed and where it ends."""

    kind: str
    number: str
    label: str
    end: int


@dataclass
class ContentsEntry:
    """A line of a table of contents: its title as printed and the page it names."""

    title: str
    page: int | None


def roman_number(figures: str) -> int | None:
    """The value of Roman figures typed in Latin or Cyrillic letters, or None if they are not a number."""
    values = [ROMAN_VALUES[f] for f in figures]
    total = 0
    for value, following in zip(values, values[1:] + [0], strict=True):
        total += -value if value < following else value
    return total if total > 0 else None


def chapter_form(line: str, pos: int) -> Form | None:
    """ "1 ТАРАУ", "I БӨЛІМ", "1-тарау", "ІІ ТАРАУ" at `pos`, the number in Arabic figures."""
    match = CHAPTER_FORM_RE.match(line, pos)
    if match is None:
        return None
    printed = match["number"]
    number = printed if printed.isdigit() else roman_number(printed)
    if number is None:
        return None
    return Form("chapter", str(number), collapse_layout(match.group()), match.end())


def part_form(line: str, pos: int) -> Form | None:
    """A part heading alone on its line in any case: "Кіріспе", "ҚОСЫМШАЛАР", "Пайдаланылған әдебиеттер:"."""
    printed = line[pos:].rstrip().rstrip(".:").rstrip()
    if not printed:
        return None
    # Compared with each Cyrillic word's Latin look-alikes read as Kazakh letters: "Əдебиеттер".
    capitals = cyrillic_lookalikes(collapse_layout(printed)).upper()
    for kind, pattern in PART_RES:
        if pattern.fullmatch(capitals):
            # The heading is the whole line, its closing colon or period too, which is no text of its own.
            return Form(kind, "", collapse_layout(printed), pos + len(line[pos:].rstrip()))
    return None


def labelled_form(line: str, pos: int) -> Form | None:
    """A label the part's text follows on its line: "Аңдатпа. …", "Түйін сөздер: …", "Keywords: …"."""
    read = cyrillic_lookalikes(line)  # letter for letter, so its offsets are the line's
    for kind, pattern in LABELLED_FORMS:
        match = pattern.match(read, pos)
        end = match and LABEL_END_RE.match(line, match.end())
        if end and end.end() < len(line.rstrip()):
            printed = line[pos : end.end()].rstrip()
            return Form(kind, "", collapse_layout(printed), pos + len(printed))
    return None


def contents_entry(line: str, loose: bool) -> ContentsEntry | None:
    """The entry a line of a table of contents holds; `loose` (under a contents heading) also takes an
    entry whose page number follows the title after spaces alone."""
    stripped = line.strip()
    if len(stripped) > ENTRY_MAX_CHARS:
        return None
    match = LEADER_ENTRY_RE.fullmatch(stripped) or (loose and LOOSE_ENTRY_RE.fullmatch(stripped))
    if not match:
        return None
    return ContentsEntry(collapse_layout(match["title"]).rstrip(" ."), int(match["page"]))


def plan_entry(line: str) -> ContentsEntry | None:
    """An entry of a plan, which names no pages: a short line that ends no sentence, the number it
    starts with left out of its title ("II. Негізгі бөлім" → "Негізгі бөлім"), but a section's kept
    ("1.1 Тарихы", "1. Құқықтық негіздер" are read as headings are)."""
    stripped = collapse_layout(line).rstrip(" ;")
    words = len(stripped.split())
    # A plan's entry may close with a period, but a line as long as a sentence that ends so is one.
    if not 0 < words <= PLAN_ENTRY_MAX_WORDS or stripped.endswith(TERMINAL_PUNCTUATION) and words > SHORT_ENTRY_WORDS:
        return None
    stripped = stripped.rstrip(".")
    number = PLAN_NUMBER_RE.match(stripped)
    if number and not any(ch.isdigit() for ch in number.group()):
        stripped = stripped[number.end() :]
    return ContentsEntry(stripped, None) if stripped[:1].isupper() or stripped[:1].isdigit() else None


def unlabelled_plans(lines: list[str]) -> set[int]:
    """The indices of the lines of plans printed without their heading ("Жоспары" lost in a copy): a run of
    lines with no blank line between them, each a plan's entry, that opens and closes with a part's heading
    ("Кіріспе" … "Пайдаланылған әдебиеттер"). A text never prints two of its parts with nothing but
    short headings between them; read as headings, the last would take the text after it for its own."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip() and plan_entry(line) is not None:
            run.append(index)
            continue
        parts = [at for at in run if _plan_part(lines[at])]
        if len(run) >= PLAN_MIN_LINES and run[0] in parts and run[-1] in parts:
            found.update(run)
        run = []
    return found


def _plan_part(line: str) -> bool:
    """A part's heading as a plan's entry prints it, numbered or not: "Кіріспе", "IV. Қорытынды"."""
    stripped = line.strip()
    number = PLAN_NUMBER_RE.match(stripped)
    form = part_form(stripped[number.end() :] if number else stripped, 0)
    return form is not None and form.kind != "contents"


def numbered_heading(line: str) -> tuple[str, str] | None:
    """The number and title of a heading numbered at one level ("1. Сыртқы саясаттың құқықтық
    негіздері"): short, in no closing punctuation. Whether it stands alone between paragraphs, as a
    heading does, is for the reader of the lines around it to say."""
    match = NUMBERED_HEADING_RE.fullmatch(line.strip())
    if match is None:
        return None
    title = collapse_layout(match["title"])
    # A title runs on to no next line (a dash, a comma) and holds no citation marker.
    too_long = len(title.split()) > NUMBERED_HEADING_MAX_WORDS
    if too_long or title.endswith((*TERMINAL_PUNCTUATION, *",;:-–—")) or "[" in title:
        return None
    return match["number"], title


def run_in_heading(line: str) -> tuple[str, str, int] | None:
    """The number and title of a run-in heading at the start of a line ("1. Кіріспе. ХІХ ғасырдың соңында
    …"), and where its closing period ends in the line: a short title that is no author's name (its last
    word no initial), its paragraph starting with a capital after it or on the next line."""
    start = len(line) - len(line.lstrip())
    match = RUN_IN_HEADING_RE.match(line, start)
    if match is None:
        return None
    title = collapse_layout(match["title"])
    words = title.split()
    if len(words) > RUN_IN_TITLE_MAX_WORDS or len(words[-1]) == 1 or title.endswith((",", ";", ":")):
        return None
    return match["number"], title, match.end("title") + 1


def running_heads(lines) -> set[str]:
    """Short lines printed again and again: a journal's running head, repeated on every page. A line
    that ends a sentence is the text's own (a refrain), not the page's."""
    counts = Counter(collapse_layout(line) for line in lines)
    return {
        line
        for line, count in counts.items()
        if count >= RUNNING_HEAD_REPEATS
        and line
        and len(line.split()) <= RUNNING_HEAD_MAX_WORDS
        and not line.endswith(TERMINAL_PUNCTUATION)
    }


def is_furniture(line: str, heads: set[str]) -> bool:
    """A line that belongs to the page, not the text: a bare page number, a sharing site's header lines
    ("Pdf көрінісі", "Дата05.11.2016", its pager), a running head."""
    stripped = line.strip()
    return bool(PAGE_NUMBER_RE.fullmatch(stripped) or FURNITURE_RE.fullmatch(stripped)) or (
        collapse_layout(stripped) in heads
    )


def is_title_line(line: str) -> bool:
    """A short line without a closing period: the title of a chapter whose label stands on the line above."""
    words = line.split()
    stripped = line.strip()
    return (
        0 < len(words) <= CHAPTER_TITLE_MAX_WORDS
        and stripped[0].isupper()
        and not stripped.endswith(TERMINAL_PUNCTUATION)
    )


def heading_of(kind: str, number: str, label: str, title: str) -> str:
    """A section's heading as printed, from its fields: a chapter's label and title, another's number and title."""
    if kind == "chapter":
        return f"{label} {title}".strip()
    return " ".join(part for part in (number, title) if part)
