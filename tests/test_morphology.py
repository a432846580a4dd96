"""Kazakh word forms: vowel harmony, how suffixes join, and the stems a search strips words to."""

import pytest

from thesis.text import morphology
from thesis.text.morphology import forms, harmony, inflected, joins, phrase_forms, stem


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


def known(word: str) -> bool:
    """A lexicon of a few words, standing for the dictionary: кезек is a word, but not a form of кез."""
    return word in {"кез", "зал", "жар", "кезек", "бер"}


@pytest.mark.parametrize(("word", "short"), [("кезде", "кез"), ("кезі", "кез"), ("залда", "зал"), ("жарға", "жар")])
def test_a_short_stem_the_lexicon_knows_is_found(word, short):
    assert morphology.short_stem(word, known) == short


def test_no_short_stem_without_the_lexicon_or_an_ending():
    assert morphology.short_stem("кезде", lambda word: False) is None
    assert morphology.short_stem("кезек", known) is None, "-ек is no inflection"
    assert morphology.short_stem("саясаты", known) is None, "a longer stem is found"
    assert stem("кезде") == "кезде", "the doubled spelling кезз is no four-letter stem"


@pytest.mark.parametrize("word", ["кез", "кезі", "кезде", "кезінде", "кездер", "кездері", "кезге"])
def test_the_forms_of_a_short_stem_inflect_it(word):
    assert morphology.inflects(word, "кез")


@pytest.mark.parametrize("word", ["кезек", "кезең", "кездесу", "кездейсоқ", "өткез", "залал", "жарық", "жарнама"])
def test_words_that_merely_begin_with_a_short_stem_do_not(word):
    assert not morphology.inflects(word, word[:3] if word != "өткез" else "кез")


@pytest.mark.parametrize(
    ("word", "full"),
    [("халқы", "халық"), ("халқының", "халық"), ("орны", "орын"), ("орнына", "орын"), ("аузы", "ауыз")]
    + [("мұрны", "мұрын"), ("ерні", "ерін"), ("ернінің", "ерін")],
)
def test_an_elided_form_reads_as_its_word(word, full):
    assert morphology.unelided(word) == full
    assert morphology.inflects(word, full)
    assert full in phrase_forms(word)


@pytest.mark.parametrize("word", ["балқы", "орнату", "орналасу", "ернек", "интернет", "халықтың", "аузға"])
def test_no_elision_where_the_word_does_not_drop_its_vowel(word):
    assert morphology.unelided(word) is None


def test_elision_is_the_lexicons():
    assert morphology.elided("халық") == "халқ"
    assert morphology.elided("балық") is None, "балығы keeps its ы"
    assert not morphology.inflects("балқы", "балық")


@pytest.mark.parametrize("word", ["Назарбаевпен", "Назарбаевтың", "Назарбаевқа", "Назарбаевты", "Назарбаевта"])
def test_a_surname_with_a_case_ending_is_cut_to_the_surname(word):
    assert stem(word) == "назарбаев"
    assert phrase_forms(word.lower()) == ["назарбаев"]


def test_surnames_keep_their_other_rules():
    assert stem("Тоқаевқа") == "тоқаев"
    assert stem("Әуезовтің") == "әуезов"
    assert stem("Назарбаев") == "назарбаев"


def test_a_hyphenated_compound_inflects_its_last_part():
    assert phrase_forms("қарым-қатынастың") == ["қарым-қатынас"]
    assert phrase_forms("халықаралық қарым-қатынастарды") == ["халықаралық қарым-қатынас"]
    assert phrase_forms("қарым-қатынас") == []
    assert morphology.split_last("ақш-тың") == ("ақш-", "тың")
    assert phrase_forms("ақш-тың") == []


def test_word_forms_are_whole_words_of_short_and_elided_stems():
    kez = morphology.WordForm("", "кез", "кез")
    assert morphology.phrase_word_forms("кезде", known) == [kez]
    assert kez.found_in("сол кезде, ол") and kez.found_in("бұл кез.") and kez.found_in("кезінде")
    assert not kez.found_in("кезек пен кезең") and not kez.found_in("өткезді") and not kez.found_in("кездесу")
    orn = morphology.WordForm("", "орын", "орн")
    assert morphology.phrase_word_forms("орын", known) == [orn]
    assert morphology.phrase_word_forms("орнына", known) == [orn]
    assert orn.found_in("өз орнын алды") and not orn.found_in("орнату")
    phrase = morphology.phrase_word_forms("бір кезде", known)
    assert phrase == [morphology.WordForm("бір ", "кез", "кез")]
    assert phrase[0].found_in("бір кезінде") and not phrase[0].found_in("бір кезекте")
    assert morphology.phrase_word_forms("саясатының", known) == []
    assert morphology.phrase_word_forms("[3]", known) == []


def test_a_case_ending_is_the_allomorph_kazakh_chooses():
    # After a vowel the accusative is -ны, not -ды (бастады is a verb's past); after н the ablative is -нан.
    assert inflected("ел", "ді") and inflected("бала", "ны") and inflected("тау", "ды")
    assert not inflected("баста", "ды") and not inflected("бала", "дың")
    assert inflected("адам", "нан") and not inflected("адам", "дан")
    # The third person's -сы follows a vowel only: жақсы is no form of жақ.
    assert inflected("бала", "сы") and not inflected("жақ", "сы")
