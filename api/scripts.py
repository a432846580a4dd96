"""The `script` query parameter: Kazakh text in Cyrillic as stored (cyrl) or in the 2021 Latin alphabet (latn).

Offsets into a passage's text follow the script: with latn they index the Latin text returned.
Verbatim records of the transcription (a passage's original_text, a heading as transcribed,
the original file) stay as they were typed.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from thesis.text.transliteration import CYRILLIC, LATIN, SCRIPTS, in_script, latin_offsets, to_latin

from .internals.drf import read_attribute

SCRIPT_PARAMETER = OpenApiParameter(
    "script",
    OpenApiTypes.STR,
    enum=SCRIPTS,
    default=CYRILLIC,
    description="Kazakh text in Cyrillic as stored (cyrl) or in the Kazakh Latin alphabet of 2021 (latn).",
)


def requested_script(request) -> str:
    """The script the request asks for; 400 naming `script` for one we do not write."""
    script = request.query_params.get("script") or CYRILLIC
    if script not in SCRIPTS:
        raise ValidationError({"script": [f"Unknown script {script!r}: use one of {', '.join(SCRIPTS)}."]})
    return script


def context_script(field: serializers.Field) -> str:
    return field.context.get("script", CYRILLIC)


class KazakhTextField(serializers.CharField):
    """Text stored in Kazakh Cyrillic, written in the script the request asks for."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.represent(value, context_script(self))

    def represent(self, value, script: str) -> str:
        return in_script(str(value), script)


class KazakhSlugRelatedField(serializers.SlugRelatedField):
    """A related record shown by a Kazakh text field of it, such as an alias by its form."""

    def to_representation(self, obj):
        return in_script(super().to_representation(obj), context_script(self))


@extend_schema_field(OpenApiTypes.STR)
class PassageQuoteField(serializers.Field):
    """A piece of a passage's text quoted by offsets (a cited sentence, a name), in the requested script.

    In Latin it is cut from the passage's Latin text, so that it always equals text[start:end].
    """

    def __init__(self, start: str, end: str, **kwargs):
        self.start, self.end = start, end
        super().__init__(source="*", read_only=True, **kwargs)

    @property
    def columns(self) -> tuple[str, ...]:
        """What it reads of a row of values(), besides its passage's text (passage__text)."""
        return (self.field_name, self.start, self.end)

    def to_representation(self, quote):
        return self.row_value(quote, context_script(self), read_attribute)

    def row_value(self, quote, script: str, read) -> str:
        stored = read(quote, self.field_name)
        # The passage is read only for Latin: in Cyrillic the quote is the stored one.
        if script != LATIN:
            return stored
        text = read(quote, "passage.text")
        return passage_quote(stored, text, read(quote, self.start), read(quote, self.end), LATIN)


def passage_quote(stored: str, text: str, start: int, end: int, script: str) -> str:
    """A quote of a passage's `text` stored as `stored`, at start:end, in `script` (PassageQuoteField)."""
    if script != LATIN:
        return stored
    offsets = latin_offsets(text)
    return to_latin(text)[offsets[start] : offsets[end]]


def passage_span(text: str, start: int, end: int, script: str) -> dict:
    """{start, end} of a piece of a passage's `text`, counted in `script` (PassageSpanField)."""
    if script == LATIN:
        offsets = latin_offsets(text)
        start, end = offsets[start], offsets[end]
    return {"start": start, "end": end}


SPAN_SCHEMA = {
    "type": "object",
    "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}},
    "required": ["start", "end"],
}


@extend_schema_field(SPAN_SCHEMA)
class PassageSpanField(serializers.Field):
    """{start, end}: character offsets into a passage's text, counted in the requested script."""

    def __init__(self, start: str, end: str, **kwargs):
        self.start, self.end = start, end
        super().__init__(source="*", read_only=True, **kwargs)

    @property
    def columns(self) -> tuple[str, ...]:
        """What it reads of a row of values(), besides its passage's text (passage__text)."""
        return (self.start, self.end)

    def to_representation(self, quote):
        return self.row_value(quote, context_script(self), read_attribute)

    def row_value(self, quote, script: str, read) -> dict:
        start, end = read(quote, self.start), read(quote, self.end)
        if script != LATIN:
            return {"start": start, "end": end}
        return passage_span(read(quote, "passage.text"), start, end, LATIN)
