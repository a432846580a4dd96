"""Logging: a failed request's traceback and security events reach stderr once, with the real client address."""

import io
import logging
import secrets
import sys

import pytest
from django.test import Client
from django.urls import path

from project.clients import parse_trusted_proxies
from tests.test_settings import run

FAIL_ONE_REQUEST = """
import django
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get(
    "/api/passages/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
)
print(response.status_code)
"""


def failing_request(tmp_path, **variables):
    """Stdout and stderr of a fresh process whose API request fails: its database was never migrated."""
    env = {
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
        "TRUSTED_PROXIES": "10.0.0.5",
        "CACHE_URL": "",
        "REDIS_URL": "",
        **variables,
    }
    return run([sys.executable, "-c", FAIL_ONE_REQUEST], env, timeout=60)


def test_in_production_a_failed_request_logs_its_traceback_and_client(tmp_path):
    done = failing_request(tmp_path, PRODUCTION="1", SECRET_KEY=secrets.token_urlsafe(50), SECURE_SSL_REDIRECT="0")
    assert done.stdout.strip() == "500", done.stderr
    assert "ERROR django.request client=198.51.100.7 Internal Server Error: /api/passages/" in done.stderr
    assert "Traceback" in done.stderr
    assert "OperationalError: no such table" in done.stderr
    assert done.stderr.count("Internal Server Error") == 1


def test_in_debug_a_failed_request_is_logged_once(tmp_path):
    done = failing_request(tmp_path, DEBUG="1")
    assert done.stdout.strip() == "500", done.stderr
    assert "Traceback" in done.stderr
    # Once, by the handler of request errors: Django's debug console handler does not repeat it.
    assert done.stderr.count("Internal Server Error: /api/passages/") == 1


def broken_view(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("broken/", broken_view)]


@pytest.fixture
def events():
    """What the handler of request errors and security events writes, instead of stderr."""
    handler = next(h for h in logging.getLogger("django.request").handlers if h.name == "events")
    buffer = io.StringIO()
    stderr = handler.setStream(buffer)
    yield buffer
    handler.setStream(stderr)


@pytest.mark.django_db
def test_the_traceback_and_client_of_an_error_in_a_view(settings, events):
    settings.ROOT_URLCONF = __name__
    settings.TRUSTED_PROXIES = 1
    response = Client(raise_request_exception=False).get(
        "/broken/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 500
    written = events.getvalue()
    assert "ERROR django.request client=198.51.100.7 Internal Server Error: /broken/" in written
    assert "Traceback" in written and "RuntimeError: the view broke" in written


@pytest.mark.django_db
def test_a_security_event_is_logged_with_its_client(client, settings, events):
    settings.TRUSTED_PROXIES = parse_trusted_proxies("10.0.0.5")
    response = client.get("/api/", HTTP_HOST="evil.example", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response.status_code == 400
    assert "django.security.DisallowedHost client=198.51.100.9 Invalid HTTP_HOST header" in events.getvalue()


@pytest.mark.django_db
def test_a_client_error_is_not_logged_as_one(client, events):
    assert client.get("/api/no-such-endpoint/").status_code == 404
    assert events.getvalue() == ""
