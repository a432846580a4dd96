"""Kazakh word forms: the suffix chains of inflection and derivation, vowel harmony and the
spelling of a stem before a suffix, the stem a search looks for (`stem`, `forms`) and a person's
family name without its endings (`name_stem`).

A word is a stem followed by a grammatical chain of suffixes (`chains`): each suffix joins the
letter before it by the rules of assimilation the spelling shows, agrees with the stem's vowels,
and may follow the suffix before it. A stem ending in к, қ or п is written г, ғ or б before a
vowel (қазақ, қазағы); a doubled final consonant is written single before a consonant
(процесс, процестер).

A search looks for more than a stem's substrings where those would mislead (`WordForm`): a stem
shorter than `MIN_SEARCH_STEM` (кез, зал) begins too many other words, and so does the elided stem of
a word that drops its last vowel before a possessive ending (орын, орны), so for them only the
whole words that are the stem and a chain of endings count."""

import re
from functools import lru_cache
from typing import NamedTuple

from .alphabet import BACK_VOWELS, FRONT_VOWELS, VOWEL_RE, VOWELS

# A word of Kazakh Cyrillic letters only, the kind whose endings can be stripped.
WORD_RE = re.compile(r"[а-яёәғқңөұүһі]+")

VOICELESS = frozenset("кқпстфхцчшщ")
SOFTENED = {"г": "к", "ғ": "қ", "б": "п"}  # as written before a vowel: as the dictionary lists it
SOFTENING = {hard: soft for soft, hard in SOFTENED.items()}
MIN_STEM = 3
MIN_VERB_STEM = 2  # де-се-к, ал-ады
# A noun of two letters (ел, үй, ат, іш) is a stem only where the lexicon confirms it (`short_cut`).
MIN_SHORT_STEM = 2
# A search strips endings down to four letters at least: a shorter stem (бас, ел) begins too many other words.
MIN_SEARCH_STEM = 4
# Russian surnames end in -ов/-ев: their в sounds ф, so the endings after it are those after a
# voiceless consonant (Назарбаевпен, Назарбаевтың), and their е decides no harmony (Назарбаевқа).
SURNAME_RE = re.compile(r"..[ое]в$")

# Words whose last vowel drops before an ending that begins with a vowel (халық, халқы; орын, орны),
# as the dictionary lists them. The rule is the lexicon's, not the spelling's: балық keeps its ы (балығы).
ELIDING = frozenset(
    """
    халық орын ауыз мұрын ерін қарын мойын қойын ерік көрік бөрік дауыс құлық сұрық әріп қалып ырық нарық
    парық шырық ғұрып қырық
    """.split()
)


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
EQUATIVE = frozenset(_forms("ша ше"))
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
    # The passive of a causative is as common as either (қауымдастырылған, қалыптастырылды).
    "causative": [(REFLEXIVE, "passive")],
    "passive": [],
    "negated": [(NONFINITE, "noun"), (CONVERB, "end"), (FINITE, "finite")],
    "finite": [(PERSON, "end")],
    "end": [],
}
# Where a search starts: the endings that decline a word but leave it the same word (no -лық, no -ла).
TRANSITIONS["inflection"] = [step for step in TRANSITIONS["noun"] if step[0] not in (DERIVATION, VERBALISER)]
# A stem's bare equative is mostly an adverb of its own (қазақша, бойынша, барша): a search does not cut it.
TRANSITIONS["inflection"] = [
    (tuple(form for form in forms if form not in EQUATIVE), following) if forms is CASE else (forms, following)
    for forms, following in TRANSITIONS["inflection"]
]
# A person's name declines by number and case alone (Назарбаевтың, Әуезовтер): a name that ends as
# a possessive or a predicative ending would (Кенесары, Байтұрсынұлы, Әбдікәрім, Накасима) is whole.
TRANSITIONS["name"] = [step for step in TRANSITIONS["noun"] if step[0] in (PLURAL, CASE)]
for _voice in ("verb", "reflexive", "causative", "passive"):
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
    if suffix == "т":
        return last in VOWELS or last in "рй"  # тереңде-т, and a causative after р or й: жүгір-т, көбей-т
    if len(suffix) == 1 and first not in VOWELS:
        return last in VOWELS  # оқы-п, келе-р, келсе-к
    if suffix in ("сы", "сі"):
        return last in VOWELS  # the third person's possessive after a vowel (баласы): жақсы is no form of жақ
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


# The states whose next ending may be a case of a noun's own stem, not after a possessive.
DECLINING = frozenset(("noun", "plural", "inflection", "name"))


def case_joins(last: str, suffix: str) -> bool:
    """Whether a case ending may follow `last` by the allomorph Kazakh chooses: after a vowel the
    accusative and genitive begin with н (баланы, баланың), never with д, which follows a consonant
    (елді, елдің; у is one there: тауды); after м, н or ң the genitive and ablative begin with н
    (адамның, адамнан). So бастады is no form of баста, and бастан none of бас with -тан."""
    vowel = last in VOWELS and last != "у"
    if suffix in ("ды", "ді"):
        return not vowel
    if suffix in ("дың", "дің"):
        return not vowel and last not in "мнң"
    if suffix in ("дан", "ден"):
        return last not in "мнң"
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
        if state in DECLINING and not case_joins(last, form):
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
    return _shortest_stem(word.lower(), MIN_SEARCH_STEM, inflected)


def name_stem(name: str) -> str:
    """A family name without its endings of number and case, its letters' case kept ("Марғұланның"
    → "Марғұлан", "Әуезовтің" → "Әуезов"): the shortest stem of `MIN_SEARCH_STEM` letters or more,
    one of them a vowel, that such a chain of endings follows; the name itself when none does.

    A shorter stem with an ending is as often a whole name (Гар-ден, Уот-тен, Ван-да), and a stem
    without a vowel is no name. The stem's vowels do not decide the first ending: a Russian -ов or
    -ев follows the Kazakh name it is added to (Назарбаевтың, Әуезовтің), a foreign name its own sound."""
    return _shortest_stem(name, MIN_SEARCH_STEM, _name_endings, VOWEL_RE.search)


def _name_endings(stem: str, tail: str) -> bool:
    return chains(stem[-1].lower(), tail, "name", None)


def _shortest_stem(word: str, minimum: int, follows, keeps=lambda candidate: True) -> str:
    """The shortest stem of `minimum` written letters or more that `keeps` and that `tail` follows
    as `follows(stem, tail)` says; the word itself when none does."""
    found, shortest_tail = word, ""
    for candidate, tail in stem_splits(word):
        # Of the spellings of one cut, the first is the word's own; forms() gives the others. The
        # minimum counts the letters the word writes: Гар-ден is not Гарр.
        written = len(word) - len(tail)
        if len(tail) <= len(shortest_tail) or written < minimum or not keeps(candidate):
            continue
        if follows(candidate, tail):
            found, shortest_tail = candidate, tail
    return found


def inflected(stem: str, tail: str) -> bool:
    """Whether `tail` is a chain of inflectional endings after `stem` (a surname's in -ов/-ев too)."""
    if SURNAME_RE.search(stem):
        return chains("ф", tail, "inflection", None)
    return chains(stem[-1], tail, "inflection", harmony(stem))


def inflects(word: str, stem: str) -> bool:
    """Whether `word` (case folded) is `stem` or `stem` followed by inflectional endings, however the
    stem is written before them (қазақ, қазағы; халық, халқы); "кезек" is not a form of "кез"."""
    if word == stem:
        return True
    if any(candidate == stem and inflected(candidate, tail) for candidate, tail in stem_splits(word)):
        return True
    short = elided(stem)
    return bool(short) and word.startswith(short) and _elided_tail(stem, word[len(short) :])


def _elided_tail(stem: str, tail: str) -> bool:
    # Only the endings that begin with the possessive's vowel drop it: орны, орнын, but орынға.
    return tail[:1] in ("ы", "і") and chains(stem[-1], tail, "inflection", harmony(stem))


def elided(stem: str) -> str | None:
    """The stem of an eliding word as its possessive forms write it ("халық" → "халқ"), or None."""
    return stem[:-2] + stem[-1] if stem in ELIDING else None


def unelided(word: str) -> str | None:
    """The eliding word that `word` (case folded) is a possessive form of ("орнының" → "орын"), or None."""
    for full in ELIDING:
        short = elided(full)
        if word.startswith(short) and _elided_tail(full, word[len(short) :]):
            return full
    return None


def short_stem(word: str, known) -> str | None:
    """The stem, shorter than `MIN_SEARCH_STEM`, that `word` (case folded) inflects ("кезде" → "кез"),
    when `known(stem)` says the lexicon has it, and no longer stem is found; else None."""
    if stem(word) != word:
        return None
    return short_cut(word, known)


def unvoiced(written: str, tail: str) -> bool:
    """Whether a stem as the word writes it ends in a vowel and к, қ or п kept before a vowel, as a
    Kazakh noun's is not (жақ, жағы): "жақын" is no form of жақ. A loanword's cluster keeps it (банкі)."""
    return written[-1:] in SOFTENING and written[-2:-1] in VOWELS and tail[:1] in VOWELS


def short_cut(word: str, known) -> str | None:
    """The stem shorter than `MIN_SEARCH_STEM`, of two letters or more (үйде, үй), that `word` (case
    folded) inflects, when `known(stem)` says the lexicon has it, whether or not a longer stem is
    found; the longest such stem, so that a word is not cut below one (елші is not ел); else None."""
    for candidate, tail in stem_splits(word):
        # The word's own spelling of the cut or its softened one (жағы, жақ), never the doubled one.
        own = MIN_SHORT_STEM <= len(candidate) < MIN_SEARCH_STEM and len(word) - len(tail) == len(candidate)
        # A noun of two letters ends in a consonant or in и or у (ел, үй, ат, су, ми): the lexicon's other
        # pairs are particles and syllables (да, ма, не, те).
        own = own and (len(candidate) > MIN_SHORT_STEM or candidate[-1] not in VOWELS or candidate[-1] in "иу")
        own = own and not unvoiced(word[: len(word) - len(tail)], tail)
        # г, ғ or б before a vowel is how к, қ or п are written: the stem is the dictionary's (көбі: көп).
        own = own and not (candidate[-1] in SOFTENED and tail[0] in VOWELS)
        if own and inflected(candidate, tail) and known(candidate):
            return candidate
    return None


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
    қару"), and of the eliding word it is a form of ("халқының" → "халық"); the last part of a
    hyphenated compound counts as the last word ("қарым-қатынастың" → "қарым-қатынас"). None when
    the last word has no endings to strip or is not a Kazakh Cyrillic word."""
    head, last = split_last(phrase.lower())
    if not WORD_RE.fullmatch(last):
        return []
    stems = [stem(last), unelided(last)]
    written = dict.fromkeys(form for found in stems if found for form in forms(found))
    return [head + form for form in written if form != last]


class WordForm(NamedTuple):
    """A phrase whose last word must be a whole form of `stem`: the words before it (`head`, as
    written), then the word, its stem written `written` ("кез", or "орн" for орын)."""

    head: str
    stem: str
    written: str

    @property
    def text(self) -> str:
        """The string every match holds: what a search narrows by before checking the words."""
        return self.head + self.written

    def found_in(self, text: str) -> bool:
        """Whether `text` (case folded) holds the phrase with a form of the stem as a whole word."""
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(self.text)}([^\W\d_]*)")
        return any(inflects(self.written + match[1], self.stem) for match in pattern.finditer(text))


def phrase_word_forms(phrase: str, known) -> list[WordForm]:
    """The forms of `phrase` (case folded) whose last word's stem is no substring to search by: a
    short stem the lexicon knows (`known`), which begins many other words ("кезде": кез, кезі, not
    кезек), and the elided stem of an eliding word ("халық": халқы, "орны": орын, орны, not орнату)."""
    head, last = split_last(phrase.lower())
    if not WORD_RE.fullmatch(last):
        return []
    found = []
    short = short_stem(last, known)
    if short:
        found += [WordForm(head, short, form) for form in forms(short)]
    full = unelided(last) or (stem(last) if stem(last) in ELIDING else None)
    if full:
        found.append(WordForm(head, full, elided(full)))
    return found


def split_last(phrase: str) -> tuple[str, str]:
    """The phrase before its last word, and that word: after the last space, or the last hyphen
    of a compound ("қарым-қатынас" → "қарым-", "қатынас")."""
    head, space, last = phrase.rpartition(" ")
    compound, hyphen, last = last.rpartition("-")
    return head + space + compound + hyphen, last
