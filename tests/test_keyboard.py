"""Kazakh typed on a Russian keyboard, read back with the lexicon: the pure rule, then the real dictionary."""

import pytest

from thesis.text import keyboard, spellcheck
from thesis.text.keyboard import keyboard_readings, word_readings

from .conftest import skip_or_fail

WORDS = {"Қазақстан", "қазақстан", "келіссөздер", "күш", "кеш", "саясат", "ұлт", "үлт"}


def known(word: str) -> bool:
    return word in WORDS


def test_a_word_typed_without_kazakh_letters_reads_as_the_word():
    assert keyboard_readings("Казакстан", known) == ["Қазақстан"]
    assert keyboard_readings("келиссоздер", known) == ["келіссөздер"]
    assert keyboard_readings("куш саясат", known) == ["күш саясат"], "a known word is kept"


def test_fewest_changes_first_and_every_reading_the_lexicon_knows():
    assert word_readings("улт", known) == ["ұлт", "үлт"]
    assert keyboard_readings("кеш", known) == [], "known as typed: no reading is looked for"


def test_no_reading_when_nothing_changes_into_a_known_word():
    assert keyboard_readings("саясат", known) == []
    assert keyboard_readings("xyz", known) == []
    assert keyboard_readings("абвгд", known) == []
    assert keyboard_readings("", known) == []


def test_the_search_is_bounded():
    asked = []

    def counting(word):
        asked.append(word)
        return False

    word_readings("аааааааааааааааааааакккккккккккк", counting)
    assert len(asked) <= keyboard.MAX_TRIED


@pytest.fixture(scope="module")
def lexicon():
    speller, problem = spellcheck.default_speller()
    if speller is None:
        skip_or_fail(f"the Kazakh Hunspell dictionary (Debian hunspell-kk, libenchant-2-2): {problem}")
    return speller.knows


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Казакстан", "Қазақстан"),
        ("келиссоздер", "келіссөздер"),
        ("Казакстан Республикасынын", "Қазақстан Республикасының"),
        ("мемлекеттик тауелсиздик", "мемлекеттік тәуелсіздік"),
    ],
)
def test_the_dictionary_reads_russian_keyboard_spellings(lexicon, typed, read):
    assert keyboard_readings(typed, lexicon)[0] == read


def test_the_dictionary_offers_nothing_for_a_word_it_knows(lexicon):
    assert keyboard_readings("Қазақстан", lexicon) == []
    assert keyboard_readings("саясат", lexicon) == []
