"""GET /api/theses/{id}/suspects/: the suspects as public JSON, in order, filtered, paginated, with ETags,
400s naming the parameter and a query count that does not grow with the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.derived import suspects
from thesis.models import IgnoredWord, Passage
from thesis.text import spellcheck

from .conftest import skip_or_fail

pytestmark = pytest.mark.django_db


def url(thesis) -> str:
    return f"/api/theses/{thesis.pk}/suspects/"


@pytest.fixture
def speller():
    speller, problem = spellcheck.default_speller()
    if speller is None:
        skip_or_fail(f"the Kazakh Hunspell dictionary (Debian hunspell-kk, libenchant-2-2): {problem}")
    return speller


def test_every_suspect_with_its_place_and_ranked_suggestions(client, seed_thesis, speller):
    body = client.get(url(seed_thesis), {"page_size": 200}).json()
    results = body["results"]
    assert body["count"] == len(results) == suspects.find_suspects(seed_thesis).total
    texts = dict(Passage.objects.values_list("pk", "text"))
    for item in results:
        assert texts[item["passage"]["id"]][item["start"] : item["end"]] == item["found"]
        assert all(s["confidence"] is None or 0 <= s["confidence"] <= 1 for s in item["suggestions"])
    spelling = {item["found"]: item for item in results if item["kind"] == "spelling"}
    assert spelling["Ирактын"]["suggestions"][0]["text"] == "Ирактың" and spelling["Ирактын"]["certain"]
    assert spelling["Республикасың"]["certain"] is False
    assert spelling["Республикасың"]["suggestions"][0]["text"] == "Республикасының"


def test_certain_before_possible_then_passage_order_and_place(client, seed_thesis, speller):
    results = client.get(url(seed_thesis), {"page_size": 200}).json()["results"]
    keys = [(not r["certain"], r["passage"]["order"], r["start"]) for r in results]
    assert keys == sorted(keys)
    assert {r["certain"] for r in results} == {True, False}


def test_filters_by_kind_and_certainty(client, seed_thesis, speller):
    tripled = client.get(url(seed_thesis), {"kind": "tripled"}).json()["results"]
    assert {r["found"] for r in tripled} == {"аймақққа", "элементттерінің"}
    possible = client.get(url(seed_thesis), {"certain": "false"}).json()["results"]
    assert possible and all(r["certain"] is False and r["kind"] == "spelling" for r in possible)
    certain = client.get(url(seed_thesis), {"certain": "true", "kind": "spelling"}).json()["results"]
    assert certain and all(r["certain"] for r in certain)


@pytest.mark.parametrize(("parameter", "value"), [("kind", "nonsense"), ("certain", "maybe"), ("page_size", "0")])
def test_a_bad_parameter_is_a_400_naming_it(client, seed_thesis, parameter, value):
    response = client.get(url(seed_thesis), {parameter: value})
    assert response.status_code == 400 and parameter in response.json()


def test_an_unknown_thesis_is_a_404(client, db):
    assert client.get("/api/theses/987654/suspects/").status_code == 404


def test_ignored_words_are_left_out_and_change_the_etag(client, seed_thesis, speller):
    first = client.get(url(seed_thesis))
    assert client.get(url(seed_thesis), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    IgnoredWord.objects.create(thesis=seed_thesis, word="Ирактын")
    changed = client.get(url(seed_thesis), {"page_size": 200}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "Ирактын" not in {r["found"] for r in changed.json()["results"]}


def test_queries_do_not_grow_with_the_page_or_the_passages(client, seed_thesis, speller):
    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(seed_thesis), params).status_code == 200
        return len(captured)

    small, large = queries(page_size=1), queries(page_size=200)
    passage = seed_thesis.passages.get(order=5)
    Passage.objects.bulk_create(
        Passage(
            thesis=seed_thesis,
            section=passage.section,
            order=100 + n,
            original_text="т",
            text="жатыр.Екі ..",
            span_start=0,
            span_end=0,
        )
        for n in range(30)
    )
    assert small == large == queries(page_size=200)
