"""GET /api/theses/{id}/suspects/: the suspects as public JSON, in order, filtered, paginated, with ETags,
400s naming the parameter and a query count that does not grow with the page; and all of them as CSV."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import tables
from api.serializers import SuspectSerializer
from thesis.derived import changes, suspects
from thesis.models import IgnoredWord, OpenSuspect, Passage
from thesis.text import spellcheck

from .conftest import skip_or_fail
from .test_tables import assert_csv_is_the_json_list, read_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]


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


@pytest.mark.parametrize(
    ("parameter", "value"), [("kind", "nonsense"), ("certain", "maybe"), ("page_size", "0"), ("bom", "yes")]
)
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


# --- as CSV -------------------------------------------------------------------------------------------


def test_the_csv_is_every_suspect_the_json_pages_list(client, seed_thesis, speller):
    rows = assert_csv_is_the_json_list(client, url(seed_thesis), {}, SuspectSerializer())
    assert len(rows) == suspects.find_suspects(seed_thesis).total > 2  # more than the one page of 2
    found = next(row for row in rows if row["found"] == "Ирактын")
    passage = Passage.objects.get(pk=found["passage.id"])
    assert (found["passage.order"], found["passage.version"]) == (str(passage.order), str(passage.version))
    assert found["certain"] == "true" and json.loads(found["suggestions"])[0]["text"] == "Ирактың"


@pytest.mark.parametrize("params", [{"kind": "tripled"}, {"certain": "false"}, {"certain": "true", "kind": "spelling"}])
def test_the_csv_lists_what_the_filters_keep(client, seed_thesis, speller, params):
    rows = assert_csv_is_the_json_list(client, url(seed_thesis), params, SuspectSerializer())
    assert 0 < len(rows) < len(read_csv(client.get(url(seed_thesis), {"format": "csv"})))
    for name, value in params.items():
        assert {row[name] for row in rows} == {value}


def test_the_csv_by_accept_too_named_for_its_thesis_with_a_byte_order_mark_if_asked(client, seed_thesis):
    by_accept = client.get(url(seed_thesis), HTTP_ACCEPT="text/csv")
    assert by_accept["Content-Disposition"] == f'attachment; filename="suspects-thesis-{seed_thesis.pk}.csv"'
    plain = b"".join(by_accept.streaming_content)
    marked = b"".join(client.get(url(seed_thesis), {"format": "csv", "bom": "1"}).streaming_content)
    assert marked == tables.BYTE_ORDER_MARK + plain and not plain.startswith(tables.BYTE_ORDER_MARK)
    assert client.get(url(seed_thesis))["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("parameter", "value"), [("kind", "nonsense"), ("certain", "maybe"), ("page_size", "0"), ("bom", "yes")]
)
def test_a_bad_parameter_to_the_csv_is_a_json_400_naming_it(client, seed_thesis, parameter, value):
    response = client.get(url(seed_thesis), {parameter: value, "format": "csv"})
    assert response.status_code == 400 and list(response.json()) == [parameter]
    assert response["Content-Type"] == "application/json"


def test_the_csv_of_an_unknown_thesis_is_a_json_404(client, db):
    response = client.get("/api/theses/987654/suspects/", {"format": "csv"})
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_the_csvs_queries_grow_with_neither_the_suspects_nor_the_chunks(
    client, seed_thesis, monkeypatch, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as captured:
        few = read_csv(client.get(url(seed_thesis), {"format": "csv"}))
    passage = seed_thesis.passages.get(order=5)
    Passage.objects.bulk_create(
        Passage(thesis=seed_thesis, section=passage.section, order=100 + n, original_text="т", text="жатыр.Екі ..",
                span_start=0, span_end=0)
        for n in range(30)
    )  # fmt: skip
    changes.suspects_changed(seed_thesis.pk)
    monkeypatch.setattr(tables, "CHUNK_ROWS", 2)
    with django_assert_num_queries(len(captured)):
        many = read_csv(client.get(url(seed_thesis), {"format": "csv"}))
    assert len(many) >= len(few) + 60
    # HEAD sends no rows, and reads none.
    with CaptureQueriesContext(connection) as head:
        response = client.head(url(seed_thesis), {"format": "csv"})
        assert b"".join(response.streaming_content) == b""
    assert response.status_code == 200
    assert not any(OpenSuspect._meta.db_table in query["sql"] for query in head.captured_queries)


def test_the_csvs_etag_follows_the_language_its_notes_are_written_in(client, seed_thesis):
    def csv(language, **headers):
        return client.get(url(seed_thesis), {"format": "csv"}, HTTP_ACCEPT_LANGUAGE=language, **headers)

    english, russian = csv("en"), csv("ru")
    assert "« is never closed" in [row["note"] for row in read_csv(english)]
    assert "« не закрыта" in [row["note"] for row in read_csv(russian)]
    assert english["ETag"] != russian["ETag"]
    assert csv("ru", HTTP_IF_NONE_MATCH=russian["ETag"]).status_code == 304
    assert csv("en", HTTP_IF_NONE_MATCH=russian["ETag"]).status_code == 200
