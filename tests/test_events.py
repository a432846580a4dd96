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
