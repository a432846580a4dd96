"""The thesis's rendered page and documents beside the JSON of the same passages, timed in-process.

A thesis of LARGE.passages passages (bench/inprocess.py's large thesis) is written into the database in
DATABASE_URL if it is not there yet; then its TEI, its DTS document and the reading site's page of it
whole are each timed beside the JSON of every one of its passages (the API's passage list, a page of
its largest size at a time), the best of REPEATS after one warm-up, and each is printed as a multiple
of the JSON's time. The response cache is off, so every request is computed. Each is timed twice in
the one run: with no stored markup (each read builds every passage's, as a read finding it missing
or stale does), and with the markup stored as a change derives it (derived/markup.py).

    python bench/documents.py
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ.setdefault("API_RESPONSE_CACHE_MB", "0")
# One client asks for every request in turn: no limit of a client's share may refuse it.
for limit in ("API_ANON_RATE", "READING_RATE", "READING_BURST"):
    os.environ.setdefault(limit, "off")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import DEFAULT_DB_ALIAS  # noqa: E402
from django.test import Client  # noqa: E402
from inprocess import large_thesis, large_thesis_plan  # noqa: E402
from load import PROXY_HEADERS  # noqa: E402
from scenarios import url  # noqa: E402

from api.pagination import ArchivePagination  # noqa: E402
from thesis.derived.markup import refresh_markup  # noqa: E402
from thesis.models import PassageMarkup, Thesis  # noqa: E402

REPEATS = 5


def thesis_id() -> int:
    found = Thesis.objects.filter(source_document__file_name=large_thesis_plan().file_name).first()
    return found.pk if found else large_thesis()["thesis"]


def best(client: Client, requests: dict[str, list[str]]) -> dict[str, float]:
    """The best time of REPEATS for each request (fetching every one of its addresses in turn), after
    one warm-up, the requests taken in turn in each round so that a busy moment of the machine falls
    on all of them alike."""
    timings: dict[str, list[float]] = {name: [] for name in requests}
    for attempt in range(REPEATS + 1):
        for name, addresses in requests.items():
            started = time.perf_counter()
            for address in addresses:
                response = client.get(address)
                assert response.status_code == 200, (address, response.status_code)
            if attempt:
                timings[name].append(time.perf_counter() - started)
    return {name: min(times) for name, times in timings.items()}


def measure() -> dict:
    call_command("migrate", verbosity=0)
    thesis = thesis_id()
    passages = Thesis.objects.get(pk=thesis).passages.count()
    size = ArchivePagination.max_page_size
    pages = range(1, -(-passages // size) + 1)
    json_pages = [url("/api/passages/", thesis=thesis, page_size=size, page=page) for page in pages]
    client = Client(HTTP_HOST="127.0.0.1", headers=PROXY_HEADERS)
    documents = {
        "thesis_page": [f"/theses/{thesis}/?section=all"],
        "tei_export": [f"/api/theses/{thesis}/tei.xml"],
        "dts_document": [url("/api/dts/document/", resource=f"thesis/{thesis}")],
    }
    PassageMarkup.objects.filter(passage__thesis_id=thesis).delete()
    built = best(client, {"thesis_passages": json_pages, **documents})
    refresh_markup([thesis], DEFAULT_DB_ALIAS)
    stored = best(client, {"thesis_passages": json_pages, **documents})
    return {
        "passages": passages,
        "built_on_read": _figures(built),
        "stored": _figures(stored),
    }


def _figures(timed: dict) -> dict:
    """Each request's time, and its time over the JSON's."""
    base = timed["thesis_passages"]
    return {
        name: {"ms": round(seconds * 1000, 1), "over_json": round(seconds / base, 2)} for name, seconds in timed.items()
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
