"""Sentence boundaries (thesis/text/sentences.py)."""

import pytest

from thesis.text.sentences import ends_with_initial, leads_a_name, sentence_at, sentence_finder, sentence_spans

from .linearity import growth


def test_initials_and_abbreviations_end_no_sentence():
    text = "Н.Ә. Назарбаев т.б. айтты. Келесі сөйлем"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Н.Ә. Назарбаев т.б. айтты.", "Келесі сөйлем"]


def test_a_word_on_the_line_before_the_period_is_read():
    assert sentence_spans("т.б\n. Сөз") == [(0, 9)]


def test_the_finder_answers_as_sentence_at_does():
    text = "Бір. Екі [1] үш! Төрт"
    finder = sentence_finder(text)
    assert all(finder(position) == sentence_at(text, position) for position in range(len(text) + 1))


@pytest.mark.parametrize("unit", ["А. ", "Сөз т.б. ", "А.Б.", "сөз" * 30 + ". ", "Н.Ә.Назарбаев. "])
def test_many_periods_are_read_in_linear_time(unit):
    # Each period once read the whole text before it to find its word.
    assert growth(sentence_spans, unit) <= 4.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Қасымбаев Ж.", True), ("ұсынған Н.Ә. ", True), ("жұмыс істеді.", False), ("Ж", False), ("т.б.", False)],
)
def test_ends_with_initial(text, expected):
    assert ends_with_initial(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("еңбектерін жазған Б.", True),
        ("зерттеген М.Х. ", True),
        ("Қасымбаев Ж.", False),
        ("Н.Ә.", False),
        ("деді.", False),
    ],
)
def test_leads_a_name(text, expected):
    assert leads_a_name(text) is expected
