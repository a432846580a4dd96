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

from .alphabet import KAZAKH_LETTERS, LATIN_RE
from .morphology import MIN_STEM, SOFTENING, chains, harmony, stem_splits
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

# Pairs a typist without a Kazakh layout confuses, and what each slip costs in ranking suggestions.
CONFUSABLE = {frozenset(pair): 0.4 for pair in ("қк", "ңн", "үу", "ұу", "ұү", "өо", "әа", "іи", "ғг", "һх")} | {
    frozenset(pair): 0.7 for pair in ("ыі", "еі", "аы")
}
VOCABULARY_BONUS = 0.7
VOCABULARY_DISTANCE = 2.0
DOUBLING_COST = 0.4
TRANSPOSE_COST = 0.7


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
