"""The structure a thesis declares, in a sentence or a table of contents, and whether its text is complete."""

import re

from .headings import numbered_heading
from .normalisation import TERMINAL_PUNCTUATION
from .parsing import heading_in

NUMBER_WORDS = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8}
STRUCTURE_RE = re.compile(r"құрылымы\s+(?P<parts>[^.]+?)\s+тұрады", re.IGNORECASE)
PART_PATTERNS = [
    ("introduction", re.compile(r"кіріспе", re.IGNORECASE)),
    ("chapter", re.compile(r"(?P<count>\d+|\w+)\s+тарау", re.IGNORECASE)),
    ("conclusion", re.compile(r"қорытынды", re.IGNORECASE)),
    ("bibliography", re.compile(r"әдебиеттер\s+тізім", re.IGNORECASE)),
    ("appendix", re.compile(r"қосымша", re.IGNORECASE)),
]
PART_NAMES = {
    "abstract": "the abstract",
    "introduction": "the introduction",
    "chapter": "chapter",
    "conclusion": "the conclusion",
    "bibliography": "the bibliography",
    "appendix": "the appendices",
}
PART_NAMES_KK = {
    "abstract": "аңдатпа",
    "introduction": "кіріспе",
    "conclusion": "қорытынды",
    "bibliography": "пайдаланылған әдебиеттер тізімі",
    "appendix": "қосымшалар",
}


def declared_structure(texts: list[str]) -> list[dict]:
    """Parts named in a sentence such as "… құрылымы кіріспеден, екі тараудан, … тұрады"."""
    for text in texts:
        if match := STRUCTURE_RE.search(text):
            return _parts(match["parts"])
    return []


def contents_structure(entries) -> list[dict]:
    """The parts a table of contents lists, in its order: each its kind, its number if it has one,
    its title and the page the table gives (a plan gives none). An entry numbered at one level ("1. Тарихы")
    is a section; one in no heading form is an unnumbered subsection."""
    parts = []
    for entry in entries:
        heading = heading_in(entry.title)
        if heading is None and (numbered := numbered_heading(entry.title)):
            parts.append({"kind": "section", "number": numbered[0], "title": numbered[1]})
            continue
        part = {"kind": heading.kind if heading else "subsection"}
        if heading and heading.number:
            part["number"] = heading.number
        part["title"] = heading.title if heading and heading.title else entry.title
        if entry.page is not None:
            part["page"] = entry.page
        parts.append(part)
    return parts


def _parts(phrase: str) -> list[dict]:
    parts = []
    for kind, pattern in PART_PATTERNS:
        if found := pattern.search(phrase):
            part = {"kind": kind}
            if kind == "chapter":
                part["count"] = _count(found["count"])
            parts.append(part)
    return parts


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 1)


def ends_mid_sentence(last_text: str) -> bool:
    """True when the text breaks off: no closing punctuation, or trailing dots marking a cut."""
    stripped = last_text.rstrip()
    return not stripped.endswith(TERMINAL_PUNCTUATION) or stripped.endswith(("...", "…"))


def completeness(declared: list[dict], heading_kinds: list[str], chapter_numbers: list[str], last_text: str):
    """(is_complete, note) for a stored text against the structure it declares; the note in English."""
    breaks_off, missing = _gaps(declared, heading_kinds, chapter_numbers, last_text)
    problems = []
    if breaks_off:
        problems.append("The text breaks off mid-sentence.")
    if missing:
        names = [f"chapter {number}" if kind == "chapter" else PART_NAMES[kind] for kind, number in missing]
        problems.append("Missing: " + ", ".join(names) + ".")
    return not problems, " ".join(problems)


def completeness_note_kk(declared: list[dict], heading_kinds: list[str], chapter_numbers: list[str], last_text: str):
    """The same note as completeness()'s, in Kazakh: the archive shows it first, the English beside it."""
    breaks_off, missing = _gaps(declared, heading_kinds, chapter_numbers, last_text)
    problems = []
    if breaks_off:
        problems.append("Мәтін сөйлемнің ортасында үзіледі.")
    if missing:
        names = [f"{number}-тарау" if kind == "chapter" else PART_NAMES_KK[kind] for kind, number in missing]
        problems.append("Жоқ бөліктер: " + ", ".join(names) + ".")
    return " ".join(problems)


def _gaps(declared, heading_kinds, chapter_numbers, last_text) -> tuple[bool, list[tuple[str, int | str | None]]]:
    """Whether the text breaks off, and the declared parts it lacks as (kind, chapter number or None)."""
    missing = []
    for part in declared:
        if part["kind"] == "chapter" and "number" in part:
            missing += [("chapter", part["number"])] if part["number"] not in chapter_numbers else []
        elif part["kind"] == "chapter" and "count" not in part:
            continue  # the main part ("Негізгі бөлім"), which a plan names but its sections may carry alone
        elif part["kind"] == "chapter":
            present = set(chapter_numbers)
            missing += [("chapter", n) for n in range(1, part["count"] + 1) if str(n) not in present]
        elif part["kind"] in PART_NAMES and part["kind"] not in heading_kinds:
            missing.append((part["kind"], None))
    return ends_mid_sentence(last_text), missing
