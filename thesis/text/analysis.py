"""The words a search indexes and looks for: each word case folded, read in Cyrillic, cut to its stem.

A passage's text and a query's words go through the same `analyse`, so that whatever form the text
writes and whatever form a reader types, both meet on one word: "саясатының", "саясаты" and
"sayasat" are all "саясат", "халқы" is "халық", "кезде" is "кез". A stem counts only when the lexicon
(`known`, the spell-check's Hunspell dictionary) knows it, or when it does not know the word either
(a name, a term): a word the lexicon knows is never cut to a stem it does not know (кезек is not
кезе), so that the index holds real words."""

import re
from functools import lru_cache

from .alphabet import CYRILLIC_RE, LATIN_RE, VOWELS, cyrillic_lookalikes
from .morphology import (
    ELIDING,
    MIN_SEARCH_STEM,
    MIN_SHORT_STEM,
    PLURAL,
    SOFTENED,
    VOICELESS,
    WORD_RE,
    harmony,
    inflected,
    short_cut,
    stem,
    stem_splits,
    unelided,
    unvoiced,
)
from .snippets import fold
from .spellcheck import default_speller
from .transliteration import to_cyrillic

# The possessives of several letters a short stem may take (үйіміз, жеріңіз, елдеріміз).
LONG_POSSESSIVE = frozenset(("мыз", "міз", "ңыз", "ңіз"))
# A word to index: letters and digits; hyphens and apostrophes part the words of a compound.
TOKEN_RE = re.compile(r"[^\W_]+")
# A hyphen joins a compound's parts, or a particle to a word (заманнан-ақ, жасаған-ау, айтыпты-мыс),
# which takes its endings as any word does: the word before a particle is no compound's first part,
# and the particle, which any word may take, is not indexed.
PARTICLES = ("ақ", "ау", "ей", "мыс", "міс")
COMPOUND_HEAD_RE = re.compile(r"-(?!(?:" + "|".join(PARTICLES) + r")(?![^\W_]))[^\W\d_]")


def lexicon_knows(word: str) -> bool:
    """Whether the spell-check's lexicon knows `word`; without a lexicon, no word is known."""
    speller, _problem = default_speller()
    return speller is not None and speller.knows(word)


def tokens(text: str) -> list[tuple[str, bool]]:
    """The words of `text`, case folded, each written in Cyrillic when it is in the Latin alphabet,
    and whether it is a first part of a hyphenated compound, which takes no endings (қарым-қатынас);
    a particle after a hyphen is no word to find (заманнан-ақ is заманнан)."""
    folded = cyrillic_lookalikes(text).lower()
    return [
        (cyrillic_word(match.group()), bool(COMPOUND_HEAD_RE.match(folded, match.end())))
        for match in TOKEN_RE.finditer(folded)
        if not (match.group() in PARTICLES and folded[match.start() - 1 : match.start()] == "-")
    ]


def cyrillic_word(token: str) -> str:
    """A folded word wholly in Latin letters read in Cyrillic ("qazaqstan" → "қазақстан"); others as they are."""
    if LATIN_RE.search(token) and not CYRILLIC_RE.search(token):
        return to_cyrillic(token).lower()
    return token


def analyse(text: str, known) -> str:
    """`text` as its analysed words, one space between each: what the index holds and a query matches."""
    return " ".join(token if head else lemma(token, known) for token, head in tokens(text))


def lemma(word: str, known) -> str:
    """The word (folded, in Cyrillic) its form stands for, by the morphology, guarded by `known`."""
    return _lemma(word, _Known(known))


class _Known:
    """`known` with its answers kept, keyed by the function, so that a word is looked up once."""

    def __init__(self, known):
        self.known = known

    def __call__(self, word: str) -> bool:
        return _looked_up(self.known, word)

    def __hash__(self):
        return hash(self.known)

    def __eq__(self, other):
        return isinstance(other, _Known) and other.known is self.known


@lru_cache(maxsize=200_000)
def _looked_up(known, word: str) -> bool:
    return bool(known(word))


@lru_cache(maxsize=200_000)
def _lemma(word: str, known: _Known) -> str:
    if not WORD_RE.fullmatch(word):
        return word
    full = unelided(word)
    if full or word in ELIDING:
        # An eliding word is a whole stem (орын is no ор-ы-н), and its possessive forms are its own.
        return full or word
    cut = _known_cut(word, known)
    if cut is None and not known(word):
        # A name or a term the lexicon lacks: the morphology's stem alone.
        cut = _dictionary_form(stem(word), known)
    if cut and cut != word:
        # A cut may leave a short or an elided stem's form: "кезінде" → "кезін" → "кез", "жылдары" →
        # "жылдар" → "жыл", "үйіміздің" → "үйіміз" → "үй"; a longer cut only when a plural or a
        # possessive of several letters is left, as a long stem would be cut again into another word
        # (қатынас is not қат-ынас).
        short = _short(cut, known)
        if short and len(cut) > MIN_SEARCH_STEM + 1 and not _far_endings(cut[len(short) :]):
            short = None
        return unelided(cut) or short or cut
    return _short(word, known) or word


def _far_endings(tail: str) -> bool:
    """Whether a short stem's endings begin with a plural or are a possessive of several letters."""
    return tail[:3] in PLURAL or tail.lstrip("ыі") in LONG_POSSESSIVE


def _short(word: str, known) -> str | None:
    """The short stem `word` inflects (`short_cut`), itself cut again when it is a short stem's form
    too: "ішінен" is "іші" with -нен, and "іші" is "іш" with -і."""
    short = short_cut(word, known)
    if short and _cluster_over_cut(short, word, known):
        short = short[:-1]
    return short and (short_cut(short, known) or short)


def _cluster_over_cut(short: str, word: str, known) -> bool:
    """Whether a stem ending in two consonants took the first letter of the ending of a shorter stem the
    lexicon knows (елд-ің for ел-дің), where the lexicon has no form of the longer stem's own (елдді),
    as it has of a stem that ends so (ұлт, ұлтты)."""
    shorter = short[:-1]
    if short[-1] in VOWELS or shorter[-1:] in VOWELS or len(shorter) < MIN_SHORT_STEM:
        return False
    if not (inflected(shorter, word[len(shorter) :]) and known(shorter)):
        return False
    return not known(accusative(short))


def accusative(stem: str) -> str:
    """The accusative a consonant-final stem would take (ұлт → ұлтты, ел → елді)."""
    ending = "т" if stem[-1] in VOICELESS else "д"
    return stem + ending + ("і" if harmony(stem) == "front" else "ы")


def _known_cut(word: str, known) -> str | None:
    """The shortest stem of `MIN_SEARCH_STEM` written letters or more that a chain of endings
    follows and the lexicon knows, as the dictionary lists it; None when the lexicon knows none."""
    found, shortest = None, len(word)
    for candidate, tail in stem_splits(word):  # longest first, the word's own spelling of a cut first
        written = len(word) - len(tail)
        if _doubled_over_cut(candidate, tail) or unvoiced(word[:written], tail) or written >= shortest and found:
            continue  # of one cut's spellings the first known stands: мемлекет-тер, not мемлекетт-тер
        if written >= MIN_SEARCH_STEM and inflected(candidate, tail):
            form = _dictionary_form(candidate, known)
            found, shortest = (form, written) if known(form) else (found, shortest)
    return found


def _doubled_over_cut(candidate: str, tail: str) -> bool:
    """A stem ending in a doubled consonant whose second letter begins the ending (жан-ның, not жанн-ың)."""
    last = candidate[-1]
    return last not in VOWELS and candidate[-2:-1] == last and inflected(candidate[:-1], last + tail)


def _dictionary_form(cut: str, known) -> str:
    """A stem as the dictionary lists it: a г, ғ or б written before a vowel is its к, қ or п, and a
    doubled consonant written single before a consonant is doubled (процестер: процесс)."""
    hard = cut[:-1] + SOFTENED[cut[-1]] if cut[-1] in SOFTENED else cut
    doubled = cut + cut[-1] if cut[-1] not in VOWELS else cut
    return next((form for form in (hard, cut, doubled) if known(form)), hard)


def word_spans(text: str, words: frozenset[str], prefixes: tuple[str, ...], known) -> list[tuple[int, int]]:
    """Where `text` writes a word whose analysed form is one of `words` or begins with one of
    `prefixes`: the forms a search by analysed words matched, to mark ("саясатының" for "саясат")."""
    if not words and not prefixes:
        return []
    folded = fold(text)
    spans = []
    for match in TOKEN_RE.finditer(folded):
        token, head = cyrillic_word(match.group()), bool(COMPOUND_HEAD_RE.match(folded, match.end()))
        analysed = token if head else lemma(token, known)
        if analysed in words or any(analysed.startswith(prefix) for prefix in prefixes):
            spans.append(match.span())
    return spans
