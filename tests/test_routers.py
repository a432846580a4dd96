"""Read replicas: the router sends reads to a replica and writes and migrations to the primary.

The replica is an alias that mirrors the test database (TEST MIRROR), as a real replica mirrors
the primary; it is added for this module only, so the rest of the suite runs without a router.
"""

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from project.routers import PRIMARY, PrimaryReadsMiddleware, PrimaryReplicaRouter, primary_reads
from thesis.models import Passage, Thesis

REPLICA = "replica1"
ROUTERS = ["project.routers.PrimaryReplicaRouter"]


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup, django_db_blocker):
    """A replica alias on the test database, with the router on, for this module's tests."""
    primary = connections[PRIMARY].settings_dict
    settings.DATABASES[REPLICA] = {**primary, "TEST": {**primary["TEST"], "MIRROR": PRIMARY}}
    with override_settings(DATABASE_ROUTERS=ROUTERS):
        yield REPLICA
    connections[REPLICA].close()
    del connections[REPLICA]
    del settings.DATABASES[REPLICA]


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Passage) == REPLICA
    assert router.db_for_write(Passage) == PRIMARY


def test_migrations_run_on_the_primary_only():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate(PRIMARY, "thesis", "passage")
    assert not router.allow_migrate(REPLICA, "thesis", "passage")


def test_rows_from_the_primary_and_a_replica_may_be_related():
    thesis, passage = Thesis(), Passage()
    thesis._state.db, passage._state.db = PRIMARY, REPLICA
    assert PrimaryReplicaRouter().allow_relation(thesis, passage)
    passage._state.db = "elsewhere"
    assert not PrimaryReplicaRouter().allow_relation(thesis, passage)


def test_without_replicas_everything_is_the_primary(monkeypatch):
    monkeypatch.delitem(settings.DATABASES, REPLICA)
    assert PrimaryReplicaRouter().db_for_read(Passage) == PRIMARY


def test_reads_that_must_see_a_write_go_to_the_primary():
    router = PrimaryReplicaRouter()
    with primary_reads():
        assert router.db_for_read(Passage) == PRIMARY
    written = Thesis()
    written._state.db = PRIMARY
    assert router.db_for_read(Passage, instance=written) == PRIMARY
    assert router.db_for_read(Passage) == REPLICA


def test_a_request_that_edits_or_is_in_the_admin_reads_from_the_primary():
    seen = []
    middleware = PrimaryReadsMiddleware(lambda request: seen.append(PrimaryReplicaRouter().db_for_read(Passage)))
    factory = RequestFactory()
    for request in (factory.get("/api/passages/"), factory.post("/api/passages/"), factory.get("/admin/thesis/")):
        middleware(request)
    assert seen == [REPLICA, PRIMARY, PRIMARY]


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=[PRIMARY, REPLICA])
def test_the_orm_reads_through_the_replica_what_was_written_to_the_primary(seed_thesis):
    assert seed_thesis._state.db == PRIMARY
    queryset = Passage.objects.filter(thesis_id=seed_thesis.pk)
    assert queryset.db == REPLICA
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        passages = list(queryset)
    assert len(on_replica) == 1
    assert len(passages) == 11 and {p._state.db for p in passages} == {REPLICA}
    with transaction.atomic():
        assert Passage.objects.all().db == PRIMARY
