"""Theses and sections: the table of contents, the text exports, and CSL-JSON."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from thesis.editions.export import current_text

SEED = Path(settings.BASE_DIR) / "fixtures" / "diplomacy-thesis.kk.txt"

pytestmark = pytest.mark.django_db


def test_thesis_list_and_detail(client, seed_thesis):
    listed = client.get("/api/theses/").json()
    assert listed["count"] == 1
    assert "table_of_contents" not in listed["results"][0]
    body = client.get(f"/api/theses/{seed_thesis.pk}/").json()
    assert body["title"] == seed_thesis.title
    # Notes in Kazakh, the English beside them.
    assert body["title_note"].startswith("Редакторлар берген тақырып")
    assert body["title_note_en"].startswith("Editorial title")
    assert (body["language"], body["kind"], body["is_complete"]) == ("kk", "diploma", False)
    assert body["completeness_note"].startswith("Мәтін сөйлемнің ортасында үзіледі")
    assert body["completeness_note_en"].startswith("The text breaks off mid-sentence")
    assert body["declared_structure"] == [
        {"kind": "introduction", "count": 1},
        {"kind": "chapter", "count": 2},
        {"kind": "conclusion", "count": 1},
        {"kind": "bibliography", "count": 1},
    ]
    data = SEED.read_bytes()
    document = body["source_document"]
    assert (document["file_name"], document["size_bytes"]) == ("diplomacy-thesis.kk.txt", len(data))
    assert document["sha256"] == seed_thesis.source_document.sha256


def test_table_of_contents_nests_sections_with_passage_counts(client, seed_thesis):
    contents = client.get(f"/api/theses/{seed_thesis.pk}/").json()["table_of_contents"]
    outline = [
        (
            entry["kind"],
            entry["title"],
            entry["passage_count"],
            [(c["title"], c["passage_count"]) for c in entry["children"]],
        )
        for entry in contents
    ]
    assert outline == [
        ("introduction", "КІРІСПЕ", 3, [("Зерттеу жұмысының дерек көздері", 4)]),
        (
            "chapter",
            "ДИПЛОМАТИЯ – МЕМЛЕКЕТТІК ҚЫЗМЕТТІҢ ЕРЕКШЕ ТҮРІ",
            0,
            [("Дипломатиялық Қызметтің Ерекшеліктері", 4)],
        ),
    ]
    assert contents[1]["children"][0]["number"] == "1.1"
    assert contents[1]["children"][0]["children"] == []


def test_table_of_contents_in_latin(client, seed_thesis):
    contents = client.get(f"/api/theses/{seed_thesis.pk}/", {"script": "latn"}).json()["table_of_contents"]
    assert contents[0]["title"] == "KIRISPE"
    assert contents[1]["title"] == "DİPLOMATİİA – MEMLEKETTIK QYZMETTIÑ EREKŞE TÜRI"
    assert contents[1]["label"] == "1 TARAU"


def test_original_text_is_the_imported_file_byte_for_byte(client, seed_thesis):
    response = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"version": "original"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == SEED.read_bytes()


def test_current_text_in_both_scripts(client, seed_thesis):
    current = client.get(f"/api/theses/{seed_thesis.pk}/text/")
    assert current["Content-Type"] == "text/plain; charset=utf-8"
    assert current.content.decode("utf-8") == current_text(seed_thesis)
    explicit = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"version": "current"})
    assert explicit.content == current.content
    latin = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"script": "latn"}).content.decode("utf-8")
    assert latin.startswith("KIRISPE\n\nBügıngı tañda, halyqaralyq qatynastarda")
    assert "XXI ğasyrda" in latin
    assert not any("\u0400" <= char <= "\u04ff" for char in latin)


def test_current_text_follows_edits(client, seed_thesis):
    edited = seed_thesis.passages.get(order=4)
    edited.text = "Түзетілген мәтін."
    edited.save()
    assert "\n\nТүзетілген мәтін.\n\n" in client.get(f"/api/theses/{seed_thesis.pk}/text/").content.decode()
    original = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"version": "original"})
    assert original.content == SEED.read_bytes()


def test_text_parameters_are_checked(client, seed_thesis):
    unknown = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"version": "draft"})
    assert unknown.status_code == 400
    assert unknown["Content-Type"] == "application/json"
    assert "version" in unknown.json()
    assert client.get(f"/api/theses/{seed_thesis.pk + 1}/text/").status_code == 404
    assert client.get(f"/api/theses/{seed_thesis.pk}/text/", {"format": "xml"}).status_code == 404


def test_the_original_stays_as_typed_whatever_the_script(client, seed_thesis):
    # Like a passage's original_text, the verbatim record ignores `script` rather than refusing it.
    latin_original = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"version": "original", "script": "latn"})
    assert latin_original.status_code == 200
    assert latin_original.content == SEED.read_bytes()


def test_a_text_error_is_sent_as_the_format_asks(client, seed_thesis):
    as_text = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"version": "draft", "format": "txt"})
    assert as_text.status_code == 400
    assert as_text["Content-Type"] == "text/plain; charset=utf-8"
    assert json.loads(as_text.content)["version"]
    as_json = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"version": "draft", "format": "json"})
    assert as_json["Content-Type"] == "application/json"


def test_sources_as_csl_json(client, seed_thesis):
    source = seed_thesis.sources.get(number=9)
    source.csl_type = "book"
    source.title = "Қазақстанның сыртқы саясаты"
    source.authors = [{"family": "Тоқаев", "given": "Қасым-Жомарт"}, {"literal": "ҚР СІМ"}]
    source.issued_year = 1997
    source.publisher = "Жеті жарғы"
    source.publisher_place = "Алматы"
    source.page = "120"
    source.language = "kk"
    source.save()
    response = client.get(f"/api/theses/{seed_thesis.pk}/sources.csl.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert "Accept" in response["Vary"]
    items = response.json()
    assert [item["citation-number"] for item in items] == [3, 4, 5, 6, 7, 9, 23, 26, 28]
    assert items[0] == {"id": seed_thesis.sources.get(number=3).pk, "type": "document", "citation-number": 3}
    assert items[5] == {
        "id": source.pk,
        "type": "book",
        "citation-number": 9,
        "title": "Қазақстанның сыртқы саясаты",
        "author": [{"family": "Тоқаев", "given": "Қасым-Жомарт"}, {"literal": "ҚР СІМ"}],
        "issued": {"date-parts": [[1997]]},
        "publisher": "Жеті жарғы",
        "publisher-place": "Алматы",
        "page": "120",
        "language": "kk",
    }
    latin = client.get(f"/api/theses/{seed_thesis.pk}/sources.csl.json", {"script": "latn"}).json()[5]
    assert latin["title"] == "Qazaqstannyñ syrtqy saiasaty"
    assert latin["author"] == [{"family": "Toqaev", "given": "Qasym-Jomart"}, {"literal": "QR SIM"}]
    assert latin["publisher-place"] == "Almaty"
    assert client.get(f"/api/theses/{seed_thesis.pk + 1}/sources.csl.json").status_code == 404


def test_sections_list_filters_and_detail(client, seed_thesis):
    listed = client.get("/api/sections/").json()
    assert [s["kind"] for s in listed["results"]] == ["introduction", "subsection", "chapter", "section"]
    introduction = seed_thesis.sections.get(kind="introduction")
    chapter = seed_thesis.sections.get(kind="chapter")
    assert [s["title"] for s in client.get("/api/sections/", {"parent": introduction.pk}).json()["results"]] == [
        "Зерттеу жұмысының дерек көздері"
    ]
    assert client.get("/api/sections/", {"kind": "chapter", "thesis": seed_thesis.pk}).json()["count"] == 1
    body = client.get(f"/api/sections/{chapter.pk}/").json()
    assert body["label"] == "1 ТАРАУ"
    assert body["passages"] == []
    assert body["children"] == [seed_thesis.sections.get(number="1.1").pk]
    section = client.get(f"/api/sections/{seed_thesis.sections.get(number='1.1').pk}/", {"script": "latn"}).json()
    assert section["title"] == "Diplomatiialyq Qyzmettıñ Erekşelıkterı"
    assert section["heading_original"] == "1.1 Дипломатиялық Қызметтің Ерекшеліктері"
    assert [p["order"] for p in section["passages"]] == [7, 8, 9, 10]
    assert section["passages"][0]["text"].startswith("Diplomatiia XVI-XVII ğğ.")


def test_csl_json_answers_a_client_that_accepts_only_json_and_sends_errors_as_json(client, seed_thesis):
    url = f"/api/theses/{seed_thesis.pk}/sources.csl.json"
    as_json = client.get(url, HTTP_ACCEPT="application/json")
    assert as_json["Content-Type"] == "application/json"
    as_csl = client.get(url, HTTP_ACCEPT="application/vnd.citationstyles.csl+json")
    assert as_csl["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert as_json.content == as_csl.content
    missing = client.get("/api/theses/0/sources.csl.json")
    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")
    refused = client.get(url, {"script": "klingon"})
    assert (refused.status_code, refused["Content-Type"]) == (400, "application/json")


def test_what_the_title_page_says_is_in_the_thesis(client, seed_thesis):
    body = client.get(f"/api/theses/{seed_thesis.pk}/").json()
    # The seed has no title page: it names no one.
    assert [body[name] for name in ("authors", "supervisor", "institution", "place", "year", "abstract")] == [
        [],
        "",
        "",
        "",
        None,
        "",
    ]
    assert body["keywords"] == []
    seed_thesis.author_names, seed_thesis.supervisor, seed_thesis.year = ["Сейткали А."], "Әбенова Г.", 2019
    seed_thesis.keywords = ["дипломатия"]
    seed_thesis.save()
    body = client.get(f"/api/theses/{seed_thesis.pk}/?script=latn").json()
    assert (body["authors"], body["supervisor"], body["year"]) == (["Seitkali A."], "Äbenova G.", 2019)
    assert body["keywords"] == ["diplomatiia"]
