"""How well the importer reads a document: what it derived compared, kind by kind, with what a reader
checked by hand (a gold file), as counts of right, missed and wrong."""

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ..models import Citation, Passage, Section, Thesis
from ..text.alphabet import cyrillic_lookalikes
from .exceptions import ImportRefused
from .importer import import_bytes

# The kinds a gold file may give, in the order a report lists them.
KINDS = ("title", "sections", "passages", "citations", "sources", "people", "events")
# A passage is known by its first words: enough to tell passages apart, and robust to a fixed typo further on.
PASSAGE_WORDS = 6
# A citation's sentence is known by its last words, which show where the sentence was cut.
SENTENCE_WORDS = 4
GOLD_SUFFIX = ".gold.json"
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class Score:
    """What a kind of fact came to: found as the reader found it, missed, and derived but not there."""

    right: int
    missed: int
    wrong: int

    @property
    def expected(self) -> int:
        return self.right + self.missed

    @property
    def derived(self) -> int:
        return self.right + self.wrong

    @property
    def recall(self) -> float:
        """The share of what the text holds that was derived right (1.0 when it holds nothing)."""
        return self.right / self.expected if self.expected else 1.0

    @property
    def wrong_share(self) -> float:
        """The share of what was derived that is wrong (0.0 when nothing was derived)."""
        return self.wrong / self.derived if self.derived else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.right + other.right, self.missed + other.missed, self.wrong + other.wrong)


def words(text: str) -> list[str]:
    """The words as a reader reads them: a Latin look-alike inside a Cyrillic word is its Kazakh letter."""
    return [word.casefold() for word in WORD_RE.findall(cyrillic_lookalikes(text or ""))]


def first_words(text: str, count: int = PASSAGE_WORDS) -> str:
    return " ".join(words(text)[:count])


def last_words(text: str, count: int = SENTENCE_WORDS) -> str:
    return " ".join(words(text)[-count:])


def score(expected: Counter, derived: Counter) -> Score:
    """Right, missed and wrong of two multisets of facts."""
    right = sum((expected & derived).values())
    return Score(right, sum(expected.values()) - right, sum(derived.values()) - right)


# --- the facts of a gold file ---------------------------------------------------------------------


def gold_facts(gold: dict) -> dict[str, Counter]:
    """The facts a gold file gives, by kind, keyed as `derived_facts` keys them; a kind it leaves out is not scored."""
    readers = {
        "title": lambda title: [" ".join(words(title))],
        "sections": lambda rows: [section_key(kind, number, title) for kind, number, title in rows],
        "passages": lambda rows: [first_words(text) for text in rows],
        "citations": lambda rows: [citation_key(numbers, locator, end) for numbers, locator, end in rows],
        "sources": lambda rows: [source_key(number, family, year) for number, family, year in rows],
        "people": lambda rows: [" ".join(words(family)) for family in rows],
        "events": lambda rows: [event_key(*row) if isinstance(row, list) else event_key(row) for row in rows],
    }
    return {kind: Counter(readers[kind](gold[kind])) for kind in KINDS if kind in gold}


def section_key(kind: str, number: str, title: str) -> tuple:
    return (kind, number or "", " ".join(words(title)))


def citation_key(numbers, locator: str | None, sentence: str) -> tuple:
    return (tuple(sorted(numbers)), " ".join(words(locator or "")), last_words(sentence))


def source_key(number: int, family: str | None, year: int | None) -> tuple:
    return (number, " ".join(words(family or "")), year)


def event_key(start: int, end: int | None = None) -> tuple:
    return (start, start if end is None else end)


# --- the facts the importer derived ---------------------------------------------------------------


def derived_facts(thesis: Thesis) -> dict[str, Counter]:
    """The facts of an imported thesis, by kind, keyed as in a gold file."""
    passages = thesis.passages.filter(role=Passage.Role.TEXT).order_by("order")
    citations = {}
    rows = Citation.objects.filter(passage__thesis=thesis).select_related("source").order_by("passage__order", "order")
    for citation in rows:
        citations.setdefault((citation.passage_id, citation.marker_start), []).append(citation)
    return {
        "title": Counter([" ".join(words(thesis.title))]),
        "sections": Counter(
            section_key(s.kind, s.number, s.title) for s in thesis.sections.all() if s.kind != Section.Kind.UNTITLED
        ),
        "passages": Counter(first_words(p.text) for p in passages),
        "citations": Counter(
            citation_key([c.source.number for c in cited], cited[0].locator, cited[0].sentence)
            for cited in citations.values()
        ),
        "sources": Counter(source_key(s.number, first_family(s.authors), s.issued_year) for s in thesis.sources.all()),
        "people": Counter(" ".join(words(a.family_name)) for a in thesis.authors.all()),
        "events": Counter(event_key(e.start_year, e.end_year) for e in thesis.events.all()),
    }


def first_family(authors: list) -> str:
    return authors[0].get("family", "") if authors else ""


# --- a document read and scored --------------------------------------------------------------------


class Rollback(Exception):
    """Raised to undo an evaluation's import: scoring a document must leave the archive as it was."""


def differences(expected: Counter, derived: Counter) -> tuple[list, list]:
    """What was missed and what was derived wrong, each fact as often as it counts."""
    return sorted((expected - derived).elements(), key=str), sorted((derived - expected).elements(), key=str)


def evaluate(text_path: Path, gold: dict) -> dict[str, tuple[Score, list, list]]:
    """Import the document without its curation, score it against the gold file, and undo the import:
    per kind, the score and what was missed and derived wrong."""
    found = {}
    try:
        with transaction.atomic():
            thesis = import_bytes(text_path.read_bytes(), text_path.name, use_curation=False).thesis
            derived = derived_facts(thesis)
            for kind, expected in gold_facts(gold).items():
                found[kind] = (score(expected, derived[kind]), *differences(expected, derived[kind]))
            raise Rollback
    except Rollback:
        pass
    return found


def gold_files(paths) -> list[Path]:
    """The gold files among `paths` and in the directories among them, in name order."""
    found = []
    for path in map(Path, paths):
        found += sorted(path.glob(f"*{GOLD_SUFFIX}")) if path.is_dir() else [path]
    return found


def read_gold(gold_path: Path) -> tuple[Path, dict]:
    """The document a gold file describes (named in it relative to it, or beside it with the same name) and the gold."""
    if not gold_path.name.endswith(GOLD_SUFFIX):
        raise ImportRefused(f"{gold_path.name}: a gold file's name ends in {GOLD_SUFFIX}")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(f"{gold_path.name}: not a readable gold file ({error})") from None
    unknown = set(gold) - {*KINDS, "document", "origin", "layout"}
    if unknown:
        raise ImportRefused(f"{gold_path.name}: unknown keys {sorted(unknown)}; a gold file gives {list(KINDS)}")
    document = gold_path.parent / (gold.get("document") or gold_path.name.removesuffix(GOLD_SUFFIX) + ".txt")
    if not document.is_file():
        raise ImportRefused(f"{gold_path.name}: its document {document.name} is not beside it")
    return document, gold
