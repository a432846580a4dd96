"""Anonymous readers are throttled at the configured rate, with a 429 that says when to come back."""

import pytest

pytestmark = pytest.mark.django_db


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
