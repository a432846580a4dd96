"""What a document's line breaks stand for (thesis/text/line_breaks.py), decided on each layout, and how
each layout reads a paragraph (thesis/text/normalisation.py)."""

import pytest

from thesis.text.line_breaks import RULES, decide, measure
from thesis.text.normalisation import Layout, joints, reading_text

from . import layouts
from .conftest import SEED


@pytest.mark.parametrize(
    ("text", "layout", "rule"),
    [
        (SEED.read_text(encoding="utf-8"), Layout.LOST_PERIOD, "cut"),
        (layouts.cut(), Layout.LOST_PERIOD, "cut"),
        (layouts.word_processor(60), Layout.WRAP, "wrap"),
        (layouts.word_processor(72), Layout.WRAP, "wrap"),
        (layouts.word_processor(80), Layout.WRAP, "wrap"),
        (layouts.pdf(), Layout.WRAP, "wrap"),
        (layouts.VERSE, Layout.LINE, "verse"),
        (layouts.LIST, Layout.LINE, "list"),
        (layouts.SHORT, Layout.WRAP, "too-few-breaks"),
        ("Бір ғана жол.", Layout.WRAP, "too-few-breaks"),
    ],
    ids=["seed", "cut", "word-60", "word-72", "word-80", "pdf", "verse", "list", "short", "one-line"],
)
def test_each_layout_is_decided_from_its_text(text, layout, rule):
    decision = decide(text)
    assert (decision.layout, decision.rule) == (layout, rule)
    assert RULES[decision.rule] == decision.layout


def test_the_seed_s_evidence_is_the_cut_s():
    evidence = decide(SEED.read_text(encoding="utf-8")).evidence
    assert evidence.capital_share > 0.9
    assert evidence.terminal_share < 0.05
    assert evidence.inline_ends == 0
    assert evidence.width_share < 0.3


def test_a_wrap_s_evidence_is_lower_case_sentences_inside_lines_and_one_width():
    evidence = decide(layouts.word_processor()).evidence
    assert evidence.capital_share < 0.3
    assert evidence.inline_ends_per_line > 0.3
    assert evidence.width_share == 1.0
    assert 60 <= evidence.median_length <= 72


def test_a_wrap_of_capitalised_lines_with_sentences_inside_them_is_no_cut():
    # Every line opens with a name, but sentences end inside the lines: the periods were never cut.
    text = "".join(f"Абылай хан елшілер жіберді. Олар {n} күн жүрді\n" for n in range(6))
    assert decide(text).layout == Layout.WRAP


def test_lines_that_keep_their_periods_were_not_cut():
    text = "".join(
        f"Бұл {n}-сөйлем өз нүктесімен аяқталған және ұзындығы жеткілікті болып табылады.\n" for n in range(6)
    )
    decision = decide(text)
    assert decision.evidence.terminal_share == 1.0
    assert decision.layout == Layout.WRAP


def test_an_indented_line_opens_a_paragraph_and_is_no_break():
    assert measure("Бірінші абзац\n  Екінші абзац\nжалғасы").breaks == 1


def test_an_initial_or_abbreviation_before_a_capital_ends_no_sentence():
    assert measure("Н.Ә. Назарбаев 1991 ж. Алматыда сөйледі").inline_ends == 0
    assert measure("сөйледі. Алматыда").inline_ends == 1


def test_citation_markers_and_quotes_are_passed_over_to_the_first_letter():
    evidence = measure("бір\n[23] Дипломатия\nекі\n«Сыртқы саясат»\nүш\n(1996ж) жылы")
    # A line that starts with a number tells no case: five breaks, four judged, two of them capitals.
    assert (evidence.breaks, evidence.judged, evidence.capital_next) == (5, 4, 2)


def test_each_layout_reads_a_line_break_its_own_way():
    original = "т.б\nжатады.\nСол себепті"
    assert reading_text(original, Layout.LOST_PERIOD) == "т.б. жатады. Сол себепті"
    assert reading_text(original, Layout.WRAP) == "т.б жатады. Сол себепті"
    assert reading_text(original, Layout.LINE) == "т.б\nжатады.\nСол себепті"
    assert joints(original, Layout.WRAP) == [(3, 4), (11, 12)]
    assert joints(original, Layout.LINE) == [(3, 4), (11, 12)]


def test_the_default_layout_is_the_seed_s():
    original = "Бірінші сөйлем\nЕкінші сөйлем"
    assert reading_text(original) == reading_text(original, Layout.LOST_PERIOD) == "Бірінші сөйлем. Екінші сөйлем"
