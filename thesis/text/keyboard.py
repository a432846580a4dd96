"""Readings of Kazakh typed on a Russian keyboard, which lacks the Kazakh letters: "Казакстан" → "Қазақстан".

A typist without the Kazakh layout puts the Russian letter nearest each Kazakh one (қ→к, ң→н, ұ and
ү→у, ө→о, і→и, ғ→г, һ→х, ә→а), so a word so typed has as many readings as the product of its
ambiguous letters. They are tried fewest changes first, at most `MAX_TRIED` a word, and a reading
counts only when the lexicon knows it."""

import re
from itertools import combinations, product

# Each Russian letter and the Kazakh letters a Russian keyboard types it for.
KAZAKH_FOR_RUSSIAN = {"к": "қ", "н": "ң", "у": "ұү", "о": "ө", "и": "і", "г": "ғ", "х": "һ", "а": "ә"}
# Two words changed in four letters each is as far as a slip of the keyboard goes.
MAX_CHANGES = 4
MAX_TRIED = 600
MAX_READINGS = 3
WORD_RE = re.compile(r"[^\W\d_]+")


def keyboard_readings(query: str, known) -> list[str]:
    """The readings of `query` with each word the lexicon does not know (`known(word)` is False)
    read as typed on a Russian keyboard, likeliest first, at most MAX_READINGS; none when no word
    has a reading the lexicon knows."""
    words = list(WORD_RE.finditer(query))
    choices = [_word_choices(match.group(), known) for match in words]
    if all(len(options) == 1 and options[0] == match.group() for options, match in zip(choices, words, strict=True)):
        return []
    readings = []
    for chosen in product(*choices):
        pieces, position = [], 0
        for match, word in zip(words, chosen, strict=True):
            pieces += [query[position : match.start()], word]
            position = match.end()
        readings.append("".join(pieces) + query[position:])
        if len(readings) == MAX_READINGS:
            break
    return readings


def _word_choices(word: str, known) -> list[str]:
    """The word itself when the lexicon knows it or it has no reading; else its readings."""
    if known(word):
        return [word]
    return word_readings(word, known) or [word]


def word_readings(word: str, known) -> list[str]:
    """The readings of `word` the lexicon knows with the fewest letters changed, at most MAX_READINGS."""
    places = [index for index, char in enumerate(word) if char.lower() in KAZAKH_FOR_RUSSIAN]
    tried = 0
    for count in range(1, min(MAX_CHANGES, len(places)) + 1):
        found = []
        for chosen in combinations(places, count):
            for letters in product(*(KAZAKH_FOR_RUSSIAN[word[index].lower()] for index in chosen)):
                tried += 1
                if tried > MAX_TRIED:
                    return found[:MAX_READINGS]
                reading = _replaced(word, dict(zip(chosen, letters, strict=True)))
                if known(reading):
                    found.append(reading)
        if found:
            return found[:MAX_READINGS]
    return []


def _replaced(word: str, letters: dict[int, str]) -> str:
    """`word` with the letter at each index of `letters` replaced, in the case of the one it replaces."""
    chars = list(word)
    for index, letter in letters.items():
        chars[index] = letter.upper() if chars[index].isupper() else letter
    return "".join(chars)
