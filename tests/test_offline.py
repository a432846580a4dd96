"""The reading site's copy as files (reading/offline.py): where each of its links leads, and a page as the copy
holds it."""

import html

import pytest

from reading.offline import RENDER_ORIGIN, UNAVAILABLE, Copy, offline_link, offline_page, page_file, write_site
from reading.views import ArchiveView
from thesis.models import SourceDocument, Thesis

PASSAGE = "/theses/1/passages/3/"
PATHS = frozenset(
    {
        "/",
        "/about/",
        "/people/",
        "/people/7/",
        "/theses/1/",
        PASSAGE,
        "/theses/1/passages/4/",
        "/static/reading/site.css",
        "/?page=2",
    }
)
COPY = Copy(PATHS, choices={"lang": "en", "script": "cyrl"})
# What a link that leads nowhere in the copy says, in the tests' language.
DEAD = html.escape(UNAVAILABLE)
LIVE = Copy(PATHS, "https://archive.example.org/", {"lang": "en"})


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("/", "index.html"),
        ("/theses/1/", "theses/1/index.html"),
        ("/static/reading/site.css", "static/reading/site.css"),
        ("/?page=2", "page-2.html"),
        ("/theses/1/?section=2", "theses/1/section-2.html"),
        ("/theses/1/?section=all", "theses/1/section-all.html"),
    ],
)
def test_a_page_is_kept_as_its_folders_index_and_a_file_under_its_own_name(path, file):
    assert page_file(path) == file


@pytest.mark.parametrize(
    ("address", "page", "expected"),
    [
        ("/theses/1/", "/", "theses/1/index.html"),
        ("/", PASSAGE, "../../../../index.html"),
        ("/theses/1/passages/4/", PASSAGE, "../4/index.html"),
        ("../4/", PASSAGE, "../4/index.html"),
        ("/theses/1/#p3", PASSAGE, "../../index.html#p3"),
        ("/about/#cite", "/theses/1/", "../../about/index.html#cite"),
        ("/static/reading/site.css", PASSAGE, "../../../../static/reading/site.css"),
        ("/static/reading/site.css", "/", "static/reading/site.css"),
        # The thesis page's own view, and the language every page of the copy is in: the page itself.
        ("?", "/theses/1/", "index.html"),
        ("?lang=en", "/people/7/", "index.html"),
        ("?script=cyrl&lang=en", "/", "index.html"),
        # A paged list's other pages are pages of the copy too, whatever choices ride along.
        ("/?page=2", PASSAGE, "../../../../page-2.html"),
        ("?lang=en&page=2", "/", "page-2.html"),
        ("/", "/?page=2", "index.html"),
        # Left as they are: a fragment of this page, another host, another scheme.
        ("#content", PASSAGE, "#content"),
        ("https://creativecommons.org/licenses/by/4.0/", PASSAGE, "https://creativecommons.org/licenses/by/4.0/"),
        ("mailto:editors@example.org", "/about/", "mailto:editors@example.org"),
        ("", "/", ""),
    ],
)
def test_a_link_to_what_the_copy_holds_is_its_file_relative_to_the_page(address, page, expected):
    assert offline_link(address, page, COPY) == expected


@pytest.mark.parametrize(
    ("address", "page", "live"),
    [
        ("/search/", "/", "https://archive.example.org/search/"),
        ("?lang=kk", PASSAGE, f"https://archive.example.org{PASSAGE}?lang=kk"),
        ("?script=latn", "/", "https://archive.example.org/?script=latn"),
        ("?version=2", PASSAGE, f"https://archive.example.org{PASSAGE}?version=2"),
        ("?view=original", "/theses/1/", "https://archive.example.org/theses/1/?view=original"),
        ("/timeline/?year=1992", PASSAGE, "https://archive.example.org/timeline/?year=1992"),
        ("/api/theses/1/tei.xml", "/theses/1/", "https://archive.example.org/api/theses/1/tei.xml"),
        (
            "/api/passages/?thesis=1&format=csv#x",
            "/",
            "https://archive.example.org/api/passages/?thesis=1&format=csv#x",
        ),
        # A page the copy does not hold, even one of the site's.
        ("/sources/99/", "/", "https://archive.example.org/sources/99/"),
        ("/?page=3", "/", "https://archive.example.org/?page=3"),
    ],
)
def test_what_needs_the_server_leads_to_the_live_site_or_nowhere(address, page, live):
    assert offline_link(address, page, LIVE) == live
    assert offline_link(address, page, COPY) is None


def test_the_live_site_may_live_under_a_path():
    mounted = Copy(PATHS, "https://example.org/archive")
    assert offline_link("/search/", "/", mounted) == "https://example.org/archive/search/"
    assert offline_link("/theses/1/", "/", mounted) == "theses/1/index.html"


def test_a_page_without_the_live_site_keeps_the_text_of_its_dead_links_and_drops_their_forms():
    page = (
        '<link rel="stylesheet" href="/static/reading/site.css"><link rel="alternate" href="/api/">'
        '<form class="search-form" action="/search/" method="get"><input name="q"></form>'
        '<a class="nav" href="/search/">Search</a> <a href="/theses/1/#p3" lang="kk">Thesis</a>'
        '<abbr title="x">Ab</abbr>'
        f'<a id="version-link" href="{RENDER_ORIGIN}{PASSAGE}?version=2">{RENDER_ORIGIN}{PASSAGE}?version=2</a>'
    )
    assert offline_page(page, "/", COPY) == (
        '<link rel="stylesheet" href="static/reading/site.css"><link rel="alternate">'
        f'<a class="nav" title="{DEAD}">Search</a> <a href="theses/1/index.html#p3" lang="kk">Thesis</a>'
        '<abbr title="x">Ab</abbr>'
        f'<a id="version-link" title="{DEAD}">{PASSAGE}?version=2</a>'
    )


def test_a_page_with_the_live_site_sends_its_forms_and_dead_links_there():
    page = (
        '<form action="/search/" method="get"><input name="q"></form>'
        '<a href="/api/passages/?thesis=1&amp;format=csv">CSV</a>'
        f'<meta name="citation_public_url" content="{RENDER_ORIGIN}{PASSAGE}?version=2">'
    )
    assert offline_page(page, "/theses/1/", LIVE) == (
        '<form action="https://archive.example.org/search/" method="get"><input name="q"></form>'
        '<a href="https://archive.example.org/api/passages/?thesis=1&amp;format=csv">CSV</a>'
        f'<meta name="citation_public_url" content="https://archive.example.org{PASSAGE}?version=2">'
    )


def test_given_the_live_site_no_link_of_the_copy_is_left_dead(seed_thesis, tmp_path):
    written = write_site(tmp_path / "site", "https://archive.example.org/")
    archive = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'action="https://archive.example.org/search/"' in archive
    assert 'href="https://archive.example.org/?lang=kk"' in archive
    passage = (tmp_path / "site" / "theses" / str(seed_thesis.pk) / "passages" / "1" / "index.html").read_text()
    assert f'href="https://archive.example.org/theses/{seed_thesis.pk}/passages/1/?version=1"' in passage
    assert DEAD not in archive + passage
    assert written == len(list((tmp_path / "site").rglob("*.html")))


def test_the_archives_later_pages_are_pages_of_the_copy(db, tmp_path):
    for n in range(ArchiveView.page_size + 1):
        document = SourceDocument.objects.create(file_name=f"{n}.txt", sha256=f"{n:064d}", content="x", size_bytes=1)
        Thesis.objects.create(title=f"Жұмыс {n}", source_document=document)
    write_site(tmp_path / "site")
    first = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    second = (tmp_path / "site" / "page-2.html").read_text(encoding="utf-8")
    assert 'href="page-2.html" rel="next"' in first and 'href="index.html" rel="prev"' in second
    assert "Жұмыс 50" in second and "Жұмыс 50<" not in first
