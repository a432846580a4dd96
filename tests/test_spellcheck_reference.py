"""The spell-check measured on our own list of the seed thesis's misspellings (tests/data/misspellings.tsv)."""

from pathlib import Path

import pytest

from thesis.proofing import spellcheck_report
from thesis.text import spellcheck

from .conftest import skip_or_fail

REFERENCE = Path(__file__).parent / "data" / "misspellings.tsv"


@pytest.fixture
def figures(seed_thesis):
    speller, problem = spellcheck.default_speller()
    if speller is None:
        skip_or_fail(f"the Kazakh Hunspell dictionary (Debian hunspell-kk, libenchant-2-2): {problem}")
    figures = spellcheck_report.measure(seed_thesis, spellcheck_report.read_reference(REFERENCE), speller)
    print(figures.summary())
    return figures


def test_the_reference_names_real_places(seed_thesis):
    """Every listed word is in the passage the list says, so that a miss is the checker's, not the list's."""
    texts = dict(seed_thesis.passages.values_list("order", "text"))
    for row in spellcheck_report.read_reference(REFERENCE):
        assert row.found in texts[row.passage], row
        assert row.kind in ("misspelling", "other") and row.correct != row.found


def test_flags_at_least_what_hunspell_alone_flags(figures):
    assert figures.listed >= 30
    assert figures.flagged >= figures.hunspell_flagged


def test_the_right_correction_ranks_first_or_near(figures):
    assert figures.share(figures.first) >= 0.8
    assert figures.share(figures.top3) >= 0.9
    assert figures.first > figures.hunspell_first


def test_few_false_alarms(figures):
    assert figures.false_alarm_share <= 0.05


def test_reference_rows_are_read_with_their_kind(tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text("# made by hand\nfound\tpassage\tcorrect\tkind\tnote\nядорлық\t8\tядролық\tmisspelling\tswapped\n")
    assert spellcheck_report.read_reference(path) == [
        spellcheck_report.Listed("ядорлық", 8, "ядролық", "misspelling", "swapped")
    ]
