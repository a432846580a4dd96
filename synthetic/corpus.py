"""A deterministic synthetic corpus made from the seed thesis's own words and patterns.

Each synthetic thesis is written as a text the parser reads back into the same sections
and passages: headings on lines of their own, paragraphs indented, every sentence on a line
without the ". " the transcription cut, `[N]` markers opening the line after the sentence
they close, people named with initials, and dates printed the ways the seed prints them.
The reading text, citations, people, mentions, stated events, declared structure and
completeness are then derived from that text by the same functions of `thesis.text` the
importer calls, so a synthetic thesis is one the archive could have imported: tests import one
and compare.

Nothing here touches the database: a plan is plain data, and the same seed gives the same plans.
"""

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from thesis.text.alphabet import FRONT_VOWELS, LETTER
from thesis.text.citations import DerivedCitation, derive_citations
from thesis.text.dates import MONTHS, ROMAN_CHARS, int_to_roman
from thesis.text.events import derived_headline, stated_events
from thesis.text.line_breaks import decide
from thesis.text.names import Person, display_name, find_names, historiography_groups, person_key, read_people
from thesis.text.normalisation import Layout, reading_text
from thesis.text.parsing import parse_document
from thesis.text.sentences import ABBREVIATIONS, sentence_spans
from thesis.text.structure import completeness, declared_structure

SYNTHETIC_PREFIX = "synthetic-"
INDENT = "  "

WORD_RE = re.compile(rf"[{LETTER}]+(?:-[{LETTER}]+)*")
# Initials avoid the letters that double as Roman numerals, so that no name reads as a century.
INITIAL_LETTERS = "АБВГДЕЖЗИКЛНОПРТУФЭЮЯӘҒҚҰ"
GROUP_HEADINGS = {"foreign": "Шетелдік", "russian": "Ресейлік", "domestic": "Отандық"}
CHAPTER_COUNT_WORDS = {1: "бір", 2: "екі", 3: "үш"}
THESIS_KINDS = ["diploma"] * 6 + ["master"] * 3 + ["doctoral"]
CSL_TYPES = ["book", "article-journal", "chapter"]
PLACES = ["Алматы", "Астана", "Мәскеу", "Санкт-Петербург", "Лондон", "Нью-Йорк"]


@dataclass(frozen=True)
class Counts:
    """How many of each record the whole corpus holds."""

    theses: int
    passages: int
    events: int
    sources: int
    authors: int

    def scaled(self, factor: float) -> "Counts":
        theses = max(1, round(self.theses * factor))
        return Counts(
            theses=theses,
            passages=max(theses, round(self.passages * factor)),
            events=round(self.events * factor),
            sources=round(self.sources * factor),
            authors=round(self.authors * factor),
        )

    def for_thesis(self, index: int) -> "Counts":
        """This thesis's share: an even split, the remainder going to the first theses."""
        return Counts(
            theses=1,
            passages=share(self.passages, self.theses, index),
            events=share(self.events, self.theses, index),
            sources=share(self.sources, self.theses, index),
            authors=share(self.authors, self.theses, index),
        )


DEFAULT_COUNTS = Counts(theses=1000, passages=200_000, events=50_000, sources=20_000, authors=5_000)


def share(total: int, parts: int, index: int) -> int:
    return total // parts + (index < total % parts)


@dataclass(frozen=True)
class Vocabulary:
    """The seed's words, which word follows which, and the family names in each historiography group."""

    openers: tuple[str, ...]
    followers: dict
    words: tuple[str, ...]
    families: dict


@dataclass
class SectionPlan:
    kind: str
    number: str
    label: str
    title: str
    heading: str
    order: int
    start: int
    end: int
    parent: int | None = None


@dataclass
class PassagePlan:
    section: int
    order: int
    original: str
    text: str
    start: int
    end: int
    citations: list[DerivedCitation] = field(default_factory=list)
    mentions: list[tuple[str, str, int, int]] = field(default_factory=list)


@dataclass
class EventPlan:
    key: str
    passage: int | None
    headline: str
    description: str
    date_display: str
    start: tuple
    end: tuple
    precision: str
    basis: str
    basis_note: str = ""
    authors: list[str] = field(default_factory=list)


@dataclass
class ThesisPlan:
    file_name: str
    content: str
    title: str
    kind: str
    declared: list
    is_complete: bool
    completeness_note: str
    sections: list[SectionPlan]
    passages: list[PassagePlan]
    sources: list[dict]
    authors: list[Person]
    events: list[EventPlan]
    line_breaks: Layout = Layout.LOST_PERIOD


# --- the vocabulary -------------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_vocabulary(path: Path) -> Vocabulary:
    return vocabulary_from(Path(path).read_text(encoding="utf-8"))


def vocabulary_from(text: str) -> Vocabulary:
    """The words of the seed's paragraphs, sentence by sentence, and the people its historiography lists."""
    parsed = parse_document(text)
    layout = decide(text).layout
    readings = [reading_text(text[block.start : block.end], layout) for block in parsed.paragraphs]
    families = {group: [] for group in GROUP_HEADINGS}
    listed = set()
    for reading in readings:
        for group, names in historiography_groups(reading).items():
            for name in names:
                if name.family not in families[group]:
                    families[group].append(name.family)
                listed.add(name.family)
    openers, followers = [], {}
    for reading in readings:
        for start, end in sentence_spans(reading):
            words = [w for w in WORD_RE.findall(reading[start:end]) if _usable(w) and w not in listed]
            if len(words) < 2:
                continue
            openers.append(words[0])
            for word, following in zip(words, words[1:], strict=False):
                followers.setdefault(word, []).append(following)
    words = sorted({w for chain in followers.values() for w in chain} | set(openers))
    return Vocabulary(
        openers=tuple(openers),
        followers={word: tuple(chain) for word, chain in followers.items()},
        words=tuple(words),
        families={group: tuple(names) for group, names in families.items()},
    )


def _usable(word: str) -> bool:
    """A word that cannot be read as an initial, a Roman numeral or an abbreviation, and that
    cannot open a historiography listing ("Шетелдік тарихнама") where none is meant."""
    return (
        len(word) > 1
        and not set(word) <= set(ROMAN_CHARS)
        and word.lower() not in ABBREVIATIONS
        and not word.lower().startswith("тарихнама")
    )


# --- one thesis -----------------------------------------------------------------------------


def plan_thesis(vocabulary: Vocabulary, seed: int, index: int, counts: Counts) -> ThesisPlan:
    """The whole of synthetic thesis number `index`: its text and every record derived from it."""
    rng = random.Random(f"{seed}:{index}")
    authors = _plan_authors(rng, vocabulary, counts.authors)
    writer = _Writer(rng, vocabulary, authors, counts.sources)
    leaves = _plan_outline(rng, counts.passages)
    hosts = _event_hosts(rng, counts.passages, counts.events)
    dates = {order: [_date(rng) for _ in range(n)] for order, n in hosts.items()}
    layout = _lay_out(writer, leaves, counts.passages, dates)
    sections = layout.sections
    content = "\n".join(layout.lines) + "\n"
    line_breaks = decide(content).layout  # as the importer would decide it
    passages = [_finish_passage(content, draft, authors, line_breaks) for draft in layout.drafts]
    _note_quoted(passages, authors)
    events = _stated_events(rng, passages, hosts, authors) + _inferred_events(
        rng, writer, passages, counts.events - sum(hosts.values()), authors
    )
    readings = [p.text for p in passages]
    declared = declared_structure(readings)
    chapter_numbers = [s.number for s in sections if s.kind == "chapter"]
    is_complete, note = completeness(declared, [s.kind for s in sections], chapter_numbers, readings[-1])
    return ThesisPlan(
        file_name=f"{SYNTHETIC_PREFIX}{seed}-{index:06d}.kk.txt",
        content=content,
        title=writer.title(),
        kind=rng.choice(THESIS_KINDS),
        declared=declared,
        is_complete=is_complete,
        completeness_note=note,
        sections=sections,
        passages=passages,
        sources=[_plan_source(rng, writer, number) for number in range(1, counts.sources + 1)],
        authors=list(authors.values()),
        events=events,
        line_breaks=line_breaks,
    )


def _plan_authors(rng, vocabulary: Vocabulary, count: int) -> dict[str, Person]:
    groups = [g for g in GROUP_HEADINGS if vocabulary.families[g]]
    authors: dict[str, Person] = {}
    while groups and len(authors) < count:
        group = groups[len(authors) % len(groups)]
        family = rng.choice(vocabulary.families[group])
        initials = "".join(f"{rng.choice(INITIAL_LETTERS)}." for _ in range(rng.choice((1, 2, 2))))
        key = person_key(family, initials)
        if key not in authors:
            authors[key] = Person(
                family, initials, display_name(family, initials), group, is_historiography_author=True
            )
    return authors


def _plan_outline(rng, passages: int) -> list[dict]:
    """The parts that hold paragraphs, in order: introduction, each chapter's sections, conclusion."""
    leaves = [{"kind": "introduction"}]
    for chapter in range(1, rng.choice((2, 3)) + 1):
        for number in range(1, rng.choice((2, 3)) + 1):
            leaves.append({"kind": "section", "chapter": chapter, "number": f"{chapter}.{number}"})
    leaves.append({"kind": "conclusion"})
    return leaves[: max(1, passages)] if passages < len(leaves) else leaves


def _event_hosts(rng, passages: int, events: int) -> Counter:
    """How many printed dates each passage holds: four events in five are stated in the text."""
    stated = events - events // 5
    first = 1 if passages > 1 else 0
    return Counter(rng.randrange(first, passages) for _ in range(stated)) if passages else Counter()


def _date(rng) -> str:
    """A date as the seed prints them: a day, a year, a range, a decade or centuries; about one
    in ten years, ranges and centuries is before the common era."""
    kind = rng.choices(["year", "day", "range", "century", "decade", "centuries"], [35, 20, 15, 15, 5, 5])[0]
    bce = kind in {"year", "range", "century", "centuries"} and rng.random() < 0.1
    prefix = "б.з.д. " if bce else ""
    year = rng.randint(100, 999) if bce else _year(rng)
    if kind == "day":
        month = rng.choice(list(MONTHS))
        return f"{year} жылы {rng.randint(1, 28)} {month}{'де' if set(month) & FRONT_VOWELS else 'да'}"
    if kind == "range":
        first, last = sorted(rng.sample(range(year, year + 40), 2))
        first, last = (last, first) if bce else (first, last)
        return f"{prefix}{first}-{last} жылдары"
    if kind == "decade":
        return f"{rng.randint(100, 202)}0 жылдары"
    if kind == "century":
        return f"{prefix}{_roman(rng, rng.randint(1, 21))} ғасырда"
    if kind == "centuries":
        first = rng.randint(1, 20)
        return f"{prefix}{_roman(rng, first)}-{_roman(rng, first + 1)} ғасырларда"
    return prefix + rng.choice((f"{year} жылы", f"{year} ж.", f"{year}ж"))


def _year(rng) -> int:
    """Mostly modern: the archive is about diplomacy and foreign policy."""
    band = rng.random()
    if band < 0.6:
        return rng.randint(1900, 2024)
    if band < 0.85:
        return rng.randint(1000, 1899)
    return rng.randint(100, 999)


def _roman(rng, number: int) -> str:
    """A Roman numeral, typed sometimes with Cyrillic look-alikes as the seed does ("ХХI")."""
    numeral = int_to_roman(number)
    return numeral.replace("X", "Х") if rng.random() < 0.3 else numeral


class _Writer:
    """Sentences, titles and names from the seed's words, in the seed's patterns."""

    def __init__(self, rng, vocabulary: Vocabulary, authors: dict[str, Person], sources: int):
        self.rng = rng
        self.vocabulary = vocabulary
        self.authors = list(authors.values())
        self.sources = sources

    def words(self, count: int) -> list[str]:
        rng, followers = self.rng, self.vocabulary.followers
        word = rng.choice(self.vocabulary.openers)
        words = [word]
        while len(words) < count:
            chain = followers.get(word)
            word = rng.choice(chain) if chain else rng.choice(self.vocabulary.words)
            words.append(word)
        return words

    def sentence(self, date: str | None = None) -> list[str]:
        """Seven to fifteen words, a few commas, maybe a person, and the date if one is given,
        never last: a date's or a name's period at a line end would close the paragraph."""
        words = self.words(self.rng.randint(7, 15))
        for position in range(1, len(words) - 1):
            if self.rng.random() < 0.06:
                words[position] += ","
        if date is not None:
            words.insert(self.rng.randint(1, len(words) - 1), date)
        if self.authors and self.rng.random() < 0.08:
            self._name(words)
        return words

    def _name(self, words: list[str]) -> None:
        """Put a person in between lower-case words: a capitalised word before the initials, or
        after them, would read as the family name of a different person."""
        places = [i for i in range(len(words) - 1) if (i == 0 or words[i - 1][:1].islower()) and words[i][:1].islower()]
        if places:
            words.insert(self.rng.choice(places), self.form(self.rng.choice(self.authors)))

    def form(self, author: Person) -> str:
        """One of the spellings the seed uses: "Н.Ә. Назарбаев", "Н.Ә.Назарбаев", "Лебедева М.М"."""
        if self.rng.random() < 0.5:
            return f"{author.initials}{self.rng.choice((' ', ''))}{author.family}"
        return f"{author.family} {author.initials[: -1 if self.rng.random() < 0.3 else None]}"

    def marker(self) -> int | None:
        return self.rng.randint(1, self.sources) if self.sources and self.rng.random() < 0.35 else None

    def title(self, count: tuple[int, int] = (5, 9)) -> str:
        words = [w.rstrip(",") for w in self.words(self.rng.randint(*count))]
        return _capitalised(" ".join(words))


class _Layout:
    """The document as it is written: its lines, its sections, and each passage's draft."""

    def __init__(self, writer: _Writer):
        self.writer = writer
        self.lines: list[str] = []
        self.position = 0
        self.sections: list[SectionPlan] = []
        self.drafts: list[dict] = []
        self.chapters: dict[int, int] = {}

    def line(self, text: str) -> int:
        start = self.position
        self.lines.append(text)
        self.position += len(text) + 1
        return start

    def heading(self, kind, number, label, title, text, parent=None) -> int:
        start = self.line(text)
        order = len(self.sections)
        self.sections.append(SectionPlan(kind, number, label, title, text, order, start, start + len(text), parent))
        return order

    def part(self, leaf: dict) -> int:
        """The heading of a part that holds paragraphs, after its chapter's heading if it is the first."""
        if leaf["kind"] == "introduction":
            return self.heading("introduction", "", "КІРІСПЕ", "КІРІСПЕ", "КІРІСПЕ")
        if leaf["kind"] == "conclusion":
            return self.heading("conclusion", "", "ҚОРЫТЫНДЫ", "ҚОРЫТЫНДЫ", "ҚОРЫТЫНДЫ")
        chapter, number = leaf["chapter"], leaf["number"]
        if chapter not in self.chapters:
            title, label = self.writer.title((3, 6)).upper(), f"{chapter} ТАРАУ"
            self.chapters[chapter] = self.heading("chapter", str(chapter), label, title, f"{label} {title}")
        title = self.writer.title((3, 7))
        return self.heading("section", number, number, title, f"{number} {title}", self.chapters[chapter])

    def paragraph(self, section: int, lines: list[str]) -> None:
        """An indented first line, the rest flush left, as the transcription has them."""
        start = self.position + len(INDENT)
        for index, text in enumerate(lines):
            self.line(INDENT + text if index == 0 else text)
        order = len(self.drafts)
        self.drafts.append({"section": section, "order": order, "start": start, "end": self.position - 1})


def _lay_out(writer: _Writer, leaves: list[dict], passages: int, dates: dict) -> _Layout:
    """Every part with its share of the paragraphs; the first paragraph opens the introduction."""
    layout = _Layout(writer)
    for index, leaf in enumerate(leaves):
        section = layout.part(leaf)
        for _ in range(share(passages, len(leaves), index)):
            order = len(layout.drafts)
            layout.paragraph(section, _paragraph_lines(writer, dates.get(order, []), leaves if order == 0 else None))
    return layout


def _structure_line(leaves: list[dict]) -> str:
    """The sentence that declares the parts, as the seed's "… құрылымы кіріспеден, екі тараудан … тұрады"."""
    chapters = len({leaf["chapter"] for leaf in leaves if "chapter" in leaf})
    parts = ["кіріспеден"]
    if chapters:
        parts.append(f"{CHAPTER_COUNT_WORDS[chapters]} тараудан")
    if leaves[-1]["kind"] == "conclusion":
        parts.append("қорытындыдан")
    return f"Жұмыстың құрылымы {', '.join(parts)} тұрады"


def _historiography(writer: _Writer) -> str:
    """The seed's listing of the people studied, group by group ("1. Шетелдік тарихнама - …")."""
    parts = []
    for number, (group, word) in enumerate(GROUP_HEADINGS.items(), start=1):
        people = [a for a in writer.authors if a.group == group]
        if people:
            forms = ", ".join(writer.form(a) for a in people)
            parts.append(f"{number}. {word} тарихнама - {forms}")
    if not parts:
        return ""
    listing = "Тарихнамалық зерттеулер үш топқа бөлінеді: " + "; ".join(parts)
    return listing if listing.endswith(".") else listing + "."


def _paragraph_lines(writer: _Writer, dates: list[str], leaves: list[dict] | None) -> list[str]:
    """A paragraph as transcribed: a sentence a line, the last keeping its period. The first
    paragraph (given the outline) opens with the structure and closes with the historiography."""
    sentences = [writer.sentence() for _ in range(writer.rng.randint(2, 6))]
    for display in dates:
        sentences.insert(writer.rng.randint(0, len(sentences)), writer.sentence(display))
    lines = [_structure_line(leaves)] if leaves else []
    for words in sentences:
        text = _capitalised(" ".join(words))
        marker = writer.marker() if lines else None
        lines.append(f"[{marker}] {text}" if marker else text)
    listing = _historiography(writer) if leaves else ""
    if listing:
        lines.append(listing)
    else:
        lines[-1] += "."
    return lines


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finish_passage(content: str, draft: dict, authors: dict[str, Person], line_breaks: Layout) -> PassagePlan:
    """A passage's texts, its citations and the people it names."""
    original = content[draft["start"] : draft["end"]]
    text = reading_text(original, line_breaks)
    mentions = [(n.key, n.form, n.start, n.end) for n in find_names(text) if n.key in authors]
    return PassagePlan(
        section=draft["section"],
        order=draft["order"],
        original=original,
        text=text,
        start=draft["start"],
        end=draft["end"],
        citations=derive_citations(text),
        mentions=mentions,
    )


def _note_quoted(passages: list[PassagePlan], authors: dict[str, Person]) -> None:
    """Read people as the importer does, and keep what it reads of the planned ones: the forms
    used, and whether they are quoted outside the historiography."""
    for key, person in read_people([p.text for p in passages]).items():
        if key in authors:
            authors[key].forms |= person.forms
            authors[key].is_quoted = authors[key].is_quoted or person.is_quoted


def _stated_events(rng, passages: list[PassagePlan], hosts: Counter, authors) -> list[EventPlan]:
    """One event for every date printed in a passage, as the importer reads them."""
    stated = stated_events([p.text for p in passages])
    printed = Counter(event.passage for event in stated)
    if printed != hosts:
        raise ValueError(f"the passages print dates {dict(printed)}, {dict(hosts)} were written")
    keys = list(authors)
    return [
        EventPlan(
            key=event.key,
            passage=event.passage,
            headline=event.headline,
            description=event.description,
            date_display=event.date.display,
            start=(event.date.begin.year, event.date.begin.month, event.date.begin.day),
            end=(event.date.finish.year, event.date.finish.month, event.date.finish.day),
            precision=event.date.precision,
            basis="stated",
            authors=_event_people(rng, keys),
        )
        for event in stated
    ]


def _inferred_events(rng, writer: _Writer, passages, count: int, authors) -> list[EventPlan]:
    """Events an editor dated from what a passage describes; the text prints no date for them."""
    events = []
    keys = list(authors)
    for number in range(1, count + 1):
        year = _year(rng) * (-1 if rng.random() < 0.05 else 1)
        span = rng.choice((0, 0, 0, rng.randint(1, 30)))
        anchor = rng.randrange(len(passages))
        sentence = " ".join(writer.sentence()) + "."
        events.append(
            EventPlan(
                key=f"inferred:synthetic-{number}",
                passage=anchor,
                headline=derived_headline(_capitalised(sentence)),
                description=_capitalised(sentence),
                date_display="",
                start=(year, None, None),
                end=(year + span, None, None),
                precision="range" if span else "year",
                basis="inferred",
                basis_note=f"Synthetic: dated by the generator from passage {anchor}, which prints no date.",
                authors=_event_people(rng, keys),
            )
        )
    return events


def _event_people(rng, keys: list[str]) -> list[str]:
    if not keys or rng.random() >= 0.3:
        return []
    return sorted(set(rng.choices(keys, k=rng.choice((1, 2)))))


def _plan_source(rng, writer: _Writer, number: int) -> dict:
    csl_type = rng.choice(CSL_TYPES)
    people = list(writer.authors) or [None]
    named = [rng.choice(people) for _ in range(rng.choice((1, 1, 2)))]
    return {
        "number": number,
        "status": "complete" if rng.random() < 0.7 else "needs_data",
        "csl_type": csl_type,
        "title": writer.title(),
        "authors": [{"family": a.family, "given": a.initials} for a in named if a is not None],
        "issued_year": rng.randint(1950, 2024),
        "publisher": writer.title((1, 2)) + " баспасы",
        "publisher_place": rng.choice(PLACES),
        "container_title": writer.title((2, 4)) if csl_type != "book" else "",
        "page": f"{(first := rng.randint(1, 400))}-{first + rng.randint(1, 40)}",
        "language": rng.choice(("kk", "kk", "ru")),
    }


def plan_corpus(vocabulary: Vocabulary, seed: int, counts: Counts, first: int = 0):
    """Plans for every thesis of the corpus, one at a time, from thesis number `first`."""
    for index in range(first, counts.theses):
        yield plan_thesis(vocabulary, seed, index, counts.for_thesis(index))
