"""The timeline's QuerySet: events by overlapping years, by a year they contain and by century, on either database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.models import TimelineEvent
from thesis.text.dates import DateError


def event_keys(queryset) -> set[str]:
    return set(queryset.values_list("key", flat=True))


@pytest.mark.django_db
def test_year_ranges_on_the_seed_timeline(seed_thesis):
    events = TimelineEvent.objects.all()
    assert event_keys(events.containing_year(1992)) == {
        "stated:1992ж#1",
        "stated:1992 ж 2 наурызда#1",
        "inferred:unga-47-cica",
    }
    assert event_keys(events.in_century(17)) == {
        "stated:XVI-XVII ғғ.#1",
        "stated:XVII ғ.#1",
        "inferred:wotton-ambassador",
    }
    assert event_keys(events.overlapping(2000, None)) == {"stated:ХХI ғасырда#1"}
    assert event_keys(events.overlapping(None, 1600)) == {"stated:XVI-XVII ғғ.#1"}
    assert events.overlapping(1991, 1992).count() == 5
    assert events.overlapping(None, None).count() == events.count()


@pytest.mark.django_db
def test_the_methods_are_on_the_manager_and_chain_with_other_filters(seed_thesis):
    assert event_keys(TimelineEvent.objects.containing_year(1992)) == event_keys(
        TimelineEvent.objects.all().containing_year(1992)
    )
    inferred = TimelineEvent.objects.filter(basis=TimelineEvent.Basis.INFERRED).in_century(17)
    assert event_keys(inferred) == {"inferred:wotton-ambassador"}
    through_thesis = seed_thesis.events.containing_year(1992)
    assert event_keys(through_thesis) == event_keys(TimelineEvent.objects.containing_year(1992))


@pytest.mark.django_db
def test_year_ranges_before_the_common_era(seed_thesis):
    events = TimelineEvent.objects.all()
    common = {"thesis": seed_thesis, "precision": "year", "headline": "б.з.д."}
    TimelineEvent.objects.create(key="bce:5th", start_year=-500, end_year=-401, **common)
    TimelineEvent.objects.create(key="bce:44", start_year=-44, end_year=-44, **common)
    assert event_keys(events.in_century(-5)) == {"bce:5th"}
    assert event_keys(events.in_century(-1)) == {"bce:44"}
    assert event_keys(events.containing_year(-450)) == {"bce:5th"}
    assert event_keys(events.overlapping(-450, -1)) == {"bce:5th", "bce:44"}
    assert event_keys(events.overlapping(None, -1)) == {"bce:5th", "bce:44"}


@pytest.mark.django_db
def test_year_ranges_find_events_longer_than_any_before(seed_thesis):
    # Ranges read start years from the target less the longest span: a new longest event widens it.
    events = TimelineEvent.objects.all()
    common = {"thesis": seed_thesis, "precision": "year", "headline": "ұзақ"}
    TimelineEvent.objects.create(key="long", start_year=-3000, end_year=1995, **common)
    assert "long" in event_keys(events.containing_year(1994))
    assert "long" in event_keys(events.overlapping(1990, 2000))
    assert "long" in event_keys(events.overlapping(1995, None))
    assert "long" not in event_keys(events.overlapping(1996, None))
    assert "long" in event_keys(events.in_century(-30))


@pytest.mark.django_db
def test_a_range_from_a_year_is_bounded_by_the_longest_span_in_one_query(seed_thesis):
    with CaptureQueriesContext(connection) as queries:
        list(TimelineEvent.objects.overlapping(1990, None))
    [query] = queries.captured_queries
    assert "MAX" in query["sql"].upper() and "end_year" in query["sql"] and "start_year" in query["sql"]


@pytest.mark.parametrize(
    "method, arguments, code",
    [
        ("overlapping", (0, None), "year"),
        ("overlapping", (None, 0), "year"),
        ("containing_year", (0,), "year"),
        ("in_century", (0,), "century"),
    ],
)
def test_years_and_centuries_that_do_not_exist_are_refused_before_any_query(method, arguments, code):
    # No database: the refusal comes from the date rules, before a query is built.
    with pytest.raises(DateError) as refused:
        getattr(TimelineEvent.objects, method)(*arguments)
    assert refused.value.code == code
