"""One snapshot per response (thesis/editions/snapshots.py): a passage and its citations from one state,
however an editor's save falls between their queries."""

import re
import threading

import pytest
from django.db import connections
from django.test import Client

from api import views
from thesis.editions.snapshots import snapshot
from thesis.editorial import editing
from thesis.ingest.importer import import_file
from thesis.models import Citation, Passage
from thesis.text.citations import derive_citations

from .conftest import SEED

# Serialized rollback puts back what migrations made (content types, the Editors group) for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SAVES = 30
VERSION = re.compile(r"Version (\d+) \(current\)")
SOURCE_ITEM = re.compile(r'<li><a href="/sources/\d+/">')


def cite_once_more(passage_id: int) -> int:
    """Save the passage with one more citation, from a thread of its own (a connection of its own);
    return the new version's number of citations."""
    saved = {}

    def save():
        try:
            passage = Passage.objects.get(pk=passage_id)
            passage.text += " Тағы бір сөйлем [3]."
            editing.save_checked(passage, expected_version=passage.version, user=None, reason="Test")
            saved["citations"] = len(derive_citations(passage.text))
        finally:
            connections.close_all()

    writer = threading.Thread(target=save)
    writer.start()
    writer.join()
    return saved["citations"]


@pytest.fixture
def passage():
    thesis = import_file(SEED).thesis
    return thesis.passages.filter(citations__isnull=False).distinct().order_by("order").first()


def test_reads_in_a_snapshot_see_no_save_made_between_them(passage):
    with snapshot(Passage):
        text = Passage.objects.get(pk=passage.pk).text
        cite_once_more(passage.pk)
        inside = Citation.objects.filter(passage=passage).count()
    outside_text = Passage.objects.get(pk=passage.pk).text
    cite_once_more(passage.pk)
    outside = Citation.objects.filter(passage=passage).count()
    assert inside == len(derive_citations(text))
    # Without one, the same two reads are torn: the citations are the next version's.
    assert outside == len(derive_citations(outside_text)) + 1


def test_every_read_of_a_passage_during_saves_is_one_version(passage):
    """An editor saves the passage again and again while the API and the reading site read it: each
    response's citations are those of the version it shows."""
    citations_of = {passage.version: passage.citations.count()}
    done = threading.Event()

    def save_repeatedly():
        try:
            for _ in range(SAVES):
                current = Passage.objects.get(pk=passage.pk)
                current.text += " Тағы бір сөйлем [3]."
                citations_of[current.version + 1] = len(derive_citations(current.text))
                editing.save_checked(current, expected_version=current.version, user=None, reason="Test")
        finally:
            done.set()
            connections.close_all()

    writer = threading.Thread(target=save_repeatedly)
    writer.start()
    client, reads, torn = Client(), 0, []
    url = f"/theses/{passage.thesis_id}/passages/{passage.order}/"
    while not done.is_set() or reads < 2:
        detail = client.get(f"/api/passages/{passage.pk}/").json()
        page = client.get(url).content.decode()
        shown = [
            (detail["version"], len(detail["citations"])),
            (int(VERSION.search(page)[1]), len(SOURCE_ITEM.findall(page))),
        ]
        torn += [(version, count) for version, count in shown if citations_of.get(version) != count]
        reads += 1
    writer.join()
    assert Passage.objects.get(pk=passage.pk).version == passage.version + SAVES
    assert torn == [], f"{len(torn)} of {2 * reads} reads torn"


def test_a_save_between_the_queries_of_a_passage_detail_is_not_seen(passage, monkeypatch):

    read_row = views.PASSAGE_DETAIL.rows

    def row_then_a_save(*values, **options):
        found = read_row(*values, **options)
        cite_once_more(passage.pk)
        return found

    monkeypatch.setattr(views.PASSAGE_DETAIL, "rows", row_then_a_save)
    citations = passage.citations.count()
    detail = Client().get(f"/api/passages/{passage.pk}/").json()
    assert detail["version"] == passage.version
    assert len(detail["citations"]) == len(derive_citations(detail["text"])) == citations
