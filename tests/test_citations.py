"""Citation markers, what each cites, and the sentences they close, derived from reading text."""

import pytest

from thesis.text.citations import derive_citations, read_marker
from thesis.text.markers import MAX_SOURCE_RANGE

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


def cited(bracket: str) -> list[tuple[int, str | None]] | None:
    items = read_marker(bracket)
    return None if items is None else [(item.number, item.locator) for item in items]


@pytest.mark.parametrize(
    ("bracket", "expected"),
    [
        ("[1]", [(1, None)]),
        ("[1, 25 б.]", [(1, "25 б.")]),
        ("[1, с. 25]", [(1, "с. 25")]),
        ("[1, 25-б.]", [(1, "25-б.")]),
        ("[1, Б. 25]", [(1, "Б. 25")]),
        ("[2, 45 p.]", [(2, "45 p.")]),
        ("[12, стр. 5]", [(12, "стр. 5")]),
        ("[5, т. 2, 45 б.]", [(5, "т. 2, 45 б.")]),
        ("[1, 185–231 бб.]", [(1, "185–231 бб.")]),
        # A comma and a range of pages, with no abbreviation, is a locator in the GOST habit.
        ("[3,185-231]", [(3, "185-231")]),
        ("[1, 4-6]", [(1, "4-6")]),
        # A comma and a bare number is another source; a semicolon always starts one.
        ("[1, 4]", [(1, None), (4, None)]),
        ("[1; 4]", [(1, None), (4, None)]),
        ("[1; 4-6]", [(1, None), (4, None), (5, None), (6, None)]),
        ("[1-3]", [(1, None), (2, None), (3, None)]),
        ("[1–3, 7]", [(1, None), (2, None), (3, None), (7, None)]),
        ("[1, 25 б.; 4, с. 12]", [(1, "25 б."), (4, "с. 12")]),
        # A source named again is cited again only at another page.
        ("[1-3; 2]", [(1, None), (2, None), (3, None)]),
        ("[1, 25 б.; 1, 30 б.]", [(1, "25 б."), (1, "30 б.")]),
        ("[ 3 ]", [(3, None)]),
        # A bare number is a source's, whatever its size: a year cannot be told from it without the list.
        ("[1998]", [(1998, None)]),
    ],
)
def test_a_marker_is_read_into_its_sources_and_locators(bracket, expected):
    assert cited(bracket) == expected


@pytest.mark.parametrize(
    "bracket",
    ["[sic]", "[...]", "[…]", "[Аударма]", "[1998 ж.]", "[]", "[1,]", "[1 2]", "[1, 25 сурет]", "[5-2]", "[1, б.]"],
)
def test_other_brackets_are_no_markers(bracket):
    assert read_marker(bracket) is None
    assert derive_citations(f"Сөйлем {bracket} бітті. Келесі") == []


def test_a_range_of_too_many_sources_is_no_marker():
    assert cited(f"[1-{MAX_SOURCE_RANGE}]") is not None
    assert read_marker(f"[1-{MAX_SOURCE_RANGE + 1}]") is None
    assert read_marker("[1-999999]") is None


def test_the_locator_is_where_the_marker_prints_it():
    bracket = "[1, 25 б.; 4, с. 12]"
    assert [bracket[i.locator_start : i.locator_end] for i in read_marker(bracket)] == ["25 б.", "с. 12"]


def test_a_marker_of_many_sources_gives_a_citation_of_each_over_one_marker():
    text = "Алғы сөз. Дәлел осында [1, 25 б.; 4]. Соңы"
    first, second = derive_citations(text)
    assert (first.number, first.locator, second.number, second.locator) == (1, "25 б.", 4, None)
    assert text[first.marker_start : first.marker_end] == "[1, 25 б.; 4]"
    assert (first.marker_start, first.marker_end) == (second.marker_start, second.marker_end)
    assert first.sentence == second.sentence == "Дәлел осында"


def test_a_period_inside_a_marker_ends_no_sentence():
    [citation] = derive_citations("Алғы сөз. Дерек бар. [5, т. 2, стр. 45] Келесі сөйлем")
    assert citation.sentence == "Дерек бар."
    assert citation.locator == "т. 2, стр. 45"


def test_markers_with_locators_share_their_sentence():
    first, second = derive_citations("Сөйлем бітті. [3, с. 4] [5, 6 б.] Келесі")
    assert first.sentence == second.sentence == "Сөйлем бітті."
    assert (first.locator, second.locator) == ("с. 4", "6 б.")


def test_slashes_cite_a_source_and_its_page_after_a_comma():
    first, second = derive_citations("Бұл әр түрлі бағаланады /1, 414/. Ол жерді бөлді /2/.")
    assert (first.number, first.locator, first.sentence) == (1, "414", "Бұл әр түрлі бағаланады")
    assert (second.number, second.locator, second.sentence) == (2, None, "Ол жерді бөлді")


def test_slashes_separate_sources_by_semicolons():
    assert [(item.number, item.locator) for item in read_marker("/2, с. 45; 7/")] == [(2, "с. 45"), (7, None)]
    assert [item.number for item in read_marker("/1-3/")] == [1, 2, 3]


@pytest.mark.parametrize(
    "text",
    [
        "Құжат 12/05/2001 күні қол қойылды.",
        "Сайт: http://tarih.kz/5/ бетінде.",
        "Үлесі 1/2/ бөлігі.",
        "Ол /бірінші/ болды.",
    ],
)
def test_slashes_in_dates_paths_and_words_are_no_markers(text):
    assert derive_citations(text) == []


def test_a_run_of_slash_markers_after_a_period_closes_the_sentence_before_it():
    first, second = derive_citations("Жер тарылды. /5/ /6/ Келесі сөйлем.")
    assert first.sentence == second.sentence == "Жер тарылды."
