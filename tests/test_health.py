"""The health check: a real query on the database, 200 while it answers and 503 while it does not."""

import pytest
from django.test import Client

from .test_faults import database_out_of_reach

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_ok_from_the_database():
    answer = Client().get("/health/")
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    assert "no-cache" in answer["Cache-Control"]


def test_the_health_check_answers_503_while_the_database_is_out_of_reach():
    with database_out_of_reach():
        answer = Client(raise_request_exception=False).get("/health/")
    assert answer.status_code == 503 and answer.json() == {"status": "unavailable"}
    assert answer["Retry-After"] == "2" and "no-cache" in answer["Cache-Control"]


def test_the_health_check_only_reads():
    assert Client().post("/health/").status_code == 405
