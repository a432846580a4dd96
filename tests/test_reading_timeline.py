"""The timeline page over HTTP: the picture and the list, the year filters and their 400s, BCE, escaping, queries."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reading import timeline_events
from reading.timeline_svg import SVG_NAMESPACE
from thesis.models import TimelineEvent

from .conftest import synthetic_thesis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

URL = "/timeline/"
NS = {"svg": SVG_NAMESPACE}
UN = "Қазақстан Республикасы БҰҰ-ға мүше болды"
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def page(client, params=None, status=200, **headers):
    response = client.get(URL, params or {}, **headers)
    assert response.status_code == status, response.content.decode()[:2000]
    return response.content.decode()


def picture(html: str) -> ET.Element:
    """The page's SVG, parsed: it is well-formed XML, or this fails."""
    return ET.fromstring(re.search(r"<svg\b.*?</svg>", html, re.S).group())


def event_list(html: str) -> str:
    return re.search(r'<ol class="timeline-list".*?</ol>', html, re.S).group()


def bce_event(thesis, headline="Б.з.д. 44 жылғы оқиға", **dates) -> TimelineEvent:
    dates = dates or {"start_year": -44, "end_year": -44, "precision": "year"}
    passage = thesis.passages.order_by("order").first()
    return TimelineEvent.objects.create(
        thesis=thesis, key=f"test:{headline[:20]}", passage=passage, headline=headline, **dates
    )


def test_1992_shows_the_un_membership_linked_to_its_passage(client, seed_thesis):
    html = page(client, {"year": "1992"})
    event = TimelineEvent.objects.get(headline=UN)
    href = f"/theses/{seed_thesis.pk}/passages/{event.passage.order}/"
    link = next(link for link in picture(html).findall(".//svg:a", NS) if UN in link.get("aria-label"))
    assert link.get("href") == href and link.find("svg:title", NS).text == link.get("aria-label")
    headline = f'<span lang="{seed_thesis.language}">{UN}</span>'
    assert f'<a href="{href}"><span class="timeline-dates">1992-03-02</span>: {headline}</a>' in event_list(html)
    assert "Лабрюер" not in html


def test_the_picture_is_labelled_and_its_axis_is_an_image(client, seed_thesis):
    svg = picture(page(client, {"year": "1992"}))
    assert svg.get("role") == "group" and svg.get("aria-labelledby") == "timeline-title timeline-desc"
    assert svg.find("svg:title", NS).text and svg.find("svg:desc", NS).text
    assert svg.find("svg:g[@class='timeline-axis']", NS).get("role") == "img"


def test_a_century_shows_its_events_as_bars_and_points(client, seed_thesis):
    html = page(client, {"century": "17"})
    shapes = {}
    for link in picture(html).findall(".//svg:a", NS):
        shapes[link.get("aria-label").split(": ", 1)[1]] = link.find("svg:*[@class='timeline-mark']", NS).tag
    assert any("Лабрюер" in headline for headline in shapes) and UN not in shapes
    assert shapes["Дипломатия мемлекеттің ерекше қызметі ретінде қалыптасты"].endswith("rect")
    wotton = next(tag for headline, tag in shapes.items() if "Уоттен" in headline)
    assert wotton.endswith("circle")


def test_a_range_of_years_and_the_form_keeps_what_was_asked(client, seed_thesis):
    html = page(client, {"year_from": "1990", "year_to": "1991"})
    assert "Парсы шығанағындағы" in html and "Семей" in html and UN not in html
    assert 'name="year_from" type="number" step="1" inputmode="numeric" value="1990"' in html


@pytest.mark.parametrize("language, label", [("kk", "б.з.д. 44"), ("ru", "44 до н. э."), ("en", "44 BCE")])
def test_a_bce_event_is_placed_and_labelled_in_the_readers_language(client, seed_thesis, language, label):
    bce_event(seed_thesis)
    html = page(client, {"year": "-44"}, HTTP_ACCEPT_LANGUAGE=language)
    headline = '<span lang="kk">Б.з.д. 44 жылғы оқиға</span>'
    assert f'<span class="timeline-dates">{label}</span>: {headline}' in event_list(html)
    assert len(picture(html).findall(".//svg:a", NS)) == 1


def test_the_1st_century_bce_holds_44_bce_and_not_1_ce(client, seed_thesis):
    bce_event(seed_thesis)
    bce_event(seed_thesis, "Бірінші жыл", start_year=1, end_year=1, precision="year")
    html = page(client, {"century": "-1"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert "Б.з.д. 44 жылғы оқиға" in html and "Бірінші жыл" not in event_list(html)
    ticks = [
        text.text for text in picture(html).find("svg:g[@class='timeline-axis']", NS).iter(f"{{{SVG_NAMESPACE}}}text")
    ]
    assert any(tick.startswith("б.з.д.") for tick in ticks) and "0" not in ticks


def test_the_latin_script_writes_the_whole_page_in_latin_letters(client, seed_thesis):
    bce_event(seed_thesis)
    html = page(client, {"year": "-44", "script": "latn"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert "b.z.d. 44" in html and "б.з.д." not in html
    assert 'name="script" value="latn"' in html
    picture(html)


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"year": "0"}, "year"),
        ({"year": "abc"}, "year"),
        ({"year": "1992.0"}, "year"),
        ({"year": "99999999"}, "year"),
        ({"year_from": "0"}, "year_from"),
        ({"year_to": "x"}, "year_to"),
        ({"year_from": "2000", "year_to": "1990"}, "year_from"),
        ({"century": "0"}, "century"),
        ({"century": "XVII"}, "century"),
        ({"thesis": "0"}, "thesis"),
        ({"thesis": "9223372036854775808"}, "thesis"),
        ({"script": "cyrillic"}, "script"),
    ],
)
def test_a_parameter_that_cannot_be_read_is_a_400_naming_it(client, seed_thesis, params, parameter):
    html = page(client, params, status=400)
    assert f"<code>{parameter}</code>" in html


def test_no_event_in_the_years_asked_is_said_not_drawn(client, seed_thesis):
    html = page(client, {"year": "-3000"})
    assert "<svg" not in html and 'class="timeline-list"' not in html


def test_every_text_of_an_event_is_escaped_in_the_picture_and_the_list(client, seed_thesis):
    event = bce_event(seed_thesis, HOSTILE)
    TimelineEvent.objects.filter(pk=event.pk).update(description=HOSTILE, date_display=HOSTILE)
    for script in ("cyrl", "latn"):
        html = page(client, {"year": "-44", "script": script})
        assert "<script>" not in html and "<b>bold</b>" not in html
        assert "&lt;script&gt;" in html
        assert picture(html).find(".//svg:a", NS).get("aria-label").endswith(HOSTILE)


def test_only_so_many_events_are_drawn_and_the_page_says_so(client, seed_thesis, monkeypatch):
    monkeypatch.setattr(timeline_events, "MAX_EVENTS", 3)
    html = page(client)
    total = TimelineEvent.objects.count()
    assert total > 3 and len(picture(html).findall(".//svg:a", NS)) == 3
    assert f"only the first 3 of the {total} that match are shown" in html


def test_etags_and_304s_follow_the_data(client, seed_thesis):
    # The language form's token is part of the page: the first visit sets its cookie.
    client.get(URL)
    first = client.get(URL, {"year": "1992"})
    assert first.status_code == 200 and first["ETag"]
    assert client.get(URL, {"year": "1992"}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    bce_event(seed_thesis)
    assert client.get(URL, {"year": "1992"}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, params)
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"century": "20"}, {"year_from": "-500", "year_to": "1992"}])
def test_queries_do_not_grow_with_the_events(client, seed_thesis, params):
    seed_only = queries(client, params)
    thesis = synthetic_thesis(300, events=300)
    assert TimelineEvent.objects.filter(thesis=thesis).count() >= 200
    assert queries(client, params) == seed_only
    assert queries(client, {**params, "thesis": str(thesis.pk)}) == seed_only


def test_the_page_reads_the_version_and_the_events_and_nothing_else(client, seed_thesis, django_assert_num_queries):
    client.get(URL)
    # The data version for the ETag, then the events with their theses and passages, the longest span inside.
    with django_assert_num_queries(2):
        page(client, {"year": "1992"})


@pytest.mark.parametrize(
    "language, words",
    [("kk", ["Хронология", "Қай жылдар", "Оқиғалар", "3 оқиға"]), ("ru", ["Хронология", "Какие годы", "3 события"])],
)
def test_the_page_speaks_the_readers_language(client, seed_thesis, language, words):
    html = page(client, {"year": "1992"}, HTTP_ACCEPT_LANGUAGE=language)
    assert all(word in html for word in words), [word for word in words if word not in html]
    assert f'<html lang="{language}"' in html


def test_the_thesis_is_named_only_where_events_of_several_theses_are_listed(client, seed_thesis):
    assert 'class="timeline-thesis"' not in page(client, {"year": "1992"})
    synthetic_thesis(40, events=40)
    assert 'class="timeline-thesis"' in page(client)
