"""api.pagination: a capped paginator lists and counts the first matches only, and says so."""

import pytest

from api.pagination import CappedPaginator
from thesis.models import Passage

pytestmark = pytest.mark.django_db


def test_a_capped_paginator_counts_no_further_than_its_limit(seed_thesis):
    passages = Passage.objects.order_by("pk")
    capped = CappedPaginator(passages, 2, limit=5)
    assert (capped.count, capped.capped, capped.num_pages) == (5, True, 3)
    assert list(capped.page(3)) == list(passages[4:5])
    exact = CappedPaginator(passages, 2, limit=11)
    assert (exact.count, exact.capped) == (11, False)
    uncapped = CappedPaginator(passages, 2)
    assert (uncapped.count, uncapped.capped) == (11, False)


def test_a_capped_count_is_one_query_that_stops_past_the_limit(seed_thesis, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        assert CappedPaginator(Passage.objects.order_by("pk"), 2, limit=3).count == 3
    assert "LIMIT 4" in captured.captured_queries[0]["sql"]
