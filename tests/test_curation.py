"""Validating the curated fixture before anything is written."""

import json

import pytest

from thesis.ingest.curation import load
from thesis.ingest.exceptions import CurationError

SHA = "cf59af8196d6c16e56647d03617a868fd05b800273864e743eedb35cedcfd546"


def write(tmp_path, data):
    path = tmp_path / "x.curation.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def inferred(**changes):
    event = {
        "key": "inferred:x",
        "anchor": "Семей",
        "start": {"year": 1991, "month": 8, "day": 29},
        "precision": "day",
        "headline": "Оқиға",
        "basis_note": "from a decree",
    }
    event.update(changes)
    return event


def test_the_committed_curation_is_valid():
    data = load(SHA)
    assert data["source_sha256"] == SHA
    assert len(data["events"]) == 11


def test_no_curation_for_an_unknown_text():
    assert load("0" * 64) is None


@pytest.mark.parametrize(
    "event, message",
    [
        (inferred(basis_note=""), "basis_note is required"),
        (inferred(precision="week"), "unknown precision"),
        (inferred(start={"year": 1991, "month": 2, "day": 30}), "day must be 1 to 28"),
        (inferred(start={"year": 1991, "month": 13}), "month must be 1 to 12"),
        (inferred(end={"year": 1990}), "end is before start"),
        (inferred(headline=""), "headline is required"),
    ],
)
def test_bad_events_are_refused(tmp_path, event, message):
    with pytest.raises(CurationError, match=message):
        load(SHA, write(tmp_path, {"source_sha256": SHA, "events": [event]}))


def test_bad_people_are_refused(tmp_path):
    with pytest.raises(CurationError, match="family_name is required"):
        load(SHA, write(tmp_path, {"source_sha256": SHA, "people": [{"given_names": "Жан"}]}))
    with pytest.raises(CurationError, match="unknown group"):
        load(SHA, write(tmp_path, {"source_sha256": SHA, "people": [{"family_name": "А", "group": "x"}]}))


def test_a_curation_for_another_text_is_refused(tmp_path):
    with pytest.raises(CurationError, match="another source document"):
        load(SHA, write(tmp_path, {"source_sha256": "1" * 64}))


def test_unreadable_json_is_refused(tmp_path):
    path = tmp_path / "x.curation.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CurationError, match="cannot be read as JSON"):
        load(SHA, path)


def test_the_front_matter_a_curation_gives_is_read():
    from thesis.ingest.curation import front_matter_values

    data = {"thesis": {"title": "Т", "authors": ["Сейткали А."], "year": 2019, "kind": "master", "keywords": []}}
    assert front_matter_values(data) == {
        "author_names": ["Сейткали А."],
        "year": 2019,
        "kind": "master",
        "keywords": [],
    }
    assert front_matter_values(None) == {}


@pytest.mark.parametrize(
    ("thesis", "message"),
    [
        ({"kind": "essay"}, "unknown kind 'essay'"),
        ({"year": "2019"}, "is not of type 'integer'"),
        ({"year": 19}, "less than the minimum"),
        ({"authors": "Сейткали А."}, "is not of type 'array'"),
        ({"supervisor": ["Әбенова Г."]}, "is not of type 'string'"),
    ],
)
def test_bad_front_matter_is_refused(tmp_path, thesis, message):
    with pytest.raises(CurationError, match=message):
        load(SHA, write(tmp_path, {"source_sha256": SHA, "thesis": thesis}))


def test_a_curated_supervisor_longer_than_the_field_is_refused(tmp_path):
    with pytest.raises(CurationError, match="is too long"):
        load(SHA, write(tmp_path, {"source_sha256": SHA, "thesis": {"supervisor": "А" * 256}}))
