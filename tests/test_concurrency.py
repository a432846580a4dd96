"""Concurrency under load, on PostgreSQL with real parallel connections: readers hammer the API while
editors save the same passages. No errors, no lost edits, no torn reads."""

import json
import re
import threading
import time
import urllib.request
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from thesis.citations import derive_citations
from thesis.editing import StaleEdit, save_passage
from thesis.importer import import_file
from thesis.models import Passage

from .conftest import SEED
from .reliability import report

EDITORS = 4
READERS = 4
SAVES_PER_EDITOR = 15
STAMP = re.compile(r"⟨v(\d+)⟩$")

# Serialized rollback puts back what migrations made (content types, the Editors group) for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def edit_loop(passage_ids, editor, outcome, errors):
    try:
        for attempt in range(SAVES_PER_EDITOR):
            passage_id = passage_ids[attempt % len(passage_ids)]
            opened = Passage.objects.get(pk=passage_id)
            base = STAMP.sub("", opened.text)
            try:
                saved = save_passage(
                    passage_id,
                    text=f"{base}⟨v{opened.version + 1}⟩",
                    expected_version=opened.version,
                    user=editor,
                    reason=f"load test by {editor.username}",
                )
                outcome["accepted"].append((passage_id, saved.version, editor.username))
            except StaleEdit as conflict:
                assert conflict.conflict.changes, "a refused save must be shown what changed"
                outcome["refused"].append((passage_id, opened.version))
    except Exception as error:  # noqa: BLE001 - any other failure is what this test looks for
        errors.append(f"editor {editor.username}: {error!r}")
    finally:
        connection.close()


def read_loop(base_url, passage_ids, stop, reads, errors):
    while not stop.is_set():
        for passage_id in passage_ids:
            try:
                with urllib.request.urlopen(f"{base_url}/api/passages/{passage_id}/", timeout=10) as response:
                    body = json.loads(response.read())
            except Exception as error:  # noqa: BLE001
                errors.append(f"reader: {error!r}")
                return
            stamp = STAMP.search(body["text"])
            shown = int(stamp.group(1)) if stamp else 1
            if shown != body["version"]:
                errors.append(f"torn read of passage {passage_id}: text of v{shown}, version {body['version']}")
            reads.append(passage_id)


def test_parallel_readers_and_editors_lose_nothing(live_server):
    if connection.vendor != "postgresql":
        pytest.skip("needs real parallel connections: runs in the PostgreSQL pass of the suite")
    thesis = import_file(SEED).thesis
    passage_ids = list(thesis.passages.order_by("order").values_list("pk", flat=True)[:3])
    editors = [get_user_model().objects.create_user(f"editor{i}") for i in range(EDITORS)]
    outcome = {"accepted": [], "refused": []}
    errors, reads = [], []
    stop = threading.Event()

    readers = [
        threading.Thread(target=read_loop, args=(live_server.url, passage_ids, stop, reads, errors))
        for _ in range(READERS)
    ]
    writers = [threading.Thread(target=edit_loop, args=(passage_ids, e, outcome, errors)) for e in editors]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=120)
    time.sleep(0.2)
    stop.set()
    for thread in readers:
        thread.join(timeout=30)

    assert errors == []
    assert len(outcome["accepted"]) + len(outcome["refused"]) == EDITORS * SAVES_PER_EDITOR
    assert outcome["accepted"] and reads
    for passage_id in passage_ids:
        passage = Passage.objects.get(pk=passage_id)
        accepted = sorted(version for pid, version, _ in outcome["accepted"] if pid == passage_id)
        # Every accepted save made exactly one new version; none was overwritten silently.
        assert accepted == list(range(2, passage.version + 1))
        recorded = Counter(passage.history.values_list("version", flat=True))
        assert all(recorded[version] == 1 for version in accepted)
        assert passage.text.endswith(f"⟨v{passage.version}⟩")
        assert passage.citations.count() == len(derive_citations(passage.text))
    report(
        "concurrent saves (PostgreSQL)",
        accepted=len(outcome["accepted"]),
        refused_with_conflict=len(outcome["refused"]),
        api_reads=len(reads),
        errors=len(errors),
    )
