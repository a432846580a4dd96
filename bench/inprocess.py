"""Measurements made inside Django rather than over HTTP: the targets in a corpus, the SQL
queries each request runs, and the time the seed takes to import into an empty database.

Run by bench/run.py with the database in DATABASE_URL:
    python bench/inprocess.py probe         prints {"targets": …, "requests": {name: {…}}}
    python bench/inprocess.py import-seed   prints {"seconds": …, "counts": …}
    python bench/inprocess.py large-thesis  adds the thesis of LARGE.passages passages; prints its id
    python bench/inprocess.py admin         signs the bench's editor in; prints its session cookie and, for
                                            each admin request, its status, SQL queries and time in-process
"""

import json
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from load import PROXY_HEADERS  # noqa: E402
from scenarios import admin_scenarios, scenarios  # noqa: E402

from synthetic.corpus import Counts, load_vocabulary, plan_thesis  # noqa: E402
from synthetic.store import synthetic_theses, write_plans  # noqa: E402
from thesis.ingest.importer import import_file  # noqa: E402
from thesis.models import Thesis  # noqa: E402

SEED = ROOT / "fixtures" / "diplomacy-thesis.kk.txt"
PASSAGE_ORDER = 100
# One thesis ten times the size of the corpus's, for the DTS navigation of a whole large tree; its
# index is past any corpus's, so its file name is its own.
LARGE = Counts(theses=1, passages=2000, events=200, sources=100, authors=50)
LARGE_INDEX = 999_999
EDITOR = "bench-editor"
# Each admin request is timed this many times in-process after its first (which a fresh worker pays).
REPEATS = 3


def large_thesis_plan():
    return plan_thesis(load_vocabulary(SEED), 1, LARGE_INDEX, LARGE)


def choose_targets() -> dict:
    """The synthetic thesis in the middle of the corpus, its hundredth passage (or its last), and the large thesis."""
    large = Thesis.objects.get(source_document__file_name=large_thesis_plan().file_name)
    theses = synthetic_theses().exclude(pk=large.pk).order_by("pk")
    thesis = theses[theses.count() // 2]
    passages = thesis.passages.order_by("order")
    passage = passages.filter(order__gte=min(PASSAGE_ORDER, passages.count() - 1)).first()
    return {"thesis": thesis.pk, "passage": passage.pk, "passage_order": passage.order, "large_thesis": large.pk}


def large_thesis() -> dict:
    plan = large_thesis_plan()
    write_plans([plan])
    return {"thesis": Thesis.objects.get(source_document__file_name=plan.file_name).pk}


def probe() -> dict:
    targets = choose_targets()
    client = Client(HTTP_HOST="127.0.0.1", headers=PROXY_HEADERS)
    requests = {}
    for scenario in scenarios(targets):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(scenario.ours)
        requests[scenario.name] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(queries),
            "etag": response.get("ETag"),
            "location": response.get("Location"),
        }
    return {"targets": targets, "requests": requests}


def editor_client() -> Client:
    """A client signed in as the bench's editor, made as create_editor makes one (once per corpus)."""
    if not get_user_model().objects.filter(username=EDITOR).exists():
        # Signed in without it: the password is never used, only required.
        call_command("create_editor", EDITOR, password=secrets.token_urlsafe(24), verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1", headers=PROXY_HEADERS)
    client.force_login(get_user_model().objects.get(username=EDITOR))
    return client


def admin() -> dict:
    """The admin's requests as a signed-in editor: the session cookie for wrk, and each request's status,
    SQL queries, and time in-process: the first, as a fresh worker answers it, then the best of REPEATS."""
    import project.wsgi  # noqa: F401  - what a worker loads before its first request (the spell-checker too)

    client = editor_client()
    requests = {}
    for scenario in admin_scenarios(choose_targets()):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(scenario.ours)
            first = time.perf_counter() - started
        # Counted now: the next request empties the log the count reads.
        counted = len(queries)
        timings = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            client.get(scenario.ours)
            timings.append(time.perf_counter() - started)
        requests[scenario.name] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": counted,
            "first_ms": round(first * 1000, 1),
            "best_ms": round(min(timings) * 1000, 1),
        }
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return {"cookie": cookie, "requests": requests}


def import_seed() -> dict:
    started = time.perf_counter()
    result = import_file(SEED)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "created": result.created, "counts": result.counts}


if __name__ == "__main__":
    actions = {"probe": probe, "import-seed": import_seed, "large-thesis": large_thesis, "admin": admin}
    print(json.dumps(actions[sys.argv[1]]()))
