"""A per-client limit on the reading site's computed pages and on the admin, by the client-address rule of
project/clients.py, as the API's throttle counts its requests.

A page is counted when it is computed, by its cost: once, and once more for every COST_UNIT_SECONDS it
took, so that a client asking for the most expensive page reaches its limit in as many seconds of the
workers' time as one asking for cheap pages. A 304 (its ETag unchanged) costs one query and is free, as
the API's cached answers are (they never reach Django). A client may have at most IN_FLIGHT reading
pages computing in one worker at a time, so that many connections at once cannot take every thread
before the first answer is counted. Past either, a client gets a 429 page in its language with
`Retry-After`, made once per language and worker and sent before the rest of the middleware runs, so
that a refusal costs next to nothing."""

import threading
import time
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language_from_request, override

from .clients import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Never limited here: the API has its own throttle, and static files and the icon are served as they are.
EXEMPT_PREFIXES = ("/api/", "/static/", "/favicon.ico")
COST_UNIT_SECONDS = 0.1
# Reading pages one client may have computing at once in one worker (the admin's pages ask for their
# scripts' data side by side, and are not held to it).
IN_FLIGHT = 2


def clock() -> float:
    return time.time()


def parse_rate(rate: str) -> tuple[int, int] | None:
    """ "120/minute" as (120, 60): requests, and the seconds they are counted over; None for "off"."""
    if rate.strip().lower() in {"", "off", "none"}:
        return None
    number, period = rate.split("/")
    return int(number), PERIODS[period.strip()[0]]


def scope_of(path: str) -> str | None:
    """Which limit counts a request for `path`: the admin's, the reading site's, or none."""
    if path.startswith(f"/{settings.ADMIN_PATH}"):
        return "admin"
    if path.startswith(EXEMPT_PREFIXES):
        return None
    return "reading"


def limits_of(scope: str | None) -> list[tuple[int, int]]:
    """The rates a request of this scope is held to: the reading site's over a minute and over a second
    (so that a client cannot spend its minute's share in one burst), the admin's; none for the rest."""
    rates = {"reading": (settings.READING_RATE, settings.READING_BURST), "admin": (settings.ADMIN_RATE,)}
    return [limit for limit in map(parse_rate, rates.get(scope, ())) if limit]


def waiting(history: list[float], limits: list[tuple[int, int]], now: float) -> float:
    """How long a client whose counted moments are `history` must wait before its next page; 0 for not at all."""
    for number, seconds in limits:
        recent = [moment for moment in history if moment > now - seconds]
        if len(recent) >= number:
            return recent[-number] + seconds - now
    return 0


def cost(seconds: float) -> int:
    """What an answer computed in `seconds` counts against its client's rate."""
    return 1 + int(seconds / COST_UNIT_SECONDS)


class FairShareMiddleware:
    """Answers a client over its scope's rate, or with too many pages computing, with a 429; counts every
    answer but a 304 against its rate, by its cost."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.computing: Counter = Counter()
        self.computing_lock = threading.Lock()

    def __call__(self, request):
        limits = limits_of(scope_of(request.path))
        if not limits:
            return self.get_response(request)
        client = client_ip(request)
        key, now = f"fair_share_{scope_of(request.path)}_{client}", clock()
        longest = max(seconds for _number, seconds in limits)
        history = [moment for moment in cache.get(key, []) if moment > now - longest]
        wait = waiting(history, limits, now)
        if wait:
            return too_many(request, retry_after=wait)
        with self.turn(client if scope_of(request.path) == "reading" else None) as allowed:
            if not allowed:
                return too_many(request, retry_after=1)
            response = self.get_response(request)
        if response.status_code != 304:
            finished = clock()
            kept = max(number for number, _seconds in limits)
            cache.set(key, [*history, *[finished] * cost(finished - now)][-kept:], longest)
        return response

    @contextmanager
    def turn(self, client):
        """Whether the client may have one more page computing in this worker; None is always let through."""
        with self.computing_lock:
            allowed = client is None or self.computing[client] < IN_FLIGHT
            if allowed and client is not None:
                self.computing[client] += 1
        try:
            yield allowed
        finally:
            if allowed and client is not None:
                with self.computing_lock:
                    self.computing[client] -= 1
                    if not self.computing[client]:
                        del self.computing[client]


REFUSALS: dict[str, str] = {}


def too_many(request, retry_after: float) -> HttpResponse:
    """The refusal in the client's language, chosen as LocaleMiddleware chooses it for every other page."""
    language = get_language_from_request(request)
    if language not in REFUSALS:
        # No request in the context: the page is one for every client (no CSRF token, no script switch).
        with override(language):
            REFUSALS[language] = render_to_string("reading/too_many_requests.html", {})
    response = HttpResponse(REFUSALS[language], status=429)
    response["Retry-After"] = str(max(1, round(retry_after)))
    return response
