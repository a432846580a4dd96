"""The admin's index over HTTP: each thesis's progress and the next passage to check, for those who may see passages."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thesis.editorial import editing
from thesis.models import Passage
from thesis.proofing import progress

from .conftest import account, synthetic_thesis

pytestmark = pytest.mark.usefixtures("shared_seed")


@pytest.fixture
def editor(db):
    user = account("aigul")
    user.first_name, user.last_name = "Айгүл", "Сәтбаева"
    user.save()
    return user


@pytest.fixture
def client(client, editor):
    client.force_login(editor)
    return client


def save(passage, user, text):
    return editing.save_passage(passage.pk, text=text, expected_version=passage.version, user=user, reason="Түзету")


def test_index_shows_each_thesiss_progress_and_the_next_passage(client, seed_thesis, editor):
    first = Passage.objects.get(thesis=seed_thesis, order=0)
    save(first, editor, first.text.replace("ХХI", "XXI"))
    page = client.get(reverse("admin:index")).content.decode()
    following = progress.next_to_check(seed_thesis)
    assert f'id="progress-{seed_thesis.pk}"' in page
    # Through the claim of the next passage free, so that two editors never open the same one.
    assert reverse("admin:thesis_thesis_claim_next", args=[seed_thesis.pk]) in page
    assert f"Next passage to check: §{following.order} ({following.open_suspects} open suspects)" in page
    assert ">Unreviewed</a>: 10</li>" in page and ">Corrected</a>: 1</li>" in page and ">Verified</a>: 0</li>" in page
    assert f"?thesis__id__exact={seed_thesis.pk}&amp;status__exact=corrected" in page
    assert "Words mixing Latin and Cyrillic letters" not in page  # its one suspect was corrected
    assert ">Letters tripled</a>: 2</li>" in page
    assert "Айгүл Сәтбаева (aigul): 1 save of 1 passages" in page


def test_index_links_each_thesiss_find_and_replace_and_to_reviewers_its_review(client, seed_thesis, db):
    replace_url = reverse("admin:thesis_thesis_replace", args=[seed_thesis.pk])
    review_url = reverse("admin:thesis_thesis_review", args=[seed_thesis.pk])
    page = client.get(reverse("admin:index")).content.decode()
    assert replace_url in page and review_url not in page  # an editor may not review
    client.force_login(account("berik", "Reviewers"))
    page = client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{replace_url}">Find and replace</a>' in page and f'<a href="{review_url}">Review</a>' in page


def test_index_takes_the_same_queries_however_many_edits_and_editors(client, seed_thesis, editor):
    passages = list(Passage.objects.filter(thesis=seed_thesis))
    save(passages[0], editor, passages[0].text + " Бір.")
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("admin:index"))
    for number, passage in enumerate(passages[1:7]):
        save(passage, account(f"editor{number}"), passage.text + " Жаңа.")
    with CaptureQueriesContext(connection) as after:
        page = client.get(reverse("admin:index")).content.decode()
    assert "1 save of 1 passages" in page and len(after) == len(before)


def test_index_takes_the_same_queries_however_many_theses_and_passages(client, seed_thesis, editor):
    save(Passage.objects.filter(thesis=seed_thesis).first(), editor, "Жаңа мәтін.")
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("admin:index"))
    theses = [synthetic_thesis(size) for size in (60, 80, 100)]
    save(Passage.objects.filter(thesis=theses[0]).first(), editor, "Жаңа мәтін.")
    with CaptureQueriesContext(connection) as larger:
        page = client.get(reverse("admin:index")).content.decode()
    assert all(f'id="progress-{thesis.pk}"' in page for thesis in theses)
    assert len(larger) == len(small)


def test_index_reads_no_passage_text(client, seed_thesis):
    # The suspects are stored: the index counts them, it does not check the thesis.
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("admin:index"))
    assert not any('"text"' in query["sql"] and "thesis_passage" in query["sql"] for query in queries)


def test_index_says_when_nothing_is_left_to_check(client, seed_thesis):
    Passage.objects.filter(thesis=seed_thesis).update(status=Passage.Status.VERIFIED)
    page = client.get(reverse("admin:index")).content.decode()
    assert "No unreviewed passage is left to check." in page and "No passage was saved this week." in page


def test_staff_who_may_not_see_passages_get_the_plain_index(db, client, seed_thesis):
    viewer = User.objects.create_user("viewer", password="unused-password-1", is_staff=True)
    client.force_login(viewer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200 and "progress" not in response.context
    assert 'class="work-queue"' not in response.content.decode()
