"""The synthetic corpus's plans: deterministic, and consistent with what the text says."""

from collections import Counter

from synthetic.corpus import Counts, plan_thesis
from thesis.text.dates import find_dates
from thesis.text.normalisation import reading_text
from thesis.text.parsing import parse_document

from .conftest import SEED, TINY

# --- plans, without the database --------------------------------------------------------------


def test_counts_scale_and_split_evenly():
    counts = Counts(theses=1000, passages=200_000, events=50_000, sources=20_000, authors=5_000).scaled(0.1)
    assert counts == Counts(theses=100, passages=20_000, events=5_000, sources=2_000, authors=500)
    shares = [TINY.for_thesis(i) for i in range(TINY.theses)]
    assert sum(s.passages for s in shares) == TINY.passages
    assert sum(s.events for s in shares) == TINY.events


def test_the_same_seed_gives_the_same_thesis(vocabulary):
    first = plan_thesis(vocabulary, 7, 0, TINY.for_thesis(0))
    again = plan_thesis(vocabulary, 7, 0, TINY.for_thesis(0))
    other = plan_thesis(vocabulary, 8, 0, TINY.for_thesis(0))
    assert first == again
    assert first.content != other.content


def test_words_come_from_the_seed(vocabulary, plans):
    seed_text = SEED.read_text(encoding="utf-8")
    assert all(word in seed_text for word in vocabulary.words)
    families = {family for group in vocabulary.families.values() for family in group}
    assert {"Назарбаев", "Сатоу", "Борунков"} <= families
    assert {a.family for plan in plans for a in plan.authors} <= families


def test_the_text_parses_back_into_the_planned_sections_and_passages(plans):
    for plan in plans:
        parsed = parse_document(plan.content)
        assert [(h.kind, h.number, h.title, h.start, h.end) for h in parsed.headings] == [
            (s.kind, s.number, s.title, s.start, s.end) for s in plan.sections
        ]
        assert [(b.start, b.end) for b in parsed.paragraphs] == [(p.start, p.end) for p in plan.passages]
        for passage in plan.passages:
            assert passage.original == plan.content[passage.start : passage.end]
            assert passage.text == reading_text(passage.original)


def test_every_marker_closes_a_sentence_and_cites_a_planned_source(plans):
    for plan in plans:
        citations = [c for p in plan.passages for c in p.citations]
        assert len(citations) > len(plan.passages) // 2
        assert {c.number for c in citations} <= {s["number"] for s in plan.sources}
        assert all(c.sentence and c.sentence_end <= c.marker_start for c in citations)


def test_every_printed_date_is_a_stated_event(plans):
    precisions = Counter()
    for plan in plans:
        stated = [e for e in plan.events if e.basis == "stated"]
        printed = [(p.order, d) for p in plan.passages for d in find_dates(p.text)]
        assert [(e.passage, e.date_display, e.start[0], e.end[0]) for e in stated] == [
            (order, d.display, d.begin.year, d.finish.year) for order, d in printed
        ]
        precisions.update(e.precision for e in stated)
    assert {"day", "year", "century", "range"} <= set(precisions)


def test_dates_include_years_before_the_common_era(vocabulary):
    plan = plan_thesis(vocabulary, 1, 0, Counts(theses=1, passages=40, events=200, sources=5, authors=3))
    years = [e.start[0] for e in plan.events]
    assert min(years) < 0
    assert all(e.end[0] >= e.start[0] for e in plan.events)
    inferred = [e for e in plan.events if e.basis == "inferred"]
    assert inferred and all(e.basis_note and not e.date_display for e in inferred)


def test_people_are_named_with_initials_in_the_three_groups(plans):
    authors = [a for plan in plans for a in plan.authors]
    assert {a.group for a in authors} == {"foreign", "russian", "domestic"}
    assert all(a.initials.endswith(".") and a.forms for a in authors)
    assert sum(len(p.mentions) for plan in plans for p in plan.passages) > len(authors)
