"""Suspected transcription errors: each kind on small texts, and the list the seed thesis gives."""

from types import SimpleNamespace

import pytest

from thesis.derived import suspects
from thesis.models import DismissedSuspect, IgnoredWord
from thesis.text import spellcheck

from .conftest import skip_or_fail
from .linearity import growth

pytestmark = pytest.mark.usefixtures("shared_seed")


def found(finder, text):
    return [(text[start:end], suggestions) for _kind, start, end, suggestions, _note in finder(text)]


def test_mixed_script_roman_numeral_gets_both_consistent_forms():
    assert found(suspects.mixed_script, "ХХI ғасырда") == [("ХХI", ["XXI", "ХХІ"])]


def test_mixed_script_word_gets_the_cyrillic_form():
    assert found(suspects.mixed_script, "Қазақстaн") == [("Қазақстaн", ["Қазақстан"])]
    assert found(suspects.mixed_script, "XVI-XVII ғғ. NATO") == []


@pytest.mark.parametrize(
    "text, word, cyrillic",
    [
        ("Əлемдік саясат", "Əлемдік", "Әлемдік"),  # a Latin capital schwa
        ("саясат жəне құқық", "жəне", "және"),  # a Word conversion's small schwa
        ("бiлiм беру", "бiлiм", "білім"),  # Latin i for і
        ("шаhар іші", "шаhар", "шаһар"),  # Latin h for һ
        ("ɵнер", "ɵнер", "өнер"),  # a barred o for ө
        ("Kеңес Oдағы", "Kеңес", "Кеңес"),
        ("Hұрлан", "Hұрлан", "Нұрлан"),  # a capital H stands for Н, a small one for һ
        ("сaясат", "сaясат", "саясат"),
    ],
)
def test_latin_letters_in_a_cyrillic_word_are_suspects_with_the_cyrillic_spelling_first(text, word, cyrillic):
    [(found_word, suggestions)] = found(suspects.mixed_script, text)[:1]
    assert (found_word, suggestions[0]) == (word, cyrillic)


def test_a_small_word_of_roman_numeral_letters_is_no_roman_numeral():
    # Latin i and Cyrillic с: the word іс ("deed"), not the numeral IC (which no rule writes).
    assert found(suspects.mixed_script, "iс-шаралары") == [("iс", ["іс"])]
    assert found(suspects.mixed_script, "ХIХ ғасыр") == [("ХIХ", ["XIX", "ХІХ"])]


def test_a_latin_letter_with_no_cyrillic_look_alike_is_a_suspect_without_a_fix():
    # An upright small m is no м or т: the editor decides.
    assert found(suspects.mixed_script, "сmарт") == [("сmарт", [])]


def test_words_with_a_latin_schwa_are_left_to_the_mixed_script_kind_not_the_spell_check():
    assert [word for *_, word in spellcheck.checkable_words("жəне және Əлем")] == ["және"]


def test_acronyms_are_capitals_among_small_letters_not_a_title_in_capitals():
    title = SimpleNamespace(text="ХАКІМ АБАЙДЫҢ ҒИБРАТЫ (ПУШКИН МЕН АБАЙ ЖӘНЕ РОМАН)")
    prose = SimpleNamespace(text="АҚШ пен Қытай арасындағы келісім\nБҰҰ жиналысы")
    assert suspects.acronyms([title, prose]) == {"АҚШ", "БҰҰ"}


def test_tripled_letters():
    assert found(suspects.tripled_letters, "Ақш-ң аймақққа қатысуы") == [("аймақққа", ["аймаққа", "аймақа"])]
    assert found(suspects.tripled_letters, "Иракты ..........") == []


def test_missing_space_after_a_period():
    text = "түсінік жатыр.Екі биполярлы; Н.Ә.Назарбаев, Ж.Серре, т.б. XVI-XVII ғғ.күнделікті"
    assert found(suspects.missing_spaces, text) == [
        ("жатыр.Екі", ["жатыр. Екі"]),
        ("ғғ.күнделікті", ["ғғ. күнделікті"]),
    ]


def test_doubled_punctuation_but_not_an_ellipsis():
    text = "табылады..Қазақстан, тенденцияларды,, бағыттары. Иракты ..........."
    assert found(suspects.doubled_punctuation, text) == [("..", ["."]), (",,", [","])]


def test_unbalanced_quotes_and_brackets():
    text = "«дипломатия – ғылымы” (Г. Мартене), ал «Бейбітшілік үшін [3] (бір"
    results = [(text[s:e], fixes, note) for _k, s, e, fixes, note in suspects.unbalanced(text)]
    assert results[0][:2] == ("”", ["»"])
    assert {r[0] for r in results[1:]} == {"«", "("}


def test_balanced_text_has_no_suspects():
    assert list(suspects.unbalanced("«Елші» (1604) [9] “сөз”")) == []


def test_cut_abbreviation_but_not_a_date():
    text = "білім, тәжірибе т. сапалар; тарту сияқты т. [4] 1992 ж. 2 наурыз; XVII ғ. француз; т.б. жатады"
    assert found(suspects.cut_abbreviations, text) == [("т.", ["т.б.", "т.с.с."]), ("т.", ["т.б.", "т.с.с."])]


@pytest.fixture
def report(seed_thesis):
    return suspects.find_suspects(seed_thesis)


def _found(report, kind):
    return {s.found: s.suggestions for s in report.by_kind[kind]}


def test_seed_lists_every_kind(report):
    assert _found(report, "mixed_script") == {"ХХI": ["XXI", "ХХІ"]}
    assert _found(report, "tripled").keys() == {"аймақққа", "элементттерінің"}
    assert {"жатыр.Екі", "ғғ.күнделікті", "табылады.Ұзақ"} <= _found(report, "missing_space").keys()
    assert _found(report, "double_punctuation") == {"..": ["."], ",,": [","]}
    assert "”" in _found(report, "unbalanced")
    assert _found(report, "cut") == {"т.": ["т.б.", "т.с.с."]}


def test_seed_misspellings_come_with_the_right_correction(report):
    if report.speller_problem:
        skip_or_fail(report.speller_problem)
    spelling = _found(report, "spelling")
    for wrong, right in {
        "қауіпсіздіздігі": "қауіпсіздігі",
        "ядорлық": "ядролық",
        "Республикасынының": "Республикасының",
        "мдделерін": "мүдделерін",
        "Ирактын": "Ирақтың",
        "аймақққа": "аймаққа",
    }.items():
        assert right in spelling[wrong]


def test_names_are_never_flagged(report):
    flagged = {s.found for kind in ("spelling", "unknown") for s in report.by_kind[kind]}
    assert not flagged & {"Бжезинский", "Збигнев", "Лабрюер", "Назарбаев", "Серре", "Сатоу"}


def test_ignored_words_are_not_flagged(seed_thesis):
    IgnoredWord.objects.create(thesis=seed_thesis, word="Ирактын")
    report = suspects.find_suspects(seed_thesis)
    assert "Ирактын" not in {s.found for s in report.by_kind["spelling"]}


def test_dismissed_suspects_are_left_out_by_passage_kind_text_and_near_context(seed_thesis):
    tripled = suspects.find_suspects(seed_thesis, speller_problem="skip").by_kind["tripled"]
    target = tripled[0]
    key = suspects.dismissal_key(target)
    assert key[3] == target.before[-suspects.DISMISS_CONTEXT :] and len(key[3]) == suspects.DISMISS_CONTEXT
    DismissedSuspect.objects.create(passage_id=key[0], kind=key[1], found=key[2], before=key[3], after=key[4])
    left = suspects.find_suspects(seed_thesis, speller_problem="skip").by_kind["tripled"]
    assert [s.found for s in left] == [s.found for s in tripled[1:]]
    # The same text of the same kind in another passage is another suspect.
    DismissedSuspect.objects.update(passage_id=tripled[1].passage_id)
    assert len(suspects.find_suspects(seed_thesis, speller_problem="skip").by_kind["tripled"]) == len(tripled)


def test_without_a_spell_checker_the_other_kinds_are_still_listed(seed_thesis):
    report = suspects.find_suspects(seed_thesis, speller_problem="no libenchant")
    assert report.speller_problem == "no libenchant"
    assert report.by_kind["spelling"] == [] and report.by_kind["tripled"]


def test_suspect_carries_its_place(seed_thesis):
    report = suspects.find_suspects(seed_thesis, speller_problem="skip")
    suspect = report.by_kind["tripled"][0]
    passage = seed_thesis.passages.get(pk=suspect.passage_id)
    assert passage.text[suspect.start : suspect.end] == suspect.found == "аймақққа"
    assert suspect.passage_version == passage.version and suspect.after.startswith(" қатысуы")


def test_speller_loading_failure_is_handled(monkeypatch, seed_thesis):
    monkeypatch.setattr(spellcheck, "default_speller", lambda: (None, "The spell-checker is unavailable: test"))
    report = suspects.find_suspects(seed_thesis)
    assert report.speller_problem.endswith("test") and report.by_kind["cut"]


def test_curated_spellings_are_accepted(report):
    if report.speller_problem:
        skip_or_fail(report.speller_problem)
    flagged = {s.found for kind in suspects.DICTIONARY_KINDS for s in report.by_kind[kind]}
    # The curated records write Ирактың: Ирак is a stem, and the thesis's Иракты is right.
    assert "Иракты" not in flagged
    fixes = {s.found: s.suggestions for s in report.by_kind["spelling"]}
    assert fixes["Ирактын"][0] == "Ирактың"


def test_curated_words_come_from_what_editors_wrote(seed_thesis):
    words = set(suspects.curated_words(seed_thesis))
    assert {"Ирактың", "Кувейтке", "Лабрюер"} <= words
    # A stated event's description is the text's own sentence, misspellings and all.
    assert "талқыланып" not in words and "күнделікті" not in words


def test_possible_suspects_follow_the_certain_ones_with_confidences(report):
    if report.speller_problem:
        skip_or_fail(report.speller_problem)
    spelling = report.by_kind["spelling"]
    certainty = [s.certain for s in spelling]
    assert certainty == sorted(certainty, reverse=True) and not certainty[-1]
    possible = {s.found: s for s in spelling if not s.certain}
    assert {"тұрақсыздықтық", "ерекшелерін", "көніл", "Республикасың"} <= possible.keys()
    for suspect in spelling:
        assert len(suspect.confidences) == len(suspect.suggestions)
        assert suspect.ranked == list(zip(suspect.suggestions, suspect.confidences, strict=True))
    sure = {s.found: s.confidences[0] for s in spelling if s.certain}
    assert sure["аймақққа"] > 0.8 > 0.2 > sure["қайнаркөзі"]


def test_listed_orders_certain_first_then_place_and_filters(report):
    everything = suspects.listed(report)
    assert len(everything) == report.total
    keys = [(not s.certain, s.passage_order, s.start) for s in everything]
    assert keys == sorted(keys)
    assert {s.kind for s in suspects.listed(report, kind="cut")} == {"cut"}
    assert all(not s.certain for s in suspects.listed(report, certain=False))


def test_cut_letters_are_checked_in_linear_time():
    # Each cut letter once searched all the text before it for a number.
    assert growth(lambda text: list(suspects.cut_abbreviations(text)), "сөз 1991 ж. және т. ") <= 4.5
