"""thesis.services.compiled: a queryset compiled once gives the rows the queryset itself gives."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from thesis.models import Citation, Passage
from thesis.services.compiled import Compiled

pytestmark = pytest.mark.django_db

COLUMNS = ("id", "thesis_id", "order", "changed_at", "text")
PASSAGE_KEY = [Passage._meta.pk]


def passage_rows(pk):
    return Passage.objects.filter(pk=pk).values(*COLUMNS)


def test_rows_are_the_querysets_own_for_every_passage(seed_thesis):
    compiled = Compiled(passage_rows, PASSAGE_KEY)
    for pk in Passage.objects.values_list("pk", flat=True):
        assert compiled.rows(pk) == list(passage_rows(pk))


def test_columns_are_converted_as_django_converts_them(seed_thesis):
    passage = Passage.objects.first()
    (row,) = Compiled(passage_rows, PASSAGE_KEY).rows(passage.pk)
    assert row["changed_at"] == passage.changed_at
    assert row["changed_at"].tzinfo is not None


def test_joins_orderings_and_annotations_are_kept(seed_thesis):
    def citations(pk):
        return (
            Citation.objects.filter(passage=pk)
            .order_by("-order")
            .values("order", "source__number")
            .annotate(cited=Count("source__citations"))
        )

    compiled = Compiled(citations, PASSAGE_KEY)
    cited = Citation.objects.values_list("passage", flat=True).distinct()
    assert cited
    for pk in cited:
        assert compiled.rows(pk) == list(citations(pk))


def test_several_values_each_take_their_place(seed_thesis):
    def between(low, high):
        return Passage.objects.filter(pk__gte=low, pk__lte=high).order_by("pk").values("id")

    ids = sorted(Passage.objects.values_list("pk", flat=True))
    compiled = Compiled(between, PASSAGE_KEY * 2)
    assert compiled.rows(ids[2], ids[5]) == [{"id": pk} for pk in ids[2:6]]
    assert compiled.rows(ids[5], ids[2]) == []


def test_a_value_is_prepared_as_a_filter_would_prepare_it(seed_thesis):
    pk = Passage.objects.first().pk
    compiled = Compiled(passage_rows, PASSAGE_KEY)
    assert compiled.rows(str(pk)) == compiled.rows(pk)
    for wrong in ("abc", "1.5", None):
        with pytest.raises((TypeError, ValueError)):
            compiled.rows(wrong)


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, "9" * 30])
def test_a_value_outside_the_columns_range_finds_nothing_and_asks_nothing(seed_thesis, value):
    compiled = Compiled(passage_rows, PASSAGE_KEY)
    with CaptureQueriesContext(connection) as queries:
        assert compiled.rows(value) == []
    assert len(queries) == 0
    assert list(passage_rows(value)) == []


def test_each_call_is_one_query_and_compiles_once(seed_thesis, django_assert_num_queries):
    compiled = Compiled(passage_rows, PASSAGE_KEY)
    pks = list(Passage.objects.values_list("pk", flat=True))
    with django_assert_num_queries(len(pks)):
        for pk in pks:
            compiled.rows(pk)
    assert list(compiled.statements) == ["default"]


def test_a_query_with_a_value_of_its_own_is_refused(seed_thesis):
    def fixed_status(pk):
        return Passage.objects.filter(pk=pk, status="raw").values("id")

    with pytest.raises(ValueError, match="stand-ins"):
        Compiled(fixed_status, PASSAGE_KEY).rows(1)
