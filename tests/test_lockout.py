"""Login lockout (project/lockout.py): one address failing for many accounts is locked out, and only it."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def lockout(settings, django_user_model):
    settings.AXES_ENABLED = True
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    django_user_model.objects.create_user("editor", password="the-right-password", is_staff=True)


def post(client, address, username, password="wrong"):
    credentials = {"username": username, "password": password}
    return client.post(reverse("admin:login"), credentials, REMOTE_ADDR=address).status_code


def test_an_address_guessing_usernames_is_locked_out_at_its_own_limit(lockout, settings):
    guesses = [
        post(Client(), "198.51.100.1", f"guess-{number}") for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    ]
    assert guesses == [200] * (settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1) + [429]
    # Every account is locked for that address, the right password too; another address is not.
    assert post(Client(), "198.51.100.1", "editor", "the-right-password") == 429
    assert post(Client(), "198.51.100.2", "editor", "the-right-password") == 302


def test_failures_for_several_accounts_below_the_address_limit_lock_nothing(lockout, settings):
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 2):
        assert post(Client(), "198.51.100.1", f"guess-{number}") == 200
    assert post(Client(), "198.51.100.1", "editor", "the-right-password") == 302


def test_one_account_still_locks_at_the_account_limit(lockout, settings):
    failures = [post(Client(), "198.51.100.1", "editor") for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert failures == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # Below the address's limit, another account from the same address is only refused its wrong password.
    assert post(Client(), "198.51.100.1", "another") == 200
