"""A passage's conversation without HTTP: notes, replies in threads, resolutions, send-backs and mentions."""

import pytest
from django.core import mail

from thesis.editorial import discussion, editing, review
from thesis.editorial.editing import EditRefused
from thesis.models import Passage, PassageNote

from .conftest import account

pytestmark = pytest.mark.usefixtures("shared_seed")

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture
def people(db):
    aigul, berik = account("aigul"), account("berik", "Reviewers")
    aigul.email, berik.email = "aigul@example.kz", "berik@example.kz"
    aigul.save(), berik.save()
    return aigul, berik


@pytest.fixture
def passage(seed_thesis):
    return Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()


def test_mentions_are_usernames_after_an_at_not_inside_an_address():
    assert discussion.mentioned("@aigul қара, @berik. Хат: x@mail.kz, тағы @aigul") == ["aigul", "berik"]
    assert discussion.mentioned("ешкім") == []


def test_replies_join_their_thread_and_a_resolution_resolves_it(passage, people):
    aigul, berik = people
    question = discussion.add_note(passage.pk, author=aigul, body="Бұл сөз дұрыс па?")
    answer = discussion.add_note(passage.pk, author=berik, body="Иә", kind="answer", parent_id=question.pk)
    # A reply to a reply joins the thread's first note.
    done = discussion.add_note(passage.pk, author=aigul, body="Жарайды", kind="resolution", parent_id=answer.pk)
    (thread,) = discussion.threads(passage)
    assert thread.note == question and thread.replies == [answer, done]
    assert done.parent_id == question.pk
    assert set(PassageNote.objects.values_list("resolved", flat=True)) == {True}


@pytest.mark.parametrize(
    ("body", "kind", "parent"),
    [("  ", "question", None), ("x" * 2001, "question", None), ("Иә", "answer", None), ("Иә", "send_back", None)],
)
def test_a_bad_note_is_refused_and_nothing_is_written(passage, people, body, kind, parent):
    with pytest.raises(EditRefused):
        discussion.add_note(passage.pk, author=people[0], body=body, kind=kind, parent_id=parent)
    assert not PassageNote.objects.exists()


def test_a_reply_to_another_passages_note_is_refused(seed_thesis, passage, people):
    other = Passage.objects.filter(thesis=seed_thesis).exclude(pk=passage.pk).first()
    note = discussion.add_note(other.pk, author=people[0], body="Сұрақ")
    with pytest.raises(EditRefused):
        discussion.add_note(passage.pk, author=people[1], body="Жауап", kind="answer", parent_id=note.pk)


def test_a_mention_tells_the_editor_by_email_once_the_note_commits(passage, people, django_capture_on_commit_callbacks):
    aigul, berik = people
    with django_capture_on_commit_callbacks(execute=True):
        discussion.add_note(passage.pk, author=aigul, body="@berik қарап шықшы, @aigul өзім")
    assert [message.to for message in mail.outbox] == [["berik@example.kz"]]
    assert "қарап шықшы" in mail.outbox[0].body


def test_a_send_back_is_a_note_resolved_by_the_next_save(passage, people, django_capture_on_commit_callbacks):
    aigul, berik = people
    text = passage.text.replace(WRONG, RIGHT, 1)
    saved = editing.save_passage(passage.pk, text=text, expected_version=1, user=aigul, reason="Түзету")
    with django_capture_on_commit_callbacks(execute=True):
        sent = review.send_back(passage.pk, expected_version=saved.version, user=berik, comment="Үтір қайда?")
    note = PassageNote.objects.get()
    assert (note.kind, note.body, note.author, note.resolved) == ("send_back", "Үтір қайда?", berik, False)
    assert [message.to for message in mail.outbox] == [["aigul@example.kz"]]
    editing.save_passage(passage.pk, text=text + " Х.", expected_version=sent.version, user=aigul, reason="Ж")
    assert PassageNote.objects.get().resolved
