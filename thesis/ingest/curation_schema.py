"""The shape of a curation file, checked at any depth before its contents are read: types, known keys, nesting."""

import re

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from .exceptions import CurationError

# The format nests four deep (the file, its events, an event, its start); anything much deeper is not
# a curation, and refusing it before parsing keeps the JSON reader's own recursion out of reach.
MAX_DEPTH = 8
TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')

TEXT = {"type": "string"}
TEXTS = {"type": "array", "items": TEXT}
DATE = {
    "type": "object",
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": ["integer", "null"]},
        "day": {"type": ["integer", "null"]},
    },
    "additionalProperties": False,
}
PERSON = {
    "type": "object",
    "properties": {
        **dict.fromkeys(("family_name", "given_names", "group", "note", "note_en"), TEXT),
        "aliases": TEXTS,
        "roles": TEXTS,
    },
    "additionalProperties": False,
}
EVENT = {
    "type": "object",
    "properties": {
        **dict.fromkeys(
            (
                "date",
                "headline",
                "description",
                "key",
                "anchor",
                "precision",
                "basis_note",
                "basis_note_en",
                "date_display",
            ),
            TEXT,
        ),
        "occurrence": {"type": "integer", "minimum": 1},
        "start": DATE,
        "end": DATE,
        "people": TEXTS,
    },
    "additionalProperties": False,
}
SCHEMA = {
    "type": "object",
    "properties": {
        "source_sha256": TEXT,
        "reviewed": TEXT,
        "thesis": {
            "type": "object",
            "properties": {
                **dict.fromkeys(("title", "title_note", "title_note_en", "kind", "abstract"), TEXT),
                # As long as the thesis's fields hold.
                **dict.fromkeys(("supervisor", "place"), {"type": "string", "maxLength": 255}),
                "institution": {"type": "string", "maxLength": 500},
                "authors": TEXTS,
                "keywords": TEXTS,
                "year": {"type": "integer", "minimum": 1000, "maximum": 2999},
            },
            "additionalProperties": False,
        },
        "people": {"type": "array", "items": PERSON},
        "events": {"type": "array", "items": EVENT},
    },
    "additionalProperties": False,
}
VALIDATOR = Draft202012Validator(SCHEMA)


def check_depth(text: str, name: str) -> None:
    """CurationError for JSON text nested deeper than the format ever is; strings are passed over."""
    depth = 0
    for token in TOKEN_RE.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise CurationError(f"{name}: nested more than {MAX_DEPTH} deep at character {token.start()}")
        elif bracket in "]}":
            depth -= 1


def check_shape(data, name: str) -> None:
    """CurationError naming the first place where the parsed file is not a curation's shape, and why."""
    error = best_match(VALIDATOR.iter_errors(data))
    if error is not None:
        raise CurationError(f"{name}: {error.json_path}: {error.message}")
