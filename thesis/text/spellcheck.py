"""Kazakh spell-checking for the suspects page: which words to check, whether a word is right, what to suggest.

The Hunspell dictionary (Debian's hunspell-kk, read through pyenchant) knows a stem and
one suffix at most, misses many loanwords of political science, and reads a stem ending
in я as front-vowelled ("дипломатиянің"). Used alone it would flag most word forms of
an academic text. So a word is accepted when Hunspell accepts it, when it is in the
supplementary vocabulary below, or when it is a known stem followed by a grammatical
chain of suffixes (the inflection model below). A stem is known, too, when it is a Russian word
as Kazakh spells it (`loanwords`: эпицентр-інде, стохастика-лық), and a word when it is two known
words written as one compound (ортағасырлық, дүниежүзілік; never offered as a correction). It is
rejected, even then, when it has a letter three times in a row or a chunk typed twice whose removal
leaves a word Hunspell knows and that no reading takes as its own ("Республикасынының"): no Kazakh
word is spelt so.

Suggestions are ranked by a weighted edit distance in which the slips this transcription
makes cost less: a Kazakh letter typed as its Russian neighbour (қ/к, ң/н, ү/у, ұ/у,
ө/о, ә/а, і/и, ғ/г, һ/х), a letter doubled or tripled, a chunk typed twice. Candidates
are Hunspell's own suggestions, one-edit and look-alike variants of the word that the
checker accepts, and words the thesis itself spells correctly. Cutting a word in two costs
much, more when a piece is a bare syllable ("қай наркөзі"); each suggestion carries a
confidence from its cost and its margin over the next (`confidences`), so a guess looks unsure.

A word the checker accepts may still be a likely slip, a *possible* error: Hunspell rejects it
and the model's reading hides a suffix typed twice, a dropped syllable or ң typed as н
(`likely_slips`); or the text writes it once and a look-alike often (`real_word_errors`); or it
is an acronym in small letters (`acronym_slip`). What a whole text says is its `Evidence`.
"""

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .alphabet import KAZAKH_LETTERS, LATIN_RE, VOWELS
from .loanwords import EPENTHETIC_RE, LOAN_PREFIXES, is_loanword, load_russian
from .morphology import (
    CASE,
    DERIVATION,
    ELIDING,
    MIN_STEM,
    PLURAL,
    SOFTENING,
    SURNAME_RE,
    THIRD_POSSESSIVE,
    chains,
    harmony,
    name_stem,
    stem_splits,
)
from .morphology import stem as word_stem
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
    формация сектанттық түсінісушілік тұрақсыздық теңқұқықты такт кеңесу
    жаһан жаһандану өңір үдеріс хаттама қағанат ену жүгіру күйреу
    балқан шығанақ еуразия евразия иран ирақ кувейт турция ресей қытай европа европалық
    """.split()
)

# Pairs a typist without a Kazakh layout confuses, and what each slip costs in ranking suggestions.
CONFUSABLE = {frozenset(pair): 0.4 for pair in ("қк", "ңн", "үу", "ұу", "ұү", "өо", "әа", "іи", "ғг", "һх")} | {
    frozenset(pair): 0.7 for pair in ("ыі", "еі", "аы")
}
# How many sets of attested words keep their speller (one per thesis, and one per edit of its records).
ATTESTING_KEPT = 16
# The longest word corrections are looked for: longer than any Kazakh word form (about 35 letters).
LONGEST_CORRECTED = 48
# Prefixes written onto the word they negate, and those of Greek or Latin origin written onto a Kazakh word (геосаяси).
PREFIXES = ("бей", *LOAN_PREFIXES)
# A compound written as one word ends in a suffix that makes an adjective of the two (орта ғасыр → ортағасырлық)...
COMPOUND_SUFFIXES = ("лық", "лік", "дық", "дік", "тық", "тік", "лы", "лі")
# ... or its second part is one of these, which make the names of sciences (дінтану, саясаттану).
COMPOUND_TAILS = ("тану", "танушы")
# A compound's parts are four letters at least; a first part of three (көп, көр) goes only before a
# second of five or more that starts with a consonant (көпвекторлы, көрсоқырлық): a shorter one is as
# often a word run into the next (Хал қаралық, Құл иеленушілік).
MIN_COMPOUND_HEAD = 4
SHORT_HEAD = 3
LONG_REST = 5
# A second part ending in a case is a word form, not a stem (өзара + қатынаста).
INFLECTED_ENDINGS = tuple(form for form in (*CASE, *PLURAL) if len(form) >= 2)
VOCABULARY_BONUS = 0.7
SPLIT_COST = 0.8
HUNSPELL_FIRST = 0.3
SHORT_PIECE = 3
SHORT_PIECE_COST = 0.3
# How fast a candidate's share of the confidence falls with its cost above the cheapest one.
SHARPNESS = 0.35
# Possible errors: what their corrections cost, and how far a word must outnumber its rare look-alike.
DOUBLED_SUFFIX_COST = 0.3
DROPPED_SYLLABLE_COST = 0.6
CONFUSABLE_SLIP = 0.4
FREQUENT = 4
ACRONYM = 4
# How likely a possible suspect is wrong at all, which its suggestions' confidences are scaled by.
POSSIBLE_PRIOR = 0.6
# The first letters a suffix alternates between by assimilation (-лық, -дық, -тық; -ға, -қа).
ALTERNANTS = ("лдтн", "ғгқк", "бмп")
SUFFIX_SIZE = 3
SUFFIX_FORMS = frozenset(form for form in (*DERIVATION, *PLURAL, *CASE) if len(form) == SUFFIX_SIZE)
LONG_DERIVATION = tuple(form for form in DERIVATION if len(form) >= 3)
VOCABULARY_DISTANCE = 2.0
# A name the dictionary lacks has no correction nearer than two edits; a capitalised slip has (Қазакстан).
NAME_DISTANCE = 2.0
DOUBLING_COST = 0.4
TRANSPOSE_COST = 0.7
# Raised whenever `corrections` would answer differently (2: loanwords through Russian, compounds;
# 3: the suffix chains choose a case's allomorph and take -сы/-сі after a vowel only; ю read as й and у,
# elided stems the dictionary lacks, combining forms),
# so that corrections stored by an earlier version are not read back; how long a stored one is kept,
# so that a new Hunspell dictionary shows.
CORRECTIONS_VERSION = 3
CORRECTIONS_KEPT_SECONDS = 30 * 24 * 3600


@dataclass
class Speller:
    """A Kazakh checker: Hunspell through `dictionary` (check/suggest) plus our vocabulary and inflection model."""

    dictionary: object
    extra: frozenset = SUPPLEMENTARY_WORDS
    _cache: dict = field(default_factory=dict, repr=False)
    # Hunspell's own answers, the same whatever `extra` holds, shared by the spellers `attesting` makes.
    _shared: dict = field(default_factory=dict, repr=False)
    # A cache every process reads (get/set), where corrections outlive the process; None keeps them in it.
    store: object = field(default=None, repr=False)
    # The Russian dictionary (check) that tells a loanword's stem (`loanwords`); None knows no loanword.
    russian: object = field(default=None, repr=False)

    def knows(self, word: str) -> bool:
        """Accepted as it stands by Hunspell or the supplementary vocabulary, or a Russian loanword."""
        return word.lower() in self.extra or self.hunspell_knows(word) or self.loanword(word)

    def kazakh(self, word: str) -> bool:
        """Accepted as it stands by Hunspell or the supplementary vocabulary, loanwords aside."""
        return word.lower() in self.extra or self.hunspell_knows(word)

    def loanword(self, word: str) -> bool:
        """A Russian word as Kazakh spells it, not a Kazakh word typed on a Russian keyboard (`loanwords`)."""
        key = ("loanword", word.lower())
        if key not in self._cache:
            self._cache[key] = is_loanword(word, self.russian, self.kazakh)
        return self._cache[key]

    def hunspell_knows(self, word: str) -> bool:
        """Accepted by Hunspell alone."""
        key = ("check", word)
        if key not in self._shared:
            self._shared[key] = bool(self.dictionary.check(word))
        return self._shared[key]

    def knows_verb(self, stem: str) -> bool:
        """A verb stem: its infinitive in -у is known (оқы → оқу)."""
        last = stem[-1:].lower()
        if last in "ыі":
            return self.knows(stem[:-1] + "у")
        softened = SOFTENING.get(last)
        return self.knows(stem + "у") or bool(softened and self.knows(stem[:-1] + softened + "у"))

    def accepts(self, word: str) -> bool:
        """A right spelling: a word `accepts_plain` takes, or a compound of two (`_compound`)."""
        key = ("accepts", word)
        if key not in self._cache:
            self._cache[key] = self.accepts_plain(word) or (self._may_be_compound(word) and self._compound(word))
        return self._cache[key]

    def _may_be_compound(self, word: str) -> bool:
        """No letter tripled and no chunk typed twice that leaves a known word: халықаралалық is no compound."""
        return not _typo_shaped(word) and not repeated_chunks(word, self.knows)

    def accepts_plain(self, word: str) -> bool:
        """A right spelling other than a compound: what a correction may be. Compounds are accepted as
        the text writes them, never offered, since any two words run together would be one."""
        if word not in self._cache:
            self._cache[word] = self._accepts(word)
        return self._cache[word]

    def _accepts(self, word: str) -> bool:
        if _typo_shaped(word) or self._repeated_in_endings(word):
            return False
        return self.knows(word) or is_inflected(word, self) or self._prefixed(word) or self._yu_spelt(word)

    def _yu_spelt(self, word: str) -> bool:
        """A word whose ю spells й and у (нығаю, нығаюы: нығай-у-ы), which the analysis reads letter by letter."""
        lower = word.lower()
        return "ю" in lower and any(self.accepts_plain(lower.replace("ю", "й" + vowel)) for vowel in "уү")

    def _repeated_in_endings(self, word: str) -> bool:
        """A chunk typed twice whose removal leaves a known word, where no reading of the word takes
        the two as its own: Республикасынының, whose only reading is the known Республикасыны and
        -ның, the stem ending with the first and the endings starting with the second, and itself a
        word and a case ending. A reading whose stem ends anywhere else (маман-ды, пән-і-нің, шеш-етін),
        or is a bare stem (пішін-ін), takes them as the word's own."""
        chunks = repeated_chunks(word, self.knows)
        if not chunks:
            return False
        stems = set(inflection_stems(word, self))
        return any(
            all(len(stem) == start + size and self._case_form(stem, size) for stem in stems) for start, size in chunks
        )

    def _case_form(self, stem: str, size: int) -> bool:
        """A stem that is a known word and a case ending of `size` letters (Республикасы-ны), not a bare one (пішін)."""
        # A stem that is the ending alone (мен, read in менен) has no word before it to know.
        return len(stem) > size and stem[-size:].lower() in CASE and self.knows(stem[:-size])

    def _compound(self, word: str) -> bool:
        """Two known words written as one, as Kazakh writes a compound: before a suffix that makes an
        adjective of them (ортағасырлық, дүниежүзілік, көпвекторлы), or before a science's -тану
        (дінтану). Two words merely run together (сыртқысаясат) are neither."""
        lower = word.lower()
        for cut in range(MIN_STEM, len(word) - len("тану") + 1):
            head = word[:cut]
            if lower[cut:].startswith(COMPOUND_TAILS) and self.knows(head) and _science(lower[cut:]):
                return True
        return any(self._compound_stem(stem) for stem in compound_stems(word))

    def _compound_stem(self, stem: str) -> bool:
        """A stem that is two known words, the second perhaps with its third person's possessive (дүние жүзі)."""
        for cut in range(SHORT_HEAD, len(stem) - MIN_COMPOUND_HEAD + 1):
            head, rest = stem[:cut], stem[cut:]
            if not _compound_shaped(head, rest.lower()) or not self.knows(head):
                continue
            if self.knows(rest) or _possessive_of_known(rest, self):
                return True
        return False

    def _prefixed(self, word: str) -> bool:
        """A word with a negating prefix written onto it, as Kazakh spelling writes it: бейәскери, бейресми."""
        lower = word.lower()
        return any(
            lower.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM and self.accepts(word[len(prefix) :])
            for prefix in PREFIXES
        )

    def attesting(self, words) -> "Speller":
        """This speller also accepting `words` (the spellings a thesis's curated records use) and their
        inflections: "Ирактың" makes Ирак a stem, so "Иракты" is right too. Hunspell's answers are shared
        with this speller, and each set of words gets one speller, so its answers stay warm between calls."""
        attested = frozenset(w.lower() for w in words if len(w) >= MIN_STEM and WORD_RE.fullmatch(w))
        attested -= {w for w in attested if self.accepts(w)}
        if not attested:
            return self
        kept = self._cache.setdefault(("attesting",), {})
        if attested not in kept:
            if len(kept) >= ATTESTING_KEPT:
                del kept[next(iter(kept))]  # the oldest: an edited headline leaves its old set behind
            stems = {word_stem(word) for word in attested}
            extra = self.extra | attested | stems
            kept[attested] = Speller(
                self.dictionary, extra, _shared=self._shared, store=self.store, russian=self.russian
            )
        return kept[attested]

    def hunspell_suggestions(self, word: str) -> list[str]:
        key = ("suggest", word)
        if key not in self._shared:
            self._shared[key] = list(self.dictionary.suggest(word))
        return self._shared[key]

    def corrections(self, word: str) -> dict[str, float]:
        key = ("corrections", word)
        if key not in self._cache:
            self._cache[key] = self._stored_corrections(word)
        return self._cache[key]

    def _stored_corrections(self, word: str) -> dict[str, float]:
        """Corrections from the shared store, or worked out and put there: they take a third of a second a
        word, which a worker that never checked the thesis would otherwise pay on its first save."""
        if self.store is None:
            return corrections(word, self)
        key = self.store_key(word)
        found = self.store.get(key)
        if found is None:
            found = corrections(word, self)
            self.store.set(key, found, CORRECTIONS_KEPT_SECONDS)
        return found

    def store_key(self, word: str) -> str:
        """The word's key in the store: its corrections depend on the words accepted beyond Hunspell's."""
        if ("accepted digest",) not in self._cache:
            # Whether the Russian dictionary is there changes what is accepted, and so the corrections.
            accepted = "\n".join([*sorted(self.extra), f"russian:{self.russian is not None}"]).encode()
            self._cache[("accepted digest",)] = hashlib.blake2b(accepted, digest_size=12).hexdigest()
        digest = hashlib.blake2b(word.encode(), digest_size=12).hexdigest()
        return f"corrections:{CORRECTIONS_VERSION}:{self._cache[('accepted digest',)]}:{digest}"


def load_speller(language: str = DEFAULT_LANGUAGE) -> tuple[Speller | None, str]:
    """The speller, or None and a sentence saying why there is none (no libenchant, no dictionary)."""
    try:
        import enchant
    except ImportError as error:  # pyenchant raises ImportError when the C library is missing
        return None, f"The spell-checker is unavailable: {error}"
    try:
        return Speller(enchant.Dict(language), russian=load_russian()), ""
    except enchant.errors.Error as error:
        return None, f"The spell-checker has no dictionary for {language}: {error}"


# Where the default speller keeps its corrections for other processes (`share_corrections`).
_corrections_store: list = [None]


def share_corrections(store) -> None:
    """Have the default speller keep its corrections in `store` (get/set), a cache every process reads."""
    _corrections_store[0] = store
    default_speller.cache_clear()


@lru_cache(maxsize=1)
def default_speller() -> tuple[Speller | None, str]:
    """One speller per process: loading the dictionary takes a while."""
    speller, problem = load_speller()
    if speller is not None:
        speller.store = _corrections_store[0]
    return speller, problem


# A word to check and one to correct, so that Hunspell has read its affixes and built its tables.
WARM_UP_WORDS = ("дипломатиялық", "дипломатиялықк")


def warm_up() -> str:
    """Load this process's speller and have it check and correct a word, so that the first request
    to need it does not pay for that; returns why there is no speller, or ""."""
    speller, problem = default_speller()
    if speller is not None:
        known, slip = WARM_UP_WORDS
        speller.accepts(known)
        speller.hunspell_suggestions(slip)
    return problem


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
        if len(word) < 2 or LATIN_RE.search(word) or word.isupper() or _abbreviation(word):
            continue
        if word.lower() in ABBREVIATIONS or word.lower() in skip:
            continue
        if _follows_acronym(text, start) or _part_of_a_name(text, start, match.end()) or _surname(word):
            continue
        yield start, match.end(), word


# An initial before a name ("А.И.Левшин", "Ә. Марғұланның"), and a particle hyphenated to one (ад-Дин, әл-Фараби).
INITIAL_RE = re.compile(r"(?:^|[^\w])[^\W\d_]\.\s?$")
NAME_PARTICLE = 3


def _abbreviation(word: str) -> bool:
    """An abbreviation in capitals and small letters (ҚазҰУ, ҚазМемПИ): a capital after the first letter."""
    return any(letter.isupper() for letter in word[1:])


def _part_of_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised word after an initial, or a short particle hyphenated to a capitalised word."""
    if text[start].isupper() and INITIAL_RE.search(text[max(0, start - 4) : start]):
        return True
    following = text[end : end + 2]
    return end - start <= NAME_PARTICLE and len(following) == 2 and following[0] == "-" and following[1].isupper()


def _surname(word: str) -> bool:
    """A family name of the Russian kind, in -ов or -ев, with the endings a name takes (Тоқаевтың, Логунов)."""
    return word[:1].isupper() and bool(SURNAME_RE.search(name_stem(word).lower()))


# A name the text establishes: capitalised away from a sentence's start at least this often, never in lower case.
ESTABLISHED_NAME_USES = 2
SENTENCE_ENDS = ".!?…:"
OPENING = " \t«\"'(["


# A word the text writes this often, always alike, is its own term (көпвекторлы, ортағасырлық), not a slip.
TERM_USES = 3


def own_terms(words) -> frozenset[str]:
    """The words written at least TERM_USES times, alike but for a capital (lower case)."""
    return frozenset(word for word, uses in Counter(word.lower() for word in words).items() if uses >= TERM_USES)


def capitalised_names(texts) -> Counter:
    """How often the texts write each word with a capital inside a sentence (lower case), for the words
    they never write in lower case: names the dictionary need not know (Фараби, Рудаки, Тянь Шань)."""
    capitalised: Counter = Counter()
    lowered = set()
    for text in texts:
        for match in WORD_RE.finditer(text):
            word = match.group()
            if word.islower():
                lowered.add(word)
            elif word[0].isupper() and word[1:].islower() and not _starts_sentence(text, match.start()):
                capitalised[word.lower()] += 1
    return Counter({word: uses for word, uses in capitalised.items() if word not in lowered})


def names_inside_sentences(texts) -> frozenset[str]:
    """The names the texts write inside sentences, to be flagged only where the text spells them otherwise."""
    return frozenset(capitalised_names(texts))


def established(names: Counter) -> frozenset[str]:
    """The names written at least ESTABLISHED_NAME_USES times: the text's own, not slips, in any dictionary."""
    return frozenset(word for word, uses in names.items() if uses >= ESTABLISHED_NAME_USES)


def established_names(texts) -> frozenset[str]:
    """The names the texts establish by writing them capitalised inside sentences more than once (lower case)."""
    return established(capitalised_names(texts))


# The letters Kazakh has and Russian has not: a sentence of this many Cyrillic words without one of
# them is in Russian (a quotation, a journal's header, an abstract's translation), which the
# Kazakh dictionary would reject word by word.
KAZAKH_ONLY_RE = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
FOREIGN_SENTENCE_WORDS = 4
# A sentence, and a line: a header's lines end in no period, and a converted abstract may set each word on its own line.
SENTENCE_RE = re.compile(r"[^.!?…]+")
LINE_RE = re.compile(r"[^\n]+")
CYRILLIC_WORD_RE = re.compile(r"[\u0400-\u04FF]+(?:-[\u0400-\u04FF]+)*")


def foreign_sentences(text: str) -> list[tuple[int, int]]:
    """The [start, end) of each sentence and each line of `text` written in Cyrillic without Kazakh's own letters."""
    spans = []
    for piece in (*SENTENCE_RE.finditer(text), *LINE_RE.finditer(text)):
        words = CYRILLIC_WORD_RE.findall(piece.group())
        if len(words) >= FOREIGN_SENTENCE_WORDS and not any(KAZAKH_ONLY_RE.search(word) for word in words):
            spans.append(piece.span())
    return sorted(spans)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens its text, its line or a sentence (quotes and brackets aside)."""
    before = start
    while before > 0 and text[before - 1] in OPENING:
        before -= 1
    return before == 0 or text[before - 1] in SENTENCE_ENDS or text[before - 1] == "\n"


def _follows_acronym(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] not in "-–":
        return False
    before = re.search(r"(\w+)$", text[: start - 1])
    return before is not None and before.group(1).isupper()


# --- the inflection model --------------------------------------------------------------------------


def is_inflected(word: str, speller: Speller) -> bool:
    """A known noun stem or verb stem followed by a grammatical chain of suffixes that agrees with it."""
    return inflection_stem(word, speller) is not None


def inflection_stem(word: str, speller: Speller) -> str | None:
    """The longest stem through which the inflection model accepts `word`, or None."""
    return next(inflection_stems(word, speller), None)


def inflection_stems(word: str, speller: Speller):
    """The stems through which the inflection model accepts `word`, longest first."""
    for stem, tail in stem_splits(word):
        vowels, last = harmony(stem), stem[-1].lower()
        noun = len(stem) >= MIN_STEM and _noun_chain(stem, tail, speller)
        if noun or (chains(last, tail, "verb", vowels) and speller.knows_verb(stem)):
            yield stem


def _compound_shaped(head: str, rest: str) -> bool:
    """Parts that may make a compound: long enough (MIN_COMPOUND_HEAD), the second no word form."""
    if rest.endswith(INFLECTED_ENDINGS) or rest.startswith(PLURAL):
        return False
    return len(head) >= MIN_COMPOUND_HEAD or (len(rest) >= LONG_REST and rest[0] not in VOWELS)


def _science(rest: str) -> bool:
    """-тану or -танушы with the endings a noun takes after it (дінтану, саясаттанудың)."""
    tail = rest[len("тану") :]
    return not tail or chains("у", tail, "noun", "back")


def _typo_shaped(word: str) -> bool:
    return bool(TRIPLED_RE.search(word))


def compound_stems(word: str):
    """The stems of `word` that a compound's suffix follows (ортағасыр + лық), with what may follow it."""
    for stem, tail in stem_splits(word):
        long_enough = tail.startswith(COMPOUND_SUFFIXES) and len(stem) >= SHORT_HEAD + MIN_COMPOUND_HEAD
        if long_enough and chains(stem[-1].lower(), tail, "noun", harmony(stem)):
            yield stem


def _possessive_of_known(word: str, speller: Speller) -> bool:
    """A known word with its third person's possessive (жүзі)."""
    lower = word.lower()
    return any(
        lower.endswith(ending) and len(word) - len(ending) >= MIN_STEM and speller.knows(word[: -len(ending)])
        for ending in THIRD_POSSESSIVE
    )


def _noun_chain(stem: str, tail: str, speller: Speller) -> bool:
    """A known noun stem and endings it takes: a possessed stem (мерзімі) takes the possessive's, and
    so does an elided one (орны, орнын), whose endings are no noun's."""
    vowels, last = _stem_harmony(stem, speller), stem[-1].lower()
    if chains(last, tail, "noun", vowels) and speller.knows(stem):
        return not _possessed(stem, speller) or chains(last, tail, "third possessed", vowels)
    lower = stem.lower()
    if not (_elided_possessive(lower) and chains(last, tail, "third possessed", vowels)):
        return False
    # еркі: the dictionary may list only the word it is elided from (ерік), a Kazakh word, no loan.
    return speller.knows(stem) or speller.kazakh(lower[:-2] + lower[-1] + lower[-2])


def _stem_harmony(stem: str, speller: Speller) -> str | None:
    """The vowels a stem's endings agree with; none for a loanword ending in two consonants, whose
    endings are often front whatever its vowels (Маркс, маркстік; факт, фактілер)."""
    lower = stem.lower()
    two_consonants = len(lower) >= 2 and not set(lower[-2:]) & set(VOWELS)
    if two_consonants and not speller.kazakh(stem) and speller.loanword(stem):
        return None
    return harmony(stem)


def _possessed(stem: str, speller: Speller) -> bool:
    """A stem the dictionary lists with its third person's possessive (мерзімі: мерзім-і), which
    takes its cases as that possessive does: мерзімін, not мерзіміді."""
    if EPENTHETIC_RE.search(stem.lower()) and speller.loanword(stem):
        return False  # субъекті: a loanword's own vowel after two consonants, which takes -сі (субъектісі)
    for ending in THIRD_POSSESSIVE:
        base = stem[: -len(ending)]
        if stem.lower().endswith(ending) and len(base) >= MIN_STEM and speller.knows(base):
            return True
    return False


def _elided_possessive(stem: str) -> bool:
    """A word's third person's possessive with its last vowel dropped (орын: орны), which takes its
    cases as that possessive does (орнын)."""
    return len(stem) >= MIN_STEM and stem[-1] in "ыі" and stem[:-2] + stem[-1] + stem[-2] in ELIDING


# --- typo fixes and suggestions ----------------------------------------------------------------------


def repeated_chunks(word: str, accepts) -> list[tuple[int, int]]:
    """(start, size) of each chunk of 2-4 letters typed twice in a row whose single typing `accepts` takes."""
    lower = word.lower()
    return [
        (start, size)
        for size in (2, 3, 4)
        for start in range(len(word) - 2 * size + 1)
        if lower[start : start + size] == lower[start + size : start + 2 * size]
        and accepts(word[: start + size] + word[start + 2 * size :])
    ]


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
    if len(word) > LONGEST_CORRECTED:
        # Its variants grow with the square of its length: a run of letters thousands long, which an
        # import may hold, would fill the memory, and no word of the language is that long.
        return found

    def offer(candidate: str, cost: float | None = None):
        candidate = _match_case(word, candidate)
        if candidate != word and all(speller.accepts_plain(part) for part in candidate.split()):
            cost = distance(word, candidate) if cost is None else cost
            found[candidate] = min(cost, found.get(candidate, cost))

    collapsed = collapse_tripled(word)
    if collapsed != word:
        offer(collapsed, 0.2)
    for fix in repeated_chunk_fixes(word, speller.accepts_plain):
        offer(fix, 0.3)
    for rank, suggestion in enumerate(speller.hunspell_suggestions(word)):
        # Hunspell's first choice is right more often than its next ones, unless it cuts the word in two.
        cost = (
            distance(word, suggestion)
            + 0.01 * rank
            + split_cost(suggestion)
            - (HUNSPELL_FIRST if rank == 0 and " " not in suggestion else 0)
        )
        offer(suggestion, cost)
        if suggestion.count(" ") == 1:
            offer(suggestion.replace(" ", "-"), cost + 0.05)  # қарым-қатынас is one word, hyphenated
    for variant in (*set(variants(word)), *confusion_variants(word)):
        if speller.accepts_plain(variant):
            offer(variant)
    return found


def split_cost(suggestion: str) -> float:
    """What cutting a word in two adds to a suggestion's cost: much, and more when a piece is a bare
    syllable ("қай наркөзі", "бей әскери"), which is far likelier a prefix or a stem's first letters."""
    pieces = suggestion.split()
    if len(pieces) < 2:
        return 0.0
    return SPLIT_COST + (SHORT_PIECE_COST if min(len(piece) for piece in pieces) <= SHORT_PIECE else 0.0)


def suggestions(word: str, speller: Speller, vocabulary=(), limit: int = SUGGESTION_LIMIT) -> list[str]:
    """The best corrections for a rejected word, cheapest first."""
    return [candidate for candidate, _confidence in ranked_suggestions(word, speller, vocabulary, limit)]


def ranked_suggestions(word: str, speller: Speller, vocabulary=(), limit: int = SUGGESTION_LIMIT):
    """(correction, confidence) pairs for a rejected word, best first: see `confidences`."""
    return confidences(candidates(word, speller, vocabulary), limit)


def confidences(costs: dict[str, float], limit: int = SUGGESTION_LIMIT, prior: float = 1.0):
    """(candidate, confidence 0-1) pairs, cheapest first, for the candidates within MAX_DISTANCE.

    A candidate's confidence is its share of the candidates' weights exp(-cost / SHARPNESS), which is
    high only with a clear margin over the next one, times how plausible its cost is on its own
    (1 / (1 + cost²): a cheap layout slip keeps most of it, two whole edits little), times `prior`,
    how likely the word is wrong at all (below 1 for a possible suspect)."""
    kept = sorted(((cost, candidate) for candidate, cost in costs.items() if cost <= MAX_DISTANCE))
    if not kept:
        return []
    cheapest = kept[0][0]
    weights = [math.exp(-(cost - cheapest) / SHARPNESS) for cost, _candidate in kept]
    total = sum(weights)
    return [
        (candidate, round(prior * weight / total / (1 + max(cost, 0.0) ** 2), 2))
        for (cost, candidate), weight in zip(kept[:limit], weights, strict=False)
    ]


# --- possible errors: words the checker accepts that are likely slips all the same ------------------


def doubled_suffix_fixes(word: str) -> list[str]:
    """The word with the second of two forms of one suffix in a row left out: тұрақсыздықтық has -дық
    and then -тық, the same suffix as assimilation writes it after another letter."""
    lower, fixes, size = word.lower(), [], SUFFIX_SIZE
    for start in range(MIN_STEM, len(word) - 2 * size + 1):
        first, second = lower[start : start + size], lower[start + size : start + 2 * size]
        alike = first != second and first[1:] == second[1:] and _alternants(first[0], second[0])
        if alike and first in SUFFIX_FORMS and second in SUFFIX_FORMS:
            fixes.append(word[: start + size] + word[start + 2 * size :])
    return fixes


def _alternants(a: str, b: str) -> bool:
    return any(a in group and b in group for group in ALTERNANTS)


def stem_letter_fixes(word: str, speller: Speller) -> list[str]:
    """The word with an н inside its stem written ң, where Hunspell knows the result (көніл → көңіл).
    In the endings н and ң both belong (кепілін, кепілің), so only the stem's letters are tried."""
    stem = inflection_stem(word, speller) or ""
    fixes = []
    for index in range(len(stem)):
        if word[index].lower() == "н":
            candidate = word[:index] + _like(word[index], "ң") + word[index + 1 :]
            if speller.hunspell_knows(candidate):
                fixes.append(candidate)
    return fixes


def fuller_forms(vocabulary) -> dict[str, set[str]]:
    """For each word a syllable short of a word of `vocabulary` (case folded): those fuller words.

    A syllable here is 2-4 letters cut out of a word at or across one of its derivational suffixes
    (-лық, -лік, -шыл ...): ерекшеліктерін less "ікт" is ерекшелерін. Cutting an ending elsewhere
    gives another form of the same word (дипломатиясының, дипломатияның), which is no slip."""
    index: dict[str, set[str]] = {}
    for full in {w.lower() for w in vocabulary}:
        marks = [
            (start, start + len(form))
            for form in LONG_DERIVATION
            for start in range(MIN_STEM, len(full))
            if full.startswith(form, start)
        ]
        for start, end in marks:
            for size in (2, 3, 4):
                for cut in range(max(MIN_STEM, start - size + 1), min(end, len(full) - size)):
                    index.setdefault(full[:cut] + full[cut + size :], set()).add(full)
    return index


def likely_slips(word: str, speller: Speller, fuller=None, attested=frozenset()) -> dict[str, float]:
    """Corrections, with their costs, of a word Hunspell rejects although the inflection model accepts
    it, where the slip is a likely one: a suffix typed twice (тұрақсыздықтық → тұрақсыздық), a
    syllable dropped from a word the thesis writes in full (`fuller`, from `fuller_forms`: ерекшелерін
    → ерекшеліктерін), ң typed as н in the stem (көніл → көңіл). The correction must be one Hunspell
    knows or the thesis uses (`attested`, case folded). Empty for most such words: the model is right."""
    if speller.hunspell_knows(word) or word.lower() in speller.extra or not speller.accepts(word):
        return {}
    found: dict[str, float] = {}
    for fix in doubled_suffix_fixes(word):
        if speller.hunspell_knows(fix) or fix.lower() in attested:
            found[fix] = DOUBLED_SUFFIX_COST
    for fix in stem_letter_fixes(word, speller):
        found.setdefault(fix, CONFUSABLE[frozenset("ңн")])
    for full in sorted((fuller or {}).get(word.lower(), ())):
        found.setdefault(_match_case(word, full), DROPPED_SYLLABLE_COST)
    return found


def real_word_errors(counts) -> dict[str, tuple[str, float]]:
    """Words that are words, but likely slips for another the same text uses far more often.

    `counts` gives each accepted word's occurrences (case folded). A word written once is suspect
    when a word FREQUENT times or more in the text is it with one letter typed as its look-alike
    (CONFUSABLE: the thesis's usual slip), or with two more letters inside it, not at its end
    (Республикасың once beside Республикасының nine times): a dropped ending makes another form of
    the word, a dropped inner syllable a slip. Any other one-letter difference is left alone: in this
    language it is far likelier another form (негізі, негізгі; істеу, істер). Returns the word's
    likely intended form and the slip's cost."""
    errors: dict[str, tuple[str, float]] = {}
    for frequent, number in counts.items():
        if number < FREQUENT:
            continue
        for rare, cost in _near_forms(frequent):
            if counts.get(rare) == 1 and cost < errors.get(rare, ("", 9.0))[1]:
                errors[rare] = (frequent, cost)
    return errors


def _near_forms(word: str):
    for index in range(MIN_STEM, len(word) - 2):
        yield word[:index] + word[index + 2 :], DROPPED_SYLLABLE_COST
    for index in range(len(word)):
        for pair in CONFUSABLE:
            if word[index] in pair and CONFUSABLE[pair] < 1:
                (other,) = pair - {word[index]}
                yield word[:index] + other + word[index + 1 :], CONFUSABLE[pair]


@dataclass(frozen=True)
class Evidence:
    """What a whole text says about its words, for judging one of them: how often each accepted word
    occurs (case folded), the acronyms it writes in capitals, the fuller forms of its words."""

    counts: Counter
    acronyms: frozenset = frozenset()
    fuller: dict = field(default_factory=dict)
    real_words: dict = field(default_factory=dict)

    @classmethod
    def of(cls, accepted_words, acronyms=()) -> "Evidence":
        counts = Counter(word.lower() for word in accepted_words)
        return _evidence(frozenset(counts.items()), frozenset(acronyms))


@lru_cache(maxsize=16)
def _evidence(counted: frozenset, acronyms: frozenset) -> Evidence:
    # The same text gives the same evidence: kept, so that a second look at an unchanged thesis is quick.
    counts = Counter(dict(counted))
    return Evidence(counts, acronyms, fuller_forms(counts), real_word_errors(counts))


def unknown_name(word: str, costs: dict[str, float]) -> bool:
    """A capitalised word the dictionary lacks with nothing near it: a name (Әбілғазы, Шәкәрім), which
    no suggestion could mend, not a slip. Two words run together (Бақылаусұрақтары) stay a slip."""
    if not word[:1].isupper() or not word[1:].islower():
        return False
    return all(cost >= NAME_DISTANCE for cost in costs.values())


def possible_corrections(word: str, speller: Speller, evidence: Evidence) -> list[tuple[str, float]]:
    """(correction, confidence) pairs, best first, for a word the checker accepts but that is likely a
    slip all the same (`likely_slips`, `real_word_errors`, `acronym_slip`); empty when it is not."""
    costs = likely_slips(word, speller, evidence.fuller, evidence.counts.keys())
    intended = evidence.real_words.get(word.lower())
    if intended is not None:
        costs.setdefault(_match_case(word, intended[0]), intended[1])
    acronym = acronym_slip(word, evidence.acronyms)
    if acronym is not None and evidence.counts[word.lower()] == 1:
        costs.setdefault(acronym, CONFUSABLE_SLIP)
    return confidences(costs, prior=POSSIBLE_PRIOR)


def acronym_slip(word: str, acronyms) -> str | None:
    """The acronym (ACRONYM letters at most) the text writes in capitals, for a word that is it in
    small letters (Ақш for АҚШ)."""
    upper = word.upper()
    return upper if upper != word and len(word) <= ACRONYM and upper in acronyms else None
