"""Sources and the passages citing them; authors, their spellings and mentions."""

import pytest

from api.serializers import SourceSerializer
from api.views import SourceViewSet
from thesis.ingest.importer import import_bytes

from . import layouts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

SOURCES = "/api/sources/"
AUTHORS = "/api/authors/"


def numbers(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [source["number"] for source in response.json()["results"]]


def family_names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [author["family_name"] for author in response.json()["results"]]


def test_sources_and_their_citation_counts(client, seed_thesis):
    body = client.get(SOURCES).json()
    counts = {source["number"]: source["citation_count"] for source in body["results"]}
    assert counts == {3: 4, 4: 1, 5: 3, 6: 1, 7: 1, 9: 4, 23: 1, 26: 1, 28: 1}
    assert sum(counts.values()) == 17


def test_source_filters(client, seed_thesis):
    assert numbers(client.get(SOURCES, {"number": 5})) == [5]
    assert numbers(client.get(SOURCES, {"cited": "true"})) == [3, 4, 5, 6, 7, 9, 23, 26, 28]
    assert numbers(client.get(SOURCES, {"cited": "false"})) == []
    assert numbers(client.get(SOURCES, {"status": "needs_data", "thesis": seed_thesis.pk})) == [
        3,
        4,
        5,
        6,
        7,
        9,
        23,
        26,
        28,
    ]
    uncited = seed_thesis.sources.create(number=40, csl_type="book", title="Дипломатия негіздері")
    assert numbers(client.get(SOURCES, {"cited": "false"})) == [40]
    assert numbers(client.get(SOURCES, {"type": "book"})) == [40]
    assert numbers(client.get(SOURCES, {"q": "ДИПЛОМАТИЯ"})) == [40]
    uncited.authors = [{"family": "Тоқаев", "given": "Қ.К."}]
    uncited.note = "Екінші басылым"
    uncited.status = "complete"
    uncited.save()
    assert numbers(client.get(SOURCES, {"q": "тоқаев"})) == [40]
    assert numbers(client.get(SOURCES, {"q": "БАСЫЛЫМ"})) == [40]
    assert numbers(client.get(SOURCES, {"status": "complete"})) == [40]


def test_source_authors_are_names_whatever_editors_typed(client, seed_thesis):
    source = seed_thesis.sources.get(number=3)
    source.authors = [{"family": "Тоқаев", "given": ""}, "Тоқаев", {"family": None}, {"literal": "ҚР СІМ"}]
    source.save()
    names = [{"family": "Тоқаев"}, {"literal": "ҚР СІМ"}]
    assert client.get(f"{SOURCES}{source.pk}/").json()["authors"] == names
    assert client.get(f"/api/theses/{seed_thesis.pk}/sources.csl.json").json()[0]["author"] == names
    source.authors = {"family": "Тоқаев"}
    source.save()
    assert client.get(f"{SOURCES}{source.pk}/").json()["authors"] == []
    assert "author" not in client.get(f"/api/theses/{seed_thesis.pk}/sources.csl.json").json()[0]


def test_source_detail_lists_the_citing_passages_and_sentences(client, seed_thesis):
    source = seed_thesis.sources.get(number=5)
    body = client.get(f"{SOURCES}{source.pk}/").json()
    orders = {p.pk: p.order for p in seed_thesis.passages.all()}
    assert [orders[c["passage"]] for c in body["citations"]] == [3, 7, 8]
    for citation in body["citations"]:
        text = seed_thesis.passages.get(pk=citation["passage"]).text
        assert text[citation["sentence_span"]["start"] : citation["sentence_span"]["end"]] == citation["sentence"]
        assert text[citation["marker"]["start"] : citation["marker"]["end"]] == "[5]"
    latin = client.get(f"{SOURCES}{source.pk}/", {"script": "latn"}).json()
    assert all(not any("\u0400" <= ch <= "\u04ff" for ch in c["sentence"]) for c in latin["citations"])


def test_authors_carry_names_group_roles_and_aliases(client, seed_thesis):
    body = client.get(AUTHORS, {"page_size": 100}).json()
    assert body["count"] == 30
    nazarbayev = next(a for a in body["results"] if a["family_name"] == "Назарбаев")
    assert nazarbayev["given_names"] == "Н.Ә."
    assert nazarbayev["display_name"] == "Н.Ә. Назарбаев"
    assert nazarbayev["group"] == "domestic"
    assert nazarbayev["roles"] == ["historiography", "quoted"]
    assert nazarbayev["aliases"] == ["Н.Ә Назарбаев", "Н.Ә. Назарбаев", "Н.Ә.Назарбаев", "Назарбаев Н.Ә"]
    assert nazarbayev["mention_count"] == 4


def test_authors_carry_their_authority_identifiers(client, seed_thesis):
    author = seed_thesis.authors.get(family_name="Назарбаев")
    author.viaf_id, author.wikidata_id = "52477424", "Q8087"
    author.save()
    found = client.get(f"{AUTHORS}{author.pk}/").json()
    assert (found["viaf_id"], found["wikidata_id"]) == ("52477424", "Q8087")
    listed = client.get(AUTHORS, {"page_size": 100}).json()["results"]
    assert {(a["viaf_id"], a["wikidata_id"]) for a in listed} == {("52477424", "Q8087"), ("", "")}


def test_author_filters(client, seed_thesis):
    assert family_names(client.get(AUTHORS, {"group": "foreign"})) == ["Вуд", "Сатоу", "Серре", "Фишер", "Юри"]
    assert family_names(client.get(AUTHORS, {"group": "domestic"})) == [
        "Арыстанбекова",
        "Гаджиев",
        "Гизатов",
        "Назарбаев",
        "Тоқаев",
    ]
    assert client.get(AUTHORS, {"group": "russian"}).json()["count"] == 15
    assert client.get(AUTHORS, {"role": "historiography"}).json()["count"] == 25
    assert family_names(client.get(AUTHORS, {"role": "quoted"})) == [
        "Бжезинский",
        "Гарден",
        "Лабрюер",
        "Мартене",
        "Назарбаев",
        "Сатоу",
        "Уоттен",
    ]
    assert client.get(AUTHORS, {"thesis": seed_thesis.pk}).json()["count"] == 30


def test_author_search_matches_the_display_name_or_any_alias(client, seed_thesis):
    assert family_names(client.get(AUTHORS, {"q": "назарбаев"})) == ["Назарбаев"]
    assert family_names(client.get(AUTHORS, {"q": "Н.Ә.НАЗАРБАЕВ"})) == ["Назарбаев"], "an alias only"
    assert family_names(client.get(AUTHORS, {"q": "э.сатоу"})) == ["Сатоу"], "an alias only"
    assert family_names(client.get(AUTHORS, {"q": "ТОҚАЕВ"})) == ["Тоқаев"]
    assert family_names(client.get(AUTHORS, {"q": "ова"})) == [
        "Арыстанбекова",
        "Захарова",
        "Ковалев",
        "Коновалова",
        "Холопова",
    ]


def test_author_detail_lists_mentions(client, seed_thesis):
    author = seed_thesis.authors.get(family_name="Сатоу")
    body = client.get(f"{AUTHORS}{author.pk}/").json()
    orders = {p.pk: p.order for p in seed_thesis.passages.all()}
    assert [(orders[m["passage"]], m["form"]) for m in body["mentions"]] == [(3, "Сатоу Э"), (7, "Э.Сатоу")]
    text = seed_thesis.passages.get(order=7).text
    span = body["mentions"][1]["span"]
    assert text[span["start"] : span["end"]] == "Э.Сатоу"
    latin = client.get(f"{AUTHORS}{author.pk}/", {"script": "latn"}).json()
    assert (latin["display_name"], latin["aliases"]) == ("E. Satou", ["Satou E", "E.Satou"])
    assert [m["form"] for m in latin["mentions"]] == ["Satou E", "E.Satou"]


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_source_list_is_what_its_serializer_shows(client, seed_thesis, script):
    # The list is built from its serializer's fields (api.internals.drf.row_builder): it must agree with it.
    source = seed_thesis.sources.get(number=3)
    source.authors = [{"family": "Тоқаев", "given": "Қ.К."}]
    source.save()
    body = client.get(SOURCES, {"script": script, "page_size": 200}).json()
    shown = SourceSerializer(SourceViewSet.queryset.all(), many=True, context={"script": script})
    assert any(row["authors"] for row in body["results"])
    assert body["results"] == shown.data
    assert [list(row) for row in body["results"]] == [list(row) for row in shown.data]


@pytest.fixture
def listed(db):
    return import_bytes(layouts.REFERENCE_LIST.encode(), "reference-list.kk.txt", use_curation=False).thesis


def test_a_source_gives_its_entry_as_printed(client, listed):
    body = client.get(SOURCES, {"thesis": listed.pk}).json()
    rows = {row["number"]: row for row in body["results"]}
    assert rows[1]["raw"] == "Назарбаев Н.Ә. Қазақстан жолы. – Астана: Елорда, 2007. – 372 б."
    assert (rows[1]["title"], rows[1]["status"]) == ("Қазақстан жолы", "complete")
    assert (rows[4]["raw"], rows[4]["title"], rows[4]["status"]) == (
        "Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе",
        "",
        "needs_data",
    )
    assert rows[7]["raw"] == ""
    detail = client.get(f"{SOURCES}{listed.sources.get(number=3).pk}/").json()
    assert detail["raw"].endswith("–\nАлматы: Санат, 1999. – 336 с.")
    assert [c["locator"] for c in detail["citations"]] == [None, "185-231"]


def test_the_entry_as_printed_cannot_be_written(client, listed, editor):
    # The API reads only: no method writes a source, its printed entry least of all.
    client.force_login(editor)
    source = listed.sources.get(number=4)
    response = client.patch(f"{SOURCES}{source.pk}/", {"raw": "x"}, content_type="application/json")
    assert response.status_code == 405
    source.refresh_from_db()
    assert source.raw == "Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе"


def test_csl_json_gives_an_unread_entry_as_printed_in_its_note(client, listed):
    items = {item["citation-number"]: item for item in client.get(f"/api/theses/{listed.pk}/sources.csl.json").json()}
    assert items[4] == {
        "id": listed.sources.get(number=4).pk,
        "type": "document",
        "citation-number": 4,
        "note": "Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе",
    }
    # An entry read gives its fields, not the printed string; a wrapped one is read as one line.
    assert "note" not in items[1] and "note" not in items[3]
    assert items[2]["container-title"] == "Қазақстан тарихы"
    assert items[2]["type"] == "article-journal"
    assert items[1]["issued"] == {"date-parts": [[2007]]}
    latin = client.get(f"/api/theses/{listed.pk}/sources.csl.json", {"script": "latn"}).json()
    assert {item["citation-number"]: item for item in latin}[4][
        "note"
    ] == "Resmi mūrağat qūjattary, QR OMM 5-qor, 1-tızbe"
