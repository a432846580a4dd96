"""Schemathesis against the live OpenAPI schema: every GET operation, with generated parameters,
answers without a server error and as its schema says."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from project.wsgi import application

from .reliability import report

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
CALLS = {"requests": 0}


@schemathesis.hook
def filter_case(ctx, case):
    """OpenAPI cannot say that year_from may not be after year_to; the API answers such a range with a
    documented 400, so the generator is told the rule rather than left to find it."""
    query = case.query or {}
    try:
        return int(query["year_from"]) <= int(query["year_to"])
    except (KeyError, TypeError, ValueError):
        return True


schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(method="GET")


@pytest.fixture
def unthrottled(settings):
    settings.API_ANON_RATE = "off"


@pytest.fixture
def connection_kept():
    """The application closes the database connection after each request; Django's test client keeps it open
    for the test's transaction, and so must a test that calls the application itself (PostgreSQL would lose it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_every_get_operation_conforms(case, seed_thesis, unthrottled, connection_kept):
    CALLS["requests"] += 1
    case.call_and_validate()


def teardown_module():
    operations = sum(1 for result in schema.get_all_operations() if result.ok())
    report("schemathesis GET operations", operations=operations, requests=CALLS["requests"])
