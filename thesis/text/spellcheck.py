"""Kazakh spell-checking for the suspects page: which words to check, whether a word is right, what to suggest.

The Hunspell dictionary (Debian's hunspell-kk, read through pyenchant) knows a stem and
one suffix at most, misses many loanwords of political science, and reads a stem ending
in я as front-vowelled ("дипломатиянің"). Used alone it would flag most word forms of
an academic text. So a word is accepted when Hunspell accepts it, when it is in the
supplementary vocabulary below, or when it is a known stem followed by a grammatical
chain of suffixes (the inflection model below). It is rejected, even then, when it has a
letter three times in a row or a chunk typed twice whose removal leaves a word Hunspell
knows ("Республикасынының"): no Kazakh word is spelt so.

Suggestions are ranked by a weighted edit distance in which the slips this transcription
makes cost less: a Kazakh letter typed as its Russian neighbour (қ/к, ң/н, ү/у, ұ/у,
ө/о, ә/а, і/и, ғ/г, һ/х), a letter doubled or tripled, a chunk typed twice. Candidates
are Hunspell's own suggestions, one-edit and look-alike variants of the word that the
checker accepts, and words the thesis itself spells correctly.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .alphabet import BACK_VOWELS, FRONT_VOWELS, KAZAKH_LETTERS, LATIN_RE, VOWELS
from .sentences import ABBREVIATIONS

DEFAULT_LANGUAGE = "kk_KZ"
WORD_RE = re.compile(r"[^\W\d_]+")
TRIPLED_RE = re.compile(r"([^\W\d_])\1\1", re.IGNORECASE)
SUGGESTION_LIMIT = 6
MAX_DISTANCE = 2.5

# Loanwords, places and stems the Hunspell dictionary lacks, common in writing on international relations.
SUPPLEMENTARY_WORDS = frozenset(
    """
    ассамблея абсолютизм агрессия агрессивті актор арена арсенал ассоциация ассоциацияла биполярлы геосаясат геосаяси
    геостратегиялық геоэкономика глобалды догматизм интеграция интеграциялық инициатива интрига кардиналды
    компромисс коммюнике конфигурация конфликт концептуалды концепция монополярлы протокол сфера теоретикалық
    эксперт француз келісімшарт жеделхат ядро ядролық жүзжылдық онжылдық көшбасшы мейілінше амбиция делегация
    формация сектанттық түсінісушілік тұрақсыздық теңқұқықты
    балқан шығанақ еуразия евразия иран ирақ кувейт турция ресей қытай европа европалық
    """.split()
)

VOICELESS = frozenset("кқпстфхцчшщ")
SOFTENED = {"г": "к", "ғ": "қ", "б": "п"}  # as written before a vowel: as the dictionary lists it
SOFTENING = {hard: soft for soft, hard in SOFTENED.items()}
MIN_STEM = 3
MIN_VERB_STEM = 2  # де-се-к, ал-ады

# Pairs a typist without a Kazakh layout confuses, and what each slip costs in ranking suggestions.
CONFUSABLE = {frozenset(pair): 0.4 for pair in ("қк", "ңн", "үу", "ұу", "ұү", "өо", "әа", "іи", "ғг", "һх")} | {
    frozenset(pair): 0.7 for pair in ("ыі", "еі", "аы")
}
VOCABULARY_BONUS = 0.7
VOCABULARY_DISTANCE = 2.0
DOUBLING_COST = 0.4
TRANSPOSE_COST = 0.7


def _forms(*groups: str) -> tuple[str, ...]:
    return tuple(form for group in groups for form in group.split())


DERIVATION = _forms(
    "лық лік дық дік тық тік шы ші сыз сіз лы лі ды ді ты ті шыл шіл лас лес дас дес тас тес",
    "ша ше дай дей тай тей ғыш гіш қыш кіш гер кер",
)
VERBALISER = _forms("ла ле да де та те лан лен дан ден тан тен лас лес дас дес тас тес ай ей ландыр лендір")
PLURAL = _forms("лар лер дар дер тар тер")
POSSESSIVE = _forms("ым ім м ың ің ң ымыз іміз мыз міз ыңыз іңіз ңыз ңіз ы і сы сі")
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
        (CASE, "case"),
        (PREDICATIVE, "end"),
    ],
    "plural": [(POSSESSIVE, "possessed"), (CASE, "case"), (PREDICATIVE, "end")],
    "possessed": [(POSSESSED_CASE, "case"), (PREDICATIVE, "end")],
    "case": [(ATTRIBUTIVE, "noun"), (PREDICATIVE, "end")],
    "verb": [(REFLEXIVE, "reflexive"), (CAUSATIVE, "causative")],
    "reflexive": [(CAUSATIVE, "causative")],
    "causative": [],
    "negated": [(NONFINITE, "noun"), (CONVERB, "end"), (FINITE, "finite")],
    "finite": [(PERSON, "end")],
    "end": [],
}
for _voice in ("verb", "reflexive", "causative"):
    TRANSITIONS[_voice] = TRANSITIONS[_voice] + [
        (NEGATION, "negated"),
        (NONFINITE, "noun"),
        (CONVERB, "end"),
        (FINITE, "finite"),
    ]


@dataclass
class Speller:
    """A Kazakh checker: Hunspell through `dictionary` (check/suggest) plus our vocabulary and inflection model."""

    dictionary: object
    extra: frozenset = SUPPLEMENTARY_WORDS
    _cache: dict = field(default_factory=dict, repr=False)

    def knows(self, word: str) -> bool:
        """Accepted as it stands by Hunspell or the supplementary vocabulary."""
        key = ("knows", word)
        if key not in self._cache:
            self._cache[key] = word.lower() in self.extra or bool(self.dictionary.check(word))
        return self._cache[key]

    def knows_verb(self, stem: str) -> bool:
        """A verb stem: its infinitive in -у is known (оқы → оқу)."""
        last = stem[-1:].lower()
        if last in "ыі":
            return self.knows(stem[:-1] + "у")
        softened = SOFTENING.get(last)
        return self.knows(stem + "у") or bool(softened and self.knows(stem[:-1] + softened + "у"))

    def accepts(self, word: str) -> bool:
        if word not in self._cache:
            self._cache[word] = self._accepts(word)
        return self._cache[word]

    def _accepts(self, word: str) -> bool:
        if TRIPLED_RE.search(word):
            return False
        if repeated_chunk_fixes(word, self.knows):
            return False
        return self.knows(word) or is_inflected(word, self)

    def hunspell_suggestions(self, word: str) -> list[str]:
        return list(self.dictionary.suggest(word))

    def corrections(self, word: str) -> dict[str, float]:
        key = ("corrections", word)
        if key not in self._cache:
            self._cache[key] = corrections(word, self)
        return self._cache[key]


def load_speller(language: str = DEFAULT_LANGUAGE) -> tuple[Speller | None, str]:
    """The speller, or None and a sentence saying why there is none (no libenchant, no dictionary)."""
    try:
        import enchant
    except ImportError as error:  # pyenchant raises ImportError when the C library is missing
        return None, f"The spell-checker is unavailable: {error}"
    try:
        return Speller(enchant.Dict(language)), ""
    except enchant.errors.Error as error:
        return None, f"The spell-checker has no dictionary for {language}: {error}"


@lru_cache(maxsize=1)
def default_speller() -> tuple[Speller | None, str]:
    """One speller per process: loading the dictionary takes a while."""
    return load_speller()


# --- which words to check -------------------------------------------------------------------------


def checkable_words(text: str, skip=frozenset()):
    """(start, end, word) for every word of `text` worth spell-checking.

    Not words: numbers, citation markers and punctuation (never matched); words with Latin
    letters (Latin abbreviations, Roman numerals; mixed scripts are another suspect kind);
    acronyms in capitals (БҰҰ, АҚШ, ХХ) and the suffix hyphenated to one (АҚШ-тың);
    single letters and abbreviations (т.б, ғғ); and any word in `skip` (lower case):
    people's names and the thesis's ignored words.
    """
    for match in WORD_RE.finditer(text):
        word, start = match.group(), match.start()
        if len(word) < 2 or LATIN_RE.search(word) or word.isupper():
            continue
        if word.lower() in ABBREVIATIONS or word.lower() in skip:
            continue
        if _follows_acronym(text, start):
            continue
        yield start, match.end(), word


def _follows_acronym(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] not in "-–":
        return False
    before = re.search(r"(\w+)$", text[: start - 1])
    return before is not None and before.group(1).isupper()


# --- the inflection model --------------------------------------------------------------------------


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
        return last in VOICELESS
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


def is_inflected(word: str, speller: Speller) -> bool:
    """A known noun stem or verb stem followed by a grammatical chain of suffixes that agrees with it."""
    for stem, tail in stem_splits(word):
        vowels = harmony(stem)
        last = stem[-1].lower()
        if len(stem) >= MIN_STEM and chains(last, tail, "noun", vowels) and speller.knows(stem):
            return True
        if chains(last, tail, "verb", vowels) and speller.knows_verb(stem):
            return True
    return False


# --- typo fixes and suggestions ----------------------------------------------------------------------


def repeated_chunk_fixes(word: str, accepts) -> list[str]:
    """Words left when a chunk of 2-4 letters typed twice in a row is typed once, if `accepts` takes them."""
    fixes = []
    lower = word.lower()
    for size in (2, 3, 4):
        for start in range(len(word) - 2 * size + 1):
            if lower[start : start + size] == lower[start + size : start + 2 * size]:
                candidate = word[: start + size] + word[start + 2 * size :]
                if candidate not in fixes and accepts(candidate):
                    fixes.append(candidate)
    return fixes


def collapse_tripled(word: str) -> str:
    return TRIPLED_RE.sub(lambda m: m.group(1) * 2, word)


def variants(word: str):
    """Every word one slip away: a letter dropped, added, changed or swapped with its neighbour."""
    lower = word.lower()
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
        for letter in KAZAKH_LETTERS:
            if letter != lower[i]:
                yield word[:i] + _like(word[i], letter) + word[i + 1 :]
        if i + 1 < len(word):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for i in range(len(word) + 1):
        for letter in KAZAKH_LETTERS:
            yield word[:i] + (letter.upper() if i == 0 and word[:1].isupper() else letter) + word[i:]


def confusion_variants(word: str, limit: int = 2):
    """The word with up to `limit` letters swapped for their look-alikes (Ирактын → Ирақтың)."""
    positions = [i for i, c in enumerate(word.lower()) if any(c in pair for pair in CONFUSABLE)]
    found = {word}
    frontier = {word}
    for _ in range(limit):
        frontier = {
            w[:i] + _like(w[i], other) + w[i + 1 :]
            for w in frontier
            for i in positions
            for pair in CONFUSABLE
            if w[i].lower() in pair
            for other in pair - {w[i].lower()}
        } - found
        found |= frontier
    return found - {word}


def _match_case(word: str, candidate: str) -> str:
    """The candidate capitalised as the word is (vocabulary words come from anywhere in a sentence)."""
    if word[:1].isupper() and not word.isupper():
        return candidate[:1].upper() + candidate[1:]
    if word.islower():
        return candidate.lower()
    return candidate


def _like(original: str, letter: str) -> str:
    return letter.upper() if original.isupper() else letter


def distance(a: str, b: str) -> float:
    """Weighted Damerau-Levenshtein distance, cheap for this transcription's usual slips."""
    a, b = a.lower(), b.lower()
    rows = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = float(i)
    for j in range(len(b) + 1):
        rows[0][j] = float(j)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(
                rows[i - 1][j] + _drop_cost(a, i - 1),
                rows[i][j - 1] + _drop_cost(b, j - 1),
                rows[i - 1][j - 1] + _substitution_cost(a[i - 1], b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + TRANSPOSE_COST)
    return rows[len(a)][len(b)]


def _drop_cost(text: str, index: int) -> float:
    doubled = index > 0 and text[index - 1] == text[index]
    return DOUBLING_COST if doubled else 1.0


def _substitution_cost(x: str, y: str) -> float:
    if x == y:
        return 0.0
    return CONFUSABLE.get(frozenset((x, y)), 1.0)


def candidates(word: str, speller: Speller, vocabulary=()) -> dict[str, float]:
    """Corrections the checker accepts, each with its cost; words the thesis spells so elsewhere cost less."""
    found = dict(speller.corrections(word))
    for known in {_match_case(word, w) for w in vocabulary if w.lower() != word.lower()}:
        if known in found or abs(len(known) - len(word)) > 2 or len(set(known) ^ set(word)) > 4:
            continue
        if speller.accepts(known):
            cost = distance(word, known)
            if cost <= VOCABULARY_DISTANCE:
                found[known] = cost
    attested = {w.lower() for w in vocabulary}
    return {c: cost - VOCABULARY_BONUS if c.lower() in attested else cost for c, cost in found.items()}


def corrections(word: str, speller: Speller) -> dict[str, float]:
    """Corrections of `word` from its own letters and Hunspell, whatever the thesis: the costly part."""
    found: dict[str, float] = {}

    def offer(candidate: str, cost: float | None = None):
        candidate = _match_case(word, candidate)
        if candidate != word and all(speller.accepts(part) for part in candidate.split()):
            cost = distance(word, candidate) if cost is None else cost
            found[candidate] = min(cost, found.get(candidate, cost))

    collapsed = collapse_tripled(word)
    if collapsed != word:
        offer(collapsed, 0.2)
    for fix in repeated_chunk_fixes(word, speller.accepts):
        offer(fix, 0.3)
    for rank, suggestion in enumerate(speller.hunspell_suggestions(word)):
        cost = distance(word, suggestion) + 0.01 * rank + (0.8 if " " in suggestion else 0)
        offer(suggestion, cost)
        if suggestion.count(" ") == 1:
            offer(suggestion.replace(" ", "-"), cost + 0.05)  # қарым-қатынас is one word, hyphenated
    for variant in (*set(variants(word)), *confusion_variants(word)):
        if speller.accepts(variant):
            offer(variant)
    return found


def suggestions(word: str, speller: Speller, vocabulary=(), limit: int = SUGGESTION_LIMIT) -> list[str]:
    """The best corrections for a rejected word, cheapest first."""
    ranked = sorted(candidates(word, speller, vocabulary).items(), key=lambda item: (item[1], item[0]))
    return [candidate for candidate, cost in ranked if cost <= MAX_DISTANCE][:limit]
