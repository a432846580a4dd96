"""harvest/records.py: each thesis's datestamp, and the theses, live and deleted, a page at a time by id."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from harvest import records
from harvest.records import Window
from thesis.models import Passage, Source, SourceDocument, Thesis

from .conftest import synthetic_thesis

pytestmark = pytest.mark.django_db

LATER = datetime(2030, 1, 1, 12, 0, 0, 500000, tzinfo=UTC)


def deleted(kind=Thesis.Kind.DIPLOMA) -> int:
    document = SourceDocument.objects.create(file_name="gone.txt", sha256=f"{kind:0>64}", content="", size_bytes=0)
    thesis = Thesis.objects.create(title="Gone", source_document=document, kind=kind)
    thesis_id = thesis.pk
    thesis.delete()
    return thesis_id


def test_a_new_thesis_dates_from_its_creation():
    thesis = synthetic_thesis(5)
    assert records.entry(thesis.pk).datestamp == thesis.created_at


@pytest.mark.parametrize("model", [Thesis, Passage, Source])
def test_a_change_to_the_thesis_or_anything_in_it_moves_its_datestamp(model):
    thesis = synthetic_thesis(5)
    record = thesis if model is Thesis else model.objects.filter(thesis=thesis).first()
    record.save()
    model.history.filter(id=record.pk).update(history_date=LATER)
    assert records.entry(thesis.pk).datestamp == LATER


def test_a_deleted_part_moves_its_datestamp_too():
    thesis = synthetic_thesis(5)
    source = Source.objects.filter(thesis=thesis, citations=None).first() or Source.objects.create(
        thesis=thesis, number=99
    )
    source.delete()
    Source.history.filter(history_type="-").update(history_date=LATER)
    assert records.entry(thesis.pk).datestamp == LATER


def test_the_window_takes_in_until_s_whole_second():
    thesis = synthetic_thesis(5)
    Thesis.objects.filter(pk=thesis.pk).update(created_at=LATER)
    second = LATER.replace(microsecond=0)
    assert [e.id for e in records.page(Window(until=second), 0, 10)] == [thesis.pk]
    assert records.page(Window(until=second - timedelta(seconds=1)), 0, 10) == []
    assert [e.id for e in records.page(Window(since=second), 0, 10)] == [thesis.pk]
    assert records.page(Window(since=second + timedelta(seconds=1)), 0, 10) == []


def test_a_page_merges_live_and_deleted_theses_by_id():
    first = synthetic_thesis(3).pk
    gone = deleted(Thesis.Kind.MASTER)
    last = synthetic_thesis(4).pk
    entries = records.page(Window(), 0, 10)
    assert [(entry.id, entry.deleted) for entry in entries] == [(first, False), (gone, True), (last, False)]
    assert [entry.id for entry in records.page(Window(), first, 1)] == [gone]
    assert [entry.id for entry in records.page(Window(kind="master"), 0, 10)] == [gone]
    assert records.entry(gone).kind == "master"
    assert records.entry(last + 1) is None


def test_a_page_is_two_queries_whatever_its_size():
    for passages in (3, 4, 5):
        synthetic_thesis(passages)
    deleted()
    for size in (1, 4):
        with CaptureQueriesContext(connection) as queries:
            assert len(records.page(Window(), 0, size)) == size
        assert len(queries) == 2


def test_the_earliest_datestamp_is_before_every_thesis():
    assert records.earliest_datestamp() is None
    gone = deleted()
    synthetic_thesis(3)
    assert records.earliest_datestamp() <= min(entry.datestamp for entry in records.page(Window(), 0, 10))
    assert records.earliest_datestamp() <= records.entry(gone).datestamp
