"""Review by a second editor, without HTTP: corrected on change, no self-verification, approve and send back
in history, and the queue's order, diffs and queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from thesis.editorial import editing, replace, review
from thesis.models import Passage

from .conftest import account

pytestmark = pytest.mark.usefixtures("shared_seed")

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture(autouse=True)
def in_english():
    # Reasons a decision records are in the reviewer's language; these tests read them in English.
    with translation.override("en"):
        yield


@pytest.fixture
def editor(db):
    return account("aigul")


@pytest.fixture
def passage(seed_thesis):
    return Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()


def correct(passage, user, reason="Қайталанған буын"):
    passage.refresh_from_db()
    return editing.save_passage(
        passage.pk,
        text=passage.text.replace(WRONG, RIGHT, 1),
        expected_version=passage.version,
        user=user,
        reason=reason,
    )


def test_a_change_of_text_sets_corrected(passage, editor):
    assert correct(passage, editor).status == "corrected"


def test_find_and_replace_sets_corrected(seed_thesis, passage, editor):
    replace.apply(seed_thesis, WRONG, RIGHT, reason="Қайталанған буын", user=editor)
    passage.refresh_from_db()
    assert passage.status == "corrected"


def test_a_verified_passage_whose_text_changes_is_corrected_again(passage, editor, reviewer):
    correct(passage, editor)
    review.approve(passage.pk, expected_version=2, user=reviewer)
    saved = editing.save_passage(passage.pk, text="Жаңа мәтін.", expected_version=3, user=editor, reason="r")
    assert saved.status == "corrected"


def test_a_reviewer_cannot_verify_their_own_change(passage):
    both = account("dana", "Reviewers")
    correct(passage, both)
    with pytest.raises(editing.VerificationRefused, match="last change"):
        review.approve(passage.pk, expected_version=2, user=both)
    with pytest.raises(editing.VerificationRefused):
        editing.save_passage(passage.pk, status="verified", expected_version=2, user=both, reason="self")
    passage.refresh_from_db()
    assert (passage.status, passage.version) == ("corrected", 2)


def test_an_editor_who_is_no_reviewer_cannot_verify(passage, editor, reviewer):
    correct(passage, reviewer)
    with pytest.raises(editing.VerificationRefused, match="Only a reviewer"):
        review.approve(passage.pk, expected_version=2, user=editor)


def test_a_second_editor_verifies_and_history_says_so(passage, editor, reviewer):
    correct(passage, editor)
    approved = review.approve(passage.pk, expected_version=2, user=reviewer, comment="Дұрыс")
    assert (approved.status, approved.version) == ("verified", 3)
    latest = passage.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (reviewer, "Approved: Дұрыс")
    assert latest.status == "verified"


def test_approving_a_stale_version_is_refused(passage, editor, reviewer):
    correct(passage, editor)
    with pytest.raises(editing.StaleEdit):
        review.approve(passage.pk, expected_version=1, user=reviewer)


def test_send_back_records_the_comment_and_leaves_the_queue(seed_thesis, passage, editor, reviewer):
    correct(passage, editor)
    returned = review.send_back(passage.pk, expected_version=2, user=reviewer, comment="Сөз қате бөлінген")
    assert returned.status == "unreviewed" and returned.text.count(RIGHT) >= 1
    latest = passage.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (reviewer, "Sent back: Сөз қате бөлінген")
    assert passage.pk not in {item.passage.pk for item in review.queue(seed_thesis).items}


def test_send_back_needs_a_comment_and_a_reviewer(passage, editor, reviewer):
    correct(passage, editor)
    with pytest.raises(editing.EditRefused, match="sent back"):
        review.send_back(passage.pk, expected_version=2, user=reviewer, comment="  ")
    with pytest.raises(editing.EditRefused, match="Only a reviewer"):
        review.send_back(passage.pk, expected_version=2, user=editor, comment="no")


def test_a_revert_does_not_bring_back_a_verified_status(passage, editor, reviewer):
    correct(passage, editor)
    verified = review.approve(passage.pk, expected_version=2, user=reviewer)
    editing.save_passage(passage.pk, text="Басқа.", expected_version=3, user=editor, reason="r")
    record = passage.history.get(version=verified.version)
    reverted = editing.revert_passage(
        passage.pk, history_id=record.history_id, expected_version=4, user=editor, reason="back"
    )
    assert reverted.status == "corrected"


def edit(passage, user, text):
    passage.refresh_from_db()
    return editing.save_passage(passage.pk, text=text, expected_version=passage.version, user=user, reason="r")


def test_the_queue_is_oldest_first_with_the_diff_since_the_import(seed_thesis, editor):
    first, second = Passage.objects.filter(thesis=seed_thesis).order_by("order")[3:5]
    imported = second.text
    edit(second, editor, second.text + " Екінші.")
    edit(first, editor, first.text + " Бірінші.")
    items = review.queue(seed_thesis).items
    assert [item.passage.pk for item in items] == [second.pk, first.pk]
    assert items[0].diff == [{"op": "equal", "text": imported}, {"op": "insert", "text": " Екінші."}]
    assert items[0].state.last_editor == editor


def test_the_diff_is_since_the_last_verified_version(seed_thesis, editor, reviewer):
    passage = Passage.objects.filter(thesis=seed_thesis).order_by("order")[3]
    edit(passage, editor, "Бір екі үш.")
    review.approve(passage.pk, expected_version=2, user=reviewer)
    edit(passage, editor, "Бір екі төрт.")
    (item,) = review.queue(seed_thesis).items
    assert item.diff == [
        {"op": "equal", "text": "Бір екі "},
        {"op": "delete", "text": "үш."},
        {"op": "insert", "text": "төрт."},
    ]


def test_the_queue_reads_in_constant_queries(seed_thesis, editor):
    passages = list(Passage.objects.filter(thesis=seed_thesis).order_by("order")[:6])
    counts = []
    for size in (2, 6):
        for passage in passages[:size]:
            edit(passage, editor, passage.text + " Түзетілді.")
        with CaptureQueriesContext(connection) as queries:
            found = review.queue(seed_thesis, size=4)
        counts.append(len(queries))
    assert counts[0] == counts[1] == 4 and found.total == 6 and len(found.items) == 4
