"""Schemathesis against the live OpenAPI schema: every GET operation, with generated parameters, answers
without a server error and as its schema says by every check schemathesis has; and each generated GET
sent again as HEAD and as OPTIONS answers as those methods must."""

import os
from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from werkzeug.test import EnvironBuilder

from project.wsgi import application
from thesis.editions import dts

from .reliability import report

pytestmark = pytest.mark.usefixtures("shared_seed")

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
# Every check, every phase and both kinds of data, said here rather than left to schemathesis's defaults
# or to a schemathesis.toml it might find in a parent directory. max_response_time runs only with a limit:
# ten seconds, schemathesis's own default, so that it flags a request gone wrong rather than a busy machine.
# Two checks find nothing to do here, by their own rules rather than by configuration: ignored_auth skips
# operations that declare no security (the API is anonymous by design), and use_after_free and
# ensure_resource_availability follow a write to a later read, which a read-only API never makes.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {"enabled": True, "max_response_time": 10.0},
        "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": True}},
        "generation": {"mode": "all"},
    }
)
load_all_checks()
ALL_CHECKS = (*CHECKS.get_all_names(), "max_response_time")
CALLS = Counter()
CHECKS_RUN = Counter()


# The DTS parameters each valid alone that the spec refuses together (ref with start, start without end...).
DTS_QUERIES = {"/api/dts/navigation/": dts.navigation_query, "/api/dts/document/": dts.document_query}


@schemathesis.hook
def filter_case(ctx, case):
    """OpenAPI cannot say that year_from may not be after year_to, nor which DTS parameters go together;
    the API answers such requests with a documented 400, so the generator is told the rules rather than
    left to find them: the order of a pair as the schema's x-not-after extension gives it, and the DTS
    rules as the API's own code has them (thesis.editions.dts)."""
    query = case.query or {}
    if case.path in DTS_QUERIES:
        return not dts_combination_refused(DTS_QUERIES[case.path], query)
    return all(in_order(query, first, last) for first, last in ordered_parameters(case.path))


def ordered_parameters(path: str) -> list[tuple[str, str]]:
    """(first, last) for each query parameter of `path` that the schema says may not be after another."""
    operation = schema.raw_schema["paths"][path]["get"]
    return [(p["name"], p["x-not-after"]) for p in operation.get("parameters", []) if "x-not-after" in p]


def in_order(query: dict, first: str, last: str) -> bool:
    try:
        return int(query[first]) <= int(query[last])
    except (KeyError, TypeError, ValueError):
        return True


def dts_combination_refused(parse, query: dict) -> bool:
    try:
        parse({name: str(value) for name, value in query.items() if value is not None})
    except dts.DtsError as error:
        return error.combined
    return False


schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG).include(method="GET")


@schema.hook
def after_validate(context, case, response, results):
    CHECKS_RUN.update(result.name for result in results)


@pytest.fixture
def unthrottled(settings):
    settings.API_ANON_RATE = "off"


@contextmanager
def connection_kept():
    """The application closes the database connection after each request; Django's test client keeps it open
    for the test's transaction, and so must a test that calls the application itself (PostgreSQL would lose it).
    Only around schemathesis's calls: the test client disconnects and reconnects the same receivers itself."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def sent_again(case, method: str) -> dict:
    """The request schemathesis sent for the case, as werkzeug built it, with another method."""
    sent = case.as_transport_kwargs()
    builder = EnvironBuilder(path=sent["path"], query_string=sent["query_string"], headers=sent["headers"])
    sent_environ = builder.get_environ()
    kept = {name: value for name, value in sent_environ.items() if name.startswith(("HTTP_", "PATH_", "QUERY_"))}
    return {**kept, "REQUEST_METHOD": method}


def check_head_and_options(case, get) -> None:
    """HEAD is GET without the body; OPTIONS says which methods the resource takes, whatever the query.

    They go through Django's test client, which drops a HEAD response's body as gunicorn and runserver do
    (RFC 9110, 9.3.2); neither ever enters the response cache in front of Django, which keeps only GETs.
    """
    client = Client()
    head, options = (client.request(**sent_again(case, method)) for method in ("HEAD", "OPTIONS"))
    CALLS.update(("HEAD", "OPTIONS"))
    url = f"{case.path} {case.query}"
    assert head.status_code == get.status_code, f"HEAD {url}: {head.status_code}, but GET {get.status_code}"
    # A list's CSV is streamed; its HEAD is a stream too, of nothing.
    assert (b"".join(head.streaming_content) if head.streaming else head.content) == b"", f"HEAD {url}: a body"
    # The length, when HEAD gives one, must be GET's: a client may size its download by it.
    length = head.get("Content-Length")
    assert length in (None, str(len(get.content))), f"HEAD {url}: Content-Length {length}, GET {len(get.content)}"
    assert options.status_code == 200, f"OPTIONS {url}: {options.status_code}"
    assert options.has_header("Allow"), f"OPTIONS {url}: no Allow header"


def checks_off(operation) -> list[str]:
    config = schema.config.checks_config_for(operation=operation)
    return [name for name in ALL_CHECKS if not config.get_by_name(name=name).enabled]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_every_get_operation_conforms(case, seed_thesis, unthrottled):
    assert not checks_off(case.operation)
    CALLS[case.method] += 1
    with connection_kept():
        response = case.call_and_validate()
    if case.method == "GET":
        check_head_and_options(case, response)


def teardown_module():
    operations = sum(1 for result in schema.get_all_operations() if result.ok())
    report(
        "schemathesis GET operations",
        operations=operations,
        requests=sum(CALLS.values()),
        requests_by_method=dict(sorted(CALLS.items())),
        checks_enabled=len(ALL_CHECKS),
        checks_run=dict(sorted(CHECKS_RUN.items())),
        checks_never_run=sorted(set(ALL_CHECKS) - set(CHECKS_RUN)),
    )
