"""An editor's own work without HTTP: passages sent back to them, and passages they have in progress."""

import pytest

from thesis.editorial import editing, review
from thesis.models import Passage
from thesis.proofing import own_work

from .conftest import account

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture
def people(db):
    return account("aigul"), account("dana"), account("berik", "Reviewers")


def corrected_by(seed_thesis, editor):
    passage = Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()
    text = passage.text.replace(WRONG, RIGHT, 1)
    return editing.save_passage(passage.pk, text=text, expected_version=1, user=editor, reason="Түзету")


def test_a_passage_sent_back_is_its_editors_with_the_reviewers_note(seed_thesis, people):
    aigul, dana, berik = people
    passage = corrected_by(seed_thesis, aigul)
    review.send_back(passage.pk, expected_version=passage.version, user=berik, comment="Үтірді қайтар")
    (note,) = own_work.own_work(aigul).sent_back
    assert (note.passage_id, note.body, note.author) == (passage.pk, "Үтірді қайтар", berik)
    assert not own_work.own_work(dana).sent_back


def test_the_next_save_takes_a_passage_off_the_sent_back_list(seed_thesis, people):
    aigul, _dana, berik = people
    passage = corrected_by(seed_thesis, aigul)
    sent = review.send_back(passage.pk, expected_version=passage.version, user=berik, comment="Қайта қара")
    editing.save_passage(passage.pk, text=sent.text + " Х.", expected_version=sent.version, user=aigul, reason="Ж")
    assert not own_work.own_work(aigul).sent_back


def test_passages_in_progress_are_the_last_savers(seed_thesis, people):
    aigul, dana, _berik = people
    passage = Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()
    editing.save_passage(passage.pk, text=passage.text + " Х.", expected_version=1, user=aigul, reason="Ж", ready=False)
    assert [p.pk for p in own_work.own_work(aigul).in_progress] == [passage.pk]
    assert not own_work.own_work(dana)
    editing.save_passage(passage.pk, text=passage.text + " У.", expected_version=2, user=dana, reason="Ж", ready=False)
    assert not own_work.own_work(aigul).in_progress
    assert [p.pk for p in own_work.own_work(dana).in_progress] == [passage.pk]
