"""Kazakh Cyrillic written in the Kazakh Latin alphabet of 2021, letter by letter, keeping case.

The 2021 alphabet writes И and Й alike as İ/i and keeps the dotless ı for І; У is U, Ұ is Ū,
Ү is Ü, and both Х and Һ are H. The letters it leaves out, which Kazakh uses only in Russian
words and names, are written as follows (our choice; the alphabet does not spell them out):

    Ц → Ts    Ч → Ch    Щ → Şş (a long ш)    Э → E    Ъ, Ь → dropped
    Ё → İo    Ю → İu    Я → İa (the glide is Й, so it is written as Й is)

A capital that becomes two letters is written "Ts" inside a capitalised word and "TS" inside
an all-capital one. Roman numerals typed with Cyrillic look-alikes ("ХХI ғасыр") are written
with Latin letters ("XXI ğasyr") rather than transliterated ("HHI").

Offsets into a Cyrillic text are carried over with `latin_offsets`: each Cyrillic character
becomes zero, one or two Latin ones, whatever its neighbours.
"""

import re
from functools import lru_cache
from itertools import accumulate

from .dates import ROMAN_CHARS, ROMAN_LOOKALIKES, roman_to_int

LATIN_2021 = {
    "А": "A", "а": "a",
    "Ә": "Ä", "ә": "ä",
    "Б": "B", "б": "b",
    "В": "V", "в": "v",
    "Г": "G", "г": "g",
    "Ғ": "Ğ", "ғ": "ğ",
    "Д": "D", "д": "d",
    "Е": "E", "е": "e",
    "Ё": "İo", "ё": "io",
    "Ж": "J", "ж": "j",
    "З": "Z", "з": "z",
    "И": "İ", "и": "i",
    "Й": "İ", "й": "i",
    "К": "K", "к": "k",
    "Қ": "Q", "қ": "q",
    "Л": "L", "л": "l",
    "М": "M", "м": "m",
    "Н": "N", "н": "n",
    "Ң": "Ñ", "ң": "ñ",
    "О": "O", "о": "o",
    "Ө": "Ö", "ө": "ö",
    "П": "P", "п": "p",
    "Р": "R", "р": "r",
    "С": "S", "с": "s",
    "Т": "T", "т": "t",
    "У": "U", "у": "u",
    "Ұ": "Ū", "ұ": "ū",
    "Ү": "Ü", "ү": "ü",
    "Ф": "F", "ф": "f",
    "Х": "H", "х": "h",
    "Һ": "H", "һ": "h",
    "Ц": "Ts", "ц": "ts",
    "Ч": "Ch", "ч": "ch",
    "Ш": "Ş", "ш": "ş",
    "Щ": "Şş", "щ": "şş",
    "Ъ": "", "ъ": "",
    "Ы": "Y", "ы": "y",
    "І": "I", "і": "ı",
    "Ь": "", "ь": "",
    "Э": "E", "э": "e",
    "Ю": "İu", "ю": "iu",
    "Я": "İa", "я": "ia",
}  # fmt: skip

# A word: a run of letters of any script.
WORD_RE = re.compile(r"[^\W\d_]+")
# A run of Roman-numeral letters standing alone; whether it is a numeral is checked after.
ROMAN_TOKEN_RE = re.compile(rf"(?<![^\W\d_])[{ROMAN_CHARS}]{{2,}}(?![^\W\d_])")


# The codes a request names a script by (ISO 15924, lower case): Cyrillic as stored, or the Latin of 2021.
CYRILLIC = "cyrl"
LATIN = "latn"
SCRIPTS = (CYRILLIC, LATIN)


def in_script(text: str, script: str) -> str:
    """The text in the script named by its code."""
    return to_latin(text) if script == LATIN and text else text


def to_latin(text: str) -> str:
    """`text` with its Kazakh (and Russian) Cyrillic letters in the 2021 Kazakh Latin alphabet."""
    return "".join(_latin_pieces(text))


def latin_offsets(text: str) -> list[int]:
    """Where each offset into `text` falls in `to_latin(text)`; one more entry than characters."""
    return [0, *accumulate(len(piece) for piece in _latin_pieces(text))]


@lru_cache(maxsize=128)
def _latin_pieces(text: str) -> tuple[str, ...]:
    """The Latin for each character of `text`, in order."""
    numerals = _roman_numeral_letters(text)
    return tuple(_piece(text, index, numerals) for index in range(len(text)))


def _piece(text: str, index: int, numerals: dict[int, str]) -> str:
    char = text[index]
    if char not in LATIN_2021:
        return char
    if index in numerals:
        return numerals[index]
    latin = LATIN_2021[char]
    if len(latin) > 1 and char.isupper() and _in_capitals(text, index):
        return latin.upper()
    return latin


def _in_capitals(text: str, index: int) -> bool:
    """Whether the capital at `index` belongs to a word written in capitals."""
    following = text[index + 1 : index + 2]
    if following.isalpha():
        return following.isupper()
    preceding = text[index - 1 : index]
    return preceding.isalpha() and preceding.isupper()


def _roman_numeral_letters(text: str) -> dict[int, str]:
    """The Latin letter for each Cyrillic look-alike inside a Roman numeral such as "ХХI" or "ХІХ"."""
    letters = {}
    for match in ROMAN_TOKEN_RE.finditer(text):
        if _is_typed_numeral(match.group()):
            for offset, char in enumerate(match.group()):
                letters[match.start() + offset] = char.translate(ROMAN_LOOKALIKES)
    return letters


def _is_typed_numeral(token: str) -> bool:
    # Without an Х or a Latin letter beside them, С, І and М more likely spell a word ("МС").
    if "Х" not in token and not any(char.isascii() for char in token):
        return False
    try:
        roman_to_int(token)
    except ValueError:
        return False
    return True


# --- back from the 2021 Latin to Cyrillic ------------------------------------------------------------

# Each small Latin letter or pair and the Cyrillic it may stand for, with what choosing it costs:
# the table read backwards, and a few spellings typed without the 2021 letters (ya, sh, zh).
# Every piece read costs PIECE_COST more, so a pair is read as one letter (ia → я, not иа) unless
# its cost says the two letters are likelier (ts is тс in айтса more often than ц).
CYRILLIC_2021 = {
    "a": (("а", 0),), "ä": (("ә", 0),), "b": (("б", 0),), "v": (("в", 0),), "g": (("г", 0),),
    "ğ": (("ғ", 0),), "d": (("д", 0),), "e": (("е", 0), ("э", 3)), "j": (("ж", 0),), "z": (("з", 0),),
    "i": (("и", 0), ("й", 2)), "k": (("к", 0),), "q": (("қ", 0),), "l": (("л", 0),), "m": (("м", 0),),
    "n": (("н", 0),), "ñ": (("ң", 0),), "o": (("о", 0),), "ö": (("ө", 0),), "p": (("п", 0),),
    "r": (("р", 0),), "s": (("с", 0),), "t": (("т", 0),), "u": (("у", 0),), "ū": (("ұ", 0),),
    "ü": (("ү", 0),), "ə": (("ә", 0),), "f": (("ф", 0),), "h": (("х", 0), ("һ", 3)), "ş": (("ш", 0),), "y": (("ы", 0),),
    "ı": (("і", 0), ("и", 4)),
    "ts": (("ц", 8),), "ch": (("ч", 0),), "şş": (("щ", 0),), "io": (("ё", 12),), "iu": (("ю", 0),),
    "ia": (("я", 0),), "ya": (("я", 5),), "yu": (("ю", 5),), "yo": (("ё", 5),), "sh": (("ш", 5),),
    "zh": (("ж", 5),),
}  # fmt: skip
PIECE_COST = 10
LONGEST_LATIN = max(len(latin) for latin in CYRILLIC_2021)
READING_LIMIT = 4
CYRILLIC_VOWELS = frozenset("аәеёиоөұүыіэюяу")
# Lower case as the 2021 alphabet pairs its letters: İ/i and I/ı, which str.lower would merge.
LATIN_LOWER = {"İ": "i", "I": "ı"}


def to_cyrillic(text: str) -> str:
    """The likeliest Cyrillic for `text` written in the 2021 Kazakh Latin alphabet, keeping case."""
    return cyrillic_readings(text, 1)[0]


def cyrillic_readings(text: str, limit: int = READING_LIMIT) -> list[str]:
    """The Cyrillic `text` in the 2021 Latin alphabet may stand for, likeliest first.

    The alphabet writes some letters alike (И and Й as İ, Х and Һ as H, Е and Э as E) and drops
    Ъ and Ь, so a Latin word has several readings; й is likelier than и after a vowel.
    Characters outside the table (digits, punctuation, Cyrillic) are kept as they are."""
    lower = "".join(LATIN_LOWER.get(char) or char.lower()[:1] for char in text)
    # The cheapest readings of each prefix of the text, as (cost, Cyrillic).
    readings: list[list[tuple[int, str]]] = [[] for _ in range(len(text) + 1)]
    readings[0] = [(0, "")]
    for start in range(len(text)):
        readings[start] = sorted(set(readings[start]))[:limit]
        for cost, written in readings[start]:
            for end, cyrillic, step in _pieces_at(text, lower, start, written):
                readings[end].append((cost + step, written + cyrillic))
    return [cyrillic for _cost, cyrillic in sorted(set(readings[-1]))[:limit]]


def _pieces_at(text: str, lower: str, start: int, written: str):
    """(end, Cyrillic, cost) for every table entry that `text` spells at `start`, or the character itself."""
    found = False
    for end in range(start + 1, min(start + LONGEST_LATIN, len(text)) + 1):
        for cyrillic, cost in CYRILLIC_2021.get(lower[start:end], ()):
            found = True
            cost = _in_context(lower[start:end], cyrillic, cost, written)
            yield end, cyrillic.upper() if text[start].isupper() else cyrillic, cost + PIECE_COST
    if not found:
        yield start + 1, text[start], PIECE_COST


def _in_context(latin: str, cyrillic: str, cost: int, written: str) -> int:
    """What reading `latin` as `cyrillic` costs after the Cyrillic `written` so far."""
    before = written[-1:].lower()
    if latin == "i" and before and before in CYRILLIC_VOWELS:
        return 2 - cost  # бай, тәуелсіздік: after a vowel, İ is the glide й
    if latin in ("ia", "iu", "io") and before.isalpha() and before not in CYRILLIC_VOWELS:
        return cost + 12  # инициатива, социал: after a consonant, ia is и and а; я follows a vowel
    if cyrillic in "эЭ" and not before.isalpha():
        return 1  # экономика, элемент: Э begins the loanwords that have it
    return cost
