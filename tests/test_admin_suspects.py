"""The suspects page over HTTP: fixes by plain form (back at the row, with an undo link) and by script
(JSON), a kind fixed at once from a preview, dismissals, ignoring a word after a warning, permissions."""

import json
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thesis.derived.suspects import Kind, find_suspects
from thesis.editorial import editing
from thesis.models import DismissedSuspect, IgnoredWord, Passage, ReplaceBatch

pytestmark = pytest.mark.usefixtures("shared_seed")

JSON = {"HTTP_ACCEPT": "application/json"}
WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture
def client(client, editor):
    client.force_login(editor)
    return client


def url(thesis, action=""):
    return reverse("admin:thesis_thesis_suspects" + (f"_{action}" if action else ""), args=[thesis.pk])


def first_missing_space(thesis):
    return find_suspects(thesis, speller_problem="skip").by_kind[Kind.MISSING_SPACE][0]


def fix_data(suspect, **extra):
    return {
        "passage": suspect.passage_id,
        "version": suspect.passage_version,
        "start": suspect.start,
        "found": suspect.found,
        "replacement": suspect.suggestions[0],
        "kind": suspect.kind,
        **extra,
    }


def test_rows_carry_anchors_and_the_forms_return_to_them(client, seed_thesis):
    page = client.get(url(seed_thesis)).content.decode()
    assert 'id="missing_space-0"' in page and 'id="missing_space-24"' in page
    # Each row's forms return to its own place; the last row's to the one above it.
    assert re.search(r'id="missing_space-3".*?name="anchor" value="missing_space-3"', page, re.S)
    assert re.search(r'id="missing_space-24".*?name="anchor" value="missing_space-23"', page, re.S)
    assert "thesis/suspects.js" in page and "<script>" not in page


def test_a_plain_fix_returns_to_the_row_with_an_undo_link_that_reverts_it(client, seed_thesis, editor):
    suspect = first_missing_space(seed_thesis)
    original = Passage.objects.get(pk=suspect.passage_id).text
    response = client.post(url(seed_thesis, "apply"), fix_data(suspect, anchor="missing_space-0"))
    assert response.status_code == 302 and response["Location"].endswith("/suspects/#missing_space-0")
    page = client.get(response["Location"]).content.decode()
    link = re.search(r'Corrected “жатыр.Екі” to “жатыр. Екі”. <a href="([^"]+)" class="undo-fix">Undo</a>', page)
    assert link, page
    undo_url = link.group(1).replace("&amp;", "&")
    confirm = client.get(undo_url)
    assert confirm.status_code == 200 and "Undo this correction" in confirm.content.decode()
    assert Passage.objects.get(pk=suspect.passage_id).version == 2  # asking is not undoing
    response = client.post(
        undo_url.split("?")[0], {"passage": suspect.passage_id, "version": 2, "anchor": "missing_space-0"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#missing_space-0")
    passage = Passage.objects.get(pk=suspect.passage_id)
    assert passage.text == original and passage.version == 3
    assert passage.history.latest().history_change_reason.startswith("Undo of version 2:")


def test_an_anchor_that_is_not_a_row_is_not_followed(client, seed_thesis):
    data = fix_data(first_missing_space(seed_thesis), anchor='x"><script>')
    response = client.post(url(seed_thesis, "apply"), data)
    assert response["Location"].endswith("/suspects/")


def test_the_script_gets_json_with_the_change_and_its_undo(client, seed_thesis):
    listed = find_suspects(seed_thesis, speller_problem="skip").by_kind[Kind.MISSING_SPACE]
    suspect, second = listed[0], listed[1]
    assert second.passage_id == suspect.passage_id and second.start > suspect.end
    answer = client.post(url(seed_thesis, "apply"), fix_data(suspect), **JSON)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    data = answer.json()
    assert data["message"] == "Corrected “жатыр.Екі” to “жатыр. Екі”."
    assert (data["passage"], data["version"], data["start"]) == (suspect.passage_id, 2, suspect.start)
    assert (data["removed"], data["inserted"], data["undo"]["version"]) == (9, 10, 2)
    # A second suspect of the same passage, moved and given the new version as the page's script does, is accepted.
    moved = fix_data(second, version=data["version"], start=second.start + data["inserted"] - data["removed"])
    assert client.post(url(seed_thesis, "apply"), moved, **JSON).json()["version"] == 3
    again = client.post(url(seed_thesis, "apply"), fix_data(suspect), **JSON)
    assert again.status_code == 409 and "Not saved" in again.json()["error"]
    undone = client.post(url(seed_thesis, "undo"), {"passage": suspect.passage_id, "version": 3}, **JSON)
    assert undone.status_code == 200
    assert (undone.json()["version"], undone.json()["removed"], undone.json()["inserted"]) == (4, 1, 0)
    refused = client.post(url(seed_thesis, "undo"), {"passage": suspect.passage_id, "version": 3}, **JSON)
    assert refused.status_code == 409 and "changed after the fix" in refused.json()["error"]
    passage = Passage.objects.get(pk=suspect.passage_id)
    assert passage.version == 4 and "жатыр. Екі" in passage.text and second.found in passage.text


def test_a_stale_fix_says_what_to_do_on_a_page_without_the_passages_form(client, seed_thesis, editor):
    suspect = first_missing_space(seed_thesis)
    passage = Passage.objects.get(pk=suspect.passage_id)
    editing.save_passage(passage.pk, text=passage.text + " Б.", expected_version=1, user=editor, reason="Басқа")
    for answer in (
        client.post(url(seed_thesis, "apply"), fix_data(suspect), **JSON).json()["error"],
        client.post(url(seed_thesis, "apply"), fix_data(suspect), follow=True).content.decode(),
    ):
        assert "Not saved" in answer and "Reload the page" in answer
        assert "in the form" not in answer  # there is none on this page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"passage": "x", "version": 1, "start": 0, "found": "а"},
        {"passage": 99999, "version": 1, "start": 0, "found": "а"},
    ],
)
def test_a_fix_that_cannot_be_read_is_a_400(client, seed_thesis, data):
    answer = client.post(url(seed_thesis, "apply"), data, **JSON)
    assert answer.status_code == 400 and answer.json()["error"]
    assert not Passage.objects.filter(version__gt=1).exists()


def test_undo_requests_that_cannot_be_read(client, seed_thesis):
    assert client.post(url(seed_thesis, "undo"), {"passage": "x", "version": 2}, **JSON).status_code == 400
    assert client.get(url(seed_thesis, "undo"), {"passage": 99999, "version": 2}).status_code == 302


def test_a_kind_fixed_at_once_from_a_preview_and_undone_as_one(client, seed_thesis):
    bulk = reverse("admin:thesis_thesis_suspects_bulk", args=[seed_thesis.pk, "missing_space"])
    assert bulk in client.get(url(seed_thesis)).content.decode()
    preview = client.get(bulk)
    html = preview.content.decode()
    assert html.count('name="picked"') == 25 and html.count(" checked") == 25
    assert "<del>жатыр.Екі</del>" in html and "<ins>жатыр. Екі</ins>" in html
    assert "Transcription check: No space after a period, 25 corrections" in html
    assert not Passage.objects.filter(version__gt=1).exists()  # a preview writes nothing
    keys = re.findall(r'name="picked" value="([^"]+)"', html)
    missing_reason = client.post(bulk, {"picked": keys, "change_reason": ""})
    assert "This field is required" in missing_reason.content.decode() and not ReplaceBatch.objects.exists()
    response = client.post(bulk, {"picked": keys[1:], "change_reason": "Бос орындар"})
    batch = ReplaceBatch.objects.get()
    assert response.status_code == 302 and batch.suspect_kind == "missing_space"
    message = client.get(response["Location"]).content.decode()
    assert f"Fixed 24 suspects in {batch.items.count()} passages as batch #{batch.pk}." in message
    assert (
        len(first_missing_space(seed_thesis).found)
        and len(find_suspects(seed_thesis, speller_problem="s").by_kind[Kind.MISSING_SPACE]) == 1
    )
    undo = reverse("admin:thesis_replacebatch_undo", args=[batch.pk])
    assert undo in message
    client.post(undo, {"change_reason": "Қайтару"})
    assert len(find_suspects(seed_thesis, speller_problem="s").by_kind[Kind.MISSING_SPACE]) == 25


def test_a_stale_bulk_preview_writes_nothing(client, seed_thesis, editor):
    bulk = reverse("admin:thesis_thesis_suspects_bulk", args=[seed_thesis.pk, "missing_space"])
    keys = re.findall(r'name="picked" value="([^"]+)"', client.get(bulk).content.decode())
    passage = Passage.objects.get(pk=int(keys[0].split(":")[0]))
    editing.save_passage(passage.pk, text=passage.text + " ", expected_version=1, user=editor, reason="басқа")
    page = client.post(bulk, {"picked": keys, "change_reason": "Бос орындар"})
    assert (
        page.status_code == 200 and "Nothing was changed: passages changed since the preview" in page.content.decode()
    )
    assert not ReplaceBatch.objects.exists() and Passage.objects.filter(version__gt=1).count() == 1


def test_an_unknown_kind_has_no_bulk_page(client, seed_thesis):
    response = client.get(reverse("admin:thesis_thesis_suspects_bulk", args=[seed_thesis.pk, "nonsense"]))
    assert response.status_code == 302


def test_dismissing_and_listing_again(client, seed_thesis):
    suspect = find_suspects(seed_thesis, speller_problem="skip").by_kind[Kind.UNBALANCED][0]
    data = {"passage": suspect.passage_id, "kind": "unbalanced", "found": suspect.found}
    data |= {"before": suspect.before, "after": suspect.after, "anchor": "unbalanced-0"}
    response = client.post(url(seed_thesis, "dismiss"), data)
    assert response.status_code == 302 and response["Location"].endswith("#unbalanced-0")
    assert DismissedSuspect.objects.count() == 1
    page = client.get(url(seed_thesis)).content.decode()
    assert page.count('data-kind="unbalanced"') == 1
    listed = client.get(url(seed_thesis, "dismissed")).content.decode()
    assert "No balanced" not in listed and "Unbalanced quotation marks or brackets" in listed
    pk = DismissedSuspect.objects.get().pk
    client.post(url(seed_thesis, "dismissed"), {"dismissal": pk})
    assert not DismissedSuspect.objects.exists()
    assert client.get(url(seed_thesis)).content.decode().count('data-kind="unbalanced"') == 2
    assert client.post(url(seed_thesis, "dismissed"), {"dismissal": "x"}).status_code == 404


def test_dismissing_by_script_and_refusing_nonsense(client, seed_thesis):
    suspect = first_missing_space(seed_thesis)
    data = {"passage": suspect.passage_id, "kind": "missing_space", "found": suspect.found, "before": "", "after": ""}
    answer = client.post(url(seed_thesis, "dismiss"), data, **JSON)
    assert answer.status_code == 200 and "is dismissed" in answer.json()["message"]
    bad = client.post(url(seed_thesis, "dismiss"), {**data, "kind": "nonsense"}, **JSON)
    assert bad.status_code == 400 and DismissedSuspect.objects.count() == 1


def test_ignoring_asks_first_with_the_count_then_can_be_taken_back(client, seed_thesis):
    page = client.get(url(seed_thesis)).content.decode()
    assert "Ignore this word everywhere…" in page and 'class="button ignore-word"' not in page
    confirm = client.get(url(seed_thesis, "ignore"), {"word": WRONG, "anchor": "spelling-2"})
    text = confirm.content.decode()
    assert f"Ignoring “{WRONG}” affects every passage of the thesis" in text and "It occurs 2 times." in text
    assert not IgnoredWord.objects.exists()
    unconfirmed = client.post(url(seed_thesis, "ignore"), {"word": WRONG})
    assert unconfirmed.status_code == 200 and not IgnoredWord.objects.exists()
    response = client.post(url(seed_thesis, "ignore"), {"word": WRONG, "confirm": "1", "anchor": "spelling-2"})
    assert response["Location"].endswith("#spelling-2") and IgnoredWord.objects.get().word == WRONG
    listed = client.get(url(seed_thesis, "ignored")).content.decode()
    assert WRONG in listed and "Flag it again" in listed
    client.post(url(seed_thesis, "ignored"), {"ignored": IgnoredWord.objects.get().pk})
    assert not IgnoredWord.objects.exists()
    assert IgnoredWord.history.filter(history_type="-").exists()
    assert client.get(url(seed_thesis, "ignore"), {"word": "екі сөз"}).status_code == 302


def test_the_page_makes_as_many_queries_for_more_suspects(client, seed_thesis, editor):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(seed_thesis)).status_code == 200
        return len(captured)

    before = queries()
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    more = passage.text + " " + " ".join(["жыл.Тағы"] * 40)
    editing.save_passage(passage.pk, text=more, expected_version=1, user=editor, reason="сынақ")
    assert len(find_suspects(seed_thesis, speller_problem="s").by_kind[Kind.MISSING_SPACE]) >= 65
    assert queries() == before


def test_suggestions_show_how_sure_the_checker_is(client, seed_thesis, monkeypatch):
    from thesis.derived import stored_suspects

    real = stored_suspects.stored_report

    def with_confidences(thesis, *args, **kwargs):
        report = real(thesis, *args, **kwargs)
        for suspect in report.by_kind[Kind.TRIPLED]:
            suspect.confidences = [0.92, 0.1]
        return report

    monkeypatch.setattr("thesis.admin.suspects.stored_report", with_confidences)
    page = client.get(url(seed_thesis)).content.decode()
    assert 'class="button apply-suggestion likely"' in page and ">92%</small>" in page
    assert 'class="button apply-suggestion unsure"' in page and ">10%</small>" in page


def test_view_only_and_anonymous_users_are_refused(client, seed_thesis, editor):
    viewer = User.objects.create_user("viewer", password="unused-password-1", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_thesis"))
    client.force_login(viewer)
    suspect = first_missing_space(seed_thesis)
    page = client.get(url(seed_thesis)).content.decode()
    assert "apply-suggestion" not in page and "dismiss-suspect" not in page and "ignore-word" not in page
    posts = [
        ("apply", fix_data(suspect)),
        ("undo", {"passage": suspect.passage_id, "version": 2}),
        ("dismiss", {"passage": suspect.passage_id, "kind": "missing_space", "found": suspect.found}),
        ("ignore", {"word": WRONG, "confirm": "1"}),
    ]
    for action, data in posts:
        assert client.post(url(seed_thesis, action), data).status_code == 403, action
    assert client.get(reverse("admin:thesis_thesis_suspects_bulk", args=[seed_thesis.pk, "cut"])).status_code == 403
    client.logout()
    for action, data in posts:
        response = client.post(url(seed_thesis, action), data, **JSON)
        assert response.status_code == 302 and reverse("admin:login") in response["Location"], action
    assert not Passage.objects.filter(version__gt=1).exists()
    assert not DismissedSuspect.objects.exists() and not IgnoredWord.objects.exists()


def test_editors_may_dismiss_and_the_grant_reverses(editor):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    assert editor.has_perm("thesis.add_dismissedsuspect") and editor.has_perm("thesis.delete_dismissedsuspect")
    migration = import_module("thesis.migrations.0012_dismissed_suspects")
    editors = Group.objects.get(name="Editors")
    count = editors.permissions.count()
    migration.revoke(apps, None)
    assert editors.permissions.count() == count - 3 and Group.objects.filter(name="Editors").exists()
    migration.grant(apps, None)
    assert editors.permissions.count() == count


def test_json_errors_are_json(client, seed_thesis):
    answer = client.post(url(seed_thesis, "apply"), {}, **JSON)
    assert json.loads(answer.content) == {"error": "The correction could not be read."}


def test_the_dismissed_and_ignored_lists_make_as_many_queries_for_more_rows(client, seed_thesis, editor):
    from thesis.proofing import fixes

    def queries(action):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(seed_thesis, action)).status_code == 200
        return len(captured)

    listed = find_suspects(seed_thesis, speller_problem="s").by_kind[Kind.MISSING_SPACE]

    def dismiss(suspect):
        fixes.dismiss(
            suspect.passage_id,
            kind=suspect.kind,
            found=suspect.found,
            before=suspect.before,
            after=suspect.after,
            user=editor,
        )

    dismiss(listed[0])
    fixes.ignore_word(seed_thesis, "біреу", user=editor)
    few = queries("dismissed"), queries("ignored")
    for suspect in listed[1:]:
        dismiss(suspect)
    for word in ("екеу", "үшеу", "төртеу", "бесеу"):
        fixes.ignore_word(seed_thesis, word, user=editor)
    assert (queries("dismissed"), queries("ignored")) == few
    assert client.get(url(seed_thesis, "dismissed")).content.decode().count('class="dismissal"') == 25
