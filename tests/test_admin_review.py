"""The review page over HTTP: reviewers only, the queue with diffs, approve and send back, and the passage
form refusing a self-verification."""

import pytest
from django.urls import reverse

from thesis.editorial import editing
from thesis.models import Passage

from .conftest import account

pytestmark = pytest.mark.usefixtures("shared_seed")

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture
def editor(db):
    return account("aigul")


@pytest.fixture
def corrected(seed_thesis, editor):
    passage = Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()
    text = passage.text.replace(WRONG, RIGHT, 1)
    return editing.save_passage(passage.pk, text=text, expected_version=1, user=editor, reason="Түзету")


def review_url(thesis):
    return reverse("admin:thesis_thesis_review", args=[thesis.pk])


def test_the_anonymous_are_sent_to_the_login_page(client, seed_thesis):
    response = client.get(review_url(seed_thesis))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_a_plain_editor_is_refused(client, seed_thesis, corrected, editor):
    client.force_login(editor)
    assert client.get(review_url(seed_thesis)).status_code == 403
    data = {"passage": corrected.pk, "version": 2, "decision": "approve"}
    assert client.post(review_url(seed_thesis), data).status_code == 403
    assert Passage.objects.get(pk=corrected.pk).status == "corrected"


def test_the_page_lists_the_queue_with_diffs(client, seed_thesis, corrected, reviewer):
    client.force_login(reviewer)
    page = client.get(review_url(seed_thesis)).content.decode()
    assert f'id="passage-{corrected.pk}"' in page
    assert f"<del>{WRONG}" in page and f"<ins>{RIGHT}" in page
    assert 'value="approve"' in page and "aigul" in page


def test_each_item_shows_the_change_in_context_its_reasons_and_its_open_suspects(
    client, seed_thesis, corrected, reviewer, editor, django_assert_max_num_queries
):
    client.force_login(reviewer)
    page = client.get(review_url(seed_thesis)).content.decode()
    item = page.split(f'id="passage-{corrected.pk}"')[1].split('class="review-decision"')[0]
    # Only the changed words and a few round them; the whole text is one click away.
    assert 'class="word-diff compact"' in item and 'class="whole-diff"' in item
    assert '<span class="who">aigul</span>: <span class="why">Түзету</span>' in item
    open_suspects = corrected.open_suspect_rows.count()
    assert open_suspects > 0 and f"{open_suspects} suspected errors are still open in this text." in item
    # More corrected passages cost no more queries: the suspects and reasons are read for all at once.
    with django_assert_max_num_queries(40) as counted:
        client.get(review_url(seed_thesis))
    for passage in Passage.objects.filter(thesis=seed_thesis).exclude(pk=corrected.pk).order_by("order")[:3]:
        editing.save_passage(passage.pk, text=passage.text + " Т.", expected_version=1, user=editor, reason="r")
    with django_assert_max_num_queries(len(counted)):
        client.get(review_url(seed_thesis))


def test_the_last_editor_is_offered_no_approve_button(client, seed_thesis, corrected):
    both = account("dana", "Reviewers")
    editing.save_passage(corrected.pk, text=corrected.text + " Д.", expected_version=2, user=both, reason="r")
    client.force_login(both)
    page = client.get(review_url(seed_thesis)).content.decode()
    assert 'value="approve"' not in page and 'value="send_back"' in page


def test_approve_and_send_back(client, seed_thesis, corrected, reviewer):
    client.force_login(reviewer)
    url = review_url(seed_thesis)
    sent = client.post(url, {"passage": corrected.pk, "version": 2, "decision": "send_back", "comment": "Қайта қара"})
    assert sent.status_code == 302
    assert Passage.objects.get(pk=corrected.pk).status == "unreviewed"
    refused = client.post(url, {"passage": corrected.pk, "version": 3, "decision": "send_back"}, follow=True)
    assert "Say why the passage is sent back." in refused.content.decode()


def test_a_send_back_stands_at_the_top_of_the_passage_until_an_editor_saves_it(
    client, seed_thesis, corrected, reviewer, editor
):
    client.force_login(reviewer)
    client.post(
        review_url(seed_thesis),
        {"passage": corrected.pk, "version": 2, "decision": "send_back", "comment": "Қайта қара"},
    )
    client.force_login(editor)
    page_url = reverse("admin:thesis_passage_change", args=[corrected.pk])
    page = client.get(page_url, headers={"accept-language": "kk"}).content.decode()
    assert 'class="sent-back"' in page and "Қайтарған: berik" in page and "Қайта қара" in page
    editing.save_passage(corrected.pk, text=corrected.text + " Т.", expected_version=3, user=editor, reason="Қарадым")
    assert 'class="sent-back"' not in client.get(page_url).content.decode()


def test_approve_verifies_and_the_api_history_shows_it(client, seed_thesis, corrected, reviewer):
    client.force_login(reviewer)
    response = client.post(review_url(seed_thesis), {"passage": corrected.pk, "version": 2, "decision": "approve"})
    assert response.status_code == 302
    assert Passage.objects.get(pk=corrected.pk).status == "verified"
    history = client.get(f"/api/passages/{corrected.pk}/history/").json()
    records = history["results"] if isinstance(history, dict) else history
    reasons = {(r["reason"], r["status"]) for r in records}
    assert {("Түзету", "corrected"), ("Approved", "verified")} <= reasons


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"version": 2, "decision": "approve"}, "passage"),
        ({"passage": "x", "version": 2, "decision": "approve"}, "passage"),
        ({"passage": 1, "version": 2, "decision": "delete"}, "decision"),
        ({"passage": 987654321, "version": 2, "decision": "approve"}, "passage"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, seed_thesis, reviewer, data, named):
    client.force_login(reviewer)
    response = client.post(review_url(seed_thesis), data)
    assert response.status_code == 400 and response.content.decode().startswith(named)


def test_the_passage_form_refuses_a_self_verification(client, corrected):
    both = account("dana", "Reviewers")
    editing.save_passage(corrected.pk, text=corrected.text + " Д.", expected_version=2, user=both, reason="r")
    client.force_login(both)
    data = {"text": corrected.text + " Д.", "status": "verified", "change_reason": "Тексерілді", "opened_version": 3}
    page = client.post(
        reverse("admin:thesis_passage_change", args=[corrected.pk]), data, headers={"accept-language": "kk"}
    ).content.decode()
    assert 'class="errorlist' in page and "Бұл мәтінді соңғы рет сіз өзгерттіңіз" in page
    assert Passage.objects.get(pk=corrected.pk).status == "corrected"


def test_the_passage_form_lets_a_second_editor_verify(client, corrected, reviewer):
    client.force_login(reviewer)
    data = {"text": corrected.text, "status": "verified", "change_reason": "Тексерілді", "opened_version": 2}
    response = client.post(reverse("admin:thesis_passage_change", args=[corrected.pk]), data)
    assert response.status_code == 302
    assert Passage.objects.get(pk=corrected.pk).status == "verified"


def test_the_review_page_in_kazakh(client, seed_thesis, corrected, reviewer):
    client.force_login(reviewer)
    page = client.get(review_url(seed_thesis), headers={"accept-language": "kk"}).content.decode()
    assert "Түзетілген үзінділерді тексеру" in page and "Мақұлдау" in page and "Қайтару" in page


@pytest.mark.parametrize(
    ("language", "heading"), [("kk", "Рұқсат жоқ"), ("ru", "Доступ запрещён"), ("en", "Access denied")]
)
def test_a_refusal_is_a_page_in_the_editors_language(client, seed_thesis, editor, language, heading):
    """Django's own refusal is a bare English "403 Forbidden", whatever language the editor works in."""
    client.force_login(editor)
    response = client.get(review_url(seed_thesis), HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 403 and f'<html lang="{language}">' in page and f"<h1>{heading}</h1>" in page
    assert "Forbidden" not in page and reverse("admin:index") in page
