"""The thesis admin's tools over HTTP: the suspects page (apply, ignore) and find-and-replace (preview, apply, undo)."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from thesis.editorial import replace
from thesis.models import IgnoredWord, Passage, ReplaceBatch
from thesis.text import spellcheck

from .admin_forms import form_data

pytestmark = pytest.mark.usefixtures("shared_seed")


@pytest.fixture
def client(client, editor):
    client.force_login(editor)
    return client


def suspects_url(thesis, action=""):
    name = "admin:thesis_thesis_suspects" + (f"_{action}" if action else "")
    return reverse(name, args=[thesis.pk])


def test_thesis_page_links_to_the_tools(client, seed_thesis):
    page = client.get(reverse("admin:thesis_thesis_change", args=[seed_thesis.pk])).content.decode()
    assert suspects_url(seed_thesis) in page and reverse("admin:thesis_thesis_replace", args=[seed_thesis.pk]) in page


def test_suspects_page_groups_by_kind_with_passage_links(client, seed_thesis):
    page = client.get(suspects_url(seed_thesis)).content.decode()
    for kind in ("mixed_script", "tripled", "missing_space", "double_punctuation", "unbalanced", "cut"):
        assert f'id="{kind}"' in page
    assert "<mark>ХХI</mark>" in page and "<mark>жатыр.Екі</mark>" in page
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    assert reverse("admin:thesis_passage_change", args=[passage.pk]) in page
    if spellcheck.default_speller()[0] is not None:
        assert "<mark>қауіпсіздіздігі</mark>" in page and ">қауіпсіздігі</button>" in page


def test_applying_a_suggestion_corrects_that_occurrence(client, seed_thesis, editor):
    passage = Passage.objects.get(thesis=seed_thesis, text__contains="аймақққа")
    data = {
        "passage": passage.pk,
        "version": passage.version,
        "start": passage.text.index("аймақққа"),
        "found": "аймақққа",
        "replacement": "аймаққа",
        "kind": "spelling",
    }
    response = client.post(suspects_url(seed_thesis, "apply"), data, follow=True)
    assert "Corrected “аймақққа” to “аймаққа”." in response.content.decode()
    passage.refresh_from_db()
    assert "аймақққа" not in passage.text and "аймаққа қатысуы" in passage.text and passage.version == 2
    latest = passage.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Spell-check: аймақққа → аймаққа", editor)
    again = client.post(suspects_url(seed_thesis, "apply"), data, follow=True).content.decode()
    assert "Not saved" in again and Passage.objects.get(pk=passage.pk).version == 2


def test_fixes_of_other_kinds_are_recorded_as_transcription_checks(client, seed_thesis):
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    data = {
        "passage": passage.pk,
        "version": 1,
        "start": passage.text.index("ХХI"),
        "found": "ХХI",
        "replacement": "XXI",
    }
    client.post(suspects_url(seed_thesis, "apply"), {**data, "kind": "mixed_script"})
    assert passage.history.latest().history_change_reason == "Transcription check: ХХI → XXI"


def test_applying_is_a_post_only(client, seed_thesis):
    assert client.get(suspects_url(seed_thesis, "apply")).status_code == 405


def test_ignoring_a_word(client, seed_thesis):
    client.post(suspects_url(seed_thesis, "ignore"), {"word": "Ирактын", "confirm": "1"})
    assert IgnoredWord.objects.get(thesis=seed_thesis).word == "Ирактын"
    client.post(suspects_url(seed_thesis, "ignore"), {"word": "Ирактын", "confirm": "1"})
    assert IgnoredWord.objects.count() == 1
    assert "<mark>Ирактын</mark>" not in client.get(suspects_url(seed_thesis)).content.decode()


def test_page_says_when_there_is_no_spell_checker(client, seed_thesis, monkeypatch):
    monkeypatch.setattr(
        spellcheck, "default_speller", lambda: (None, "The spell-checker is unavailable: no libenchant")
    )
    page = client.get(suspects_url(seed_thesis)).content.decode()
    assert "Spell-checking is not available" in page and "no libenchant" in page
    assert "<mark>ХХI</mark>" in page and 'id="spelling"' not in page


def replace_url(thesis):
    return reverse("admin:thesis_thesis_replace", args=[thesis.pk])


def test_replace_opens_with_whole_words_and_case_sensitivity_on(client, seed_thesis):
    html = client.get(replace_url(seed_thesis)).content.decode()
    for option in ("whole_word", "case_sensitive"):
        assert re.search(rf'<input type="checkbox" name="{option}"[^>]* checked', html), option


def test_replace_preview_highlights_and_changes_nothing(client, seed_thesis):
    page = client.post(
        replace_url(seed_thesis), {"pattern": "ҚАУІПСІЗДІЗДІГІ", "replacement": "қауіпсіздігі", "preview": "1"}
    )
    html = page.content.decode()
    assert "<mark><del>қауіпсіздіздігі</del><ins>қауіпсіздігі</ins></mark>" in html
    assert "2 matches in 2 passages" in html
    assert not ReplaceBatch.objects.exists() and Passage.objects.filter(version=1).count() == 11


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"pattern": "", "preview": "1"}, "This field is required"),
        ({"pattern": "   ", "preview": "1"}, "Enter the text to find."),
        ({"pattern": "жоқсөзбар", "preview": "1"}, "Nothing in the thesis matches."),
        ({"pattern": "аймақ", "replacement": "өңір", "apply": "1"}, "Give a reason"),
        ({"pattern": "аймақ", "replacement": "өңір", "apply": "1", "change_reason": "Сөз"}, "no match is ticked"),
        (
            {"pattern": "аймақ", "replacement": "өңір", "apply": "1", "change_reason": "Сөз", "match": "1:99999"},
            "a ticked match is no longer in the preview",
        ),
    ],
)
def test_replace_form_errors(client, seed_thesis, data, error):
    page = client.post(replace_url(seed_thesis), data)
    assert error in page.content.decode()
    assert not ReplaceBatch.objects.exists()


def test_replace_apply_then_undo(client, seed_thesis, editor):
    data = {"pattern": "қауіпсіздіздігі", "replacement": "қауіпсіздігі", "whole_word": "on", "change_reason": "Буын"}
    preview = client.post(replace_url(seed_thesis), {**data, "preview": "1"})
    ticked = form_data(preview.content.decode())["match"]
    assert len(ticked) == 2  # every match is ticked when the preview opens
    response = client.post(
        replace_url(seed_thesis), {**data, "apply": "1", "seen": preview.context["token"], "match": ticked}
    )
    batch = ReplaceBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:thesis_replacebatch_change", args=[batch.pk]
    )
    assert client.get(response["Location"]).status_code == 200
    assert Passage.objects.filter(text__contains="қауіпсіздіздігі").count() == 0
    undo_url = reverse("admin:thesis_replacebatch_undo", args=[batch.pk])
    assert b'name="change_reason"' in client.get(undo_url).content
    page = client.post(undo_url, {"change_reason": "Қайтару"}, follow=True).content.decode()
    assert "Restored 2 passages." in page
    assert Passage.objects.filter(text__contains="қауіпсіздіздігі").count() == 2


def test_viewers_cannot_use_the_tools(db, client, seed_thesis):
    viewer = User.objects.create_user("viewer", password="unused-password-1", is_staff=True)
    client.force_login(viewer)
    assert client.get(suspects_url(seed_thesis)).status_code == 403
    assert client.get(replace_url(seed_thesis)).status_code == 403


def test_replace_preview_ticks_every_match_and_puts_the_reason_before_the_button(client, seed_thesis):
    html = client.post(replace_url(seed_thesis), {"pattern": "аймақ", "replacement": "өңір", "preview": "1"}).content
    html = html.decode()
    boxes = re.findall(r'<input type="checkbox" name="match" value="(\d+:\d+)"( checked)?', html)
    previews = replace.preview(seed_thesis, "аймақ", "өңір")
    expected = [replace.match_key(p.passage.pk, m) for p in previews for m in p.matches]
    assert [key for key, _checked in boxes] == expected and all(checked for _key, checked in boxes)
    assert "<mark><del>аймақ</del><ins>өңір</ins></mark>" in html
    assert html.index('name="change_reason"') < html.index('name="apply"')


def test_replace_applies_only_the_ticked_matches(client, seed_thesis, editor):
    data = {"pattern": "аймақ", "replacement": "өңір", "change_reason": "Сөз"}
    preview = client.post(replace_url(seed_thesis), {**data, "preview": "1"})
    every = form_data(preview.content.decode())["match"]
    unticked = every[0]
    response = client.post(
        replace_url(seed_thesis), {**data, "apply": "1", "seen": preview.context["token"], "match": every[1:]}
    )
    assert response.status_code == 302
    batch = ReplaceBatch.objects.get()
    assert sum(item.matches for item in batch.items.all()) == len(every) - 1
    passage_id, start = map(int, unticked.split(":"))
    assert Passage.objects.get(pk=passage_id).text[start : start + 5].lower() == "аймақ"


def test_a_refused_apply_keeps_the_editors_ticks(client, seed_thesis):
    data = {"pattern": "аймақ", "replacement": "өңір"}
    preview = client.post(replace_url(seed_thesis), {**data, "preview": "1"})
    every = form_data(preview.content.decode())["match"]
    again = client.post(replace_url(seed_thesis), {**data, "apply": "1", "match": every[1:]}).content.decode()
    assert "Give a reason" in again
    assert form_data(again)["match"] == every[1:] and not ReplaceBatch.objects.exists()
