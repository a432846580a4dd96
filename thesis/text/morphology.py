"""Kazakh word forms: the suffix chains of inflection and derivation, vowel harmony and the
spelling of a stem before a suffix, the stem a search looks for (`stem`, `forms`) and a person's
family name without its endings (`name_stem`).

A word is a stem followed by a grammatical chain of suffixes (`chains`): each suffix joins the
letter before it by the rules of assimilation the spelling shows, agrees with the stem's vowels,
and may follow the suffix before it. A stem ending in к, қ or п is written г, ғ or б before a
vowel (қазақ, қазағы); a doubled final consonant is written single before a consonant
(процесс, процестер)."""

import re
from functools import lru_cache

from .alphabet import BACK_VOWELS, FRONT_VOWELS, VOWEL_RE, VOWELS

# A word of Kazakh Cyrillic letters only, the kind whose endings can be stripped.
WORD_RE = re.compile(r"[а-яёәғқңөұүһі]+")

VOICELESS = frozenset("кқпстфхцчшщ")
SOFTENED = {"г": "к", "ғ": "қ", "б": "п"}  # as written before a vowel: as the dictionary lists it
SOFTENING = {hard: soft for soft, hard in SOFTENED.items()}
MIN_STEM = 3
MIN_VERB_STEM = 2  # де-се-к, ал-ады
# A search strips endings down to four letters at least: a shorter stem (бас, ел) begins too many other words.
MIN_SEARCH_STEM = 4


def _forms(*groups: str) -> tuple[str, ...]:
    return tuple(form for group in groups for form in group.split())


DERIVATION = _forms(
    "лық лік дық дік тық тік шы ші сыз сіз лы лі ды ді ты ті шыл шіл лас лес дас дес тас тес",
    "ша ше дай дей тай тей ғыш гіш қыш кіш гер кер",
)
VERBALISER = _forms("ла ле да де та те лан лен дан ден тан тен лас лес дас дес тас тес ай ей ландыр лендір")
PLURAL = _forms("лар лер дар дер тар тер")
POSSESSIVE = _forms("ым ім м ың ің ң ымыз іміз мыз міз ыңыз іңіз ңыз ңіз")
# The third person's possessive takes its cases with н: мерзімін, мерзіміне, мерзімінде, never мерзіміді.
THIRD_POSSESSIVE = _forms("ы і сы сі")
THIRD_POSSESSED_CASE = _forms("ның нің н на не нда нде нан нен мен нша нше")
CASE = _forms(
    "ның нің дың дің тың тің ға ге қа ке ны ні ды ді ты ті да де та те дан ден тан тен нан нен мен бен пен ша ше"
)
POSSESSED_CASE = CASE + _forms("н на не а е нда нде нша нше")
NEUTRAL = frozenset(_forms("мен бен пен"))  # these keep е whatever the stem's vowels
ATTRIBUTIVE = _forms("ғы гі қы кі дағы дегі тағы тегі ндағы ндегі")
PREDICATIVE = _forms("мын мін бын бін пын пін сың сің мыз міз быз біз пыз піз сыз сіз ба бе ма ме па пе")
REFLEXIVE = _forms("ыл іл л ын ін н ыс іс с лын лін")
CAUSATIVE = _forms("дыр дір тыр тір ғыз гіз қыз кіз т")
NEGATION = _forms("ма ме ба бе па пе")
NONFINITE = _forms(
    "ған ген қан кен атын етін йтын йтін ар ер р мақ мек бақ бек пақ пек",
    "ушы уші у ыс іс мас мес бас бес пас пес ғалы гелі қалы келі ғанша генше қанша кенше",
)
CONVERB = _forms("ып іп п а е й")
FINITE = _forms(
    "ды ді ты ті ады еді йды йді амын емін ймын ймін асың есің йсың йсің амыз еміз ймыз йміз",
    "са се сын сін шы ші йық йік айық ейік ыңыз іңіз ыңдар іңдер ғай гей қай кей",
)
PERSON = _forms("м ң қ к ңыз ңіз ңдар ңдер")

# What may follow what: noun-like forms decline, verb-like forms take voice, then mood or a participle.
TRANSITIONS = {
    "noun": [
        (DERIVATION, "noun"),
        (VERBALISER, "verb"),
        (PLURAL, "plural"),
        (POSSESSIVE, "possessed"),
        (THIRD_POSSESSIVE, "third possessed"),
        (CASE, "case"),
        (PREDICATIVE, "end"),
    ],
    "plural": [(POSSESSIVE, "possessed"), (THIRD_POSSESSIVE, "third possessed"), (CASE, "case"), (PREDICATIVE, "end")],
    "possessed": [(POSSESSED_CASE, "case"), (PREDICATIVE, "end")],
    "third possessed": [(THIRD_POSSESSED_CASE, "case"), (PREDICATIVE, "end")],
    "case": [(ATTRIBUTIVE, "noun"), (PREDICATIVE, "end")],
    "verb": [(REFLEXIVE, "reflexive"), (CAUSATIVE, "causative")],
    "reflexive": [(CAUSATIVE, "causative")],
    "causative": [],
    "negated": [(NONFINITE, "noun"), (CONVERB, "end"), (FINITE, "finite")],
    "finite": [(PERSON, "end")],
    "end": [],
}
# Where a search starts: the endings that decline a word but leave it the same word (no -лық, no -ла).
TRANSITIONS["inflection"] = [step for step in TRANSITIONS["noun"] if step[0] not in (DERIVATION, VERBALISER)]
# A person's name declines by number and case alone (Назарбаевтың, Әуезовтер): a name that ends as
# a possessive or a predicative ending would (Кенесары, Байтұрсынұлы, Әбдікәрім, Накасима) is whole.
TRANSITIONS["name"] = [step for step in TRANSITIONS["noun"] if step[0] in (PLURAL, CASE)]
for _voice in ("verb", "reflexive", "causative"):
    TRANSITIONS[_voice] = TRANSITIONS[_voice] + [
        (NEGATION, "negated"),
        (NONFINITE, "noun"),
        (CONVERB, "end"),
        (FINITE, "finite"),
    ]


@lru_cache(maxsize=100_000)
def harmony(text: str) -> str | None:
    """ "back" or "front" by the last vowel that decides it; None if no vowel does.

    и leaves it open (тарих-тың, кредит-тер); у is back after a consonant, where it is the
    vowel of a loanword (институт-тар), and decides nothing after a vowel, where it is a glide (белдеу-і).
    """
    text = text.lower()
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == "у" and (index == 0 or text[index - 1] in VOWELS):
            continue
        if char == "и":
            return None  # тарих-тың but кредит-тер: the stem's и decides nothing
        if char in BACK_VOWELS or char == "у":
            return "back"
        if char in FRONT_VOWELS:
            return "front"
    return None


def joins(last: str, suffix: str) -> bool:
    """Whether `suffix` may follow the letter `last` by the rules of assimilation Kazakh spelling shows."""
    first = suffix[0]
    if len(suffix) == 1 and first not in VOWELS:
        return last in VOWELS  # оқы-п, тереңде-т, келе-р, келсе-к
    if first in "тқкп":
        # A loanword's final в is said as ф: Киевке, архивтер, Назарбаевтың, Әуезовке.
        return last in VOICELESS or last == "в"
    if first in "дғгб":
        return last not in VOICELESS
    if first in "ыіаеә":
        return last not in VOWELS or last in "уй"
    if first == "л":
        return last in VOWELS or last in "рйу"
    if first in "нй":
        return last in VOWELS or (first == "н" and last in "мнң")
    return True


def in_harmony(expected: str | None, suffix: str) -> bool:
    """Whether a suffix's vowels agree with the word's so far (мен/бен/пен always do)."""
    if suffix in NEUTRAL or expected is None:
        return True
    return harmony(suffix) in (None, expected)


def _by_first_letter(transitions) -> dict:
    """For each state, the suffixes it allows by their first letter, with the г/ғ/б spelling of a final к/қ/п."""
    table = {}
    for state, steps in transitions.items():
        index: dict[str, list] = {}
        for forms, following in steps:
            for form in forms:
                index.setdefault(form[0], []).append((form, following, False))
                if form[-1] in SOFTENING:
                    index[form[0]].append((form[:-1] + SOFTENING[form[-1]], following, True))
        table[state] = index
    return table


@lru_cache(maxsize=100_000)
def chains(last: str, rest: str, state: str, expected: str | None, previous: str = "") -> bool:
    """Whether `rest` is a grammatical sequence of suffixes after the letter `last`, starting in `state`.

    Each suffix must join what precedes it, agree with the vowels so far (`expected`), and
    not repeat the suffix just before it; -лық is written -лығ before a vowel.
    """
    if not rest:
        return True
    for form, following, softened in SUFFIXES[state].get(rest[0], ()):
        if not rest.startswith(form) or form == previous or not joins(last, form):
            continue
        after = rest[len(form) :]
        if softened and after[:1] not in VOWELS:
            continue
        if not in_harmony(expected, form):
            continue
        vowels = expected or (None if form in NEUTRAL else harmony(form))
        if chains(form[-1], after, following, vowels, form):
            return True
    return False


SUFFIXES = _by_first_letter(TRANSITIONS)


def stem_splits(word: str):
    """(stem, tail) pairs to try, longest stem first, with the stem as the dictionary lists it."""
    for cut in range(len(word) - 1, MIN_VERB_STEM - 1, -1):
        stem, tail = word[:cut], word[cut:].lower()
        last = stem[-1].lower()
        doubled = last not in VOWELS and stem[-2:-1].lower() == last
        if doubled and tail[0] not in VOWELS:
            continue  # процесс + тер is written процестер
        yield stem, tail
        if tail[0] in VOWELS and last in SOFTENED:
            yield stem[:-1] + SOFTENED[last], tail
        if tail[0] not in VOWELS and last not in VOWELS and not doubled:
            yield stem + stem[-1], tail


def stem(word: str) -> str:
    """`word` (case folded) without its inflectional endings, as the word writes its stem: the
    shortest stem of `MIN_SEARCH_STEM` letters or more that a grammatical chain of endings
    follows ("саясатының" → "саясат", "қазағы" → "қазағ"); the word itself when none does."""
    return _shortest_stem(word.lower(), "inflection", MIN_SEARCH_STEM, harmony)


def name_stem(name: str) -> str:
    """A family name without its endings of number and case, its letters' case kept ("Марғұланның"
    → "Марғұлан", "Әуезовтің" → "Әуезов"): the shortest stem of `MIN_SEARCH_STEM` letters or more,
    one of them a vowel, that such a chain of endings follows; the name itself when none does.

    A shorter stem with an ending is as often a whole name (Гар-ден, Уот-тен, Ван-да), and a stem
    without a vowel is no name. The stem's vowels do not decide the first ending: a Russian -ов or
    -ев follows the Kazakh name it is added to (Назарбаевтың, Әуезовтің), a foreign name its own sound."""
    return _shortest_stem(name, "name", MIN_SEARCH_STEM, lambda candidate: None, VOWEL_RE.search)


def _shortest_stem(word: str, state: str, minimum: int, vowels_of, keeps=lambda candidate: True) -> str:
    found, shortest_tail = word, ""
    for candidate, tail in stem_splits(word):
        # Of the spellings of one cut, the first is the word's own; forms() gives the others. The
        # minimum counts the letters the word writes: Гар-ден is not Гарр.
        written = len(word) - len(tail)
        if len(tail) <= len(shortest_tail) or written < minimum or not keeps(candidate):
            continue
        if chains(candidate[-1].lower(), tail, state, vowels_of(candidate)):
            found, shortest_tail = candidate, tail
    return found


def forms(stem: str) -> list[str]:
    """The ways `stem` is written at the start of its word forms, as spelt first: a final к, қ or п
    is also г, ғ or б (before a vowel), a doubled consonant also single (before a consonant)."""
    stem = stem.lower()
    written = [stem]
    last = stem[-1:]
    if last in SOFTENING:
        written.append(stem[:-1] + SOFTENING[last])
    elif last in SOFTENED:
        written.append(stem[:-1] + SOFTENED[last])
    if last and last not in VOWELS and stem[-2:-1] == last:
        written.append(stem[:-1])
    return written


def phrase_forms(phrase: str) -> list[str]:
    """Other ways `phrase` (case folded) is written when its last word is inflected otherwise:
    the phrase with that word cut to each written form of its stem ("ядролық қаруды" → "ядролық
    қару"); none when the last word has no endings to strip or is not a Kazakh Cyrillic word."""
    head, _space, last = phrase.lower().rpartition(" ")
    if not WORD_RE.fullmatch(last):
        return []
    prefix = f"{head} " if head else ""
    return [prefix + written for written in forms(stem(last)) if written != last]
