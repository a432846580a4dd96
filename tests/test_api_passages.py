"""Passages: filters, search, detail with citations and mentions, Latin output, and the history of changes."""

import json
import re
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from api import tables
from api.serializers import PassageDetailSerializer, PassageHistorySerializer, PassageSerializer
from thesis.models import Passage, PassageSuccessor
from thesis.time_limit import TooLong

from .test_tables import assert_csv_is_the_json_list, read_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

PASSAGES = "/api/passages/"


def orders(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [passage["order"] for passage in response.json()["results"]]


def passage(thesis, order: int) -> Passage:
    return thesis.passages.get(order=order)


def test_list_shape_and_filters(client, seed_thesis):
    body = client.get(PASSAGES).json()
    assert body["count"] == 11
    assert set(body) == {"count", "count_exact", "next", "previous", "results"}
    assert body["count_exact"] is True
    first = body["results"][0]
    assert set(first) == {"id", "thesis", "section", "order", "status", "version", "changed_at", "span", "text"}
    section = seed_thesis.sections.get(number="1.1")
    assert orders(client.get(PASSAGES, {"section": section.pk})) == [7, 8, 9, 10]
    assert orders(client.get(PASSAGES, {"thesis": seed_thesis.pk, "status": "unreviewed"})) == list(range(11))
    assert orders(client.get(PASSAGES, {"status": "verified"})) == []


def test_passages_citing_a_source_number(client, seed_thesis):
    assert orders(client.get(PASSAGES, {"cites": 3})) == [2, 3, 7, 8]
    assert orders(client.get(PASSAGES, {"cites": 9})) == [3, 7, 10]
    assert orders(client.get(PASSAGES, {"cites": 23})) == [1]
    assert orders(client.get(PASSAGES, {"cites": 1})) == []


def test_passages_naming_an_author(client, seed_thesis):
    nazarbayev = seed_thesis.authors.get(family_name="Назарбаев")
    assert orders(client.get(PASSAGES, {"author": nazarbayev.pk})) == [1, 3, 8]


def test_changed_since(client, seed_thesis):
    later = timezone.now() + timezone.timedelta(seconds=1)
    assert orders(client.get(PASSAGES, {"changed_since": later.isoformat()})) == []
    edited = passage(seed_thesis, 5)
    Passage.objects.filter(pk=edited.pk).update(changed_at=later + timezone.timedelta(hours=1))
    assert orders(client.get(PASSAGES, {"changed_since": later.isoformat()})) == [5]
    assert orders(client.get(PASSAGES, {"changed_since": "2000-01-01"})) == list(range(11))
    # A "+" sent unencoded arrives as a space.
    assert orders(client.get(f"{PASSAGES}?changed_since=2000-01-01T00:00:00 05:00")) == list(range(11))
    assert orders(client.get(PASSAGES, {"changed_since": "2000-01-01t00:00:00z"})) == list(range(11))


def test_changed_since_a_moment_utc_cannot_hold(client, seed_thesis):
    # RFC 3339 date-times that fall before 0001-01-01 or after 9999-12-31 in UTC: before or after every change.
    assert orders(client.get(PASSAGES, {"changed_since": "0001-01-01T00:00:00+23:59"})) == list(range(11))
    assert orders(client.get(PASSAGES, {"changed_since": "0001-01-01T00:00:00"})) == list(range(11))
    assert orders(client.get(PASSAGES, {"changed_since": "9999-12-31T23:59:59-23:59"})) == []


def test_search_folds_kazakh_case_both_ways(client, seed_thesis):
    # The same passages on both databases, in stored order with sort=order (by relevance otherwise,
    # which before the analysed words was not there to rank by).
    assert orders(client.get(PASSAGES, {"q": "ҚАЗАҚСТАН", "sort": "order"})) == [2, 3, 7, 8, 9]
    assert sorted(orders(client.get(PASSAGES, {"q": "ҚАЗАҚСТАН"}))) == [2, 3, 7, 8, 9]
    assert orders(client.get(PASSAGES, {"q": "назарбаев", "sort": "order"})) == [1, 3, 8]
    in_section = {"q": "Қазақстан", "section": seed_thesis.sections.get(number="1.1").pk, "sort": "order"}
    assert orders(client.get(PASSAGES, in_section)) == [7, 8, 9]


@pytest.mark.parametrize("query", ['"ядролық қару', "-саясат", "саясат OR"])
def test_a_malformed_query_is_a_400_naming_q(client, seed_thesis, query):
    response = client.get(PASSAGES, {"q": query})
    assert response.status_code == 400 and "q" in response.json()
    assert client.get(PASSAGES, {"q": "саясат", "sort": "best"}).status_code == 400


# The same query set lists the same passages on either database: the ids each finds on the seed.
SAME_ON_BOTH = {
    '"сыртқы саясат"': [1, 2, 7, 8],
    "саясат -ядролық": [0, 1, 2, 3, 7, 10],
    "назарбаев OR ядролық": [1, 3, 8],
    # Only §7 writes халық's forms (халықтар, халықтың); before, the substring халық also listed
    # халықаралық, another word, in §0, §1, §2, §3, §8 and §10.
    "халқы": [7],
    "дипломат*": [0, 1, 2, 3, 5, 7, 8, 9, 10],
}


def containing(term: str) -> list[int]:
    return list(Passage.objects.filter(text__kk_icontains=term).order_by("pk").values_list("order", flat=True))


def test_an_inflected_form_finds_the_other_forms_of_the_word(client, seed_thesis):
    # саясатының, саясат, саясаты, саясатын, саясаттың: one analysed word, so all of them, most
    # relevant first (before ranking by relevance, those with the form asked for came first).
    exact = containing("саясатының")
    others = [order for order in containing("саясат") if order not in exact]
    assert others
    assert sorted(orders(client.get(PASSAGES, {"q": "Саясатының"}))) == sorted(exact + others)
    assert orders(client.get(PASSAGES, {"q": "Саясатының", "sort": "order"})) == sorted(exact + others)


def test_a_latin_query_finds_the_cyrillic_text(client, seed_thesis):
    assert orders(client.get(PASSAGES, {"q": "Qazaqstan", "sort": "order"})) == [2, 3, 7, 8, 9]
    in_section = {"q": "QAZAQSTAN", "section": seed_thesis.sections.get(number="1.1").pk, "sort": "order"}
    assert orders(client.get(PASSAGES, in_section)) == [7, 8, 9]
    assert sorted(orders(client.get(PASSAGES, {"q": "sayasat"}))) == containing("саясат")


def test_the_forms_a_search_used_to_miss_are_found(client, seed_thesis):
    # The seed writes кезде, кезінде, кездің and кез, and кезекте, кезеңде and кездесу, no forms of кез.
    whole = {"кез", "кезде", "кезінде", "кездің"}
    holding = sorted({p.order for p in Passage.objects.all() if whole & set(re.findall(r"\w+", p.text.lower()))})
    assert sorted(orders(client.get(PASSAGES, {"q": "кезі"}))) == sorted(set(containing("кезі")) | set(holding))
    assert sorted(orders(client.get(PASSAGES, {"q": "Назарбаевпен"}))) == containing("назарбаев")
    # орын, орны and орнына; not орнықтыруы, another word.
    elided = {p.order for p in Passage.objects.all() if {"орны", "орнына"} & set(re.findall(r"\w+", p.text.lower()))}
    assert elided and set(orders(client.get(PASSAGES, {"q": "орнына"}))) == set(containing("орын")) | elided
    assert sorted(orders(client.get(PASSAGES, {"q": "мəселе"}))) == containing("мәселе")
    edited = passage(seed_thesis, 4)
    edited.text = "Екі ел арасындағы қарым-қатынасы, халқы мен ерні."
    edited.save()
    for query in ("қарым-қатынастың", "халық", "ерін"):
        assert 4 in orders(client.get(PASSAGES, {"q": query})), query


def test_a_search_lists_its_first_matches_only_and_says_so(client, seed_thesis, monkeypatch):
    monkeypatch.setattr("api.views.SEARCH_RESULT_LIMIT", 3)
    # In stored order, the first three; most relevant first (the default), the three most relevant.
    in_order = {"q": "қазақстан", "page_size": 2, "sort": "order"}
    body = client.get(PASSAGES, in_order).json()
    assert (body["count"], body["count_exact"]) == (3, False)
    assert [p["order"] for p in body["results"]] == [2, 3]
    assert orders(client.get(PASSAGES, {**in_order, "page": 2})) == [7]
    assert client.get(PASSAGES, {**in_order, "page": 3}).status_code == 404
    ranked = orders(client.get(PASSAGES, {"q": "қазақстан", "page_size": 2}))
    ranked += orders(client.get(PASSAGES, {"q": "қазақстан", "page_size": 2, "page": 2}))
    assert ranked == orders(client.get(PASSAGES, {"q": "қазақстан"}))[:3] and len(set(ranked)) == 3
    # Under the limit the count is exact, and a list without a search is never capped.
    narrow = client.get(PASSAGES, {"q": "назарбаев"}).json()
    assert (narrow["count"], narrow["count_exact"]) == (3, True)
    everything = client.get(PASSAGES).json()
    assert (everything["count"], everything["count_exact"]) == (11, True)


def test_search_looks_in_the_current_text(client, seed_thesis):
    edited = passage(seed_thesis, 4)
    edited.text = "Мүлдем жаңа мәтін: ТЕҢІЗШІЛЕР."
    edited.save()
    assert orders(client.get(PASSAGES, {"q": "теңізшілер"})) == [4]
    assert orders(client.get(PASSAGES, {"q": "авторлардың еңбектері"})) == []


def test_detail_holds_text_citations_and_mentions(client, seed_thesis):
    shown = passage(seed_thesis, 8)
    body = client.get(f"{PASSAGES}{shown.pk}/").json()
    assert body["text"] == shown.text
    assert body["original_text"] == shown.original_text
    assert body["span"] == {"start": shown.span_start, "end": shown.span_end}
    assert [c["source_number"] for c in body["citations"]] == [28, 3, 5, 6]
    for citation in body["citations"]:
        assert body["text"][citation["marker"]["start"] : citation["marker"]["end"]] == f"[{citation['source_number']}]"
        span = citation["sentence_span"]
        assert body["text"][span["start"] : span["end"]] == citation["sentence"]
    assert [(m["display_name"], m["form"]) for m in body["mentions"]] == [
        ("Н.Ә. Назарбаев", "Н.Ә Назарбаев"),
        ("Н.Ә. Назарбаев", "Н.Ә. Назарбаев"),
    ]
    for mention in body["mentions"]:
        assert body["text"][mention["span"]["start"] : mention["span"]["end"]] == mention["form"]


def test_latin_detail_keeps_offsets_pointing_at_the_latin_text(client, seed_thesis):
    shown = passage(seed_thesis, 3)
    cyrillic = client.get(f"{PASSAGES}{shown.pk}/").json()
    latin = client.get(f"{PASSAGES}{shown.pk}/", {"script": "latn"}).json()
    assert latin["text"].startswith("Diplom jūmysyn jazu barysynda")
    assert latin["original_text"] == cyrillic["original_text"] == shown.original_text
    assert len(latin["mentions"]) == len(cyrillic["mentions"]) == 26
    for mention in latin["mentions"]:
        assert latin["text"][mention["span"]["start"] : mention["span"]["end"]] == mention["form"]
    assert {"Nazarbaev N.Ä", "Toqaev Q.K", "İuri U."} <= {m["form"] for m in latin["mentions"]}
    for citation in latin["citations"]:
        span = citation["sentence_span"]
        assert latin["text"][span["start"] : span["end"]] == citation["sentence"]
        assert latin["text"][citation["marker"]["start"] : citation["marker"]["end"]] == (
            f"[{citation['source_number']}]"
        )
    assert not any("\u0400" <= char <= "\u04ff" for char in latin["text"])


def test_history_lists_changes_newest_first_with_word_diffs(client, seed_thesis):
    edited = passage(seed_thesis, 6)
    editor = get_user_model().objects.create_user("aigerim", first_name="Айгерім", last_name="Сейітова")
    edited.text = edited.text.replace("кіріспеден", "Кіріспеден")
    edited.version = 2
    edited.status = Passage.Status.CORRECTED
    edited._history_user = editor
    edited._change_reason = "Бас әріп"
    edited.save()
    reviewer = get_user_model().objects.create_user("reviewer")
    edited.status = Passage.Status.VERIFIED
    edited._history_user = reviewer
    edited._change_reason = "Checked"
    edited.save()

    body = client.get(f"{PASSAGES}{edited.pk}/history/").json()
    assert body["count"] == 3
    verified, corrected, imported = body["results"]
    # An account without a name is shown by its number, never by its login.
    assert (verified["user"], verified["reason"], verified["status"], verified["change"]) == (
        f"Editor {reviewer.pk}",
        "Checked",
        "verified",
        "changed",
    )
    assert all(op["op"] == "equal" for op in verified["diff"])
    assert corrected["user"] == "Айгерім Сейітова"
    assert corrected["version"] == 2
    assert {"op": "delete", "text": "кіріспеден,"} in corrected["diff"]
    assert {"op": "insert", "text": "Кіріспеден,"} in corrected["diff"]
    assert imported["user"] is None
    assert imported["change"] == "created"
    assert imported["reason"] == "Imported from diplomacy-thesis.kk.txt"
    # The first record is compared with the passage as transcribed.
    assert {"op": "delete", "text": "  "} in imported["diff"]
    assert "".join(op["text"] for op in imported["diff"] if op["op"] != "insert") == edited.original_text


def test_history_pages_still_diff_against_the_record_before(client, seed_thesis):
    edited = passage(seed_thesis, 5)
    for word in ("бір", "екі"):
        edited.text = f"{edited.text} {word}"
        edited.save()
    first_page = client.get(f"{PASSAGES}{edited.pk}/history/", {"page_size": 1}).json()
    second_page = client.get(f"{PASSAGES}{edited.pk}/history/", {"page_size": 1, "page": 2}).json()
    assert first_page["count"] == 3
    assert first_page["results"][0]["diff"][-1] == {"op": "insert", "text": " екі"}
    assert second_page["results"][0]["diff"][-1] == {"op": "insert", "text": " бір"}


def test_history_in_latin(client, seed_thesis):
    edited = passage(seed_thesis, 4)
    edited.text = edited.text.replace("авторлардың", "АВТОРЛАРДЫҢ")
    edited.save()
    newest = client.get(f"{PASSAGES}{edited.pk}/history/", {"script": "latn"}).json()["results"][0]
    assert {"op": "insert", "text": "AVTORLARDYÑ"} in newest["diff"]


def edited_times(edited: Passage, words) -> Passage:
    """The passage saved once for each word, the word added to its text, by an editor with a reason."""
    editor = get_user_model().objects.create_user("aigerim", first_name="Айгерім", last_name="Сейітова")
    for word in words:
        edited.text = f"{edited.text} {word}"
        edited._history_user = editor
        # A reason a spreadsheet would run as a formula, which the CSV defuses as it does any text.
        edited._change_reason = f"=HYPERLINK({word})"
        edited.save()
    return edited


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_history_as_csv_is_every_record_the_json_pages_list_each_diffed_across_chunks(
    client, seed_thesis, monkeypatch, script
):
    edited = edited_times(passage(seed_thesis, 5), ("бір", "екі", "үш", "төрт"))
    # Chunks of two rows: the record that ends a chunk is diffed against the first of the next.
    monkeypatch.setattr(tables, "CHUNK_ROWS", 2)
    url = f"{PASSAGES}{edited.pk}/history/"
    rows = assert_csv_is_the_json_list(client, url, {"script": script}, PassageHistorySerializer())
    assert [row["change"] for row in rows] == ["changed"] * 4 + ["created"]
    assert rows[0]["user"] == "Айгерім Сейітова" and rows[0]["reason"] == "'=HYPERLINK(төрт)"
    assert json.loads(rows[1]["diff"])[-1] == {"op": "insert", "text": " үш" if script == "cyrl" else " üş"}


def test_history_as_csv_by_accept_too_named_for_its_passage_with_a_byte_order_mark_if_asked(client, seed_thesis):
    edited = passage(seed_thesis, 2)
    url = f"{PASSAGES}{edited.pk}/history/"
    by_accept = client.get(url, HTTP_ACCEPT="text/csv")
    assert by_accept["Content-Disposition"] == f'attachment; filename="history-passage-{edited.pk}.csv"'
    plain = b"".join(by_accept.streaming_content)
    marked = b"".join(client.get(url, {"format": "csv", "bom": "1"}).streaming_content)
    assert marked == tables.BYTE_ORDER_MARK + plain and not plain.startswith(tables.BYTE_ORDER_MARK)
    # A passage merged away leads to its heir's history, in CSV as asked.
    PassageSuccessor.objects.create(old_id=987654, passage=edited)
    moved = client.get(f"{PASSAGES}987654/history/", {"format": "csv"})
    assert moved.status_code == 301 and moved["Location"] == f"{url}?format=csv"


@pytest.mark.parametrize("format", ["csv", "json"])
@pytest.mark.parametrize(("parameter", "value"), [("bom", "yes"), ("page_size", "0"), ("script", "greek")])
def test_a_bad_parameter_to_the_history_is_a_json_400_naming_it(client, seed_thesis, parameter, value, format):
    response = client.get(f"{PASSAGES}{passage(seed_thesis, 2).pk}/history/", {parameter: value, "format": format})
    assert response.status_code == 400 and list(response.json()) == [parameter]
    assert response["Content-Type"] == "application/json"


def test_the_history_csvs_queries_grow_with_neither_the_records_nor_the_chunks(
    client, seed_thesis, monkeypatch, django_assert_num_queries
):
    url = f"{PASSAGES}{passage(seed_thesis, 3).pk}/history/"
    with CaptureQueriesContext(connection) as captured:
        assert len(read_csv(client.get(url, {"format": "csv"}))) == 1
    edited_times(passage(seed_thesis, 3), [f"сөз{n}" for n in range(12)])
    monkeypatch.setattr(tables, "CHUNK_ROWS", 2)
    with django_assert_num_queries(len(captured)):
        assert len(read_csv(client.get(url, {"format": "csv"}))) == 13


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_detail_is_what_its_serializer_shows(client, seed_thesis, script):
    # The detail is built from rows (api.internals.drf.row_builder); its serializer, the schema, must agree.
    for record in seed_thesis.passages.prefetch_related("citations__source", "mentions__author"):
        body = client.get(f"{PASSAGES}{record.pk}/", {"script": script}).json()
        assert body == PassageDetailSerializer(record, context={"script": script}).data
        assert list(body) == list(PassageDetailSerializer(record, context={"script": script}).data)


@pytest.mark.parametrize(("script", "pages"), [("cyrl", "25 б."), ("latn", "25 b.")])
def test_a_marker_of_several_sources_is_a_citation_of_each_with_its_pages(client, seed_thesis, script, pages):
    record = passage(seed_thesis, 1)
    record.text = record.text.replace("[23]", "[23, 25 б.; 24]")
    record.save()
    body = client.get(f"{PASSAGES}{record.pk}/", {"script": script}).json()
    assert [(c["source_number"], c["locator"]) for c in body["citations"]] == [(23, pages), (24, None)]
    assert body["citations"][0]["marker"] == body["citations"][1]["marker"]
    marker = body["citations"][0]["marker"]
    assert body["text"][marker["start"] : marker["end"]] == f"[23, {pages}; 24]"
    shown = Passage.objects.prefetch_related("citations__source", "mentions__author").get(pk=record.pk)
    assert body == PassageDetailSerializer(shown, context={"script": script}).data
    source = client.get(f"/api/sources/{body['citations'][0]['source']}/", {"script": script}).json()
    assert [c["locator"] for c in source["citations"] if c["passage"] == record.pk] == [pages]


def test_detail_of_a_passage_citing_and_naming_no_one_is_modified_when_it_changed(client, seed_thesis):
    record = passage(seed_thesis, 0)
    record.citations.all().delete()
    record.mentions.all().delete()
    response = client.get(f"{PASSAGES}{record.pk}/")
    assert response.json()["citations"] == [] and response.json()["mentions"] == []
    record.refresh_from_db()
    assert response["Last-Modified"] == http_date(record.changed_at.timestamp())


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_list_is_what_its_serializer_shows(client, seed_thesis, script):
    # The list is built from its serializer's fields (api.internals.drf.row_builder): it must agree with it.
    body = client.get(PASSAGES, {"script": script, "page_size": 200}).json()
    shown = PassageSerializer(Passage.objects.order_by("thesis", "order"), many=True, context={"script": script})
    assert body["results"] == shown.data
    assert [list(row) for row in body["results"]] == [list(row) for row in shown.data]


def test_a_search_past_its_time_limit_is_refused_naming_q(client, seed_thesis, monkeypatch):
    @contextmanager
    def stopped(seconds):
        raise TooLong("stopped")
        yield

    monkeypatch.setattr("api.views.time_limit", stopped)
    response = client.get("/api/passages/", {"q": "саясат"})
    assert response.status_code == 400 and "too long" in response.json()["q"][0]
    assert client.get("/api/passages/").status_code == 200


def test_the_query_language_lists_the_same_passages_on_either_database(client, seed_thesis):
    found = {query: orders(client.get(PASSAGES, {"q": query, "sort": "order"})) for query in SAME_ON_BOTH}
    assert found == SAME_ON_BOTH
