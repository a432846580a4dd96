"""Anonymous readers are throttled at the configured rate per real client, with a 429 that says when to come back."""

import ipaddress
import random
import sys
import time
import urllib.error
import urllib.request

import pytest
import redis

from project.clients import parse_trusted_proxies
from tests.app_server import gunicorn, serving_workers
from tests.conftest import skip_or_fail
from tests.test_settings import PRODUCTION, run

PROXY = "10.0.0.5"
# A database of Redis's own for this test, which no other test uses.
REDIS_URL = "redis://127.0.0.1:6379/11"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]


def test_over_the_rate_is_a_429_with_retry_after(client, settings, seed_thesis):
    settings.API_ANON_RATE = "3/minute"
    for _ in range(3):
        assert client.get("/api/timeline/").status_code == 200
    refused = client.get("/api/passages/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()


def test_the_rate_can_be_turned_off(client, settings, seed_thesis):
    settings.API_ANON_RATE = "off"
    assert all(client.get("/api/sources/").status_code == 200 for _ in range(20))


def test_addresses_are_counted_apart(client, settings, seed_thesis):
    settings.API_ANON_RATE = "1/minute"
    assert client.get("/api/", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/", REMOTE_ADDR="10.0.0.2").status_code == 200


def random_address() -> str:
    return str(ipaddress.IPv4Address(random.getrandbits(32)))


def test_without_a_proxy_a_spoofed_forwarded_for_does_not_lift_the_limit(client, settings, seed_thesis):
    settings.TRUSTED_PROXIES = 0
    settings.API_ANON_RATE = "3/minute"
    statuses = [client.get("/api/", HTTP_X_FORWARDED_FOR=random_address()).status_code for _ in range(15)]
    assert statuses == [200] * 3 + [429] * 12


@pytest.mark.parametrize("trusted_proxies", ["1", PROXY, "10.0.0.0/24"])
def test_behind_a_proxy_clients_are_counted_apart_and_cannot_forge_their_way_out(
    client, settings, seed_thesis, trusted_proxies
):
    settings.TRUSTED_PROXIES = parse_trusted_proxies(trusted_proxies)
    settings.API_ANON_RATE = "2/minute"

    def get(forwarded_for: str) -> int:
        return client.get("/api/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    assert [get("198.51.100.1"), get("198.51.100.1"), get("198.51.100.1")] == [200, 200, 429]
    assert [get("198.51.100.2"), get("198.51.100.2")] == [200, 200]
    # The proxy appends the address it sees; whatever the client put before it is the client's say.
    assert [get(f"{random_address()}, 198.51.100.1") for _ in range(5)] == [429] * 5


def test_forwarded_for_from_elsewhere_than_a_listed_proxy_is_ignored(client, settings, seed_thesis):
    settings.TRUSTED_PROXIES = parse_trusted_proxies(PROXY)
    settings.API_ANON_RATE = "1/minute"
    statuses = [
        client.get("/api/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=random_address()).status_code
        for _ in range(5)
    ]
    assert statuses == [200] + [429] * 4


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('workers') / 'db.sqlite3'}"
    done = run([sys.executable, "manage.py", "migrate", "-v0"], {**PRODUCTION, "DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    return url


@pytest.mark.parametrize("shared_cache", ["files", "redis"])
def test_the_limit_holds_across_gunicorn_workers(migrated_database, tmp_path, shared_cache):
    """Each of the 2 workers serves one request and is replaced (--max-requests 1), so no two requests
    share a process: the count can only add up across them through the shared cache."""
    client = random_address()  # the throttle's key, apart from any other run's in the same Redis
    env = {
        **PRODUCTION,
        "DATABASE_URL": migrated_database,
        "SECURE_SSL_REDIRECT": "0",
        "API_ANON_RATE": "3/minute",
        "API_RESPONSE_CACHE_MB": "0",
        "TRUSTED_PROXIES": "1",
        "CACHE_DIR": str(tmp_path / "cache"),
        "CACHE_URL": redis_url() if shared_cache == "redis" else "",
        "REDIS_URL": "",
    }
    # Sync workers: a threaded one may take the next connection before it is replaced.
    with gunicorn(
        env, tmp_path / "access.log", max_requests=1, arguments=("--worker-class", "sync", "--threads", "1")
    ) as port:
        statuses = [api_status(port, client) for _ in range(7)]
    serving = serving_workers(tmp_path / "access.log", "/api/")
    assert statuses == [200] * 3 + [429] * 4
    assert len(set(serving)) == len(statuses)
    if shared_cache == "redis":
        redis.Redis.from_url(REDIS_URL).delete(f":1:throttle_anon_{client}")


def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        skip_or_fail(f"Redis at 127.0.0.1:6379 ({error})")
    return REDIS_URL


def api_status(port: int, client: str) -> int:
    headers = {"Host": "127.0.0.1", "X-Forwarded-For": client}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/", headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code
    finally:
        assert time.monotonic() - started < 30
