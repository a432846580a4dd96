"""Stated events: one for each printed date, keyed by its occurrence across the thesis."""

from thesis.text.events import HEADLINE_WORDS, derived_headline, stated_event_key, stated_events


def test_each_printed_date_is_an_event_told_by_its_sentence():
    texts = ["Кеңес 1991 ж. тарады. Тәуелсіздік 1991 жылы жарияланды.", "Жоқ.", "Келісім 1992 ж. жасалды."]
    events = stated_events(texts)
    assert [(e.key, e.passage, e.description) for e in events] == [
        (stated_event_key("1991 ж.", 1), 0, "Кеңес 1991 ж. тарады."),
        (stated_event_key("1991 жылы", 1), 0, "Тәуелсіздік 1991 жылы жарияланды."),
        (stated_event_key("1992 ж.", 1), 2, "Келісім 1992 ж. жасалды."),
    ]
    assert [(e.date.begin.year, e.date.finish.year, e.date.precision) for e in events] == [
        (1991, 1991, "year"),
        (1991, 1991, "year"),
        (1992, 1992, "year"),
    ]


def test_the_same_date_printed_again_is_its_next_occurrence_in_any_passage():
    events = stated_events(["Ол 1991 ж. болды.", "Бұл да 1991 ж. болды."])
    assert [e.key for e in events] == [stated_event_key("1991 ж.", 1), stated_event_key("1991 ж.", 2)]


def test_a_headline_is_the_sentence_opening():
    words = [f"сөз{n}" for n in range(HEADLINE_WORDS + 3)]
    assert derived_headline(" ".join(words)) == " ".join(words[:HEADLINE_WORDS]) + " …"
    assert derived_headline("Қысқа сөйлем.") == "Қысқа сөйлем."
    assert len(derived_headline("ұзын" * 300)) == 200


def test_a_list_of_years_is_an_event_for_each_year():
    # A timeline event has one date (a start and an end): three listed years are three events, not
    # the range 1957-1985, which would say something happened in every year between.
    [first, second, third] = stated_events(["Сайлау 1957, 1969, 1985 жылдары өтті."])
    assert [e.key for e in (first, second, third)] == [
        stated_event_key("1957", 1),
        stated_event_key("1969", 1),
        stated_event_key("1985 жылдары", 1),
    ]
    assert [(e.date.begin.year, e.date.finish.year) for e in (first, second, third)] == [
        (1957, 1957),
        (1969, 1969),
        (1985, 1985),
    ]
    assert {e.description for e in (first, second, third)} == {"Сайлау 1957, 1969, 1985 жылдары өтті."}


def test_a_date_broken_across_lines_is_the_same_event_as_on_one_line():
    events = stated_events(["Одақ 1991\nжылы тарады.", "Тәуелсіздік 1991 жылы жарияланды."])
    assert [e.key for e in events] == [stated_event_key("1991 жылы", 1), stated_event_key("1991 жылы", 2)]


def test_centuries_before_our_era_are_events_with_negative_years():
    [event] = stated_events(["Сақтар б.з.д. 8 ғасырда өмір сүрді."])
    assert (event.key, event.date.begin.year, event.date.finish.year) == (
        stated_event_key("б.з.д. 8 ғасырда", 1),
        -800,
        -701,
    )
