"""The per-client limit on the reading site's pages and the admin (project/fair_share.py): a 429 in the reader's
language with Retry-After, 304s free, clients told apart by the rule of project/clients.py."""

import pytest

from project.clients import parse_trusted_proxies
from project.fair_share import FairShareMiddleware, cost, parse_rate

pytestmark = pytest.mark.django_db

REFUSED = {
    "en": "Too many requests",
    "kk": "Сұраныс тым көп",
    "ru": "Слишком много запросов",
}


@pytest.fixture(autouse=True)
def instant_pages(monkeypatch):
    """Every page computed in no time, so that each counts once whatever this machine's speed."""
    monkeypatch.setattr("project.fair_share.clock", lambda: 1000.0)


def statuses(client, path: str, times: int, **headers) -> list[int]:
    return [client.get(path, **headers).status_code for _ in range(times)]


@pytest.mark.parametrize("language", sorted(REFUSED))
def test_over_the_rate_a_reader_gets_a_429_in_their_language_with_retry_after(client, settings, language):
    settings.READING_RATE = "3/minute"
    assert statuses(client, "/", 3, HTTP_ACCEPT_LANGUAGE=language) == [200] * 3
    refused = client.get("/people/", HTTP_ACCEPT_LANGUAGE=language)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert REFUSED[language] in page and f'<html lang="{language}"' in page


def test_revalidations_answered_304_are_free(client, settings):
    settings.READING_RATE = "3/minute"
    client.get("/")  # sets the CSRF cookie, which the ETag depends on
    etag = client.get("/")["ETag"]
    assert statuses(client, "/", 5, HTTP_IF_NONE_MATCH=etag) == [304] * 5
    assert statuses(client, "/people/", 2) == [200, 429]


def test_the_api_and_static_files_are_not_counted_here(client, settings):
    settings.READING_RATE = "1/minute"
    assert statuses(client, "/api/", 3) == [200] * 3
    assert statuses(client, "/", 2) == [200, 429]


def test_the_admin_has_a_rate_of_its_own(client, settings):
    settings.READING_RATE = "1/minute"
    settings.ADMIN_RATE = "2/minute"
    assert statuses(client, "/", 1) == [200]
    assert statuses(client, f"/{settings.ADMIN_PATH}login/", 3) == [200, 200, 429]


def test_clients_are_told_apart_by_the_trusted_proxies_rule(client, settings):
    settings.READING_RATE = "1/minute"
    assert statuses(client, "/", 2, HTTP_X_FORWARDED_FOR="203.0.113.7") == [200, 429]
    assert statuses(client, "/", 1, HTTP_X_FORWARDED_FOR="203.0.113.8") == [429]  # a spoofed header lifts nothing
    settings.TRUSTED_PROXIES = parse_trusted_proxies("1")
    assert statuses(client, "/", 2, HTTP_X_FORWARDED_FOR="203.0.113.9") == [200, 429]
    assert statuses(client, "/", 1, HTTP_X_FORWARDED_FOR="203.0.113.10") == [200]


def test_rates_read_as_the_apis_and_off_turns_the_limit_off(client, settings):
    assert parse_rate("120/minute") == (120, 60) and parse_rate("5/s") == (5, 1) and parse_rate("off") is None
    settings.READING_RATE = "off"
    assert statuses(client, "/", 5) == [200] * 5


def test_a_page_counts_by_the_time_it_took():
    assert [cost(seconds) for seconds in (0, 0.05, 0.1, 0.25, 2)] == [1, 1, 2, 3, 21]


def test_a_client_may_have_two_reading_pages_computing_in_a_worker_at_once():
    middleware = FairShareMiddleware(lambda request: None)
    with middleware.turn("203.0.113.7") as first, middleware.turn("203.0.113.7") as second:
        with middleware.turn("203.0.113.7") as third, middleware.turn("203.0.113.8") as other:
            assert (first, second, third, other) == (True, True, False, True)
        with middleware.turn(None) as admin:  # the admin is not held to it
            assert admin
    assert not middleware.computing
    with middleware.turn("203.0.113.7") as again:
        assert again


def test_a_slow_page_uses_up_the_rate_sooner(client, settings, monkeypatch):
    settings.READING_RATE = "4/minute"
    moments = iter([1000.0, 1000.35, 1000.4])
    monkeypatch.setattr("project.fair_share.clock", lambda: next(moments))
    assert statuses(client, "/", 2) == [200, 429]  # the first took 0.35 s: it counted 4, 1 and 3 for its three tenths


def test_a_burst_is_refused_within_the_second_and_let_through_after_it(client, settings, monkeypatch):
    settings.READING_RATE, settings.READING_BURST = "120/minute", "2/second"
    moments = iter([1000.0, 1000.0, 1000.1, 1000.1, 1000.5, 1001.2, 1001.2])
    monkeypatch.setattr("project.fair_share.clock", lambda: next(moments))
    assert statuses(client, "/", 3) == [200, 200, 429]  # two pages at 1000.0 and 1000.1; the third waits
    assert statuses(client, "/", 1) == [200]  # a second after the first
