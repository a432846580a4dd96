"""Kazakh spell-checking: which words are checked, the inflection model, and the suggestions' ranking."""

import pytest

from thesis.text import spellcheck

from .conftest import skip_or_fail

SEED_MISSPELLINGS = {
    "қауіпсіздіздігі": "қауіпсіздігі",
    "мүмкіндектірінің": "мүмкіндіктерінің",
    "ядорлық": "ядролық",
    "орналысқан": "орналасқан",
    "тәуілсіздік": "тәуелсіздік",
    "Республикасынының": "Республикасының",
    "халытың": "халықтың",
    "бейбйтшілік": "бейбітшілік",
    "Халқаралық": "Халықаралық",
    "табыылады": "табылады",
    "мдделерін": "мүдделерін",
    "элементттерінің": "элементтерінің",
    "аймақққа": "аймаққа",
    "процесстерінде": "процестерінде",
    "институтарды": "институттарды",
    "қсаясатын": "саясатын",
    "Ирактын": "Ирақтың",
}
# Thesis words the Hunspell dictionary rejects on its own, that the inflection model must accept.
SEED_CORRECT = [
    "дипломатияның",
    "дипломатиясы",
    "қауіпсіздікті",
    "қауіпсіздігін",
    "мүдделерін",
    "ядролық",
    "мемлекеттерімен",
    "министрлерінің",
    "аймақтықпен",
    "көшбасшылығына",
    "тереңдету",
    "процестерінде",
    "компромистерге",
    "институттарды",
    "тарихтың",
    "бақыламауы",
    "десек",
    "Ресей",
]


@pytest.fixture(scope="module")
def speller():
    speller, problem = spellcheck.load_speller()
    if speller is None:
        skip_or_fail(f"the Kazakh Hunspell dictionary (Debian hunspell-kk, libenchant-2-2): {problem}")
    return speller


@pytest.mark.parametrize(("wrong", "right"), SEED_MISSPELLINGS.items())
def test_seed_misspellings_are_rejected_with_the_right_correction(speller, wrong, right):
    assert not speller.accepts(wrong)
    assert right in spellcheck.suggestions(wrong, speller, vocabulary={"мүдделерін", "халықтың"})


@pytest.mark.parametrize("word", SEED_CORRECT)
def test_inflected_forms_are_accepted(speller, word):
    assert speller.accepts(word)


def test_the_usual_slips_rank_first(speller):
    assert spellcheck.suggestions("қауіпсіздіздігі", speller)[0] == "қауіпсіздігі"
    assert spellcheck.suggestions("аймақққа", speller)[0] == "аймаққа"
    assert spellcheck.suggestions("Ирактын", speller)[0] == "Ирақтың"


def test_vocabulary_of_the_thesis_lifts_a_candidate(speller):
    assert spellcheck.suggestions("мдделерін", speller, vocabulary={"мүдделерін"})[0] == "мүдделерін"


def test_checkable_words_skip_non_words():
    text = "БҰҰ-ның [12] ХХI ғасыр, т.б. ғғ. Ж.Серре 1992 ж, АҚШ-тың NATO сөздер"
    words = [word for _start, _end, word in spellcheck.checkable_words(text, skip={"серре"})]
    assert words == ["ғасыр", "сөздер"]


def test_checkable_words_give_offsets():
    text = "Бір сөз"
    assert [(s, e, text[s:e]) for s, e, _w in spellcheck.checkable_words(text)] == [(0, 3, "Бір"), (4, 7, "сөз")]


def test_distance_is_cheap_for_layout_slips():
    assert spellcheck.distance("Ирактын", "Ирақтың") < spellcheck.distance("Ирактын", "Трактын")
    assert spellcheck.distance("аймақққа", "аймаққа") < 1


class FakeDictionary:
    """A dictionary of a few words, for tests that must not depend on Hunspell."""

    def __init__(self, words):
        self.words = set(words)

    def check(self, word):
        return word in self.words

    def suggest(self, word):
        return []


def test_speller_works_with_any_dictionary():
    speller = spellcheck.Speller(FakeDictionary({"кітап", "оқу"}), extra=frozenset())
    assert speller.accepts("кітаптар") and speller.accepts("кітабы") and speller.accepts("оқыды")
    assert not speller.accepts("кітапттар")
    assert "кітаптар" in spellcheck.suggestions("кітапттар", speller)


def test_missing_dictionary_is_reported(settings):
    speller, problem = spellcheck.load_speller("xx_NOPE")
    assert speller is None and "xx_NOPE" in problem
