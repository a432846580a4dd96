"""The reading site's archive of many theses: a page at a time, narrowed and sorted, and the parameters it
cannot honour refused by name. Apart from test_reading_views.py, whose tests share the seed: these count
the theses their own fixture makes."""

import re

import pytest

from thesis.models import SourceDocument, Thesis

from .test_reading_views import html, query_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_theses(db) -> list[Thesis]:
    """120 bare theses, every third an article, two a year from 1990: three pages of the archive."""
    made = []
    for n in range(120):
        document = SourceDocument.objects.create(file_name=f"{n}.txt", sha256=f"{n:064d}", content="x", size_bytes=1)
        kind = Thesis.Kind.ARTICLE if n % 3 == 0 else Thesis.Kind.DIPLOMA
        made.append(Thesis(title=f"Жұмыс {n:03d}", source_document=document, kind=kind, year=1990 + n // 2))
    return Thesis.objects.bulk_create(made)


def test_the_archive_comes_a_page_at_a_time_in_the_same_few_queries(client, many_theses):
    first = html(client.get("/"))
    assert first.count("<td lang=") == 50 and "120 theses" in first and "Page 1 of 3" in first
    assert 'href="/?page=2" rel="next"' in first and 'rel="prev"' not in first
    last = html(client.get("/", {"page": 3}))
    assert last.count("<td lang=") == 20 and 'href="/?page=2" rel="prev"' in last and 'rel="next"' not in last
    # Filters, sort and page each cost nothing more: the languages, the count and the page.
    assert query_count(client, "/") == query_count(client, "/?page=2&kind=diploma&sort=-year&year_from=1990")


def test_the_archive_narrows_sorts_and_says_how_to_widen_again(client, many_theses):
    page = html(client.get("/", {"kind": "article", "year_from": "2000", "year_to": "2009", "sort": "-year"}))
    shown = re.findall(r"Жұмыс (\d{3})", page)
    assert shown == ["039", "036", "033", "030", "027", "024", "021"] and "7 theses" in page
    assert '<option value="article" selected>' in page and 'name="sort" value="-year"' in page
    assert 'aria-sort="descending"' in page and "Show every thesis" in page
    # Sorting again keeps the choices, turns the order round and starts from the first page.
    assert 'href="/?kind=article&amp;year_from=2000&amp;year_to=2009&amp;sort=year"' in page
    assert "No thesis matches these choices." in html(client.get("/", {"year_from": "3000"}))


@pytest.mark.parametrize(
    ("query", "name"),
    [("page=4", "page"), ("page=0", "page"), ("kind=essay", "kind"), ("year_to=1.5", "year_to"), ("sort=size", "sort")],
)
def test_an_archive_parameter_it_cannot_honour_is_a_400_naming_it(client, many_theses, query, name):
    response = client.get(f"/?{query}")
    assert response.status_code == 400 and f"<code>{name}</code>" in response.content.decode()
