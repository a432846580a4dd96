"""The time limit on a block's queries (thesis/time_limit.py): a query past it stops as TooLong, on either database."""

import pytest
from django.db import connection

from thesis.models import Passage
from thesis.time_limit import TooLong, time_limit

pytestmark = pytest.mark.django_db


def slow_query() -> str:
    if connection.vendor == "postgresql":
        return "SELECT pg_sleep(5)"
    return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) SELECT count(*) FROM n"


def test_a_query_past_the_limit_is_stopped_and_the_connection_still_answers(seed_thesis):
    with pytest.raises(TooLong), time_limit(0.05), connection.cursor() as cursor:
        cursor.execute(slow_query())
    assert Passage.objects.filter(thesis=seed_thesis).count() == 11


def test_queries_within_the_limit_answer_and_other_errors_pass_through(seed_thesis):
    with time_limit(30):
        assert Passage.objects.filter(thesis=seed_thesis).count() == 11
    with pytest.raises(Exception) as raised, time_limit(30), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    assert not isinstance(raised.value, TooLong)
