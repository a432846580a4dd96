"""Stored suspects without HTTP: after every kind of write they are what checking the thesis finds."""

import pytest
from django.core.management import call_command
from django.utils import translation

from thesis.derived.stored_suspects import counts_by_kind, passage_suspects, stored_report
from thesis.derived.suspects import Kind, find_suspects
from thesis.editorial import editing, replace
from thesis.models import Author, AuthorAlias, OpenSuspect, Passage, Thesis
from thesis.proofing import fixes
from thesis.text import spellcheck

from .conftest import account, synthetic_thesis
from .test_fixes import apply_suggestion

pytestmark = pytest.mark.usefixtures("shared_seed")


@pytest.fixture
def editor(db):
    return account("aigul")


def as_checked(report):
    return {kind: [vars(s) for s in items] for kind, items in report.by_kind.items()}


def assert_in_step(thesis):
    """The stored suspects, their order and the passages' counts are what checking the thesis finds now."""
    checked = find_suspects(thesis)
    assert as_checked(stored_report(thesis)) == as_checked(checked)
    counts = dict(Passage.objects.filter(thesis=thesis).values_list("pk", "open_suspects"))
    for pk, count in counts.items():
        assert count == sum(s.passage_id == pk for items in checked.by_kind.values() for s in items)


def first_passage(thesis):
    return Passage.objects.filter(thesis=thesis).order_by("order").first()


def test_an_import_and_a_generated_thesis_store_their_suspects(seed_thesis):
    assert OpenSuspect.objects.filter(thesis=seed_thesis).exists()
    assert_in_step(seed_thesis)
    assert_in_step(synthetic_thesis(40))


def test_an_edit_rewrites_only_the_passages_whose_suspects_changed(seed_thesis, editor):
    first = first_passage(seed_thesis)
    others = set(OpenSuspect.objects.filter(thesis=seed_thesis).exclude(passage=first).values_list("pk", flat=True))
    editing.save_passage(
        first.pk, text=first.text.replace("ХХI", "XXI"), expected_version=1, user=editor, reason="Түзету"
    )
    assert_in_step(seed_thesis)
    assert others <= set(OpenSuspect.objects.filter(thesis=seed_thesis).values_list("pk", flat=True))


def test_a_fix_its_undo_and_a_revert(seed_thesis, editor):
    suspect = stored_report(seed_thesis).by_kind[Kind.MISSING_SPACE][0]
    fix = apply_suggestion(suspect, editor)
    assert_in_step(seed_thesis)
    fixes.undo_fix(suspect.passage_id, version=fix.passage.version, user=editor)
    assert_in_step(seed_thesis)
    passage = Passage.objects.get(pk=suspect.passage_id)
    first = passage.history.order_by("history_date", "history_id").first()
    editing.revert_passage(
        passage.pk, history_id=first.history_id, expected_version=passage.version, user=editor, reason="Қайтару"
    )
    assert_in_step(seed_thesis)


def test_find_and_replace_and_a_kind_fixed_at_once(seed_thesis, editor):
    batch = replace.apply(seed_thesis, "саясат", "саясатт", reason="Сынақ", user=editor)
    assert_in_step(seed_thesis)
    replace.undo(batch, reason="Қайтару", user=editor)
    assert_in_step(seed_thesis)
    picked = [change.key for change in fixes.bulk_changes(seed_thesis, Kind.MISSING_SPACE)]
    fixes.apply_bulk(seed_thesis, Kind.MISSING_SPACE, picked, reason="Бәрі", user=editor)
    assert not stored_report(seed_thesis).by_kind[Kind.MISSING_SPACE]
    assert_in_step(seed_thesis)


def test_a_dismissal_and_its_taking_back(seed_thesis, editor):
    suspect = stored_report(seed_thesis).by_kind[Kind.TRIPLED][0]
    dismissal = fixes.dismiss(
        suspect.passage_id,
        kind=suspect.kind,
        found=suspect.found,
        before="",
        after="",
        start=suspect.start,
        user=editor,
    )
    assert suspect.found not in [s.found for s in stored_report(seed_thesis).by_kind[Kind.TRIPLED]]
    assert_in_step(seed_thesis)
    fixes.undismiss(dismissal, user=editor)
    assert_in_step(seed_thesis)


def test_an_ignored_word_changes_suspects_across_passages_and_back(seed_thesis, editor):
    if spellcheck.default_speller()[0] is None:
        pytest.skip("NOT RUN: no speller on this machine")
    spelling = stored_report(seed_thesis).by_kind[Kind.SPELLING] + stored_report(seed_thesis).by_kind[Kind.UNKNOWN]
    word = spelling[0].found
    ignored = fixes.ignore_word(seed_thesis, word, user=editor)
    after = stored_report(seed_thesis)
    assert word not in [s.found for kind in (Kind.SPELLING, Kind.UNKNOWN) for s in after.by_kind[kind]]
    assert_in_step(seed_thesis)
    fixes.unignore_word(ignored, user=editor)
    assert_in_step(seed_thesis)


def test_what_editors_write_about_people_counts_too(seed_thesis):
    author = Author.objects.filter(thesis=seed_thesis).first()
    alias = AuthorAlias.objects.create(author=author, form="Ирактын")
    assert_in_step(seed_thesis)
    alias.delete()
    assert_in_step(seed_thesis)


def test_the_refresh_command_fills_what_is_missing_and_counts_a_change(seed_thesis):
    OpenSuspect.objects.all().delete()
    Passage.objects.update(open_suspects=0)
    before = Thesis.objects.get(pk=seed_thesis.pk).data_version
    call_command("refresh_suspects", verbosity=0)
    assert_in_step(seed_thesis)
    # Cached answers keyed on the thesis's version must not keep the suspects as they were.
    assert Thesis.objects.get(pk=seed_thesis.pk).data_version != before


def test_notes_are_stored_untranslated_and_read_in_the_readers_language(seed_thesis):
    OpenSuspect.objects.all().delete()
    with translation.override("ru"):
        call_command("refresh_suspects", verbosity=0)
    stored = OpenSuspect.objects.get(thesis=seed_thesis, kind=Kind.UNBALANCED, note__0="%(mark)s is never closed")
    (note,) = [s.note for s in passage_suspects(stored.passage) if s.start == stored.start]
    with translation.override("en"):
        assert str(note) == "« is never closed"
    with translation.override("kk"):
        assert str(note) == "« жабылмаған"


def test_without_a_speller_the_spelling_kinds_are_left_out(seed_thesis, monkeypatch):
    monkeypatch.setattr(spellcheck, "default_speller", lambda: (None, "no libenchant"))
    report = stored_report(seed_thesis)
    assert report.speller_problem == "no libenchant"
    assert not report.by_kind[Kind.SPELLING] and not report.by_kind[Kind.UNKNOWN]
    assert counts_by_kind([seed_thesis.pk])[seed_thesis.pk][Kind.SPELLING] == 0
    first = first_passage(seed_thesis)
    assert all(s.kind not in (Kind.SPELLING, Kind.UNKNOWN) for s in passage_suspects(first))


def test_one_passages_suspects_in_text_order(seed_thesis):
    first = first_passage(seed_thesis)
    own = passage_suspects(first)
    assert own and own == sorted(own, key=lambda s: (s.start, s.end))
    assert len(own) == first.open_suspects
