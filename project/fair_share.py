"""A per-client limit on the reading site's computed pages and on the admin, by the client-address rule of
project/clients.py, as the API's throttle counts its requests.

A reading page is counted when it is computed: a 304 (its ETag unchanged) costs one query and is free,
as the API's cached answers are (they never reach Django). Past the limit a client gets a 429 page in
its language with `Retry-After`, which costs a cache read and nothing else."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

from .clients import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Never limited here: the API has its own throttle, and static files and the icon are served as they are.
EXEMPT_PREFIXES = ("/api/", "/static/", "/favicon.ico")


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


class FairShareMiddleware:
    """Answers a client over its scope's rate with a 429; counts every answer but a 304 against it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = scope_of(request.path)
        limit = parse_rate(settings.READING_RATE if scope == "reading" else settings.ADMIN_RATE) if scope else None
        if limit is None:
            return self.get_response(request)
        key = f"fair_share_{scope}_{client_ip(request)}"
        now = time.time()
        number, seconds = limit
        history = [moment for moment in cache.get(key, []) if moment > now - seconds]
        if len(history) >= number:
            return too_many(request, retry_after=history[-number] + seconds - now)
        response = self.get_response(request)
        if response.status_code != 304:
            cache.set(key, [*history, now], seconds)
        return response


def too_many(request, retry_after: float) -> HttpResponse:
    html = render_to_string("reading/too_many_requests.html", {}, request)
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(max(1, round(retry_after)))
    return response
