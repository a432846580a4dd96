"""Find and replace across a thesis: matching (Kazakh case folding, whole words), batches, undo."""

import pytest
from django.contrib.auth.models import User

from thesis.editorial import editing, replace
from thesis.models import Passage, ReplaceBatch

pytestmark = pytest.mark.usefixtures("shared_seed")


@pytest.fixture
def editor(db):
    return User.objects.create_user("dana", password="unused-password-1")


def test_case_insensitive_matching_folds_kazakh_letters(seed_thesis):
    insensitive = replace.preview(seed_thesis, "ҚАЗАҚСТАН", "X")
    sensitive = replace.preview(seed_thesis, "ҚАЗАҚСТАН", "X", case_sensitive=True)
    assert sum(len(p.matches) for p in insensitive) > 10 and sensitive == []
    assert replace.compile_pattern("ӘЛЕМ").search("әлемнің") is not None
    assert replace.compile_pattern("үкімет").search("ҮКІМЕТ") is not None


def test_whole_word_does_not_match_inside_words(seed_thesis):
    parts = sum(len(p.matches) for p in replace.preview(seed_thesis, "аймақ", "өңір"))
    whole = sum(len(p.matches) for p in replace.preview(seed_thesis, "аймақ", "өңір", whole_word=True))
    assert 0 < whole < parts


def matched(pattern: str, text: str, **options) -> list[str]:
    return [m.group() for m in replace.compile_pattern(pattern, **options).finditer(text)]


def test_a_pattern_ending_or_starting_in_a_space_is_found_as_whole_words(seed_thesis):
    # Only an edge that is a letter is bounded: the word after the space is no reason to refuse the match.
    assert matched("т.б ", "А т.б кіреді", whole_word=True) == ["т.б "]
    assert matched(" кіреді", "А т.б кіреді", whole_word=True) == [" кіреді"]
    assert matched("т.б ", "А т.б кіредіс", whole_word=True) == ["т.б "]
    assert matched(" кір", "А т.б кіреді", whole_word=True) == []  # still no match ending inside a word
    found = replace.preview(seed_thesis, "т.б ", "т.б. ", whole_word=True)
    assert sum(len(p.matches) for p in found) == 3


def test_whole_words_respect_the_period_of_an_abbreviation():
    text = "Келісімдер т.б. құжаттар, т.б сөздер, т.б"
    assert matched("т.б", text, whole_word=True) == ["т.б", "т.б"]  # not the one already written "т.б."
    assert matched("т.б.", text, whole_word=True) == ["т.б."]
    assert matched("б", text, whole_word=True) == []  # a letter of the abbreviation is no word
    assert matched("т.б.", "т.б.с. бар", whole_word=True) == []
    # After a plain word a period ends the sentence, and the word is whole.
    assert matched("сөз", "Бұл сөз. Келесі сөз", whole_word=True) == ["сөз", "сөз"]
    assert matched("1", "1.5 және 1 жыл", whole_word=True) == ["1"]
    assert len(matched("т.б", text)) == 3  # without whole words, every occurrence


def test_adding_the_missing_period_leaves_none_doubled(seed_thesis, editor):
    replace.apply(seed_thesis, "т.б", "т.б.", whole_word=True, reason="Қысқартудың нүктесі", user=editor)
    texts = " ".join(Passage.objects.filter(thesis=seed_thesis).values_list("text", flat=True))
    assert "т.б.." not in texts and texts.count("т.б.") == 5
    assert replace.preview(seed_thesis, "т.б", "т.б.", whole_word=True) == []


def test_preview_changes_nothing_and_highlights(seed_thesis):
    before = list(Passage.objects.values_list("text", "version"))
    previews = replace.preview(seed_thesis, "қауіпсіздіздігі", "қауіпсіздігі")
    assert list(Passage.objects.values_list("text", "version")) == before
    pieces = previews[0].pieces()
    assert ("қауіпсіздіздігі", True) in pieces and "".join(p for p, _hit in pieces) == previews[0].passage.text
    assert "қауіпсіздігі есебінен" in previews[0].new_text


def test_pattern_is_literal(seed_thesis):
    assert replace.preview(seed_thesis, "[9]", "[10]")
    assert not replace.preview(seed_thesis, ".*", "")


def test_apply_records_each_passage_with_the_batch_reason(seed_thesis, editor):
    batch = replace.apply(seed_thesis, "қауіпсіздіздігі", "қауіпсіздігі", reason="Қайталанған буын", user=editor)
    assert batch.items.count() == 2
    for item in batch.items.all():
        passage = item.passage
        assert "қауіпсіздіздігі" not in passage.text and passage.version == item.version_after == 2
        latest = passage.history.latest()
        assert latest.history_change_reason == f"Replace #{batch.pk}: Қайталанған буын"
        assert latest.history_user == editor


def test_nothing_matching_and_missing_reason_are_refused(seed_thesis, editor):
    with pytest.raises(editing.EditRefused):
        replace.apply(seed_thesis, "жоқсөз", "x", reason="r", user=editor)
    with pytest.raises(editing.EditRefused):
        replace.apply(seed_thesis, "аймақ", "x", reason=" ", user=editor)
    with pytest.raises(editing.EditRefused):
        replace.compile_pattern("")
    assert not ReplaceBatch.objects.exists()


def test_a_batch_is_all_or_nothing(seed_thesis, editor, monkeypatch):
    real_save = editing.save_passage
    calls = []

    def failing_second_save(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise editing.StaleEdit(Passage.objects.get(pk=args[0]), kwargs["expected_version"])
        return real_save(*args, **kwargs)

    monkeypatch.setattr(replace, "save_passage", failing_second_save)
    before = list(Passage.objects.order_by("pk").values_list("text", "version"))
    with pytest.raises(editing.StaleEdit):
        replace.apply(seed_thesis, "қауіпсіздіздігі", "қауіпсіздігі", reason="r", user=editor)
    assert list(Passage.objects.order_by("pk").values_list("text", "version")) == before
    assert not ReplaceBatch.objects.exists()


def test_apply_refuses_when_passages_changed_since_the_preview(seed_thesis, editor):
    token = replace.versions_token(replace.preview(seed_thesis, "аймақ", "өңір"))
    passage = replace.preview(seed_thesis, "аймақ", "өңір")[0].passage
    editing.save_passage(passage.pk, text=passage.text + " ", expected_version=1, user=editor, reason="r")
    with pytest.raises(editing.EditRefused):
        replace.apply(seed_thesis, "аймақ", "өңір", reason="r", user=editor, seen=token)


def test_undo_restores_and_records(seed_thesis, editor):
    originals = {p.pk: p.text for p in Passage.objects.all()}
    batch = replace.apply(seed_thesis, "қауіпсіздіздігі", "қауіпсіздігі", reason="fix", user=editor)
    report = replace.undo(batch, reason="wrong fix", user=editor)
    assert len(report.restored) == 2 and report.skipped == []
    for passage in report.restored:
        passage.refresh_from_db()
        assert passage.text == originals[passage.pk] and passage.version == 3
        assert passage.history.latest().history_change_reason == f"Undo replace #{batch.pk}: wrong fix"
    batch.refresh_from_db()
    assert batch.undone_by == editor and batch.undo_reason == "wrong fix"
    with pytest.raises(editing.EditRefused):
        replace.undo(batch, reason="again", user=editor)


def test_undo_skips_passages_changed_since_the_batch(seed_thesis, editor):
    batch = replace.apply(seed_thesis, "қауіпсіздіздігі", "қауіпсіздігі", reason="fix", user=editor)
    changed = batch.items.first().passage
    editing.save_passage(changed.pk, text=changed.text + " Жаңа.", expected_version=2, user=editor, reason="later")
    report = replace.undo(batch, reason="undo", user=editor)
    assert [p.pk for p, _why in report.skipped] == [changed.pk] and len(report.restored) == 1
    assert Passage.objects.get(pk=changed.pk).text.endswith(" Жаңа.")


def keys(previews):
    return [replace.match_key(p.passage.pk, m) for p in previews for m in p.matches]


def test_segments_name_each_match_for_ticking(seed_thesis):
    (item, *_rest) = replace.preview(seed_thesis, "аймақ", "өңір", whole_word=True)
    segments = item.segments()
    assert "".join(piece for piece, _key in segments) == item.passage.text
    assert [key for _piece, key in segments if key] == keys([item])


def test_only_the_ticked_matches_are_replaced_and_undo_restores_exactly(seed_thesis, editor):
    previews = replace.preview(seed_thesis, "аймақ", "өңір")
    originals = {p.passage.pk: p.passage.text for p in previews}
    every = keys(previews)
    assert len(every) >= 3
    kept, ticked = every[0], every[1:]
    batch = replace.apply(
        seed_thesis, "аймақ", "өңір", reason="Сөз", user=editor, seen=replace.versions_token(previews), ticked=ticked
    )
    assert sum(item.matches for item in batch.items.all()) == len(ticked)
    passage_id, start = map(int, kept.split(":"))
    left = Passage.objects.get(pk=passage_id)
    assert left.text[start : start + len("аймақ")].lower() == "аймақ"  # the unticked match stays
    for item in batch.items.all():
        assert item.text_before == originals[item.passage_id] and item.passage.text == item.text_after
    expected = sum(len(p.matches) for p in previews) - len(ticked)
    assert sum(len(p.matches) for p in replace.preview(seed_thesis, "аймақ", "өңір")) == expected
    replace.undo(batch, reason="Қайтару", user=editor)
    assert {pk: Passage.objects.get(pk=pk).text for pk in originals} == originals


def test_a_passage_with_every_match_unticked_is_not_saved(seed_thesis, editor):
    previews = replace.preview(seed_thesis, "қауіпсіздіздігі", "қауіпсіздігі")
    first, second = previews
    ticked = [replace.match_key(first.passage.pk, m) for m in first.matches]
    batch = replace.apply(seed_thesis, "қауіпсіздіздігі", "қауіпсіздігі", reason="Буын", user=editor, ticked=ticked)
    assert [item.passage_id for item in batch.items.all()] == [first.passage.pk]
    assert Passage.objects.get(pk=second.passage.pk).version == 1


@pytest.mark.parametrize("ticked", [[], ["999999:0"], ["not a key"]], ids=["none", "unknown", "unreadable"])
def test_no_ticked_match_or_one_not_in_the_preview_is_refused(seed_thesis, editor, ticked):
    before = list(Passage.objects.order_by("pk").values_list("text", "version"))
    with pytest.raises(editing.EditRefused):
        replace.apply(seed_thesis, "аймақ", "өңір", reason="r", user=editor, ticked=ticked)
    assert list(Passage.objects.order_by("pk").values_list("text", "version")) == before
    assert not ReplaceBatch.objects.exists()


def test_the_stale_token_still_guards_a_ticked_apply(seed_thesis, editor):
    previews = replace.preview(seed_thesis, "аймақ", "өңір")
    token, ticked = replace.versions_token(previews), keys(previews)[:1]
    passage = previews[-1].passage
    editing.save_passage(passage.pk, text=passage.text + " ", expected_version=1, user=editor, reason="r")
    with pytest.raises(editing.EditRefused):
        replace.apply(seed_thesis, "аймақ", "өңір", reason="r", user=editor, seen=token, ticked=ticked)
    assert not ReplaceBatch.objects.exists()
