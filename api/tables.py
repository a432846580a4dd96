"""CSV of the API's lists: every row of a filtered list, streamed, with nested values flattened into columns.

A nested object becomes one column per member, named with a dot (`span.start`, `source_document.sha256`);
a list of plain values is one cell, its items joined by "; " (`aliases`, `roles`); a list of objects is
one cell holding it as JSON (`authors`, `declared_structure`); null is an empty cell, booleans are
true and false. The header row is made from the serializer, so an empty list still has its columns.
A text cell a spreadsheet would run as a formula is defused (see `defused`). `?bom=1` starts the file with
a byte order mark, without which Excel reads UTF-8 as the system's code page.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice

from django.utils.translation import gettext as _
from drf_spectacular.drainage import get_override
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer

from .renderers import JSONRenderer

MEDIA_TYPE = "text/csv"
LIST_SEPARATOR = "; "
# Rows read, serialized and sent at a time: what a CSV holds in memory, however long the list.
CHUNK_ROWS = 500
# What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection), and the quote
# that makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Excel opens a CSV as UTF-8 only after this mark; other readers take it for a character, so it is asked for.
BOM_PARAMETER = "bom"
BOM_CHOICES = {"0": False, "1": True}
BYTE_ORDER_MARK = "\ufeff".encode()


class CsvRenderer(BaseRenderer):
    """text/csv, which the list views stream themselves (see `stream`); errors and OPTIONS go as JSON."""

    media_type = MEDIA_TYPE
    format = "csv"
    charset = "utf-8"
    # CSV has no way to say what went wrong.
    side_renderer_class = JSONRenderer

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data if isinstance(data, list) else [data]
        names = list(dict.fromkeys(name for row in rows for name in flatten(row)))
        return b"".join(stream(names, [rows]))


def columns(serializer: serializers.Serializer) -> list[str]:
    """The CSV columns of what `serializer` writes, in its field order."""
    names = []
    for name, field in serializer.fields.items():
        names += field_columns(name, field)
    return names


def field_columns(name: str, field: serializers.Field) -> list[str]:
    schema = declared(field)
    if isinstance(schema, type) and issubclass(schema, serializers.Serializer):
        schema = schema()
    nested = field if isinstance(field, serializers.Serializer) else schema
    if isinstance(nested, serializers.Serializer):
        return [f"{name}.{column}" for column in columns(nested)]
    if isinstance(schema, dict) and schema.get("type") == "object" and "properties" in schema:
        return [f"{name}.{member}" for member in schema["properties"]]
    return [name]


def declared(field: serializers.Field):
    """What a field writing an object declares of it in the schema it documents (extend_schema_field): a
    serializer or a schema, set on the field, or on the method of a SerializerMethodField (a suspect's
    `passage`); None if nothing."""
    if isinstance(field, serializers.SerializerMethodField):
        return get_override(getattr(field.parent, field.method_name), "field")
    return get_override(field, "field")


def flatten(record: dict, prefix: str = "") -> dict[str, str]:
    """A serialized record as cells by column name."""
    cells = {}
    for key, value in record.items():
        if isinstance(value, dict):
            cells.update(flatten(value, f"{prefix}{key}."))
        else:
            cells[f"{prefix}{key}"] = cell(value)
    return cells


def cell(value) -> str:
    """A value's cell: a number as it is (a negative year is no formula), any other text defused."""
    if isinstance(value, int | float):
        return text(value)
    return defused(text(value))


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            return json.dumps(value, ensure_ascii=False)
        return LIST_SEPARATOR.join(text(item) for item in value)
    return str(value)


def defused(cell_text: str) -> str:
    """OWASP's rule: a cell starting as a formula does gets a quote in front, so that a spreadsheet
    shows it as text; so does one starting with the quote itself, so that `recovered` is exact."""
    return QUOTE + cell_text if cell_text.startswith((*FORMULA_STARTS, QUOTE)) else cell_text


def recovered(cell_text: str) -> str:
    """The value a defused cell holds: without its first character if that is a quote."""
    return cell_text.removeprefix(QUOTE)


class _Line:
    """What csv.writer writes to: it hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def wants_byte_order_mark(query_params) -> bool:
    """Whether `?bom=1` asks for a byte order mark; a value other than 0 or 1 is refused, naming the parameter.
    An empty value is none, as it is for every other parameter of the API (the schema allows it)."""
    value = query_params.get(BOM_PARAMETER) or "0"
    if value not in BOM_CHOICES:
        raise ValidationError({BOM_PARAMETER: [_("Give 1 to start the CSV with a byte order mark (for Excel), or 0.")]})
    return BOM_CHOICES[value]


def stream(names: list[str], chunks: Iterable[list[dict]], byte_order_mark: bool = False) -> Iterator[bytes]:
    """The header row, then each chunk of serialized records as one piece of UTF-8 CSV."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield (BYTE_ORDER_MARK if byte_order_mark else b"") + writer.writerow(names).encode("utf-8")
    for chunk in chunks:
        lines = []
        for record in chunk:
            cells = flatten(record)
            lines.append(writer.writerow([cells.get(name, "") for name in names]))
        if lines:
            yield "".join(lines).encode("utf-8")


def chunked(rows: Iterable, size: int = CHUNK_ROWS) -> Iterator[list]:
    """`rows` in lists of `size`."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk
