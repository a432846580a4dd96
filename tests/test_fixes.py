"""Working through suspects without HTTP: a fix and its undo, a kind at once, dismissals, ignored words."""

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from thesis.derived.suspects import Kind, Suspect, find_suspects
from thesis.editorial import editing, replace
from thesis.history import shown_reason
from thesis.models import DismissedSuspect, IgnoredWord, Passage, ReplaceBatch
from thesis.proofing import fixes

pytestmark = pytest.mark.usefixtures("shared_seed")

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture
def editor(db):
    return User.objects.create_user("aigul", password="unused-password-1", is_staff=True)


def missing_spaces(thesis):
    return find_suspects(thesis, speller_problem="skip").by_kind[Kind.MISSING_SPACE]


def apply_suggestion(suspect, user):
    """The suspect's first suggestion applied, as an editor's click on it does."""
    return fixes.apply_fix(
        suspect.passage_id,
        kind=suspect.kind,
        start=suspect.start,
        found=suspect.found,
        replacement=suspect.suggestions[0],
        expected_version=suspect.passage_version,
        user=user,
    )


def fix_first_missing_space(thesis, user):
    suspect = missing_spaces(thesis)[0]
    return suspect, apply_suggestion(suspect, user)


def test_a_fix_reports_where_the_text_changed(seed_thesis, editor):
    suspect, fix = fix_first_missing_space(seed_thesis, editor)
    assert (fix.start, fix.removed, fix.inserted) == (suspect.start, len("жатыр.Екі"), len("жатыр. Екі"))
    assert fix.passage.version == 2 and "жатыр. Екі" in fix.passage.text
    assert fix.passage.history.latest().history_change_reason == "Transcription check: жатыр.Екі → жатыр. Екі"


def test_the_automatic_reason_is_stored_once_and_shown_in_each_readers_language(seed_thesis, editor):
    passage = Passage.objects.get(thesis=seed_thesis, order=2)
    with translation.override("kk"):
        fixes.apply_fix(
            passage.pk,
            kind=Kind.SPELLING,
            start=passage.text.index(WRONG),
            found=WRONG,
            replacement=RIGHT,
            expected_version=1,
            user=editor,
        )
    stored = passage.history.latest().history_change_reason
    assert stored == f"Spell-check: {WRONG} → {RIGHT}"
    with translation.override("kk"):
        assert shown_reason(stored) == f"Емле тексеру: {WRONG} → {RIGHT}"
    with translation.override("ru"):
        assert shown_reason(fixes.fix_reason(Kind.CUT, "т.", "т.б.")) == "Проверка транскрипции: т. → т.б."


def test_undoing_a_fix_restores_the_text_as_a_new_recorded_version(seed_thesis, editor):
    original = Passage.objects.get(thesis=seed_thesis, order=2).text
    suspect, fix = fix_first_missing_space(seed_thesis, editor)
    undone = fixes.undo_fix(suspect.passage_id, version=2, user=editor)
    passage = Passage.objects.get(pk=suspect.passage_id)
    assert passage.text == original and passage.version == 3 == undone.passage.version
    assert (undone.start, undone.removed, undone.inserted) == (fix.start + len("жатыр."), 1, 0)
    latest = passage.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Undo of version 2: Transcription check: жатыр.Екі → жатыр. Екі"


def test_a_fix_cannot_be_undone_once_the_passage_changed_again(seed_thesis, editor):
    suspect, fix = fix_first_missing_space(seed_thesis, editor)
    editing.save_passage(suspect.passage_id, text=fix.passage.text + " ", expected_version=2, user=editor, reason="x")
    with pytest.raises(editing.EditRefused, match="changed after the fix"):
        fixes.undo_fix(suspect.passage_id, version=2, user=editor)
    assert Passage.objects.get(pk=suspect.passage_id).version == 3


def test_undo_needs_an_earlier_version(seed_thesis, editor):
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    with pytest.raises(editing.EditRefused, match="no earlier version"):
        fixes.undo_fix(passage.pk, version=1, user=editor)


def test_changed_span():
    assert fixes.changed_span("жатыр.Екі", "жатыр. Екі") == (6, 0, 1)
    assert fixes.changed_span("аймақққа", "аймаққа") == (6, 1, 0)
    assert fixes.changed_span("абв", "абв") == (3, 0, 0)
    assert fixes.changed_span("аа", "ааа") == (2, 0, 1)


def test_shown_suggestions_mark_only_a_confident_first_one():
    suspect = Suspect("spelling", 1, 0, 1, 0, 3, "абв", suggestions=["а", "б"], confidences=[0.93, 0.4])
    assert [(s.text, s.percent, s.likely) for s in fixes.shown_suggestions(suspect)] == [
        ("а", 93, True),
        ("б", 40, False),
    ]
    suspect.confidences = [0.5, 0.4]
    assert not fixes.shown_suggestions(suspect)[0].likely
    suspect.confidences = []
    assert [(s.percent, s.likely) for s in fixes.shown_suggestions(suspect)] == [(None, False), (None, False)]


# --- a kind at once ---------------------------------------------------------------------------------


def test_bulk_fix_applies_the_picked_changes_as_one_batch_and_undoes_as_one(seed_thesis, editor):
    offered = fixes.bulk_changes(seed_thesis, Kind.MISSING_SPACE)
    assert len(offered) == 25 and not any(change.overlaps for change in offered)
    before = dict(Passage.objects.filter(thesis=seed_thesis).values_list("pk", "text"))
    picked = [change.key for change in offered[1:]]
    batch = fixes.apply_bulk(seed_thesis, Kind.MISSING_SPACE, picked, reason="Бос орын", user=editor)
    assert batch.suspect_kind == "missing_space" and sum(item.matches for item in batch.items.all()) == 24
    left = missing_spaces(seed_thesis)
    assert [s.found for s in left] == [offered[0].suspect.found]
    item = batch.items.first()
    assert item.passage.history.latest().history_change_reason == f"Fix #{batch.pk}: Бос орын"
    report = replace.undo(batch, reason="Қайтару", user=editor)
    assert len(report.restored) == batch.items.count() and not report.skipped
    assert dict(Passage.objects.filter(thesis=seed_thesis).values_list("pk", "text")) == before


def test_bulk_fix_refuses_a_stale_preview_and_writes_nothing(seed_thesis, editor):
    offered = fixes.bulk_changes(seed_thesis, Kind.MISSING_SPACE)
    fix_first_missing_space(seed_thesis, editor)
    with pytest.raises(editing.EditRefused, match="changed since the preview"):
        fixes.apply_bulk(seed_thesis, Kind.MISSING_SPACE, [c.key for c in offered], reason="Бос орын", user=editor)
    assert not ReplaceBatch.objects.exists()
    assert Passage.objects.filter(thesis=seed_thesis, version__gt=1).count() == 1


@pytest.mark.parametrize(
    ("picked", "reason", "message"),
    [([], "Бос орын", "no change was ticked"), (["1:1:0"], "", "reason"), (["99:1:0"], "Бос", "preview again")],
)
def test_bulk_fix_refusals(seed_thesis, editor, picked, reason, message):
    with pytest.raises(editing.EditRefused, match=message):
        fixes.apply_bulk(seed_thesis, Kind.MISSING_SPACE, picked, reason=reason, user=editor)
    assert not ReplaceBatch.objects.exists() and not Passage.objects.filter(version__gt=1).exists()


def test_overlapping_changes_are_flagged_and_refused(seed_thesis, editor):
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    editing.save_passage(passage.pk, text="Бір.Екі.Үш деді.", expected_version=1, user=editor, reason="сынақ")
    offered = [c for c in fixes.bulk_changes(seed_thesis, Kind.MISSING_SPACE) if c.suspect.passage_id == passage.pk]
    assert [(c.suspect.found, c.overlaps) for c in offered] == [("Бір.Екі", False), ("Екі.Үш", True)]
    with pytest.raises(editing.EditRefused, match="overlap"):
        fixes.apply_bulk(seed_thesis, Kind.MISSING_SPACE, [c.key for c in offered], reason="Бос", user=editor)
    assert Passage.objects.get(pk=passage.pk).version == 2 and not ReplaceBatch.objects.exists()


def test_an_unknown_kind_is_refused(seed_thesis):
    with pytest.raises(editing.EditRefused, match="no kind"):
        fixes.bulk_changes(seed_thesis, "nonsense")


def test_the_offered_reason_is_in_the_editors_language():
    with translation.override("kk"):
        assert fixes.bulk_reason(Kind.MISSING_SPACE, 25).endswith("25 түзету")


# --- dismissing and ignoring ------------------------------------------------------------------------


def dismiss(suspect, user):
    return fixes.dismiss(
        suspect.passage_id,
        kind=suspect.kind,
        found=suspect.found,
        before=suspect.before,
        after=suspect.after,
        user=user,
    )


def test_a_dismissed_suspect_is_left_out_and_recorded(seed_thesis, editor):
    first = missing_spaces(seed_thesis)[0]
    dismissal = dismiss(first, editor)
    assert dismiss(first, editor) == dismissal and DismissedSuspect.objects.count() == 1
    assert first.found not in [s.found for s in missing_spaces(seed_thesis)]
    assert len(missing_spaces(seed_thesis)) == 24
    recorded = dismissal.history.get()
    assert (recorded.history_type, recorded.history_user) == ("+", editor)
    assert recorded.history_change_reason == "Dismissed on the suspected-errors page: жатыр.Екі"
    fixes.undismiss(dismissal, user=editor)
    assert len(missing_spaces(seed_thesis)) == 25
    assert DismissedSuspect.history.filter(history_type="-").get().history_change_reason.startswith("Dismissal taken")


def test_a_dismissal_survives_an_edit_elsewhere_in_the_passage(seed_thesis, editor):
    first = missing_spaces(seed_thesis)[0]
    dismiss(first, editor)
    passage = Passage.objects.get(pk=first.passage_id)
    edited = "Кіріспе сөз. " + passage.text  # every place in the passage moves
    editing.save_passage(passage.pk, text=edited, expected_version=1, user=editor, reason="сынақ")
    assert first.found not in [s.found for s in missing_spaces(seed_thesis)]
    # An edit right beside it is another text around it: it is listed again, to be judged afresh.
    near = edited.replace("жатыр.Екі", "жатыр.Екі жаңа", 1)
    editing.save_passage(passage.pk, text=near, expected_version=2, user=editor, reason="сынақ")
    assert "жатыр.Екі" in [s.found for s in missing_spaces(seed_thesis)]


def test_a_dismissal_from_a_page_drawn_before_a_fix_nearby_takes_the_context_now(seed_thesis, editor):
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    editing.save_passage(passage.pk, text="Бір.Екі үш.Төрт деді.", expected_version=1, user=editor, reason="сынақ")
    first, second = [s for s in missing_spaces(seed_thesis) if s.passage_id == passage.pk]
    fixes.apply_fix(
        passage.pk,
        kind=first.kind,
        start=first.start,
        found=first.found,
        replacement="Бір. Екі",
        expected_version=2,
        user=editor,
    )
    # The page still shows the context from before the fix; the script moved the start by the fix.
    fixes.dismiss(
        passage.pk,
        kind=second.kind,
        found=second.found,
        before=second.before,
        after=second.after,
        start=second.start + 1,
        user=editor,
    )
    assert not [s for s in missing_spaces(seed_thesis) if s.passage_id == passage.pk]


def test_every_kind_can_be_dismissed(seed_thesis, editor):
    report = find_suspects(seed_thesis, speller_problem="skip")
    for items in report.by_kind.values():
        if items:
            dismiss(items[0], editor)
    after = find_suspects(seed_thesis, speller_problem="skip")
    for kind, items in report.by_kind.items():
        assert len(after.by_kind[kind]) == max(0, len(items) - 1), kind


def test_dismissing_refuses_an_unknown_kind_or_passage(seed_thesis, editor):
    with pytest.raises(editing.EditRefused):
        fixes.dismiss(1, kind="nonsense", found="а", before="", after="", user=editor)
    with pytest.raises(editing.EditRefused):
        fixes.dismiss(99999, kind="cut", found="а", before="", after="", user=editor)
    assert not DismissedSuspect.objects.exists()


def test_ignoring_a_word_counts_it_first_and_is_recorded_both_ways(seed_thesis, editor):
    assert fixes.occurrences(seed_thesis, WRONG) == 2
    assert fixes.occurrences(seed_thesis, WRONG.upper()) == 2
    ignored = fixes.ignore_word(seed_thesis, WRONG, user=editor)
    assert fixes.ignore_word(seed_thesis, WRONG, user=editor) == ignored and IgnoredWord.objects.count() == 1
    assert ignored.history.get().history_change_reason == "Ignored on the suspected-errors page"
    fixes.unignore_word(ignored, user=editor)
    assert not IgnoredWord.objects.exists()
    assert IgnoredWord.history.filter(history_type="-").get().history_change_reason == "No longer ignored"
