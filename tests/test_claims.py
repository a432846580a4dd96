"""Claims without HTTP: a passage opened from the queue is held for an hour, and other editors are offered others."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from thesis.models import Passage, PassageClaim, PassageNote
from thesis.proofing import claims, progress


@pytest.fixture
def editors(db):
    return [User.objects.create_user(name, password="unused-password-1") for name in ("aigul", "berik")]


def test_two_editors_are_offered_different_passages(seed_thesis, editors):
    aigul, berik = editors
    first = claims.claim_next(seed_thesis.pk, aigul)
    second = claims.claim_next(seed_thesis.pk, berik)
    assert first is not None and second is not None and first.passage_id != second.passage_id
    assert progress.next_to_check(seed_thesis, user=berik).passage_id == second.passage_id
    assert progress.next_to_check(seed_thesis, user=aigul).passage_id == first.passage_id
    # Without an editor, the queue is as it was: claims only steer editors apart.
    assert progress.next_to_check(seed_thesis).passage_id == first.passage_id


def test_a_passage_another_editor_holds_is_refused_until_the_claim_lapses(seed_thesis, editors):
    aigul, berik = editors
    passage = Passage.objects.filter(thesis=seed_thesis).order_by("order").first()
    now = timezone.now()
    assert claims.claim(passage.pk, aigul, now)
    assert not claims.claim(passage.pk, berik, now + timedelta(minutes=59))
    assert claims.holder(passage.pk, now) == aigul
    assert claims.claim(passage.pk, berik, now + claims.HOLD + timedelta(seconds=1))
    assert PassageClaim.objects.get(passage=passage).editor == berik


def test_an_editor_holds_one_passage_at_a_time(seed_thesis, editors):
    aigul, _berik = editors
    first, second = Passage.objects.filter(thesis=seed_thesis).order_by("order")[:2]
    assert claims.claim(first.pk, aigul) and claims.claim(second.pk, aigul)
    assert list(PassageClaim.objects.values_list("passage_id", flat=True)) == [second.pk]
    assert claims.claim(second.pk, aigul)  # claiming again moves the hour on, nothing more
    assert PassageClaim.objects.count() == 1


def test_the_next_passage_of_each_thesis_leaves_out_what_others_hold(seed_thesis, editors):
    aigul, berik = editors
    held = claims.claim_next(seed_thesis.pk, aigul)
    assert progress.next_for_each([seed_thesis.pk], berik)[seed_thesis.pk].passage_id != held.passage_id
    assert progress.next_for_each([seed_thesis.pk], aigul)[seed_thesis.pk].passage_id == held.passage_id


def test_no_passage_is_claimed_when_none_is_left(seed_thesis, editors):
    Passage.objects.filter(thesis=seed_thesis).update(status=Passage.Status.CORRECTED)
    assert claims.claim_next(seed_thesis.pk, editors[0]) is None
    assert not PassageClaim.objects.exists()


def test_an_editor_beaten_to_a_passage_is_given_the_next_one(seed_thesis, editors, monkeypatch):
    aigul, berik = editors
    real = claims.claim

    def beaten(passage_id, user, now=None):
        if user == aigul and not PassageClaim.objects.exists():
            assert real(passage_id, berik, now)  # berik's claim lands between aigul's look and her claim
        return real(passage_id, user, now)

    monkeypatch.setattr(claims, "claim", beaten)
    got = claims.claim_next(seed_thesis.pk, aigul)
    held = dict(PassageClaim.objects.values_list("editor__username", "passage_id"))
    assert got is not None and held == {"berik": held["berik"], "aigul": got.passage_id}
    assert got.passage_id != held["berik"]


def test_a_passage_sent_back_to_its_editor_waits_for_them(seed_thesis, editors):
    aigul, berik = editors
    first = progress.next_to_check(seed_thesis, user=berik)
    passage = Passage.objects.get(pk=first.passage_id)
    note = PassageNote.objects.create(
        passage=passage, author=berik, body="Қайта қараңыз", kind=PassageNote.Kind.SEND_BACK, addressee=aigul
    )
    assert progress.next_to_check(seed_thesis, user=berik).passage_id != passage.pk
    assert progress.next_for_each([seed_thesis.pk], berik)[seed_thesis.pk].passage_id != passage.pk
    assert progress.next_to_check(seed_thesis, user=aigul).passage_id == passage.pk
    note.resolved = True
    note.save()
    assert progress.next_to_check(seed_thesis, user=berik).passage_id == passage.pk
