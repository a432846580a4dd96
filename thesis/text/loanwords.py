"""Loanwords through Russian: whether a stem the Kazakh dictionary lacks is a Russian word, as Kazakh spells it.

Kazakh writes the loanwords of science and politics as Russian does (эпицентр, телекоммуникация,
консул) and adds its own endings, which the inflection model strips; what is left is a stem that
Debian's hunspell-ru knows, or one of the forms Kazakh makes of a Russian word: -ика and -ия take
-лық where Russian has -ический (стохастикалық, дипломатиялық), -изм and -ист likewise, an adjective's
-альный or -ивный becomes -ал, -ив before -ды, -ті (глобалды, агрессивті), a word ending in two
consonants may take і or ы before a possessive ending (субъектісі), and a prefix of Greek or Latin
origin goes before any of them (полиэтникалық, постсоветтік).

A Russian word that Kazakh spells with its own letters is no loanword but a slip of a Russian
keyboard: "казак" is a Russian word, and the Kazakh "қазақ" typed without the Kazakh layout, so a
stem is refused when one of its look-alike spellings (к as қ, н as ң, у as ү or ұ, о as ө, а as ә,
и as і, г as ғ, х as һ) is a Kazakh word.
"""

import re

RUSSIAN_LANGUAGE = "ru_RU"
# Shorter stems are too often a Kazakh word's first letters to be read as Russian.
MIN_LOAN_STEM = 4
RUSSIAN_ONLY_RE = re.compile(r"[а-яё]+")
# A Kazakh form's ending and the Russian endings that may stand for it.
RUSSIAN_ENDINGS = (
    ("ика", ("ический", "ичный")),
    ("ия", ("ический", "ийный")),
    ("изм", ("ический", "ичный", "ьный", "ный")),
    ("ист", ("ический", "ичный", "ьный", "ный")),
    ("ал", ("альный",)),
    ("ив", ("ивный",)),
)
# Greek and Latin prefixes and combining forms that Russian and Kazakh terms put before a word (агроөндіріс).
LOAN_PREFIXES = (
    "авиа",
    "авто",
    "агро",
    "анти",
    "био",
    "гео",
    "гидро",
    "интер",
    "квази",
    "контр",
    "макро",
    "мега",
    "микро",
    "моно",
    "мульти",
    "нео",
    "поли",
    "пост",
    "псевдо",
    "супер",
    "теле",
    "транс",
    "ультра",
    "электро",
    "этно",
)
EPENTHETIC_RE = re.compile(r"[бвгжзйклмнпрсфхцчшщ][ткд][ыі]$")
# The Kazakh letters a Russian keyboard types as their Russian look-alikes.
RUSSIAN_KEYBOARD = {"к": "қ", "н": "ң", "у": "үұ", "о": "ө", "а": "ә", "и": "і", "г": "ғ", "х": "һ"}
KEYBOARD_SLIPS = 2
# Russian case endings: Russian Hunspell knows "массе", but a Kazakh stem is a Russian word's nominative.
OBLIQUE_ENDINGS = ("е", "у", "ю", "ы", "ом", "ем", "ой", "ей", "ам", "ям", "ах", "ях", "ами", "ями")


def load_russian(language: str = RUSSIAN_LANGUAGE):
    """The Russian dictionary (check), or None when pyenchant or hunspell-ru is missing: then no stem is a loanword."""
    try:
        import enchant
    except ImportError:  # pyenchant raises ImportError when the C library is missing
        return None
    try:
        return enchant.Dict(language) if enchant.dict_exists(language) else None
    except enchant.errors.Error:
        return None


def is_loanword(stem: str, russian, kazakh_knows) -> bool:
    """Whether `stem` is a Russian word as Kazakh spells it, and not a Kazakh word typed on a Russian
    keyboard (`kazakh_knows` tells a Kazakh word)."""
    lower = stem.lower()
    if russian is None or len(lower) < MIN_LOAN_STEM:
        return False
    if EPENTHETIC_RE.search(lower):
        lower = lower[:-1]  # субъекті(сі): the vowel Kazakh puts after two consonants
    if not RUSSIAN_ONLY_RE.fullmatch(lower) or lower.endswith(OBLIQUE_ENDINGS):
        return False
    slips = keyboard_slips(lower)
    return _russian(lower, russian) and not any(kazakh_knows(slip) or kazakh_knows(slip.capitalize()) for slip in slips)


def _russian(lower: str, russian) -> bool:
    if any(_checks(form, russian) for form in russian_forms(lower)):
        return True
    return any(
        _russian(lower[len(prefix) :], russian)
        for prefix in LOAN_PREFIXES
        if lower.startswith(prefix) and len(lower) - len(prefix) >= MIN_LOAN_STEM
    )


def russian_forms(lower: str) -> list[str]:
    """The Russian words a Kazakh stem may stand for: itself, and its ending as Russian writes it."""
    forms = [lower]
    for ending, replacements in RUSSIAN_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_LOAN_STEM - 1:
            base = lower[: -len(ending)]
            forms += [base + replacement for replacement in replacements]
    return forms


def _checks(word: str, russian) -> bool:
    return bool(russian.check(word) or russian.check(word.capitalize()))


def keyboard_slips(lower: str, limit: int = KEYBOARD_SLIPS) -> set[str]:
    """The word with up to `limit` of its letters read as the Kazakh letters a Russian keyboard lacks."""
    found, frontier = set(), {lower}
    for _ in range(limit):
        frontier = {
            word[:index] + kazakh + word[index + 1 :]
            for word in frontier
            for index, letter in enumerate(word)
            for kazakh in RUSSIAN_KEYBOARD.get(letter, "")
        } - found
        found |= frontier
    return found
