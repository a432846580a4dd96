"""Citation markers and the sentences they close, derived from reading text."""

import pytest

from thesis.text.citations import derive_citations

from .linearity import growth


def test_marker_at_line_start_closes_the_previous_sentence():
    [citation] = derive_citations("Бірінші сөйлем. Екінші сөйлем қажет. [23] Үшінші сөйлем")
    assert citation.number == 23
    assert citation.sentence == "Екінші сөйлем қажет."


def test_marker_without_space_before_the_next_sentence():
    [citation] = derive_citations("Бұл дерек көреді. [5]Екінші топқа кіреді")
    assert citation.sentence == "Бұл дерек көреді."


def test_inline_marker_closes_the_clause_before_it():
    text = "Сыртқы.Сол кезеңде былай сипаттайды: «дипломатия» (Э.Сатоу), [26] «дипломатия - ғылым»"
    [citation] = derive_citations(text)
    assert citation.sentence == "Сол кезеңде былай сипаттайды: «дипломатия» (Э.Сатоу),"


def test_initials_and_abbreviations_do_not_end_a_sentence():
    text = "Н.Ә. Назарбаев т.б. жатады. [3] Келесі"
    [citation] = derive_citations(text)
    assert citation.sentence == "Н.Ә. Назарбаев т.б. жатады."


def test_adjacent_markers_share_their_sentence():
    first, second = derive_citations("Сөйлем бітті. [3][5] Келесі")
    assert (first.number, second.number) == (3, 5)
    assert first.sentence == second.sentence == "Сөйлем бітті."


def test_offsets_point_into_the_text():
    text = "Алғы сөз. Дәлел осында. [9] Соңы"
    [citation] = derive_citations(text)
    assert text[citation.marker_start : citation.marker_end] == "[9]"
    assert text[citation.sentence_start : citation.sentence_end] == citation.sentence


def test_marker_at_the_very_start_has_an_empty_sentence():
    [citation] = derive_citations("[4] Мәтін")
    assert citation.sentence == ""


@pytest.mark.parametrize("unit", ["Сөз [12] ", "[7] ", "Бұл т.б. сөз [3]. "])
def test_deriving_many_markers_reads_the_text_a_bounded_number_of_times(unit):
    # Each marker once looked for its sentence among all the text's sentences, and stripped every
    # marker of its run before it: four times the markers took sixteen times the reading.
    assert growth(derive_citations, unit) <= 4.5
