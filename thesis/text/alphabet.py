"""The letters of the text: Kazakh Cyrillic and the Latin it is mixed with, their cases, the vowel
classes of Kazakh vowel harmony, and the Latin letters that look like Cyrillic ones."""

import re

# Character-class bodies for regular expressions: Latin and Kazakh Cyrillic capitals, then small letters.
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "a-zа-яёәғқңөұүһі"
LETTER = UPPER + LOWER

# The 42 small letters of the Kazakh Cyrillic alphabet, in its order.
KAZAKH_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"

# Vowel harmony: a suffix follows the last back or front vowel of its stem. "и" and "у" are written
# for both, so they belong to neither class (but they are vowels).
BACK_VOWELS = frozenset("аоұыяюёэ")
FRONT_VOWELS = frozenset("әеөүі")
VOWELS = BACK_VOWELS | FRONT_VOWELS | frozenset("иу")
# A vowel of either script: a word in capitals without one is an abbreviation (ТМД), not a name.
VOWEL_RE = re.compile("[" + "".join(sorted(VOWELS)) + "aeiouy]", re.IGNORECASE)

# A Latin letter: the basic ones, and the schwa and barred o that fonts without Kazakh letters put for ә and ө.
LATIN_RE = re.compile(r"[A-Za-zƏəƟɵ]")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")

# Latin letters that a transcription puts for the Cyrillic ones they look like, and back (Roman numerals).
LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxYyIi", "АаВСсЕеНКМОоРрТХхУуІі")
CYRILLIC_TO_LATIN = str.maketrans("ХхІіСсМ", "XxIiCcM")
# Inside a Cyrillic word, the Latin letters typed for Kazakh ones: the look-alikes (k too, small), and the
# schwa, i and h that fonts without Kazakh letters put for ә, і and һ (мəселе, бiлiм, шаhар). A small
# m, t or b is no look-alike in an upright font (м, т, в are small capitals there), so it is not read.
LOOKALIKE_LATIN = "AaBCcEeHKkMOoPpTXxYyIiƏəhƟɵ"
LOOKALIKE_CYRILLIC = "АаВСсЕеНКкМОоРрТХхУуІіӘәһӨө"
LATIN_IN_CYRILLIC = str.maketrans(LOOKALIKE_LATIN, LOOKALIKE_CYRILLIC)

WORD_RE = re.compile(r"[^\W\d_]+")


def cyrillic_lookalikes(text: str) -> str:
    """`text` with each Cyrillic word's Latin letters read as the Kazakh letters they stand for
    ("мəселе" → "мәселе", "бiлiм" → "білім"), letter for letter; words wholly in Latin are left as they are."""
    return WORD_RE.sub(lambda match: _in_cyrillic(match.group()), text)


def _in_cyrillic(word: str) -> str:
    return word.translate(LATIN_IN_CYRILLIC) if CYRILLIC_RE.search(word) else word
