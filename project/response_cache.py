"""A WSGI wrapper that answers repeated anonymous GETs of the API and the reading site from memory, by data version.

Before Django is entered, one tiny query reads the data version (thesis/derived/dataversion.py), which every
change to the archive bumps in the transaction that makes it: for an address that shows one thesis
alone (project/version_scope.py), that thesis's own version, which only a change to it bumps; for
any other, the archive's. The key is that version, the full path with its query string, every
request header a response may vary on, and the day (a page's citation gives the date it was read);
so an edit makes every older entry it could change unreachable at once, no stale response is ever
served, and the entries of the theses it left alone are still found. A reading page depends on
nothing else: its language is in its address or the browser's Accept-Language, never in a cookie
(project/languages.py).

A hit is the whole response as Django sent it, security, CORS and Last-Modified headers
included, and byte for byte the same body. A hit with a matching If-None-Match (or, without
one, an If-Modified-Since not older than Last-Modified) is a 304 with the headers Django's
ConditionalGetMiddleware would send (with API_RESPONSE_CACHE_HIT_HEADER on, both say
they are hits, for a load test to count). A hit does not pass through DRF: it is not throttled,
which is the point of it, since throttling guards the work a hit does not do.

The entries live in each worker's memory, least recently used first out past a size in bytes (the
unreachable ones too, as they go unused):
a hit must cost almost nothing, and sharing them through Redis would add a round trip to every
hit while saving only the first computation of a response in each worker.
"""

import datetime
import threading
from collections import OrderedDict

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils.http import parse_etags, parse_http_date_safe

from reading.links import reading_path
from thesis.derived import dataversion

from .version_scope import scope

# The request headers a response of the API can depend on, besides the path and query string.
KEYED_HEADERS = (
    "HTTP_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ORIGIN",
    "HTTP_ACCESS_CONTROL_REQUEST_METHOD",
)
VARY_KEYED = {"host", "accept", "accept-language", "origin", "x-forwarded-proto"}
CACHED_TYPES = (
    "application/json",
    "application/ld+json",
    "application/tei+xml",
    "application/vnd.citationstyles.csl+json",
    "text/plain",
    "application/vnd.oai.openapi",
    "text/html",
)
UNVERSIONED = ("schema/", "docs/")
CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# The header a hit carries when API_RESPONSE_CACHE_HIT_HEADER is on, so that a load test can count hits.
HIT_HEADER = ("X-Response-Cache", "hit")
# What Django's 304 lacks of its 200's headers: those of the body, and those the middleware inside
# ConditionalGetMiddleware set (the ones outside it, security and CORS, are on both).
NOT_MODIFIED_DROPS = {"content-type", "content-length", "content-language", "allow", "x-frame-options"}


class Entry:
    """A response as Django sent it, and its 304 twin's headers."""

    __slots__ = ("status", "headers", "body", "etag", "last_modified", "not_modified_headers")

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body
        found = {name.lower(): value for name, value in headers}
        self.etag = found.get("etag")
        self.last_modified = parse_http_date_safe(found.get("last-modified", ""))
        self.not_modified_headers = [(n, v) for n, v in headers if n.lower() not in NOT_MODIFIED_DROPS]


class ResponseCache:
    """WSGI middleware around the Django application; see the module's docstring."""

    def __init__(self, application, max_bytes: int | None = None, prefix: str | None = None):
        self.application = application
        self.max_bytes = settings.API_RESPONSE_CACHE_BYTES if max_bytes is None else max_bytes
        self.prefix = settings.API_RESPONSE_CACHE_PREFIX if prefix is None else prefix
        self.skip = tuple(self.prefix + path for path in UNVERSIONED)
        self.hit_header = [HIT_HEADER] if settings.API_RESPONSE_CACHE_HIT_HEADER else []
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.size = 0
        # Sync workers answer one request at a time; the lock is for threaded ones.
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not self.max_bytes or not self.cacheable_request(environ):
            return self.application(environ, start_response)
        version = self.read_version(environ)
        if version is None:
            return self.application(environ, start_response)
        key = self.key(environ, version)
        entry = self.lookup(key)
        if entry is None:
            entry, response = self.compute(environ, start_response)
            if entry is None:
                return response
            self.store(key, entry)
        else:
            # A hit never enters Django, so it ends the request here, as Django would end it.
            recycle_connection()
            return self.answer(entry, environ, start_response, self.hit_header)
        return self.answer(entry, environ, start_response)

    def cacheable_request(self, environ) -> bool:
        # Anonymous: the API authenticates no one, but a request carrying credentials is left alone.
        # The schema and its documentation are made from the code, not the data: no version to key them on.
        path = environ.get("PATH_INFO", "")
        return (
            environ.get("REQUEST_METHOD") == "GET"
            and "HTTP_AUTHORIZATION" not in environ
            and ((path.startswith(self.prefix) and not path.startswith(self.skip)) or reading_path(path))
        )

    def read_version(self, environ) -> int | None:
        """The data version the answer depends on (its thesis's, or the archive's), or None when it
        cannot be read: Django then answers as it would without the cache."""
        recycle_connection()
        scoped = scope(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), self.prefix)
        try:
            return dataversion.current(scope=scoped)
        except DatabaseError:
            return None

    def lookup(self, key: tuple) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    @staticmethod
    def key(environ, version: int) -> tuple:
        headers = tuple(environ.get(name) for name in KEYED_HEADERS)
        address = (environ["wsgi.url_scheme"], environ["PATH_INFO"], environ.get("QUERY_STRING", ""))
        return (version, datetime.date.today(), *address, headers)

    def compute(self, environ, start_response):
        """Django's response to the request without its conditions: an Entry to store if it may be
        cached, or else the answer, its conditions then applied as ConditionalGetMiddleware would."""
        unconditional = {k: v for k, v in environ.items() if k not in CONDITIONS}
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None

        result = self.application(unconditional, capture)
        if not any(name.lower() == "content-length" for name, _value in captured["headers"]):
            # Only a stream has no length (CommonMiddleware gives every other response one): a CSV of a
            # whole list, sent as it is made rather than held in memory, and never stored.
            return None, self.pass_stream(result, captured, environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        entry = Entry(captured["status"], captured["headers"], body)
        if self.cacheable_response(entry) and len(body) <= self.max_bytes // 4:
            return entry, None
        if entry.status.startswith("2"):
            return None, self.answer(entry, environ, start_response)
        start_response(entry.status, entry.headers)
        return None, [body]

    def pass_stream(self, result, captured, environ, start_response):
        """A streamed response as it comes, or its 304 when the request's conditions hold for its headers."""
        entry = Entry(captured["status"], captured["headers"], b"")
        if entry.status.startswith("2") and not_modified(entry, environ):
            if hasattr(result, "close"):
                result.close()
            return self.answer(entry, environ, start_response)
        start_response(entry.status, entry.headers)
        return result

    @staticmethod
    def cacheable_response(entry: Entry) -> bool:
        headers = {name.lower(): value for name, value in entry.headers}
        vary = {part.strip().lower() for part in headers.get("vary", "").split(",") if part.strip()}
        return (
            entry.status.startswith("200")
            and "set-cookie" not in headers
            and "no-store" not in headers.get("cache-control", "")
            and headers.get("content-type", "").startswith(CACHED_TYPES)
            and vary <= VARY_KEYED
        )

    def store(self, key: tuple, entry: Entry) -> None:
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = entry
            self.size += len(entry.body)
            while self.size > self.max_bytes:
                _key, oldest = self.entries.popitem(last=False)
                self.size -= len(oldest.body)

    def answer(self, entry: Entry, environ, start_response, extra: list | None = None):
        if not_modified(entry, environ):
            start_response(
                "304 Not Modified", entry.not_modified_headers + extra if extra else entry.not_modified_headers
            )
            return []
        start_response(entry.status, entry.headers + extra if extra else entry.headers)
        return [entry.body]


def recycle_connection() -> None:
    """What Django's request_started and request_finished do that matters to a hit: close the one
    connection it uses when it is broken or older than CONN_MAX_AGE. (Sending the signals costs a
    hit as much as all the rest of it; their other receivers reset what only Django's handler uses.)
    A connection inside a transaction is left alone, as Django's test client leaves it: between
    requests only a test holds one open."""
    connection = connections[dataversion.database()]
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()
        # The version's query is check enough: on a connection the database dropped it fails, and
        # Django answers instead, with a new connection. CONN_HEALTH_CHECKS would add a round trip to it.
        connection.health_check_done = True


def not_modified(entry: Entry, environ) -> bool:
    """Whether the request's conditions hold for the entry, as Django's get_conditional_response decides for a GET."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        if entry.etag is None:
            return False
        tags = parse_etags(if_none_match)
        return tags == ["*"] or strip_weak(entry.etag) in {strip_weak(tag) for tag in tags}
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    since = parse_http_date_safe(since) if since else None
    return since is not None and entry.last_modified is not None and entry.last_modified <= since


def strip_weak(etag: str) -> str:
    return etag.removeprefix("W/")
