"""The work queue without HTTP: passages by status, open suspects, the next passage to check, edits this week."""

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.derived.suspects import Kind, find_suspects
from thesis.editorial import editing
from thesis.models import Passage
from thesis.proofing import progress

from .conftest import synthetic_thesis

pytestmark = pytest.mark.usefixtures("shared_seed")

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def editors(db):
    aigul = User.objects.create_user("aigul", password="unused-password-1", first_name="Айгүл", last_name="Сәтбаева")
    berik = User.objects.create_user("berik", password="unused-password-1")
    return aigul, berik


def passages(thesis):
    return list(Passage.objects.filter(thesis=thesis).order_by("order"))


def stored_counts(thesis, *counts):
    """Store this many open suspects for each (passage, count) pair, and none for the thesis's other passages."""
    Passage.objects.filter(thesis=thesis).update(open_suspects=0)
    for passage, count in counts:
        Passage.objects.filter(pk=passage.pk).update(open_suspects=count)


def save(passage, user, text=None, status=None):
    return editing.save_passage(
        passage.pk, text=text, status=status, expected_version=passage.version, user=user, reason="Түзету"
    )


def test_the_passage_with_the_most_open_suspects_comes_next_ties_in_document_order(seed_thesis):
    first, second, third, *_ = passages(seed_thesis)
    stored_counts(seed_thesis, (first, 1), (second, 2), (third, 2))
    assert progress.next_to_check(seed_thesis) == progress.NextPassage(second.pk, second.order, 2)
    assert progress.next_to_check(seed_thesis, exclude=second.pk).passage_id == third.pk


def test_corrected_and_verified_passages_leave_the_queue(seed_thesis, editors):
    first, second, third, *_ = passages(seed_thesis)
    save(second, editors[0], text=second.text + " Жаңа.")
    stored_counts(seed_thesis, (first, 1), (second, 2), (third, 2))
    assert Passage.objects.get(pk=second.pk).status == Passage.Status.CORRECTED
    assert progress.next_to_check(seed_thesis).passage_id == third.pk
    Passage.objects.filter(pk=third.pk).update(status=Passage.Status.VERIFIED)
    assert progress.next_to_check(seed_thesis).passage_id == first.pk


def test_without_suspects_the_first_unreviewed_passage_comes_next(seed_thesis):
    everything = passages(seed_thesis)
    stored_counts(seed_thesis)
    assert progress.next_to_check(seed_thesis).passage_id == everything[0].pk
    Passage.objects.filter(pk=everything[0].pk).update(status=Passage.Status.CORRECTED)
    assert progress.next_to_check(seed_thesis).passage_id == everything[1].pk


def test_no_unreviewed_passage_left_means_no_next_one(seed_thesis):
    Passage.objects.filter(thesis=seed_thesis).update(status=Passage.Status.CORRECTED)
    assert progress.next_to_check(seed_thesis) is None


def test_next_passage_counts_the_open_suspects_of_the_thesis(seed_thesis):
    report = find_suspects(seed_thesis)
    counts = Counter(s.passage_id for items in report.by_kind.values() for s in items)
    following = progress.next_to_check(seed_thesis)
    assert following.open_suspects == max(counts.values()) > 0
    assert following.order == min(p.order for p in passages(seed_thesis) if counts[p.pk] == following.open_suspects)


def test_passages_by_status(seed_thesis, editors):
    first = passages(seed_thesis)[0]
    assert progress.passages_by_status([seed_thesis.pk]) == {
        seed_thesis.pk: {"unreviewed": 11, "in_progress": 0, "corrected": 0, "verified": 0}
    }
    save(first, editors[0], text=first.text + " Жаңа.")
    assert progress.passages_by_status([seed_thesis.pk])[seed_thesis.pk] == {
        "unreviewed": 10,
        "in_progress": 0,
        "corrected": 1,
        "verified": 0,
    }


def test_the_week_begins_on_monday_in_the_archives_time_zone(settings):
    # Sunday 20:00 UTC is already Monday 01:00 in Almaty.
    sunday_evening = datetime(2026, 11, 29, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert progress.week_start(sunday_evening) == datetime(2026, 11, 30, tzinfo=ALMATY)
    thursday = datetime(2026, 12, 3, 12, 0, tzinfo=ALMATY)
    assert progress.week_start(thursday) == datetime(2026, 11, 30, tzinfo=ALMATY)


def test_edits_this_week_by_editor_most_first(seed_thesis, editors):
    aigul, berik = editors
    first, second, *_ = passages(seed_thesis)
    first = save(first, aigul, text=first.text + " Бір.")
    save(first, aigul, text=first.text + " Екі.")
    save(second, aigul, text=second.text + " Үш.")
    save(passages(seed_thesis)[3], berik, text="Беріктің мәтіні.")
    # A save of last week is not this week's.
    old = Passage.history.filter(history_user=berik).get()
    Passage.history.filter(pk=old.pk).update(history_date=progress.week_start() - timedelta(minutes=1))
    save(passages(seed_thesis)[4], berik, text="Беріктің екінші мәтіні.")
    week = progress.edits_this_week([seed_thesis.pk])[seed_thesis.pk]
    assert [(e.user, e.saves, e.passages) for e in week] == [(aigul, 3, 2), (berik, 1, 1)]
    assert [e.name for e in week] == ["Айгүл Сәтбаева", f"Editor {berik.pk}"]


def test_the_import_is_no_ones_edit(seed_thesis):
    assert progress.edits_this_week([seed_thesis.pk]) == {}


def test_the_next_passage_of_each_thesis_in_the_same_queries_however_many(seed_thesis, django_assert_num_queries):
    other = synthetic_thesis(40)
    stored_counts(other, (passages(other)[7], 3))
    with CaptureQueriesContext(connection) as one:
        progress.next_for_each([seed_thesis.pk])
    with django_assert_num_queries(len(one)):
        found = progress.next_for_each([seed_thesis.pk, other.pk])
    assert found[other.pk] == progress.next_to_check(other) and found[other.pk].open_suspects == 3
    assert found[seed_thesis.pk] == progress.next_to_check(seed_thesis)


def test_progress_of_a_thesis(seed_thesis, editors):
    first = passages(seed_thesis)[0]
    save(first, editors[0], text=first.text.replace("ХХI", "XXI"))
    (found,) = progress.progress()
    assert found.thesis == seed_thesis and found.total == 11
    assert [(status, count) for status, _label, count in found.statuses] == [
        ("unreviewed", 10),
        ("in_progress", 0),
        ("corrected", 1),
        ("verified", 0),
    ]
    assert {kind: count for kind, _label, count in found.kinds}[Kind.MIXED_SCRIPT] == 0
    assert found.open_suspects == sum(found.suspects_by_kind.values()) > 0
    assert [(e.user, e.saves) for e in found.editors] == [(editors[0], 1)]
    assert found.next_passage is not None and found.next_passage.passage_id != first.pk
    report = find_suspects(seed_thesis)
    assert found.suspects_by_kind == {kind: len(report.by_kind[kind]) for kind in Kind}
