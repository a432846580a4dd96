"""The events a timeline page shows: the same as the API's filters choose, bounded, read in one query."""

import pytest

from api.filters import TimelineEventFilter
from reading.timeline_events import YearFilter, timeline
from thesis.models import TimelineEvent

pytestmark = [pytest.mark.django_db(databases=["default"]), pytest.mark.usefixtures("shared_seed")]

FILTERS = [
    {"year": 1992},
    {"year_from": 1990, "year_to": 1993},
    {"year_from": 1700},
    {"year_to": 1700},
    {"century": 17},
    {"century": 21, "year": 2001},
    {"century": -1},
]


@pytest.mark.parametrize("params", FILTERS)
def test_the_years_choose_the_events_the_api_chooses(seed_thesis, params):
    api = TimelineEventFilter({key: str(value) for key, value in params.items()}, TimelineEvent.objects.all()).qs
    assert [event.pk for event in timeline(YearFilter(**params)).events] == [event.pk for event in api]


def test_1992_includes_the_un_membership_and_the_century_it_is_in(seed_thesis):
    headlines = [event.headline for event in timeline(YearFilter(year=1992)).events]
    assert "Қазақстан Республикасы БҰҰ-ға мүше болды" in headlines
    assert all(event.start_year <= 1992 <= event.end_year for event in timeline(YearFilter(year=1992)).events)


def test_a_thesis_alone(seed_thesis):
    assert len(timeline(YearFilter(thesis=seed_thesis.pk)).events) == TimelineEvent.objects.count()
    assert timeline(YearFilter(thesis=seed_thesis.pk + 1)).events == []


def test_events_come_in_order_with_their_passage_in_one_query(seed_thesis, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = timeline(YearFilter())
        orders = [(event.thesis.title, event.passage and event.passage.order) for event in found.events]
    starts = [event.start_year for event in found.events]
    assert starts == sorted(starts) and all(order is not None for _title, order in orders)


def test_only_so_many_events_are_shown_and_the_cut_is_said(seed_thesis):
    found = timeline(YearFilter(), limit=3)
    assert len(found.events) == 3 and found.cut
    assert not timeline(YearFilter(), limit=100).cut


@pytest.mark.parametrize(
    "years, window",
    [
        (YearFilter(), (None, None)),
        (YearFilter(year=1992), (1992, 1992)),
        (YearFilter(year_from=1900), (1900, None)),
        (YearFilter(year_from=1900, year_to=1950), (1900, 1950)),
        (YearFilter(century=17), (1601, 1700)),
        (YearFilter(century=-1), (-100, -1)),
        (YearFilter(century=20, year_from=1950), (1950, 2000)),
        (YearFilter(thesis=3), (None, None)),
    ],
)
def test_the_years_the_filters_allow_are_the_window_shown(years, window):
    assert years.window() == window
