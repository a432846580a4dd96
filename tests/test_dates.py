"""The date rules, without a database: years, partial dates, their order, centuries, Roman numerals, printed dates."""

import pytest

from thesis.text.dates import (
    DateError,
    PartialDate,
    centuries,
    century_of,
    century_years,
    ends_before_start,
    find_dates,
    int_to_roman,
    iso_date,
    iso_year,
    roman_to_int,
    validate_partial_date,
    validate_year,
    year_exists,
    years_before,
)


@pytest.mark.parametrize(
    "numeral, value",
    [("XVII", 17), ("XVI", 16), ("ХХI", 21), ("ХХІ", 21), ("XIX", 19), ("IV", 4), ("МСМХС", 1990)],
)
def test_roman_numerals_accept_cyrillic_lookalikes(numeral, value):
    assert roman_to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["", "IIII", "ABC", "VX", "ҚХ"])
def test_malformed_roman_numerals_are_refused(numeral):
    with pytest.raises(ValueError):
        roman_to_int(numeral)


@pytest.mark.parametrize(
    "number, numeral", [(1, "I"), (4, "IV"), (9, "IX"), (17, "XVII"), (21, "XXI"), (1990, "MCMXC")]
)
def test_numbers_are_written_in_roman_numerals(number, numeral):
    assert int_to_roman(number) == numeral


def test_roman_numerals_read_back_what_they_write():
    assert all(roman_to_int(int_to_roman(number)) == number for number in range(1, 4000))


@pytest.mark.parametrize("number", [0, -3])
def test_no_roman_numeral_for_zero_or_less(number):
    with pytest.raises(DateError) as refused:
        int_to_roman(number)
    assert refused.value.code == "roman"


def test_malformed_roman_numerals_carry_a_code():
    with pytest.raises(DateError) as refused:
        roman_to_int("IIII")
    assert refused.value.code == "roman"


def test_centuries_are_inclusive_year_ranges():
    assert century_years(17) == (1601, 1700)
    assert century_years(1) == (1, 100)
    assert century_years(21) == (2001, 2100)
    assert century_years(-1) == (-100, -1)
    assert century_years(-5) == (-500, -401)


def test_there_is_no_century_0():
    with pytest.raises(DateError, match="no century 0") as refused:
        century_years(0)
    assert refused.value.code == "century"


@pytest.mark.parametrize(
    "year, century", [(1601, 17), (1700, 17), (1701, 18), (1, 1), (100, 1), (-1, -1), (-100, -1), (-101, -2)]
)
def test_the_century_of_a_year(year, century):
    assert century_of(year) == century
    first, last = century_years(century)
    assert first <= year <= last


def test_centuries_between_two_years_skip_the_century_that_does_not_exist():
    assert centuries(1650, 1810) == [17, 18, 19]
    assert centuries(-150, 120) == [-2, -1, 1, 2]
    assert centuries(1992, 1992) == [20]


def test_there_is_no_year_0():
    assert not year_exists(0) and year_exists(-1) and year_exists(1)
    with pytest.raises(DateError, match="no year 0") as refused:
        validate_year(0)
    assert refused.value.code == "year"
    validate_year(-1)
    validate_year(1)


@pytest.mark.parametrize(
    "start, end, wrong_way_round",
    [
        (PartialDate(1992), PartialDate(1991), True),
        (PartialDate(1992), PartialDate(1992), False),
        (PartialDate(1992, 3, 2), PartialDate(1992, 3, 1), True),
        (PartialDate(1992, 3), PartialDate(1992, 3, 1), False),
        (PartialDate(1992, 3, 1), PartialDate(1992), True),
        (PartialDate(-44), PartialDate(1), False),
    ],
)
def test_the_end_is_not_before_the_start(start, end, wrong_way_round):
    assert ends_before_start(start, end) is wrong_way_round


@pytest.mark.parametrize(
    "text, display, start, end, precision",
    [
        ("ал сол кезде XVII ғ. француз", "XVII ғ.", PartialDate(1601), PartialDate(1700), "century"),
        ("Дипломатия XVI-XVII ғғ.күнделікті", "XVI-XVII ғғ.", PartialDate(1501), PartialDate(1700), "century"),
        ("XVI–XVII ғасырларда", "XVI–XVII ғасырларда", PartialDate(1501), PartialDate(1700), "century"),
        ("аренада ХХI ғасырда әлем", "ХХI ғасырда", PartialDate(2001), PartialDate(2100), "century"),
        ("1992 ж 2 наурызда БҰҰ-на", "1992 ж 2 наурызда", PartialDate(1992, 3, 2), PartialDate(1992, 3, 2), "day"),
        ("таратпау туралы (1992ж), ядролық", "1992ж", PartialDate(1992), PartialDate(1992), "year"),
        ("сапары 1993 жылы болды", "1993 жылы", PartialDate(1993), PartialDate(1993), "year"),
        ("1991-1996 жж. аралығында", "1991-1996 жж.", PartialDate(1991), PartialDate(1996), "range"),
        ("б.з.д. V ғ. гректер", "б.з.д. V ғ.", PartialDate(-500), PartialDate(-401), "century"),
        ("б.з.д. 334 ж. Александр", "б.з.д. 334 ж.", PartialDate(-334), PartialDate(-334), "year"),
        ("1990 жылдары өзгерді", "1990 жылдары", PartialDate(1990), PartialDate(1999), "decade"),
    ],
)
def test_dates_printed_in_text(text, display, start, end, precision):
    [mention] = find_dates(text)
    assert (mention.display, mention.begin, mention.finish, mention.precision) == (display, start, end, precision)
    assert text[mention.start : mention.end] == display


def test_numbers_that_are_not_dates_are_ignored():
    assert find_dates("47 сессиясында 130 мемлекеттерімен 15 одақтас") == []


def test_impossible_day_is_not_a_date():
    assert [m.precision for m in find_dates("1993 ж 30 ақпанда")] == ["year"]


@pytest.mark.parametrize(
    "year, month, day, message",
    [
        (None, None, None, "year is required"),
        (0, None, None, "no year 0"),
        (1992, 13, None, "month must be 1 to 12"),
        (1992, None, 5, "a day needs a month"),
        (1993, 2, 29, "day must be 1 to 28"),
        (1992, 4, 31, "day must be 1 to 30"),
    ],
)
def test_invalid_partial_dates(year, month, day, message):
    with pytest.raises(ValueError, match=message):
        validate_partial_date(year, month, day)


@pytest.mark.parametrize(
    "year, month, day, code, params",
    [
        (None, None, None, "year", {}),
        (0, 1, 1, "year", {}),
        (1992, 13, None, "month", {}),
        (1992, None, 5, "day_without_month", {}),
        (1993, 2, 29, "day", {"days": 28}),
        (1992, 2, 30, "day", {"days": 29}),
        (1992, 4, 31, "day", {"days": 30}),
    ],
)
def test_invalid_partial_dates_carry_a_code(year, month, day, code, params):
    # Callers map the code, never the message: rewording a message cannot change what they show.
    with pytest.raises(DateError) as refused:
        validate_partial_date(year, month, day)
    assert (refused.value.code, refused.value.params) == (code, params)


def test_valid_partial_dates():
    validate_partial_date(1992, 2, 29)
    validate_partial_date(-334, None, None)
    validate_partial_date(2000, 12, 31)


@pytest.mark.parametrize(
    ("year", "written"), [(1992, "1992"), (7, "0007"), (-44, "-0044"), (-1, "-0001"), (12345, "12345")]
)
def test_years_are_written_the_w3c_way(year, written):
    assert iso_year(year) == written


def test_the_year_0_is_not_written():
    with pytest.raises(DateError) as raised:
        iso_year(0)
    assert raised.value.code == "year"


def test_partial_dates_are_written_as_far_as_they_are_known():
    assert iso_date(PartialDate(1992)) == "1992"
    assert iso_date(PartialDate(1992, 3)) == "1992-03"
    assert iso_date(PartialDate(-44, 3, 15)) == "-0044-03-15"


@pytest.mark.parametrize("year, before", [(1, 0), (2, 1), (1992, 1991), (-1, -1), (-2, -2), (-100, -100)])
def test_years_are_counted_on_a_line_without_a_year_0(year, before):
    assert years_before(year) == before


def test_1_bce_is_the_year_just_before_1_ce():
    assert years_before(1) - years_before(-1) == 1
    with pytest.raises(DateError):
        years_before(0)


@pytest.mark.parametrize(
    "text, display, start, end",
    [
        ("XV-XVII ғасырлар бойы", "XV-XVII ғасырлар", 1401, 1700),
        ("ХV–ХVІІ ғғ. аралығы", "ХV–ХVІІ ғғ.", 1401, 1700),  # Cyrillic Х and І, Latin V
        ("ХV–ХVІІ ғ.ғ. аралығы", "ХV–ХVІІ ғ.ғ.", 1401, 1700),
        ("15-17 ғасырларда", "15-17 ғасырларда", 1401, 1700),
        ("қала 8 ғасырда салынды", "8 ғасырда", 701, 800),
        ("19-ғасырда басталды", "19-ғасырда", 1801, 1900),
        ("XIX-ғасырдың ортасы", "XIX-ғасырдың", 1801, 1900),
        ("ХХ ғ. басында", "ХХ ғ.", 1901, 2000),
        ("ХVІ ғ.ғ. жазбалар", "ХVІ ғ.ғ.", 1501, 1600),
        ("б.з.д. 8 ғасыр", "б.з.д. 8 ғасыр", -800, -701),
        ("б.з.б. III ғасырда", "б.з.б. III ғасырда", -300, -201),
        ("до н.э. III ғ. сақтар", "до н.э. III ғ.", -300, -201),
        ("сақтар III ғ. до н.э. өмір сүрді", "III ғ. до н.э.", -300, -201),
        ("біздің заманымызға дейінгі 8 ғасырда", "біздің заманымызға дейінгі 8 ғасырда", -800, -701),
        ("Біздің дәуірімізге дейінгі V ғ. сақтар", "Біздің дәуірімізге дейінгі V ғ.", -500, -401),
        ("б.з.д. V-III ғғ.", "б.з.д. V-III ғғ.", -500, -201),
    ],
)
def test_centuries_in_either_numerals_and_either_era(text, display, start, end):
    [mention] = find_dates(text)
    assert (mention.display, mention.begin.year, mention.finish.year, mention.precision) == (
        display,
        start,
        end,
        "century",
    )


@pytest.mark.parametrize("text", ["50 ғасыр", "0 ғасыр", "б.з. 3 ғылым", "2 ғылыми"])
def test_numbers_that_are_no_century_are_ignored(text):
    assert find_dates(text) == []


def test_the_era_before_ours_is_not_ours():
    # б.з. alone is "our era": only б.з.д. and б.з.б. are before it.
    [mention] = find_dates("б.з. III ғ. басында")
    assert (mention.display, mention.begin.year) == ("III ғ.", 201)


def test_a_list_of_years_is_a_year_each():
    text = "Сайлау 1957, 1969, 1985 жылдары өтті"
    mentions = find_dates(text)
    assert [(m.display, m.begin, m.finish, m.precision) for m in mentions] == [
        ("1957", PartialDate(1957), PartialDate(1957), "year"),
        ("1969", PartialDate(1969), PartialDate(1969), "year"),
        ("1985 жылдары", PartialDate(1985), PartialDate(1985), "year"),
    ]
    assert [text[m.start : m.end] for m in mentions] == ["1957", "1969", "1985 жылдары"]


@pytest.mark.parametrize(
    "text, years",
    [
        ("1957 және 1969 жж. болды", [1957, 1969]),
        ("1950, 1960 жылдары", [1950, 1960]),  # a list, not two decades
        ("1992, 1993 және 1995 жылдардағы", [1992, 1993, 1995]),
        ("б.з.д. 334, 331 жж.", [-334, -331]),
    ],
)
def test_lists_of_years_in_other_wordings(text, years):
    assert [(m.begin.year, m.precision) for m in find_dates(text)] == [(year, "year") for year in years]


def test_a_list_needs_the_plural_year_word():
    # "[125, 1998 ж.]" is a page and a year in a reference, not a list of two years.
    assert [m.display for m in find_dates("[125, 1998 ж.]")] == ["1998 ж."]


def test_a_range_of_years_in_the_plural():
    [mention] = find_dates("1991-1995 жылдары реформа")
    assert (mention.display, mention.begin.year, mention.finish.year, mention.precision) == (
        "1991-1995 жылдары",
        1991,
        1995,
        "range",
    )


@pytest.mark.parametrize(
    "text, display, printed",
    [
        ("Одақ 1991\nжылы тарады", "1991 жылы", "1991\nжылы"),
        ("XVII\nғасырда", "XVII ғасырда", "XVII\nғасырда"),
        ("1991-\nжылы", "1991- жылы", "1991-\nжылы"),
        # A line break read as a lost ". " before a small letter: no sentence ends there.
        ("Одақ 1991. жылы тарады", "1991. жылы", "1991. жылы"),
        ("Кеңес 1991-жылы тарады", "1991-жылы", "1991-жылы"),
    ],
)
def test_a_date_broken_across_lines_is_shown_on_one(text, display, printed):
    [mention] = find_dates(text)
    assert (mention.display, text[mention.start : mention.end], mention.begin.year) == (
        display,
        printed,
        int(printed[:4]) if printed[0].isdigit() else 1601,
    )


def test_a_year_ending_a_sentence_is_not_read_with_the_next():
    assert find_dates("Кітап 1998. Жылы жазылды") == []


@pytest.mark.parametrize(
    "text, display, start, end",
    [
        ("Б.з.д. V ғасырдың соңында", "Б.з.д. V ғасырдың", -500, -401),  # capital at a sentence's start
        ("(б.д.д. ІІІ ғ.) Монғолстан", "б.д.д. ІІІ ғ.", -300, -201),  # біздің дәуірімізге дейін
        ("негізін салады,б.з.дейінгі 550 ж. ол", "б.з.дейінгі 550 ж.", -550, -550),
        ("Б.з. дейінгі 530-522жж. арасында", "Б.з. дейінгі 530-522жж.", -530, -522),
        ("б.з.д.145 ж. туған", "б.з.д.145 ж.", -145, -145),
    ],
)
def test_the_era_before_ours_in_the_abbreviations_texts_use(text, display, start, end):
    [mention] = find_dates(text)
    assert (mention.display, mention.begin.year, mention.finish.year) == (display, start, end)


def test_a_plural_year_abbreviation_with_a_period_inside():
    [mention] = find_dates("1980-1991 ж.ж. аралығында")
    assert (mention.display, mention.begin.year, mention.finish.year) == ("1980-1991 ж.ж.", 1980, 1991)


@pytest.mark.parametrize(
    "text, display, date, precision",
    [
        ("1991 жылы тамыз айында Мәскеуде", "1991 жылы тамыз айында", PartialDate(1991, 8), "month"),
        ("1991 жылдың тамызында", "1991 жылдың тамызында", PartialDate(1991, 8), "month"),
        ("1991 жылы тамыз айтылды", "1991 жылы тамыз", PartialDate(1991, 8), "month"),
        ("1992 жылдың 2 наурызында", "1992 жылдың 2 наурызында", PartialDate(1992, 3, 2), "day"),
        ("1991 жылғы 16 желтоқсандағы", "1991 жылғы 16 желтоқсандағы", PartialDate(1991, 12, 16), "day"),
        ("1992 ж. Қазан қаласы", "1992 ж.", PartialDate(1992), "year"),  # a city, not the month
    ],
)
def test_months_and_days_after_the_year_in_its_cases(text, display, date, precision):
    [mention] = find_dates(text)
    assert (mention.display, mention.begin, mention.precision) == (display, date, precision)


def test_latin_look_alikes_in_a_date_word_are_read_and_shown_as_printed():
    # A text typed with Latin a and o in its Cyrillic words (to pass a plagiarism check, or by a font).
    text = "Себебі ХХI ғaсыр ұрпағы. 1991 жылы тaмыз айында"
    assert [(m.display, m.begin, m.precision) for m in find_dates(text)] == [
        ("ХХI ғaсыр", PartialDate(2001), "century"),
        ("1991 жылы тaмыз айында", PartialDate(1991, 8), "month"),
    ]
