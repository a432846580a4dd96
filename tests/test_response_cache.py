"""The API's response cache (project/response_cache.py): byte-identical hits, never stale after an edit."""

import datetime
from unittest.mock import patch
from urllib.parse import quote
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connections

from project.response_cache import ResponseCache
from thesis.derived import dataversion
from thesis.models import Passage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]


@pytest.fixture(autouse=True)
def connection_kept():
    """Each request through WSGI ends by closing a connection that is in a transaction, which is
    the test's own: kept open here, as the test client keeps it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def django_app():
    return get_wsgi_application()


@pytest.fixture
def cached(django_app):
    return ResponseCache(django_app, max_bytes=4 * 1024 * 1024, prefix="/api/")


def call(app, path, method="GET", **headers):
    """Status, headers and body of one request made through WSGI, as gunicorn would make it."""
    base, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": base, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
    environ.update(headers)
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=response_headers)

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return answer["status"], answer["headers"], body


def header(headers, name):
    return next((value for key, value in headers if key.lower() == name.lower()), None)


def test_a_hit_is_byte_identical_to_django_s_own_response(seed_thesis, django_app, cached):
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    for path in (f"/api/passages/{passage.pk}/", f"/api/passages/?q={quote('Қазақстан')}", "/api/timeline/timelinejs/"):
        direct = call(django_app, path)
        assert direct[0] == "200 OK"
        assert call(cached, path) == direct, "the miss"
        assert call(cached, path) == direct, "the hit"
    assert len(cached.entries) == 3


def test_a_hit_checks_its_connection_as_django_does_at_the_start_and_end_of_a_request(seed_thesis, cached):
    path = f"/api/passages/{Passage.objects.first().pk}/"
    call(cached, path)
    wrapper = connections[dataversion.database()]
    checks = []
    with patch.object(wrapper, "close_if_unusable_or_obsolete", lambda: checks.append(path)):
        assert call(cached, path)[0] == "200 OK"
        assert checks == [], "a connection in a transaction, the test's own, is left alone"
        # Between requests in a deployment, no transaction is open.
        with patch.object(wrapper, "in_atomic_block", False):
            assert call(cached, path)[0] == "200 OK"
    assert len(cached.entries) == 1
    assert checks == [path, path]


def test_a_hit_adds_no_health_check_to_its_one_query(seed_thesis, cached):
    path = f"/api/passages/{Passage.objects.first().pk}/"
    call(cached, path)
    wrapper, checks = connections[dataversion.database()], []

    def recycled():
        wrapper.health_check_done = False  # as Django's own does, before a request's first query

    with (
        patch.object(wrapper, "close_if_unusable_or_obsolete", recycled),
        patch.object(wrapper, "in_atomic_block", False),
        patch.object(wrapper, "health_check_enabled", True),
        patch.object(wrapper, "is_usable", lambda: checks.append("SELECT 1") or True),
    ):
        assert call(cached, path)[0] == "200 OK"
    assert checks == []


def test_an_edit_changes_the_cached_response_and_its_etag_at_once(seed_thesis, cached):
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    path = f"/api/passages/{passage.pk}/"
    _status, before_headers, before = call(cached, path)
    passage.text += " Жаңа сөйлем."
    passage.save()
    _status, after_headers, after = call(cached, path)
    assert "Жаңа сөйлем.".encode() in after and "Жаңа сөйлем.".encode() not in before
    assert header(after_headers, "ETag") != header(before_headers, "ETag")
    old_etag = header(before_headers, "ETag")
    assert call(cached, path, HTTP_IF_NONE_MATCH=old_etag)[0] == "200 OK"


def test_the_tei_edition_is_cached_and_an_edit_replaces_it(seed_thesis, django_app, cached):
    path = f"/api/theses/{seed_thesis.pk}/tei.xml"
    direct = call(django_app, path)
    assert call(cached, path) == direct and call(cached, path) == direct
    assert len(cached.entries) == 1
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    passage.text += " Жаңа сөйлем."
    passage.save()
    assert "Жаңа сөйлем.".encode() in call(cached, path)[2]


def test_if_none_match_is_answered_from_the_cache_with_the_headers_django_sends(seed_thesis, django_app, cached):
    path = "/api/sources/?page_size=5"
    _status, headers, _body = call(cached, path)
    etag = header(headers, "ETag")
    status, not_modified, body = call(cached, path, HTTP_IF_NONE_MATCH=etag)
    assert (status, body) == ("304 Not Modified", b"")
    django_status, django_headers, _ = call(django_app, path, HTTP_IF_NONE_MATCH=etag)
    assert django_status == "304 Not Modified"
    assert sorted(not_modified) == sorted(django_headers)
    assert header(not_modified, "Content-Security-Policy") and header(not_modified, "X-Content-Type-Options")
    assert call(cached, path, HTTP_IF_NONE_MATCH=f"W/{etag}")[0] == "304 Not Modified"
    assert call(cached, path, HTTP_IF_NONE_MATCH='"other"')[0] == "200 OK"


def test_cors_headers_follow_each_request_s_origin(seed_thesis, cached, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://reader.example"]
    settings.CORS_ALLOW_ALL_ORIGINS = False
    path = "/api/theses/"
    allowed = call(cached, path, HTTP_ORIGIN="https://reader.example")
    other = call(cached, path, HTTP_ORIGIN="https://elsewhere.example")
    assert header(allowed[1], "Access-Control-Allow-Origin") == "https://reader.example"
    assert header(other[1], "Access-Control-Allow-Origin") is None
    assert call(cached, path, HTTP_ORIGIN="https://reader.example") == allowed


def test_languages_and_media_types_are_cached_apart(seed_thesis, django_app, cached):
    path = "/api/passages/?page_size=abc"  # an error, not cached, in the language asked for
    assert call(cached, path, HTTP_ACCEPT_LANGUAGE="kk") == call(django_app, path, HTTP_ACCEPT_LANGUAGE="kk")
    for language in ("kk", "ru", "en"):
        assert call(cached, "/api/theses/", HTTP_ACCEPT_LANGUAGE=language) == call(
            django_app, "/api/theses/", HTTP_ACCEPT_LANGUAGE=language
        )
    assert len(cached.entries) == 3


def test_only_successful_anonymous_gets_of_the_api_are_stored(seed_thesis, cached):
    call(cached, "/api/passages/0/")
    call(cached, "/api/theses/", method="HEAD")
    call(cached, "/api/theses/", HTTP_AUTHORIZATION="Basic eDp5")
    call(cached, "/admin/login/")
    assert not cached.entries


def test_the_cache_stays_within_its_size(seed_thesis, django_app):
    small = ResponseCache(django_app, max_bytes=40_000, prefix="/api/")
    for page in range(1, 6):
        call(small, f"/api/passages/?page_size=5&page={page}")
    assert small.size <= 40_000
    assert small.size == sum(len(entry.body) for entry in small.entries.values())


def test_a_size_of_zero_turns_it_off(seed_thesis, django_app):
    off = ResponseCache(django_app, max_bytes=0, prefix="/api/")
    call(off, "/api/theses/")
    assert not off.entries


def test_csl_json_is_cached_apart_for_each_accepted_type(seed_thesis, django_app, cached):
    path = f"/api/theses/{seed_thesis.pk}/sources.csl.json"
    for accept in ("*/*", "application/json", "application/vnd.citationstyles.csl+json"):
        direct = call(django_app, path, HTTP_ACCEPT=accept)
        assert call(cached, path, HTTP_ACCEPT=accept) == direct and call(cached, path, HTTP_ACCEPT=accept) == direct
    assert header(call(cached, path, HTTP_ACCEPT="*/*")[1], "Content-Type") == "application/vnd.citationstyles.csl+json"
    assert header(call(cached, path, HTTP_ACCEPT="application/json")[1], "Content-Type") == "application/json"
    assert len(cached.entries) == 3


def test_a_streamed_csv_passes_through_unbuffered_and_its_etag_still_gives_a_304(seed_thesis, cached):
    path = f"/api/passages/?thesis={seed_thesis.pk}&format=csv"
    status, headers, body = call(cached, path)
    assert status.startswith("200") and header(headers, "Content-Type") == "text/csv; charset=utf-8"
    assert body.decode("utf-8").count("\r\n") == 1 + seed_thesis.passages.count()
    assert not cached.entries  # a stream is never held, so never stored
    status, headers, body = call(cached, path, HTTP_IF_NONE_MATCH=header(headers, "ETag"))
    assert status.startswith("304") and body == b""
    assert header(headers, "Content-Type") is None


def test_reading_pages_are_cached_in_each_language_and_script_and_an_edit_replaces_them(
    seed_thesis, django_app, cached
):
    queries = ("", "?lang=ru", "?lang=en&script=latn", "?section=2&view=changes")
    paths = [f"/theses/{seed_thesis.pk}/{query}" for query in queries]
    for path in paths:
        direct = call(django_app, path, HTTP_ACCEPT_LANGUAGE="kk")
        assert header(direct[1], "Set-Cookie") is None, "a page sets no cookie, so one reader's copy serves all"
        assert call(cached, path, HTTP_ACCEPT_LANGUAGE="kk") == direct, "the miss"
        assert call(cached, path, HTTP_ACCEPT_LANGUAGE="kk") == direct, "the hit"
    assert len(cached.entries) == 4
    assert b'lang="ru"' in call(cached, paths[1])[2][:200]
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    passage.text += " Жаңа сөйлем."
    passage.save()
    assert "Жаңа сөйлем.".encode() in call(cached, paths[0], HTTP_ACCEPT_LANGUAGE="kk")[2]


def test_a_reading_page_is_cached_apart_for_each_day_and_not_for_a_bad_parameter(seed_thesis, cached):
    path = f"/theses/{seed_thesis.pk}/"
    call(cached, path)
    with patch("project.response_cache.datetime") as clock:
        clock.date.today.return_value = datetime.date(2031, 1, 1)
        call(cached, path)
    call(cached, path + "?lang=xx")
    assert len(cached.entries) == 2


def test_hits_say_so_only_when_the_setting_asks_and_misses_never(seed_thesis, django_app, settings):
    path = f"/api/passages/{Passage.objects.filter(thesis=seed_thesis).first().pk}/"
    plain = ResponseCache(django_app, max_bytes=4 * 1024 * 1024, prefix="/api/")
    call(plain, path)
    assert header(call(plain, path)[1], "X-Response-Cache") is None
    settings.API_RESPONSE_CACHE_HIT_HEADER = True
    counted = ResponseCache(django_app, max_bytes=4 * 1024 * 1024, prefix="/api/")
    miss_status, miss_headers, miss_body = call(counted, path)
    assert header(miss_headers, "X-Response-Cache") is None
    status, headers, body = call(counted, path)
    assert (status, body) == (miss_status, miss_body)
    assert header(headers, "X-Response-Cache") == "hit"
    assert sorted(headers) == sorted([*miss_headers, ("X-Response-Cache", "hit")])
    status, headers, _body = call(counted, path, HTTP_IF_NONE_MATCH=header(miss_headers, "ETag"))
    assert (status, header(headers, "X-Response-Cache")) == ("304 Not Modified", "hit")
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    passage.text += " Жаңа сөйлем."
    passage.save()
    assert header(call(counted, path)[1], "X-Response-Cache") is None
