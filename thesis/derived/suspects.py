"""Suspected transcription errors in a thesis, by kind, each with its place, context and suggested fixes.

Decisions a reader of the list should know:
- A period between two letters is a missing space ("жатыр.Екі") unless the word before it
  is a single letter: then it is an initial or a one-letter abbreviation ("Н.Ә.Назарбаев",
  "Ж.Серре", "т.б"). A small letter after the period does not make it an abbreviation:
  in "ғғ.күнделікті" the abbreviation ғғ is right and only the space after it is missing,
  so it is listed (noted as after an abbreviation) with the space as the fix.
- An abbreviation cut in two shows as a lone small letter followed by ". " ("т. сапалар",
  "сияқты т. [4]"): the reading text restored the ". " the cut dropped. The letter ж or ғ
  after a number or a Roman numeral is a date ("1992 ж.", "XVII ғ.") and is not listed.
  For т the fix offered is "т.б." (and "т.с.с."), the abbreviations the thesis uses.
- Two periods in a row are doubled punctuation; three or more are an ellipsis.
- A dismissed suspect is known by its passage, kind, text and DISMISS_CONTEXT characters either
  side, so an edit elsewhere in the passage leaves it dismissed, and one next to it brings it back.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import zip_longest

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from ..models import Author, AuthorAlias, DismissedSuspect, IgnoredWord, Passage, Section, TimelineEvent
from ..text import spellcheck
from ..text.alphabet import CYRILLIC_RE, CYRILLIC_TO_LATIN, LATIN_RE, cyrillic_lookalikes
from ..text.dates import ROMAN_CHARS, DateError, roman_to_int
from ..text.events import derived_headline
from ..text.sentences import ABBREVIATIONS

CONTEXT = 40
DISMISS_CONTEXT = 12


class Kind(models.TextChoices):
    """The kinds of suspected error, in the order the suspects page lists them."""

    SPELLING = "spelling", gettext_lazy("Words the spell-checker rejects")
    UNKNOWN = "unknown", gettext_lazy("Words the dictionary does not know (no close correction)")
    MIXED_SCRIPT = "mixed_script", gettext_lazy("Words mixing Latin and Cyrillic letters")
    TRIPLED = "tripled", gettext_lazy("Letters tripled")
    MISSING_SPACE = "missing_space", gettext_lazy("No space after a period")
    DOUBLE_PUNCTUATION = "double_punctuation", gettext_lazy("Doubled punctuation")
    UNBALANCED = "unbalanced", gettext_lazy("Unbalanced quotation marks or brackets")
    CUT = "cut", gettext_lazy("Abbreviations cut in two")


# The kinds a dictionary finds, whose words an editor may tell the spell-check to ignore.
DICTIONARY_KINDS = frozenset({Kind.SPELLING, Kind.UNKNOWN})

LETTER = r"[^\W\d_]"
MIXED_WORD_RE = re.compile(rf"{LETTER}+")
CYRILLIC_WORD_RE = re.compile(r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]+")
TRIPLED_WORD_RE = re.compile(rf"{LETTER}*({LETTER})\1\1{LETTER}*")
MISSING_SPACE_RE = re.compile(rf"(?P<before>{LETTER}+)\.(?=(?P<after>{LETTER}+))")
DOUBLE_PUNCTUATION_RE = re.compile(r"(?<!\.)\.\.(?!\.)|([,;:])\1+")
CUT_RE = re.compile(r"(?<![\w.])(?P<letter>[а-яәғқңөұүһі])\.(?=\s)")
PAIRS = {"«": "»", "“": "”", "(": ")", "[": "]"}
CLOSERS = {close: opener for opener, close in PAIRS.items()}
QUOTES = frozenset("«»“”")
CUT_ABBREVIATIONS = {"т": ["т.б.", "т.с.с."], "б": ["б.з.д."], "ж": ["ж.т.б."]}
DATE_LETTERS = {"ж", "ғ"}
NEVER_CLOSED = gettext_noop("%(mark)s is never closed")


@dataclass(frozen=True)
class Note:
    """A note on a suspect, kept untranslated with its values: stored suspects are read in every
    reader's language, so it is translated when shown."""

    message: str = ""
    values: tuple = ()

    def __str__(self) -> str:
        return _(self.message) % dict(self.values) if self.message else ""

    def __bool__(self) -> bool:
        return bool(self.message)

    def stored(self) -> list:
        return [self.message, dict(self.values)] if self.message else []

    @classmethod
    def from_stored(cls, stored: list) -> "Note":
        return cls(stored[0], tuple(sorted(stored[1].items()))) if stored else cls()


def note(message: str, **values) -> Note:
    return Note(message, tuple(sorted(values.items())))


@dataclass
class Suspect:
    kind: str
    passage_id: int
    passage_order: int
    passage_version: int
    start: int
    end: int
    found: str
    suggestions: list[str] = field(default_factory=list)
    before: str = ""
    after: str = ""
    note: Note = Note()
    # How sure the checker is of each suggestion (0 to 1), in the order of `suggestions`; empty where unmeasured.
    confidences: list[float] = field(default_factory=list)
    # False for a possible suspect: a word that may be right, listed after the certain ones.
    certain: bool = True

    @property
    def ranked(self) -> list[tuple[str, float | None]]:
        """(suggestion, confidence or None) pairs, best first."""
        return list(zip_longest(self.suggestions, self.confidences[: len(self.suggestions)]))


@dataclass
class SuspectReport:
    by_kind: dict[str, list[Suspect]]
    speller_problem: str = ""

    @property
    def total(self) -> int:
        return sum(len(items) for items in self.by_kind.values())


def find_suspects(thesis, speller=None, speller_problem: str = "") -> SuspectReport:
    """Every suspect in the thesis's passages. Without a speller (none given or loadable) spelling is skipped."""
    if speller is None and not speller_problem:
        speller, speller_problem = spellcheck.default_speller()
    passages = list(Passage.objects.filter(thesis=thesis).select_related("section").order_by("order"))
    by_kind: dict[str, list[Suspect]] = {kind: [] for kind in Kind}
    for passage in passages:
        for suspect in text_suspects(passage):
            by_kind[suspect.kind].append(suspect)
    if speller is not None:
        for suspect in spelling_suspects(thesis, passages, speller):
            by_kind[suspect.kind].append(suspect)
    dismissed = dismissed_keys(thesis)
    if dismissed:
        by_kind = {kind: [s for s in items if dismissal_key(s) not in dismissed] for kind, items in by_kind.items()}
    return SuspectReport(by_kind, speller_problem)


def dismissal_key(suspect: Suspect) -> tuple[int, str, str, str, str]:
    """What a dismissal of this suspect remembers it by: passage, kind, text and a little context."""
    return (
        suspect.passage_id,
        str(suspect.kind),
        suspect.found,
        suspect.before[-DISMISS_CONTEXT:],
        suspect.after[:DISMISS_CONTEXT],
    )


def dismissed_keys(thesis) -> set[tuple[int, str, str, str, str]]:
    rows = DismissedSuspect.objects.filter(passage__thesis=thesis)
    return set(rows.values_list("passage_id", "kind", "found", "before", "after"))


def listed(report: SuspectReport, kind: str | None = None, certain: bool | None = None) -> list[Suspect]:
    """The report's suspects in one list: certain before possible, then by passage and place; only
    those of `kind`, and only the certain (or the possible) ones, when asked."""
    found = [
        suspect
        for items in report.by_kind.values()
        for suspect in items
        if (kind is None or suspect.kind == kind) and (certain is None or suspect.certain == certain)
    ]
    return sorted(found, key=lambda s: (not s.certain, s.passage_order, s.start, s.end, str(s.kind)))


def text_suspects(passage: Passage) -> list[Suspect]:
    """The suspects that need no dictionary."""
    finders = (mixed_script, tripled_letters, missing_spaces, doubled_punctuation, unbalanced, cut_abbreviations)
    found = []
    for finder in finders:
        for kind, start, end, suggestions, note in finder(passage.text):
            found.append(_suspect(passage, kind, start, end, suggestions, note))
    return found


def _suspect(passage, kind, start, end, suggestions, note=Note()) -> Suspect:
    text = passage.text
    return Suspect(
        kind=kind,
        passage_id=passage.pk,
        passage_order=passage.order,
        passage_version=passage.version,
        start=start,
        end=end,
        found=text[start:end],
        suggestions=suggestions,
        before=text[max(0, start - CONTEXT) : start],
        after=text[end : end + CONTEXT],
        note=note,
    )


# --- spelling ---------------------------------------------------------------------------------------


def spelling_suspects(thesis, passages, speller) -> list[Suspect]:
    """Words the speller rejects (certain suspects: misspellings with a close correction, and words it
    does not know), then words it accepts that are likely slips all the same (possible suspects).
    The text's own terms and the names it writes inside sentences are no suspects (`TextWords`)."""
    checked = [p for p in passages if spelt_in_the_text_language(p)]
    skip = words_never_flagged(thesis)
    curated = curated_words(thesis)
    speller = speller.attesting(curated)
    occurrences = list(_occurrences(checked, skip))
    accepted = [word for *_, word in occurrences if speller.accepts(word)]
    evidence = spellcheck.Evidence.of(accepted, acronyms(passages))
    vocabulary = Counter(accepted) + Counter(curated)
    names = spellcheck.capitalised_names(p.text for p in checked)
    own = TextWords(
        spellcheck.own_terms(word for *_, word in occurrences),
        spellcheck.established(names),
        frozenset(names),
        frozenset(vocabulary),
    )
    found = []
    cache: dict[str, tuple] = {}
    for passage, start, end, word in occurrences:
        if word not in cache:
            cache[word] = _judge(word, speller, vocabulary, evidence, own)
        kind, ranked, certain = cache[word]
        if kind is not None:
            suspect = _suspect(passage, kind, start, end, [suggestion for suggestion, _c in ranked])
            suspect.confidences = [confidence for _s, confidence in ranked]
            suspect.certain = certain
            found.append(suspect)
    # Stable: passage order and place within each of the two.
    return sorted(found, key=lambda suspect: not suspect.certain)


@dataclass(frozen=True)
class TextWords:
    """What the text itself establishes of its words: terms it writes again and again alike, names it
    capitalises inside sentences more than once and those it does once (lower case), and every word it
    spells as the dictionary does (as written)."""

    terms: frozenset[str]
    established: frozenset[str]
    names: frozenset[str]
    attested: frozenset[str]

    def vouch_for(self, word: str, ranked) -> bool:
        """Whether the text vouches for a word the dictionary rejects: its own term, or a name none of
        whose corrections the text writes elsewhere (Фараби stays; Назарбаевтын, beside Назарбаевтың, not)."""
        if word.lower() in self.terms or word.lower() in self.established:
            return True
        return word.lower() in self.names and not any(s in self.attested for s, _c in ranked)


def _occurrences(passages, skip):
    """(passage, start, end, word) of each word worth checking, outside the sentences in another language."""
    for passage in passages:
        foreign = spellcheck.foreign_sentences(passage.text)
        for start, end, word in spellcheck.checkable_words(passage.text, skip):
            if not any(first <= start < last for first, last in foreign):
                yield passage, start, end, word


def spelt_in_the_text_language(passage) -> bool:
    """Whether a passage is the text's own prose, worth spell-checking: not page furniture, and not an
    entry of the reference list, which cites works in their own languages and spellings."""
    return passage.role != Passage.Role.FURNITURE and passage.section.kind != Section.Kind.BIBLIOGRAPHY


def _judge(word, speller, vocabulary, evidence, own: TextWords) -> tuple:
    """(kind or None, [(suggestion, confidence)], certain) for one word."""
    if not speller.accepts(word):
        costs = spellcheck.candidates(word, speller, vocabulary)
        ranked = spellcheck.confidences(costs)
        if own.vouch_for(word, ranked) or spellcheck.unknown_name(word, costs):
            return None, [], True
        return (Kind.SPELLING if ranked else Kind.UNKNOWN), ranked, True
    ranked = spellcheck.possible_corrections(word, speller, evidence)
    return (Kind.SPELLING if ranked else None), ranked, False


def curated_words(thesis) -> list[str]:
    """The words of what editors wrote about the thesis (its title and notes, people's names and notes,
    the headlines and descriptions of events), which the spell-check accepts as they spell them.
    Not a stated event's description, which is the text's own sentence, nor a headline still made from it."""
    texts = [thesis.title, thesis.title_note, thesis.completeness_note]
    for author in Author.objects.filter(thesis=thesis).only("family_name", "given_names", "display_name", "note"):
        texts += [author.family_name, author.given_names, author.display_name, author.note]
    events = TimelineEvent.objects.filter(thesis=thesis).only("headline", "description", "date_display", "basis")
    for event in events:
        if event.headline != derived_headline(event.description):
            texts.append(event.headline)
        if event.basis != TimelineEvent.Basis.STATED:
            texts += [event.description, event.date_display]
    return [word for text in texts for word in CYRILLIC_WORD_RE.findall(text)]


def acronyms(passages) -> frozenset[str]:
    """The words the passages write in capitals among small letters: acronyms (АҚШ, БҰҰ). A line
    mostly in capitals is a title or heading, whose words (МЕН, ЖӘНЕ) are words, not acronyms."""
    found = set()
    for passage in passages:
        for line in passage.text.splitlines():
            words = MIXED_WORD_RE.findall(line)
            capitals = [word for word in words if word.isupper()]
            if 2 * len(capitals) <= len(words):
                found.update(capitals)
    return frozenset(found)


def words_never_flagged(thesis) -> frozenset[str]:
    """People's names as the thesis writes them, and the words editors chose to ignore, in lower case."""
    names = set(Author.objects.filter(thesis=thesis).values_list("family_name", flat=True))
    names |= set(AuthorAlias.objects.filter(author__thesis=thesis).values_list("form", flat=True))
    words = {w.lower() for name in names for w in MIXED_WORD_RE.findall(name)}
    ignored = IgnoredWord.objects.filter(thesis=thesis).values_list("word", flat=True)
    return frozenset(words | {w.lower() for w in ignored})


# --- the kinds that need no dictionary --------------------------------------------------------------


def mixed_script(text: str):
    """Words mixing Latin and Cyrillic letters ("ХХI": Cyrillic Х, Latin I; "жəне": a Latin schwa)."""
    for match in MIXED_WORD_RE.finditer(text):
        word = match.group()
        if LATIN_RE.search(word) and CYRILLIC_RE.search(word):
            yield Kind.MIXED_SCRIPT, match.start(), match.end(), mixed_script_fixes(word), Note()


def mixed_script_fixes(word: str) -> list[str]:
    """All-Cyrillic, its Latin letters read as the Kazakh ones they stand for (ə as ә, i as і, h as һ);
    for a Roman numeral, the consistent Latin form first."""
    cyrillic = cyrillic_lookalikes(word)
    if _roman_numeral(word):
        return [word.translate(CYRILLIC_TO_LATIN).upper(), cyrillic]
    return [cyrillic] if not LATIN_RE.search(cyrillic) else []


def _roman_numeral(word: str) -> bool:
    """A word in capitals that reads as a Roman numeral in either script's letters ("ХХI"), not a
    small word whose letters happen to be ("iс", Latin i and Cyrillic с, is іс)."""
    if not word.isupper():
        return False
    try:
        roman_to_int(word)
    except DateError:
        return False
    return True


def tripled_letters(text: str):
    """A letter three times or more in a row ("аймақққа"): no Kazakh word has one."""
    for match in TRIPLED_WORD_RE.finditer(text):
        word = match.group()
        fixed = spellcheck.collapse_tripled(word)
        single = spellcheck.TRIPLED_RE.sub(lambda m: m.group(1), word)
        yield Kind.TRIPLED, match.start(), match.end(), list(dict.fromkeys([fixed, single])), Note()


def missing_spaces(text: str):
    """A period with no space before the next word ("жатыр.Екі"), except after an initial or one-letter abbreviation."""
    for match in MISSING_SPACE_RE.finditer(text):
        before, after = match["before"], match["after"]
        if len(before) == 1 or LATIN_RE.search(before + after):
            continue
        remark = note(gettext_noop("after an abbreviation")) if before.lower() in ABBREVIATIONS else Note()
        end = match.end() + len(after)
        yield Kind.MISSING_SPACE, match.start(), end, [f"{before}. {after}"], remark


def doubled_punctuation(text: str):
    """ ".." and ",," (not an ellipsis of three or more periods)."""
    for match in DOUBLE_PUNCTUATION_RE.finditer(text):
        yield Kind.DOUBLE_PUNCTUATION, match.start(), match.end(), [match.group()[0]], Note()


def unbalanced(text: str):
    """Quotes and brackets opened and never closed, closed and never opened, or closed by the wrong mark."""
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in PAIRS:
            stack.append((char, index))
        elif char in CLOSERS:
            yield from _close(stack, char, index)
    for char, index in stack:
        yield Kind.UNBALANCED, index, index + 1, [], note(NEVER_CLOSED, mark=char)
    straight = [m.start() for m in re.finditer('"', text)]
    if len(straight) % 2:
        yield Kind.UNBALANCED, straight[-1], straight[-1] + 1, [], note(NEVER_CLOSED, mark='"')


def _close(stack, char, index):
    if stack and PAIRS[stack[-1][0]] == char:
        stack.pop()
    elif stack and stack[-1][0] in QUOTES and char in QUOTES:
        expected = PAIRS[stack.pop()[0]]
        remark = note(
            gettext_noop("opened with %(opening)s, closed with %(closing)s"), opening=CLOSERS[expected], closing=char
        )
        yield Kind.UNBALANCED, index, index + 1, [expected], remark
    else:
        yield Kind.UNBALANCED, index, index + 1, [], note(gettext_noop("%(mark)s closes nothing"), mark=char)


def cut_abbreviations(text: str):
    """A lone small letter and ". ": an abbreviation the transcription cut ("т. сапалар" for "т.б. сапалар")."""
    for match in CUT_RE.finditer(text):
        letter = match["letter"]
        if letter in DATE_LETTERS and _follows_a_number(text, match.start()):
            continue
        yield Kind.CUT, match.start(), match.end(), CUT_ABBREVIATIONS.get(letter, []), Note()


def _follows_a_number(text: str, position: int) -> bool:
    """Whether a digit or a Roman numeral stands before `position`, across spaces only ("1991 ж.").

    Read back from the position, not searched for in all the text before it, which made a text of
    many cut letters quadratic to check."""
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position > 0 and (text[position - 1].isdecimal() or text[position - 1] in ROMAN_CHARS)
