"""The reading site's pages for readers' tools: the citation a page carries, the way from a passage to
the next, the downloads of a thesis, the about page, robots.txt and the sitemaps, and the error pages."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from reading import errors, sitemaps
from thesis.editions.tree import citation_tree, paragraph_refs

from .conftest import synthetic_thesis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page(client, url, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content[:300])
    return response.content.decode()


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="([^"]+)" content="([^"]*)">', html):
        found.setdefault(name, []).append(content)
    return found


def json_ld(html: str) -> dict:
    return json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])


def test_a_passage_page_carries_its_citation_for_reference_managers(client, seed_thesis):
    passage = seed_thesis.passages.get(order=3)
    html = page(client, f"/theses/{seed_thesis.pk}/passages/3/")
    tags = meta(html)
    url = f"http://testserver/theses/{seed_thesis.pk}/passages/3/?version={passage.version}"
    assert tags["citation_title"] == tags["DC.title"] == [seed_thesis.title]
    assert tags["citation_public_url"] == tags["DC.identifier"] == [url]
    assert tags["citation_language"] == tags["DC.language"] == ["kk"] and tags["DC.type"] == ["Thesis"]
    assert tags["citation_date"] == [f"{seed_thesis.created_at:%Y/%m/%d}"]
    assert '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">' in html
    linked = json_ld(html)
    assert linked["@type"] == "CreativeWork" and linked["url"] == url
    assert linked["isPartOf"]["@id"] == f"http://testserver/theses/{seed_thesis.pk}/"


def test_a_thesis_page_carries_its_citation_and_json_ld_in_latin_too(client, seed_thesis):
    tags = meta(page(client, f"/theses/{seed_thesis.pk}/"))
    assert tags["citation_public_url"] == [f"http://testserver/theses/{seed_thesis.pk}/"]
    assert json_ld(page(client, f"/theses/{seed_thesis.pk}/"))["@type"] == "Thesis"
    assert json_ld(page(client, f"/theses/{seed_thesis.pk}/", QUERY_STRING="script=latn"))["@type"] == "Thesis"


def test_paragraph_numbers_are_the_dts_references(client, seed_thesis):
    refs = paragraph_refs(citation_tree(seed_thesis))
    reading = page(client, f"/theses/{seed_thesis.pk}/?section=all")
    for passage in seed_thesis.passages.all():
        ref = refs[passage.pk]
        assert f'aria-label="Paragraph {ref}">§{ref}</a>' in reading
        html = page(client, f"/theses/{seed_thesis.pk}/passages/{passage.order}/")
        assert f"<h1>Paragraph {ref}</h1>" in html and f"para. {ref})</code>" in html and f"[1, п. {ref}]" in html
        assert json_ld(html)["position"] == ref


def test_each_passage_links_to_the_one_before_and_after(client, seed_thesis):
    orders = list(seed_thesis.passages.order_by("order").values_list("order", flat=True))
    base = f"/theses/{seed_thesis.pk}/passages/"
    first, middle, last = (page(client, f"{base}{n}/") for n in (orders[0], orders[4], orders[-1]))
    assert 'rel="prev"' not in first and f'<link rel="next" href="{base}{orders[1]}/">' in first
    assert f'<link rel="prev" href="{base}{orders[3]}/">' in middle
    assert f'<a rel="next" href="{base}{orders[5]}/">' in middle
    assert 'rel="next"' not in last
    latin = page(client, f"{base}{orders[4]}/", QUERY_STRING="script=latn")
    assert f'<link rel="next" href="{base}{orders[5]}/?script=latn">' in latin


def test_a_thesis_page_offers_its_downloads_and_each_answers(client, seed_thesis):
    html = page(client, f"/theses/{seed_thesis.pk}/")
    section = html.split('class="downloads"')[1].split("</section>")[0]
    links = re.findall(r'<a href="([^"]+)">', section)
    assert len(links) == 5 and links[-1] == "/about/#cite"
    types = [client.get(link.replace("&amp;", "&"))["Content-Type"] for link in links[:4]]
    assert [t.split(";")[0] for t in types] == [
        "application/tei+xml",
        "text/plain",
        "text/csv",
        "application/vnd.citationstyles.csl+json",
    ]


@pytest.mark.parametrize(
    ("language", "heading", "footer"),
    [
        ("en", "About the archive", "About the archive and how to cite it"),
        ("kk", "Мұрағат туралы", "Мұрағат туралы және оған сілтеме жасау"),
        ("ru", "Об архиве", "Об архиве и о том, как на него ссылаться"),
    ],
)
def test_the_about_page_in_each_language_linked_from_every_page(client, seed_thesis, language, heading, footer):
    html = page(client, "/about/", HTTP_ACCEPT_LANGUAGE=language)
    assert f"<h1>{heading}</h1>" in html and 'id="cite"' in html
    assert f'<a href="/about/">{footer}</a>' in page(client, "/", HTTP_ACCEPT_LANGUAGE=language)


def test_robots_txt_points_at_the_sitemap_and_hides_a_moved_admin(client, settings):
    body = page(client, "/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in body and "Disallow: /api/" in body
    assert sitemaps.robots_lines("admin/", "x")[:5] == [
        "User-agent: *",
        "Disallow: /api/",
        "Disallow: /search/",
        "Disallow: /i18n/",
        "Disallow: /admin/",
    ]
    assert not any("hidden-desk" in line for line in sitemaps.robots_lines("hidden-desk/", "x"))


def locations(xml: str, tag: str) -> list[str]:
    return [element.text for element in ET.fromstring(xml).iter(f"{SITEMAP_NS}loc")]


def queries_of(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        body = page(client, url)
    return len(queries), body


def test_the_sitemaps_list_every_thesis_and_passage_a_page_at_a_time(client, seed_thesis, monkeypatch):
    monkeypatch.setattr(sitemaps.PassageSitemap, "limit", 4)
    count, index = queries_of(client, "/sitemap.xml")
    pages = locations(index, "sitemap")
    passages = seed_thesis.passages.count()
    assert pages[0] == "http://testserver/sitemap-theses.xml"
    assert len(pages) == 1 + -(-passages // 4) and pages[2].endswith("sitemap-passages.xml?p=2")
    listed = []
    for url in pages[1:]:
        listed += locations(page(client, url.removeprefix("http://testserver")), "url")
    assert listed == [
        f"http://testserver/theses/{seed_thesis.pk}/passages/{n}/"
        for n in seed_thesis.passages.order_by("order").values_list("order", flat=True)
    ]
    assert locations(page(client, "/sitemap-theses.xml"), "url") == [f"http://testserver/theses/{seed_thesis.pk}/"]
    assert client.get("/sitemap-passages.xml?p=99").status_code == 404


def test_sitemap_queries_do_not_grow_with_the_archive(client, seed_thesis):
    before = [queries_of(client, url)[0] for url in ("/sitemap.xml", "/sitemap-passages.xml", "/robots.txt")]
    synthetic_thesis(300)
    after = [queries_of(client, url)[0] for url in ("/sitemap.xml", "/sitemap-passages.xml", "/robots.txt")]
    assert before == after and after == [2, 2, 0]


@pytest.mark.parametrize(
    ("language", "title"), [("kk", "Бет табылмады"), ("ru", "Страница не найдена"), ("en", "Page not found")]
)
def test_a_missing_page_is_the_sites_own_404_in_the_readers_language(client, seed_thesis, language, title):
    for url in ("/no-such-page/", "/theses/987654/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        html = response.content.decode()
        assert response.status_code == 404 and f"<h1>{title}</h1>" in html, url
        assert f'<html lang="{language}"' in html and 'class="site-footer"' in html


def test_the_500_page_is_the_sites_own_and_reads_nothing(django_assert_num_queries):
    request = RequestFactory().get("/theses/1/", HTTP_ACCEPT_LANGUAGE="kk")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500 and "<h1>Бірдеңе дұрыс болмады</h1>" in html
    assert 'class="site-footer"' in html and "csrfmiddlewaretoken" not in html


def test_an_error_page_that_cannot_render_still_answers(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no templates")

    monkeypatch.setattr(errors, "render_to_string", broken)
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="ru")
    for handler, status in ((errors.server_error, 500), (errors.page_not_found, 404)):
        response = handler(request) if status == 500 else handler(request, None)
        assert response.status_code == status and '<html lang="ru">' in response.content.decode()


def test_a_bad_request_has_a_page_too():
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "<h1>Bad request</h1>" in errors.bad_request(request).content.decode()
