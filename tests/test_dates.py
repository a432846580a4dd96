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
