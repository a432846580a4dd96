"""What the API's speed needs of DRF's internals: what a serializer shows, built from its own fields without it.

A serializer is the one description of what a resource shows: its schema, its CSV's columns and the
document of a request served rarely. For the busiest, `row_builder` reads the serializer's fields once
and builds the same document from a record or a row of values() in a fraction of the time, doing what
DRF's Serializer.to_representation does field by field: a null attribute is null, a related record is
its key, and each field represents its value. A field of the API's own says how with `represent(value,
script)` (a value from its source) or `row_value(record, script, read)` (a field of source "*", reading
its `columns`). tests/test_drf.py checks that DRF still behaves as assumed here, and the API's tests
that each fast document equals its serializer's.
"""

import functools
from collections.abc import Callable
from operator import attrgetter, itemgetter

from rest_framework import serializers
from rest_framework.relations import PrimaryKeyRelatedField

# The DRF this module was written against and last checked with (tests/test_drf.py).
WRITTEN_FOR = "3.18"

# Fields whose representation of a model's value is the value itself.
AS_STORED = (serializers.IntegerField, serializers.CharField, serializers.ChoiceField, serializers.BooleanField)


def read_attribute(record, path: str):
    """`path` ("source.number") of a record, as DRF reads a field's source."""
    return getattr(record, path) if "." not in path else attrgetter(path)(record)


def read_item(row: dict, path: str):
    """`path` ("source.number") of a row of values(), which names it source__number."""
    return row[path.replace(".", "__")]


@functools.cache
def row_builder(serializer_class: type[serializers.Serializer]) -> Callable[[object, str], dict]:
    """A function of (record, script) giving what serializer_class shows of the record in `script`; the
    record a model instance or a row of values() (a dict, with `columns(serializer_class)`)."""
    serializer = serializer_class()
    fields = [(name, field) for name, field in serializer.fields.items() if not field.write_only]
    # A plan for each kind of record: (name, read its value, represent(value, script) or None for as stored).
    by_attribute = [plan_field(serializer, name, field, read_attribute) for name, field in fields]
    by_item = [plan_field(serializer, name, field, read_item) for name, field in fields]

    def row(record, script: str) -> dict:
        document = {}
        for name, get, represent in by_item if isinstance(record, dict) else by_attribute:
            value = get(record)
            document[name] = value if represent is None or value is None else represent(value, script)
        return document

    return row


def columns(serializer_class: type[serializers.Serializer]) -> tuple[str, ...]:
    """The values() columns `row_builder(serializer_class)` reads of a row, nested lists apart."""
    serializer = serializer_class()
    names = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            continue
        names += getattr(field, "columns", None) or [source_path(serializer, name, field).replace(".", "__")]
    return tuple(dict.fromkeys(names))


def plan_field(serializer, name: str, field, read) -> tuple:
    if hasattr(field, "row_value"):
        return name, same, functools.partial(field.row_value, read=read)
    path = source_path(serializer, name, field)
    get = attrgetter(path) if read is read_attribute else itemgetter(path.replace(".", "__"))
    return name, get, representation(serializer, name, field)


def representation(serializer, name: str, field) -> Callable | None:
    if hasattr(field, "represent"):
        return field.represent
    if isinstance(field, serializers.DateTimeField):
        return lambda value, script: field.to_representation(value)
    if isinstance(field, serializers.ListSerializer):
        child = row_builder(type(field.child))
        return lambda records, script: [child(record, script) for record in records]
    if isinstance(field, AS_STORED + (PrimaryKeyRelatedField,)):
        return None
    raise TypeError(f"{type(serializer).__name__}.{name}: no row for a {type(field).__name__}; give it represent()")


def source_path(serializer, name: str, field) -> str:
    """Where the field reads its value: its source, a related record's by its key column (thesis_id)."""
    if field.source == "*":
        raise TypeError(f"{type(serializer).__name__}.{name}: a field of source * needs row_value() and columns")
    attributes = list(field.source_attrs)
    if isinstance(field, PrimaryKeyRelatedField):
        if len(attributes) != 1:
            raise TypeError(f"{type(serializer).__name__}.{name}: a related record's key is read on the record itself")
        attributes = [serializer.Meta.model._meta.get_field(attributes[0]).attname]
    return ".".join(attributes)


def same(record):
    return record
