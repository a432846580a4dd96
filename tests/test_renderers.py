"""api/renderers.py: the JSON orjson writes is DRF's, byte for byte."""

import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rest_framework import renderers
from rest_framework.test import APIClient

from api.renderers import JSONRenderer

# What the API's documents hold: text in any script (with the line separators DRF escapes), whole
# numbers, confidences to two places, flags, nothing, times, and lists and objects of them.
texts = st.text(st.characters(exclude_categories=("Cs",)) | st.sampled_from('\u2028\u2029\x00\x7f"\\/қӘ'))
scalars = (
    texts
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(min_value=0, max_value=1).map(lambda value: round(value, 2))
    | st.booleans()
    | st.none()
    | st.datetimes(timezones=st.sampled_from([datetime.UTC, None]))
    | st.dates()
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children) | st.dictionaries(texts | st.integers(0, 10**6), children),
    max_leaves=40,
)


def drf(data, accepted_media_type=None) -> bytes:
    return renderers.JSONRenderer().render(data, accepted_media_type)


@given(documents)
@example({"Қазақ\u2028": ["\u2029", 0.07, 10**18, datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)]})
def test_every_document_is_written_as_drf_writes_it(document):
    assert JSONRenderer().render(document) == drf(document)


def test_what_orjson_refuses_and_indented_json_are_written_by_drf():
    too_large = {"number": 2**70}
    assert JSONRenderer().render(too_large) == drf(too_large) == b'{"number":1180591620717411303424}'
    indented = "application/json; indent=2"
    assert JSONRenderer().render({"a": [1]}, indented) == drf({"a": [1]}, indented) == b'{\n  "a": [\n    1\n  ]\n}'
    assert JSONRenderer().render(None) == b""


@pytest.mark.django_db
def test_every_answer_of_the_api_on_the_seed_is_drfs(seed_thesis):
    client = APIClient()
    passage = seed_thesis.passages.order_by("order").first()
    event = seed_thesis.events.order_by("pk").first()
    paths = [
        "/api/",
        f"/api/theses/{seed_thesis.pk}/",
        "/api/sections/?page_size=200",
        "/api/passages/?page_size=200",
        "/api/passages/?q=дипломатия",
        f"/api/passages/{passage.pk}/",
        "/api/sources/",
        "/api/authors/",
        "/api/timeline/?page_size=200",
        f"/api/timeline/{event.pk}/",
        f"/api/timeline/timelinejs/?thesis={seed_thesis.pk}",
        f"/api/theses/{seed_thesis.pk}/suspects/",
        "/api/dts/",
        f"/api/dts/navigation/?resource=thesis/{seed_thesis.pk}&down=-1",
        "/api/passages/?year=abc",
        "/api/passages/0/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.content == drf(response.data), path
