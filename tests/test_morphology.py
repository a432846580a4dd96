"""Kazakh word forms: vowel harmony, how suffixes join, and the stems a search strips words to."""

import pytest

from thesis.text import morphology
from thesis.text.morphology import forms, harmony, joins, phrase_forms, stem


def test_harmony_and_joining_rules():
    assert harmony("институт") == "back"
    assert harmony("белдеу") == "front"
    assert harmony("тарих") is None
    assert joins("т", "тар") and not joins("а", "тар")
    assert joins("а", "лар") and not joins("т", "лар")


# Forms the seed text writes, and the stem each is cut to.
SEED_FORMS = {
    "саясатының": "саясат",
    "саясаттың": "саясат",
    "саясаты": "саясат",
    "саясатын": "саясат",
    "саясатында": "саясат",
    "Республикасының": "республика",
    "мемлекеттердің": "мемлекет",
    "дипломатияның": "дипломатия",
    "қауіпсіздігін": "қауіпсіздіг",
    "халықтың": "халық",
}


@pytest.mark.parametrize(("word", "expected"), SEED_FORMS.items())
def test_stem_strips_inflectional_endings(word, expected):
    assert stem(word) == expected


def test_stem_keeps_derivation_and_short_stems():
    assert stem("саясат") == "саясат"
    assert stem("ядролық") == "ядролық", "-лық makes another word: ядро is not what a search for ядролық wants"
    assert stem("елдер") == "елдер", f"ел is shorter than {morphology.MIN_SEARCH_STEM} letters"


def test_forms_spell_a_stem_as_its_word_forms_do():
    assert forms("халық") == ["халық", "халығ"]
    assert forms("қазағ") == ["қазағ", "қазақ"]
    assert forms("процесс") == ["процесс", "процес"]
    assert forms("саясат") == ["саясат"]


def test_phrase_forms_inflect_the_last_word():
    assert phrase_forms("ядролық қаруды") == ["ядролық қару"]
    assert phrase_forms("саясатының") == ["саясат"]
    assert phrase_forms("саясат") == []
    assert phrase_forms("[3]") == []
    assert phrase_forms("qazaqstan") == []


def test_a_loanwords_final_v_takes_the_voiceless_endings():
    assert joins("в", "тың") and joins("в", "ке") and joins("в", "пен")


FAMILY_FORMS = {
    "Марғұланның": "Марғұлан",
    "Әуезовтің": "Әуезов",
    "Назарбаевпен": "Назарбаев",
    "Назарбаевқа": "Назарбаев",
    "Сәтбаевтан": "Сәтбаев",
    "Лебедеваның": "Лебедева",
    "Ахметовадан": "Ахметова",
    "Путиннің": "Путин",
    "Сатоудың": "Сатоу",
    "Серренің": "Серре",
    "Әуезовтерге": "Әуезов",
    "Мұхтардың": "Мұхтар",
    "Кенесарының": "Кенесары",
}


@pytest.mark.parametrize(("written", "nominative"), FAMILY_FORMS.items())
def test_name_stem_strips_case_and_number(written, nominative):
    assert morphology.name_stem(written) == nominative


@pytest.mark.parametrize(
    "name",
    # Whole names that end as an ending would: a stem too short (Гар-ден, Уот-тен, Вуд-тың), a
    # third person's or a first person's possessive (Кенесар-ы, Байтұрсынұл-ы, Әбдікәр-ім).
    ["Гарден", "Уоттен", "Вудтың", "Кенесары", "Байтұрсынұлы", "Әбдікәрім", "Арыстанбекова", "Мартене"],
)
def test_name_stem_keeps_a_whole_name(name):
    assert morphology.name_stem(name) == name
