"""What changed since an editor was last here, without HTTP but for the sign-in that moves it on."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from thesis.editorial import discussion, editing
from thesis.models import EditorProfile, Passage
from thesis.proofing import activity


@pytest.fixture
def editors(db):
    return [User.objects.create_user(n, password="Қазақ-тілі-2024", is_staff=True) for n in ("aigul", "berik")]


def test_a_sign_in_returns_the_one_before_and_stores_now(editors):
    aigul = editors[0]
    first, second = timezone.now() - timedelta(days=2), timezone.now()
    assert activity.signed_in(aigul, first) is None
    assert activity.signed_in(aigul, second) == first
    assert EditorProfile.objects.get(user=aigul).last_seen == second


def test_the_feed_has_others_saves_and_notes_since_and_not_ones_own(seed_thesis, editors):
    aigul, berik = editors
    first, second = Passage.objects.filter(thesis=seed_thesis).order_by("order")[:2]
    since = timezone.now()
    editing.save_passage(first.pk, text=first.text + " Х.", expected_version=1, user=berik, reason="Берік түзетті")
    editing.save_passage(second.pk, text=second.text + " Х.", expected_version=1, user=aigul, reason="Өзім")
    discussion.add_note(second.pk, author=berik, body="Сұрағым бар")
    found = activity.feed(aigul, since)
    assert [(c.passage_id, c.what, c.is_note) for c in found] == [
        (second.pk, "Сұрағым бар", True),
        (first.pk, "Берік түзетті", False),
    ]
    assert activity.feed(aigul, timezone.now()) == []


def test_signing_in_keeps_the_previous_sign_in_for_the_session(client, editors):
    aigul = editors[0]
    before = timezone.now() - timedelta(days=3)
    EditorProfile.objects.create(user=aigul, last_seen=before)
    client.post(reverse("admin:login"), {"username": "aigul", "password": "Қазақ-тілі-2024"})
    assert activity.since_of(client.session) == before
    assert EditorProfile.objects.get(user=aigul).last_seen > before


def test_a_first_visit_or_a_spoilt_session_shows_the_last_day():
    now = timezone.now()
    assert activity.since_of({}, now) == now - activity.FIRST_VISIT
    assert activity.since_of({activity.SINCE_KEY: "кеше"}, now) == now - activity.FIRST_VISIT
