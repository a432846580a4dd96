"""The alphabet: 42 letters, vowel classes that harmony can rely on, and look-alikes that map both ways."""

import pytest

from thesis.text import alphabet


def test_the_kazakh_alphabet_has_its_42_letters_once_each():
    assert len(alphabet.KAZAKH_LETTERS) == len(set(alphabet.KAZAKH_LETTERS)) == 42
    assert set("әғқңөұүһі") <= set(alphabet.KAZAKH_LETTERS)


def test_back_and_front_vowels_are_apart_and_и_у_belong_to_neither():
    assert not alphabet.BACK_VOWELS & alphabet.FRONT_VOWELS
    assert {"и", "у"} <= alphabet.VOWELS and not {"и", "у"} & (alphabet.BACK_VOWELS | alphabet.FRONT_VOWELS)
    assert set(alphabet.KAZAKH_LETTERS) >= alphabet.VOWELS


def test_look_alikes_turn_a_mixed_word_into_cyrillic():
    assert "XXI ғасыр".translate(alphabet.LATIN_TO_CYRILLIC) == "ХХІ ғасыр"
    assert "ХХІ".translate(alphabet.CYRILLIC_TO_LATIN) == "XXI"
    assert alphabet.LATIN_RE.search("сaясат") and alphabet.CYRILLIC_RE.search("сaясат")


def test_each_latin_look_alike_stands_for_one_cyrillic_letter():
    latin, cyrillic = alphabet.LOOKALIKE_LATIN, alphabet.LOOKALIKE_CYRILLIC
    assert len(latin) == len(cyrillic) == len(set(latin))
    assert all(alphabet.LATIN_RE.match(char) for char in latin)
    assert all(alphabet.CYRILLIC_RE.match(char) for char in cyrillic)
    assert "жəне Əлем бiлiм шаhар ɵнер".translate(alphabet.LATIN_IN_CYRILLIC) == "және Әлем білім шаһар өнер"


def test_the_schwa_of_fonts_without_kazakh_letters_is_a_latin_letter():
    assert alphabet.LATIN_RE.search("жəне") and alphabet.LATIN_RE.search("ƟЗЕН")
    assert not alphabet.LATIN_RE.search("және өзен")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("мəселе", "мәселе"),  # the schwa, U+0259
        ("Мəселесі", "Мәселесі"),
        ("бiлiм", "білім"),  # Latin i for і
        ("шаhар", "шаһар"),  # Latin h for һ
        ("сaясат", "саясат"),  # a look-alike inside a Cyrillic word
        ("ҚАЗAҚСТAН", "ҚАЗАҚСТАН"),
        ("Əлемдік", "Әлемдік"),  # a capital schwa, U+018F
        ("Kеңес", "Кеңес"),
    ],
)
def test_latin_letters_inside_a_cyrillic_word_read_as_kazakh(typed, read):
    assert alphabet.cyrillic_lookalikes(typed) == read


def test_latin_words_beside_cyrillic_ones_stay_latin():
    text = "Hague, Bank: мəселе"
    assert len(alphabet.cyrillic_lookalikes(text)) == len(text)
    assert alphabet.cyrillic_lookalikes("NATO мен һ") == "NATO мен һ"
    assert alphabet.cyrillic_lookalikes("high school") == "high school"
    assert alphabet.cyrillic_lookalikes("NATO-ның") == "NATO-ның"
