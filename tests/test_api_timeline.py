"""The timeline: year, range and century filters (BCE too), chronological order, and the TimelineJS rendition."""

import pytest

from api.serializers import TimelineEventSerializer
from thesis.models import TimelineEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

TIMELINE = "/api/timeline/"
TIMELINEJS = "/api/timeline/timelinejs/"


def keys(response) -> list[str]:
    assert response.status_code == 200, response.content
    ids = [event["id"] for event in response.json()["results"]]
    by_id = TimelineEvent.objects.in_bulk(ids)
    return [by_id[pk].key for pk in ids]


def test_year_returns_the_events_whose_range_contains_it(client, seed_thesis):
    found = keys(client.get(TIMELINE, {"year": 1992}))
    assert found == ["stated:1992ж#1", "stated:1992 ж 2 наурызда#1", "inferred:unga-47-cica"]
    assert set(keys(client.get(TIMELINE, {"year": 1700}))) == {"stated:XVI-XVII ғғ.#1", "stated:XVII ғ.#1"}
    assert keys(client.get(TIMELINE, {"year": 1991})) == ["inferred:gulf-war", "inferred:semipalatinsk-closure"]
    assert keys(client.get(TIMELINE, {"year": 2050})) == ["stated:ХХI ғасырда#1"]
    assert keys(client.get(TIMELINE, {"year": 1800})) == []


def test_a_range_returns_overlapping_events_and_either_bound_is_open(client, seed_thesis):
    assert keys(client.get(TIMELINE, {"year_from": 1991, "year_to": 1992})) == [
        "inferred:gulf-war",
        "inferred:semipalatinsk-closure",
        "stated:1992ж#1",
        "stated:1992 ж 2 наурызда#1",
        "inferred:unga-47-cica",
    ]
    assert keys(client.get(TIMELINE, {"year_from": 1994})) == ["stated:1996ж#1", "stated:ХХI ғасырда#1"]
    assert keys(client.get(TIMELINE, {"year_to": 1600})) == ["stated:XVI-XVII ғғ.#1"]
    assert len(keys(client.get(TIMELINE, {"year_from": 1500, "year_to": 2100}))) == 11


def test_a_one_year_range(client, seed_thesis):
    assert keys(client.get(TIMELINE, {"year_from": 1600, "year_to": 1600})) == ["stated:XVI-XVII ғғ.#1"]


def test_century_17_is_1601_to_1700(client, seed_thesis):
    assert keys(client.get(TIMELINE, {"century": 17})) == [
        "stated:XVI-XVII ғғ.#1",
        "stated:XVII ғ.#1",
        "inferred:wotton-ambassador",
    ]
    assert keys(client.get(TIMELINE, {"century": 21})) == ["stated:ХХI ғасырда#1"]
    assert len(keys(client.get(TIMELINE, {"century": 20}))) == 7
    assert keys(client.get(TIMELINE, {"century": 20, "year": 1993})) == ["stated:1993 жылы#1"]


def test_years_before_the_common_era(client, seed_thesis):
    common = {"thesis": seed_thesis, "headline": "б.з.д. оқиға", "precision": "century"}
    TimelineEvent.objects.create(key="bce:5th", start_year=-500, end_year=-401, **common)
    TimelineEvent.objects.create(key="bce:44", start_year=-44, end_year=-44, **common)
    assert keys(client.get(TIMELINE, {"century": -5})) == ["bce:5th"]
    assert keys(client.get(TIMELINE, {"century": -1})) == ["bce:44"]
    assert keys(client.get(TIMELINE, {"year": -44})) == ["bce:44"]
    assert keys(client.get(TIMELINE, {"year_from": -450, "year_to": -1})) == ["bce:5th", "bce:44"]
    assert keys(client.get(TIMELINE, {"year_to": 1})) == ["bce:5th", "bce:44"]
    first = client.get(TIMELINE).json()["results"][0]
    assert first["start"] == {"year": -500, "month": None, "day": None}


def test_other_filters(client, seed_thesis):
    nazarbayev = seed_thesis.authors.get(family_name="Назарбаев")
    assert keys(client.get(TIMELINE, {"author": nazarbayev.pk})) == [
        "inferred:semipalatinsk-closure",
        "stated:1992ж#1",
        "inferred:unga-47-cica",
        "stated:1996ж#1",
    ]
    assert len(keys(client.get(TIMELINE, {"basis": "inferred"}))) == 4
    assert len(keys(client.get(TIMELINE, {"precision": "century"}))) == 3
    assert keys(client.get(TIMELINE, {"q": "ПОЛИГОН"})) == ["inferred:semipalatinsk-closure"]
    assert keys(client.get(TIMELINE, {"q": "бұұ бас ассамблеясы"})) == ["inferred:unga-47-cica"]
    assert len(keys(client.get(TIMELINE, {"thesis": seed_thesis.pk}))) == 11
    assert keys(client.get(TIMELINE, {"thesis": seed_thesis.pk + 1})) == []


def test_chronological_by_default_and_orderings(client, seed_thesis):
    default = keys(client.get(TIMELINE))
    assert default[:3] == ["stated:XVI-XVII ғғ.#1", "stated:XVII ғ.#1", "inferred:wotton-ambassador"]
    assert default[-1] == "stated:ХХI ғасырда#1"
    # A date known to the year stands for the whole year: it starts before that year's days.
    assert default.index("stated:1992ж#1") < default.index("stated:1992 ж 2 наурызда#1")
    assert keys(client.get(TIMELINE, {"ordering": "start"})) == default
    assert keys(client.get(TIMELINE, {"ordering": "-start"})) == default[::-1]
    by_end = keys(client.get(TIMELINE, {"ordering": "end", "year": 1992}))
    assert by_end == ["stated:1992 ж 2 наурызда#1", "inferred:unga-47-cica", "stated:1992ж#1"]
    assert keys(client.get(TIMELINE, {"ordering": "-end", "year": 1992})) == by_end[::-1]


def test_event_shape(client, seed_thesis):
    event = seed_thesis.events.get(key="inferred:gulf-war")
    body = client.get(f"{TIMELINE}{event.pk}/").json()
    assert body["start"] == {"year": 1990, "month": 8, "day": 2}
    assert body["end"] == {"year": 1991, "month": 2, "day": 28}
    assert body["precision"] == "range"
    assert body["basis"] == "inferred"
    assert body["basis_note"].startswith("Мәтін Парсы шығанағындағы қақтығыс")
    assert body["basis_note_en"].startswith("The text names the conflict")
    assert body["passage"] == event.passage_id
    assert body["authors"] == []
    wotton = client.get(f"{TIMELINE}{seed_thesis.events.get(key='inferred:wotton-ambassador').pk}/").json()
    assert wotton["authors"][0]["display_name"] == "Генри Уоттен"
    assert wotton["end"] == {"year": 1604, "month": None, "day": None}


def test_latin_script(client, seed_thesis):
    event = seed_thesis.events.get(key="stated:ХХI ғасырда#1")
    body = client.get(f"{TIMELINE}{event.pk}/", {"script": "latn"}).json()
    assert body["date_display"] == "XXI ğasyrda"
    assert body["headline"].startswith("XXI ğasyr: älem damuynyñ")
    wotton = seed_thesis.events.get(key="inferred:wotton-ambassador")
    assert client.get(f"{TIMELINE}{wotton.pk}/", {"script": "latn"}).json()["authors"][0]["display_name"] == (
        "Genri Uotten"
    )


def test_timelinejs_document(client, seed_thesis):
    response = client.get(TIMELINEJS, {"century": 17})
    assert response.status_code == 200
    document = response.json()
    assert document["title"]["text"]["headline"] == seed_thesis.title
    assert [slide["unique_id"] for slide in document["events"]] == [
        f"event-{seed_thesis.events.get(key=key).pk}"
        for key in ("stated:XVI-XVII ғғ.#1", "stated:XVII ғ.#1", "inferred:wotton-ambassador")
    ]
    centuries, _, wotton = document["events"]
    assert centuries["start_date"] == {"year": 1501}
    assert centuries["end_date"] == {"year": 1700}
    assert centuries["display_date"] == "XVI-XVII ғғ."
    assert centuries["group"] == "stated in the text"
    assert wotton["start_date"] == {"year": 1604}
    assert "end_date" not in wotton
    assert wotton["group"] == "inferred by an editor"
    assert "Date inferred:" in wotton["text"]["text"]
    assert wotton["display_date"] == "1604"


def test_timelinejs_speaks_the_language_asked_for(client, seed_thesis):
    # Asked first in English: the cached English document is not what a Kazakh reader gets.
    assert client.get(TIMELINEJS, {"century": 17}).json()["events"][0]["group"] == "stated in the text"
    document = client.get(TIMELINEJS, {"century": 17}, HTTP_ACCEPT_LANGUAGE="kk").json()
    assert (
        document["title"]["text"]["text"]
        == "Мәтінде көрсетілген күндер және редакторлар мәтін бойынша анықтаған күндер."
    )
    centuries, _, wotton = document["events"]
    assert (centuries["group"], wotton["group"]) == ("мәтінде көрсетілген", "редактор шығарған")
    assert "Күні анықталған: " in wotton["text"]["text"] and "Date inferred" not in wotton["text"]["text"]
    russian = client.get(TIMELINEJS, {"year": 1800}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert russian["title"]["text"]["headline"] == "Хронология"
    latin = client.get(TIMELINEJS, {"century": 17, "script": "latn"}, HTTP_ACCEPT_LANGUAGE="kk").json()
    assert latin["events"][0]["group"] == "mätınde körsetılgen"


def test_an_inferred_event_shows_the_date_inferred_not_the_words_that_ground_it(client, seed_thesis):
    # The text dates the proposal by "БҰҰ Бас Ассамблеясының 47 сессиясы"; the editors date it 5 October 1992.
    event = seed_thesis.events.get(key="inferred:unga-47-cica")
    assert event.date_display == "БҰҰ Бас Ассамблеясының 47 сессиясы"
    slides = {slide["unique_id"]: slide for slide in client.get(TIMELINEJS, {"year": 1992}).json()["events"]}
    assert slides[f"event-{event.pk}"]["display_date"] == "1992-10-05"
    gulf = seed_thesis.events.get(key="inferred:gulf-war")
    gulf_slide = next(
        s for s in client.get(TIMELINEJS, {"year": 1991}).json()["events"] if s["unique_id"] == f"event-{gulf.pk}"
    )
    assert gulf_slide["display_date"] == "1990-08-02 – 1991-02-28"
    stated = seed_thesis.events.get(key="stated:XVII ғ.#1")
    assert (
        next(
            s
            for s in client.get(TIMELINEJS, {"century": 17}).json()["events"]
            if s["unique_id"] == f"event-{stated.pk}"
        )["display_date"]
        == "XVII ғ."
    )


def test_timelinejs_gives_every_filtered_event_without_pages(client, seed_thesis):
    document = client.get(TIMELINEJS, {"page_size": 1}).json()
    assert len(document["events"]) == 11
    closure = seed_thesis.events.get(key="inferred:semipalatinsk-closure")
    slide = next(slide for slide in document["events"] if slide["unique_id"] == f"event-{closure.pk}")
    assert slide["start_date"] == {"year": 1991, "month": 8, "day": 29}
    assert "end_date" not in slide


def test_timelinejs_escapes_html(client, seed_thesis):
    TimelineEvent.objects.create(
        thesis=seed_thesis,
        key="html",
        headline='<script>alert("Қ")</script>',
        description="<b>bold</b> & <i>",
        date_display="<1900>",
        start_year=1900,
        end_year=1900,
        precision="year",
    )
    document = client.get(TIMELINEJS, {"year": 1900}).json()
    slide = document["events"][0]
    assert slide["text"]["headline"] == "&lt;script&gt;alert(&quot;Қ&quot;)&lt;/script&gt;"
    assert slide["text"]["text"] == "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;</p>"
    assert slide["display_date"] == "&lt;1900&gt;"
    latin = client.get(TIMELINEJS, {"year": 1900, "script": "latn"}).json()["events"][0]
    assert latin["text"]["headline"] == "&lt;script&gt;alert(&quot;Q&quot;)&lt;/script&gt;"


def test_timelinejs_filters_and_errors_like_the_list(client, seed_thesis):
    assert len(client.get(TIMELINEJS, {"year": 1992}).json()["events"]) == 3
    assert client.get(TIMELINEJS, {"year": "abc"}).status_code == 400
    document = client.get(TIMELINEJS, {"year": 1800}).json()
    assert document["events"] == []
    assert document["title"]["text"]["headline"] == "Timeline"


def test_the_schema_says_year_from_may_not_be_after_year_to(client):
    operation = client.get("/api/schema/", {"format": "json"}).json()["paths"]["/api/timeline/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["year_from"]["x-not-after"] == "year_to"
    assert parameters["year_to"]["x-not-before"] == "year_from"
    refused = operation["responses"]["400"]
    assert "year_from is after year_to" in refused["description"]
    example = refused["content"]["application/json"]["example"]
    assert client.get(TIMELINE, {"year_from": 2000, "year_to": 1990}).json() == example


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_list_is_what_its_serializer_shows(client, seed_thesis, script):
    # The list is built from its serializer's fields (api.internals.drf.row_builder): it must agree with it.
    TimelineEvent.objects.filter(pk=TimelineEvent.objects.order_by("pk").first().pk).update(passage=None)
    body = client.get(TIMELINE, {"script": script, "page_size": 200}).json()
    events = list(TimelineEvent.objects.in_bulk([event["id"] for event in body["results"]]).values())
    TimelineEvent.objects.attach_people(events)
    by_id = {event.pk: event for event in events}
    shown = TimelineEventSerializer(
        [by_id[row["id"]] for row in body["results"]], many=True, context={"script": script}
    )
    assert {event.basis for event in events} == {"stated", "inferred"}
    assert any(row["authors"] for row in body["results"]) and any(row["passage"] is None for row in shown.data)
    assert body["results"] == shown.data
    assert [list(row) for row in body["results"]] == [list(row) for row in shown.data]
