"""What the archive's speed needs of Django's SQL internals: querysets compiled once, and the in_ids lookup.

The undocumented parts of Django's ORM that the archive's speed relies on are used here and nowhere
else, and tests/test_django_sql.py checks that each still exists and behaves as assumed, so that an
upgrade of Django that changes one fails there, by name, rather than somewhere in a request.

Querysets compiled to SQL once per database and run again with other values, for the busiest reads.

Building a queryset and compiling it costs Django about a third of a millisecond each time, several
times what SQLite takes to answer a lookup by key; a read served thousands of times a second pays
it on every request. A Compiled is made from a function that builds the queryset with stand-ins
for the values (distinct numbers no real value takes), compiles it on first use on each database,
and then only binds values in the stand-ins' places, runs the SQL and applies the converters
Django itself would have applied to each column.
"""

import json
from collections.abc import Callable

from django.db import connections, router
from django.db.models import Field, Lookup, QuerySet

# The Django this module was written against and last checked with (tests/test_django_sql.py).
WRITTEN_FOR = "5.2"

# Stand-ins for the values: integers no record of the archive has for its key, told apart by position.
STAND_IN = -7_306_000_001


class Compiled:
    """`build(*stand_ins)`'s values() queryset as SQL; `rows(*values)` are its rows as dicts, each
    value made ready for the database as `fields` (one a value) would make it in a filter."""

    def __init__(self, build: Callable[..., QuerySet], fields: list[Field]):
        self.build = build
        self.fields = fields
        self.statements: dict[str, tuple] = {}

    def rows(self, *values, using: str | None = None) -> list[dict]:
        """The rows for `values`; none for a value outside its column's range, as Django's lookups
        answer. A value the field cannot take (not a number, say) raises ValueError or TypeError, and
        so does None, which a filter turns into IS NULL where the compiled SQL would say = NULL."""
        if None in values:
            raise TypeError("a compiled query takes no None")
        prepared = [field.get_prep_value(value) for field, value in zip(self.fields, values, strict=True)]
        alias = using or router.db_for_read(self.fields[0].model)
        connection = connections[alias]
        if not all(in_range(field, value, connection) for field, value in zip(self.fields, prepared, strict=True)):
            return []
        sql, positions, names, converters = self.statements.get(alias) or self.compile(alias)
        params = [prepared[position] for position in positions]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [dict(zip(names, converted(row, converters, connection), strict=True)) for row in rows]

    def compile(self, alias: str) -> tuple:
        stand_ins = [STAND_IN - index for index in range(len(self.fields))]
        queryset = self.build(*stand_ins).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if set(params) != set(stand_ins):
            raise ValueError(f"a compiled query takes its stand-ins as its only parameters, not {params!r}")
        query = queryset.query
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        columns = [column for column, _sql, _alias in compiler.select]
        converters = list(compiler.get_converters(columns).items())
        statement = (sql, [stand_ins.index(param) for param in params], names, converters)
        self.statements[alias] = statement
        return statement


def in_range(field: Field, value, connection) -> bool:
    kind = (field.target_field if field.is_relation else field).get_internal_type()
    if not isinstance(value, int) or kind not in connection.ops.integer_field_ranges:
        return True
    low, high = connection.ops.integer_field_range(kind)
    return (low is None or value >= low) and (high is None or value <= high)


def converted(row: tuple, converters: list, connection) -> list:
    values = list(row)
    for position, (functions, expression) in converters:
        value = values[position]
        for function in functions:
            value = function(value, expression, connection)
        values[position] = value
    return values


class InIds(Lookup):
    """`id IN ids` with the ids as one parameter: an array on PostgreSQL, a JSON list on SQLite. As
    `__in`, a search's thousand ids would be a thousand placeholders to compile and bind, twice."""

    lookup_name = "in_ids"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        ids = [int(pk) for pk in value]
        return "%s", [ids if connection.vendor == "postgresql" else json.dumps(ids)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]
        return f"{lhs} IN (SELECT value FROM json_each({rhs}))", [*lhs_params, *rhs_params]
