"""E-mail notices without HTTP: sent after the change commits, only to editors with an address who want them."""

import pytest
from django.contrib.auth.models import User
from django.core import mail

from thesis.editorial import notices
from thesis.models import EditorProfile


@pytest.fixture
def editors(db):
    return [
        User.objects.create_user("aigul", email="aigul@example.kz"),
        User.objects.create_user("berik", email="berik@example.kz"),
        User.objects.create_user("dana"),  # no address
    ]


def test_only_editors_with_an_address_who_have_not_opted_out_are_told(editors, django_capture_on_commit_callbacks):
    aigul, berik, dana = editors
    EditorProfile.objects.create(user=berik, notify=False)
    assert notices.wants_notices(editors) == [aigul]
    with django_capture_on_commit_callbacks(execute=True):
        notices.send_after_commit(editors, "Тақырып", "Мәтін")
    assert [message.to for message in mail.outbox] == [["aigul@example.kz"]]


def test_nothing_is_sent_before_the_change_commits(editors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notices.send_after_commit(editors[:1], "Тақырып", "Мәтін")
    assert len(callbacks) == 1 and mail.outbox == []
