"""thesis/internals/django_sql.py: a queryset compiled once gives the rows the queryset itself gives, the
in_ids lookup finds what `__in` finds, and the Django internals both use are still there as assumed."""

import inspect

import django
import pytest
from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Count, Lookup
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.query import Query
from django.test.utils import CaptureQueriesContext

from thesis.internals.django_sql import WRITTEN_FOR, Compiled
from thesis.models import Citation, Mention, Passage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

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


def upgraded(what: str) -> str:
    return (
        f"Django {django.__version__} (thesis/internals/django_sql.py was written for {WRITTEN_FOR}) changed "
        f"{what}, which the module relies on: adapt it to the new Django before upgrading"
    )


# Each internal the module calls, with the parameters it passes (by position, from the first).
CALLED = [
    (Query, "get_compiler", ["self", "using"]),
    (SQLCompiler, "as_sql", ["self"]),
    (SQLCompiler, "get_converters", ["self", "expressions"]),
    (BaseDatabaseOperations, "integer_field_range", ["self", "internal_type"]),
    (Lookup, "process_lhs", ["self", "compiler", "connection"]),
    (Lookup, "process_rhs", ["self", "compiler", "connection"]),
    (Lookup, "get_db_prep_lookup", ["self", "value", "connection"]),
]


@pytest.mark.parametrize(("owner", "name", "parameters"), CALLED, ids=[f"{o.__name__}.{n}" for o, n, _ in CALLED])
def test_the_internals_called_are_still_there_with_their_parameters(owner, name, parameters):
    method = getattr(owner, name, None)
    assert method is not None, upgraded(f"{owner.__name__}.{name}, now gone")
    found = list(inspect.signature(method).parameters)[: len(parameters)]
    assert found == parameters, upgraded(f"the parameters of {owner.__name__}.{name}: {found}")


def test_the_compilers_select_and_converters_line_up_with_the_querysets_names(seed_thesis):
    queryset = Passage.objects.values("id", "changed_at").annotate(cited=Count("citations"))
    query = queryset.query
    compiler = query.get_compiler(using="default")
    sql, params = compiler.as_sql()
    assert isinstance(sql, str) and isinstance(params, tuple | list), upgraded("what SQLCompiler.as_sql returns")
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    assert names == ["id", "changed_at", "cited"], upgraded("Query.extra_select, values_select, annotation_select")
    assert all(len(entry) == 3 for entry in compiler.select), upgraded("SQLCompiler.select's (column, sql, alias)")
    assert len(compiler.select) == len(names), upgraded("the columns of SQLCompiler.select")
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    assert isinstance(converters, dict), upgraded("what SQLCompiler.get_converters returns")
    for position, entry in converters.items():
        functions, _expression = entry
        assert 0 <= position < len(names) and all(callable(f) for f in functions), upgraded("get_converters' entries")


def test_the_integer_ranges_are_still_read_by_internal_type():
    assert "BigAutoField" in connection.ops.integer_field_ranges, upgraded("DatabaseOperations.integer_field_ranges")
    assert connection.ops.integer_field_range("BigAutoField") == connection.ops.integer_field_ranges["BigAutoField"]


def test_in_ids_finds_what_in_finds_in_one_parameter(seed_thesis):
    ids = list(Passage.objects.order_by("pk").values_list("pk", flat=True)[::3])
    found = Passage.objects.filter(id__in_ids=ids)
    assert set(found.values_list("pk", flat=True)) == set(ids), upgraded("how a Lookup is compiled")
    _sql, params = found.query.sql_with_params()
    assert len(params) == 1, upgraded("Lookup.process_rhs, which no longer calls get_db_prep_lookup")
    for model in (Citation, Mention):
        expected = set(model.objects.filter(passage__in=ids).values_list("pk", flat=True))
        assert set(model.objects.filter(passage_id__in_ids=ids).values_list("pk", flat=True)) == expected


def test_in_ids_takes_its_ids_unprepared():
    # prepare_rhs = False: the list reaches get_db_prep_lookup as given, not through the field's get_prep_value.
    lookup = Passage._meta.pk.get_lookup("in_ids")(Passage._meta.pk.get_col("thesis_passage"), [1, 2])
    assert lookup.rhs == [1, 2], upgraded("Lookup.get_prep_lookup, which no longer honours prepare_rhs")
