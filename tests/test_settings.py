"""Production settings: the deploy check, security headers, the admin path, login throttling, one-process serving."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from project.clients import parse_trusted_proxies

PRODUCTION = {
    "PRODUCTION": "1",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "archive.example.org,127.0.0.1",
}


def run(args, extra_env, **kwargs):
    env = {**os.environ, **extra_env}
    env.pop("DEBUG", None)
    return subprocess.run(args, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, **kwargs)


def test_deploy_check_reports_nothing_in_production():
    done = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    done = run([sys.executable, "manage.py", "check"], {**env, "SECRET_KEY": ""})
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_the_admin_path_is_a_setting():
    script = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    done = run([sys.executable, "-c", script], {"DJANGO_SETTINGS_MODULE": "project.settings", "ADMIN_PATH": "desk"})
    assert done.stdout.strip() == "/desk/", done.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/api/docs/", "/api/"])
def test_security_headers_on_admin_docs_and_api(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, settings, django_user_model):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_user("editor", password="the-right-password", is_staff=True)
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post(login, {"username": "editor", "password": "wrong"})
    assert locked.status_code == 429
    still_locked = client.post(login, {"username": "editor", "password": "the-right-password"})
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("trusted_proxies", ["1", "10.0.0.5"])
def test_behind_a_proxy_a_lockout_keeps_to_the_client_that_failed(client, settings, django_user_model, trusted_proxies):
    """An attacker who fails for the editor's account locks out only themselves."""
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXIES = parse_trusted_proxies(trusted_proxies)
    django_user_model.objects.create_user("editor", password="the-right-password", is_staff=True)
    login = reverse("admin:login")

    def post(browser, forwarded_for, password):
        credentials = {"username": "editor", "password": password}
        return browser.post(login, credentials, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded_for)

    attempts = [post(client, "198.51.100.1", "wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert attempts == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # A forged address before its own does not make the attacker someone else.
    assert post(client, "203.0.113.9, 198.51.100.1", "the-right-password").status_code == 429
    editor = Client()
    assert post(editor, "198.51.100.2", "the-right-password").status_code == 302
    assert "_auth_user_id" in editor.session


@pytest.mark.parametrize(("value", "num_proxies"), [("", 0), ("2", 2), ("10.0.0.5, 10.1.0.0/16", 0)])
def test_drf_believes_forwarded_for_no_further_than_trusted_proxies(value, num_proxies):
    script = "from project import settings as s; print(s.REST_FRAMEWORK['NUM_PROXIES'])"
    done = run([sys.executable, "-c", script], {"TRUSTED_PROXIES": value})
    assert done.stdout.strip() == str(num_proxies), done.stderr


def test_a_malformed_trusted_proxies_stops_the_settings_from_loading():
    done = run([sys.executable, "manage.py", "check"], {"TRUSTED_PROXIES": "10.0.0.5, proxy.internal"})
    assert done.returncode != 0
    assert "ImproperlyConfigured: TRUSTED_PROXIES must be" in done.stderr
    assert "proxy.internal" in done.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_one_gunicorn_process_serves_the_api_and_static_files(tmp_path):
    env = {
        **PRODUCTION,
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "-v0"]):
        done = run([sys.executable, "manage.py", *command], env)
        assert done.returncode == 0, done.stderr
    port = free_port()
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "1", "project.wsgi:application"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        login = fetch(f"http://127.0.0.1:{port}/admin/login/", wait=True)
        stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]+\.css)"', login).group(1)
        assert "color" in fetch(f"http://127.0.0.1:{port}{stylesheet}")
        assert '"theses"' in fetch(f"http://127.0.0.1:{port}/api/")
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(url: str, wait: bool = False) -> str:
    deadline = time.monotonic() + (20 if wait else 0)
    while True:
        try:
            request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
