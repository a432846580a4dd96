"""The API's passage search and the reading site's search list the same passages, in the same order, for the
same query: both are thesis/search.py's search_passages, reached through two different front doors."""

import re

import pytest

from reading.search_results import PAGE_SIZE as SITE_PAGE
from thesis.models import Passage

from .conftest import synthetic_thesis

# An inflected form, a phrase, either of two words, a word without another, a prefix, and a Latin query.
QUERIES = ["саясатының", '"сыртқы саясат"', "дипломатия OR келіссөз", "Қазақстан -саясат", "дипломат*", "sayasat"]


def api_ids(client, term: str, sort: str) -> list[int]:
    found, url = [], "/api/passages/"
    params = {"q": term, "sort": sort, "page_size": 200}
    while url:
        page = client.get(url, params).json()
        found += [row["id"] for row in page["results"]]
        url, params = page.get("next"), None
    return found


def site_ids(client, term: str, sort: str) -> list[int]:
    """The passages the reading site lists, page after page, by the addresses its results link to."""
    places, page = [], 1
    while True:
        response = client.get("/search/", {"q": term, "sort": sort, "page": page})
        html = response.content.decode()
        places += re.findall(r'<li class="hit"><a href="/theses/(\d+)/passages/(\d+)/"', html)
        if 'rel="next"' not in html:
            break
        page += 1
    rows = Passage.objects.values_list("thesis_id", "order", "pk")
    ids = {(str(thesis), str(order)): pk for thesis, order, pk in rows}
    return [ids[place] for place in places]


@pytest.mark.parametrize("sort", ["relevance", "order"])
def test_the_api_and_the_reading_site_list_the_same_passages(client, seed_thesis, sort):
    synthetic_thesis(60)
    listed = 0
    for term in QUERIES:
        from_api, from_site = api_ids(client, term, sort), site_ids(client, term, sort)
        # Page by page the same passages; the site shows a page's hits grouped by their sections, the
        # first hit of each section first, so in document order the lists are the same to the letter.
        pages = range(0, max(len(from_api), 1), SITE_PAGE)
        assert [set(from_api[i : i + SITE_PAGE]) for i in pages] == [
            set(from_site[i : i + SITE_PAGE]) for i in pages
        ], term
        assert sort != "order" or from_api == from_site, term
        listed += len(from_api)
    assert listed > 20
