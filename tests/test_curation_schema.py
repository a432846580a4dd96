"""The shape of a curation file (thesis/ingest/curation_schema.py): refused, naming what and where, at any depth."""

import json

import pytest

from thesis.ingest.curation import from_bytes
from thesis.ingest.curation_schema import MAX_DEPTH
from thesis.ingest.exceptions import CurationError

SHA = "0" * 64


def refusal(data) -> str:
    raw = data if isinstance(data, bytes) else json.dumps({"source_sha256": SHA, **data}).encode()
    with pytest.raises(CurationError) as refused:
        from_bytes(raw, "c.json", SHA)
    return str(refused.value)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_refused_before_it_is_parsed(depth):
    raw = b'{"source_sha256": "' + SHA.encode() + b'", "reviewed": ' + b"[" * depth + b"]" * depth + b"}"
    assert refusal(raw).startswith(f"c.json: nested more than {MAX_DEPTH} deep")


def test_brackets_inside_strings_are_text():
    headline = "[" * 100 + '\\"{' * 100
    event = '{"date": "1991 ж.", "headline": "' + headline + '"}'
    raw = ('{"source_sha256": "' + SHA + '", "events": [' + event + "]}").encode()
    assert from_bytes(raw, "c.json", SHA)["events"][0]["headline"].startswith("[[[")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"events": [{"start": {"year": "1991"}}]}, "$.events[0].start.year: '1991' is not of type 'integer'"),
        ({"people": [{"family_name": "А", "aliases": "Б"}]}, "$.people[0].aliases: 'Б' is not of type 'array'"),
        ({"people": [{"family_name": "А", "nick": "Б"}]}, "$.people[0]: Additional properties are not allowed"),
        ({"thesis": {"title": ["Т"]}}, "$.thesis.title: ['Т'] is not of type 'string'"),
        ({"peple": []}, "$: Additional properties are not allowed ('peple' was unexpected)"),
    ],
)
def test_a_wrong_type_or_an_unknown_key_is_named_with_where_it_is(data, message):
    assert message in refusal(data)


def test_a_file_that_is_not_an_object_is_refused():
    assert "is not of type 'object'" in refusal(b"[]")
