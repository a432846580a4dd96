"""The reading site over HTTP: every page on the seed and on a synthetic thesis, the reading view's three
views, a section at a time or whole, a passage's versions and citation, search with facets, 400s naming
the parameter, ETags and 304s, Latin script, and queries that do not grow with the thesis."""

import json
import re
from contextlib import contextmanager
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.editions.tree import citation_tree, paragraph_refs
from thesis.editorial.editing import save_passage
from thesis.ingest.importer import import_bytes
from thesis.models import Author, Passage, PassageMarkup, Source, Thesis
from thesis.text.diffs import word_diff
from thesis.time_limit import TooLong

from .conftest import synthetic_thesis
from .operations import calls, lines

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

WORD = "саясат"


def pages_of(thesis: Thesis) -> list[str]:
    passage = thesis.passages.order_by("order").first()
    source = Source.objects.filter(thesis=thesis).first()
    author = Author.objects.filter(thesis=thesis).first()
    return [
        "/",
        f"/theses/{thesis.pk}/",
        f"/theses/{thesis.pk}/?view=original",
        f"/theses/{thesis.pk}/?view=changes",
        f"/theses/{thesis.pk}/?section=2&view=changes",
        f"/theses/{thesis.pk}/?section=all",
        f"/theses/{thesis.pk}/passages/{passage.order}/",
        f"/search/?q={passage.text.split()[1]}",
        "/people/",
        f"/people/{author.pk}/",
        f"/sources/{source.pk}/",
    ]


def html(response) -> str:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_every_page_answers_on_the_seed_and_a_synthetic_thesis(client, seed_thesis, script):
    for thesis in (seed_thesis, synthetic_thesis(30)):
        for url in pages_of(thesis):
            page = html(client.get(url, {"script": script} if script == "latn" else {}))
            assert "<main" in page and "<nav" in page and "<footer" in page, url
            assert re.search(r'<html lang="(en|kk|ru)', page), url


def test_the_archive_lists_each_thesis_with_its_counts_and_a_search_box(client, seed_thesis):
    page = html(client.get("/"))
    assert seed_thesis.title in page and 'action="/search/"' in page
    assert re.search(r"<td>11</td><td>9</td><td>30</td><td>11</td>", page)
    assert "incomplete" in page


def test_the_reading_view_has_contents_headings_numbers_statuses_and_links(client, seed_thesis):
    page = html(client.get(f"/theses/{seed_thesis.pk}/", {"section": "all"}))
    assert 'class="toc"' in page and "1 ТАРАУ ДИПЛОМАТИЯ" in page
    for order in range(11):  # a passage is numbered by its order, from 0 as stored
        assert f'id="p{order}"' in page
    assert page.count('<span class="status">unreviewed</span>') == 11
    source = Source.objects.get(thesis=seed_thesis, number=7)
    assert f'<a href="/sources/{source.pk}/" class="citation-marker">[7]</a>' in page
    nazarbayev = Author.objects.get(thesis=seed_thesis, display_name="Н.Ә. Назарбаев")
    assert f'href="/people/{nazarbayev.pk}/"' in page
    assert 'href="/timeline/?century=21" class="date">ХХI ғасырда</a>' in page


@pytest.fixture
def edited(seed_thesis, admin_user):
    passage = seed_thesis.passages.get(order=2)
    before = passage.text
    word = before.split()[0]
    save_passage(
        passage.pk, text=before.replace(word, "Түзетілген", 1), expected_version=1, user=admin_user, reason="Қате сөз"
    )
    return {"passage": Passage.objects.get(pk=passage.pk), "before": before, "word": word}


def test_the_changes_view_marks_each_correction_with_who_and_why(client, seed_thesis, edited):
    page = html(client.get(f"/theses/{seed_thesis.pk}/", {"view": "changes"}))
    assert re.search(r'<del tabindex="0" title="Changed by an editor: Қате сөз">[^<]*</del>', page)
    assert '<ins tabindex="0" title="Changed by an editor: Қате сөз">Түзетілген</ins>' in page
    plain = html(client.get(f"/theses/{seed_thesis.pk}/"))
    assert "<ins" not in plain and "Түзетілген" in plain


def test_the_original_view_shows_the_transcription_beside_the_text(client, seed_thesis):
    page = html(client.get(f"/theses/{seed_thesis.pk}/", {"view": "original", "section": "all"}))
    original = seed_thesis.passages.get(order=3).original_text
    assert page.count('class="original"') == 11
    assert original.split("\n")[0][:40] in page


def passages_on(page: str) -> list[int]:
    """The orders of the passages a thesis page shows, in its order."""
    return [int(order) for order in re.findall(r'<div class="passage[^"]*" id="p(\d+)"', page)]


def test_the_thesis_is_read_a_top_level_section_at_a_time_or_whole(client, seed_thesis):
    url = f"/theses/{seed_thesis.pk}/"
    first, second, whole = (html(client.get(url, query)) for query in ({}, {"section": 2}, {"section": "all"}))
    # The introduction with its subsection, then the first chapter with its section.
    assert passages_on(first) == list(range(7)) and passages_on(second) == list(range(7, 11))
    assert passages_on(whole) == list(range(11)) and passages_on(html(client.get(url, {"section": 1}))) == list(
        range(7)
    )
    chapter = seed_thesis.sections.get(parent=None, order__gt=0)
    assert f'<a rel="next" href="{url}?section=2#section-{chapter.pk}">' in first and 'rel="prev"' not in first
    assert f'<link rel="next" href="{url}?section=2">' in first
    assert f'<a rel="prev" href="{url}#section-' in second and 'rel="next"' not in second
    assert "Section 1 of 2" in first and f'<a href="{url}?section=all">The whole thesis on one page</a>' in first
    assert f'<a href="{url}">Section by section</a>' in whole and 'rel="next"' not in whole
    for page in (first, second, whole):
        assert page.count('<li class="depth-') == 4 and '<details class="toc">' in page
    # The chapter's entry on the first page links to its page, and keeps its old id for an address
    # written when the thesis was one page.
    assert f'id="section-{chapter.pk}" lang="kk"><a href="{url}?section=2#section-{chapter.pk}">' in first
    assert f'<section id="section-{chapter.pk}"' in second and f'<a href="#section-{chapter.pk}" aria-current' in second


def test_a_section_page_keeps_the_view_and_the_view_links_keep_the_section(client, seed_thesis):
    url = f"/theses/{seed_thesis.pk}/"
    page = html(client.get(url, {"section": 2, "view": "original", "script": "latn"}))
    assert passages_on(page) == list(range(7, 11)) and page.count('class="original"') == 4
    assert f'<a rel="prev" href="{url}?view=original&amp;script=latn#section-' in page
    assert f'<a href="{url}?section=2&amp;view=changes&amp;script=latn">' in page
    assert f'<a href="{url}?section=2&amp;script=latn">' in page


def test_the_changes_view_of_a_later_section_gives_why_its_words_changed(client, seed_thesis, admin_user):
    passage = seed_thesis.passages.get(order=9)
    word = passage.text.split()[0]
    save_passage(
        passage.pk, text=passage.text.replace(word, "Түзетілген", 1), expected_version=1, user=admin_user, reason="Қате"
    )
    page = html(client.get(f"/theses/{seed_thesis.pk}/", {"section": 2, "view": "changes"}))
    assert '<ins tabindex="0" title="Changed by an editor: Қате">Түзетілген</ins>' in page


def anchors_linked(page: str, path: str) -> list[tuple[str, str]]:
    """Every link of a thesis page into the thesis (a fragment on it, or the thesis's page at a fragment),
    as (address, fragment)."""
    links = [href.replace("&amp;", "&") for href in re.findall(r'<a [^>]*href="([^"]*#(?:section-|p)\d+)"', page)]
    return [((path if href.startswith("#") else href).partition("#")[0], href.partition("#")[2]) for href in links]


def holds(page: str, fragment: str) -> bool:
    """Whether the page shows the section or passage itself at the fragment (not its entry in the contents)."""
    return bool(re.search(rf'<(section|div class="passage[^"]*") id="{fragment}"', page))


def test_every_link_into_a_thesis_opens_the_page_that_holds_its_section_or_passage(client, seed_thesis):
    for thesis in (seed_thesis, synthetic_thesis(30)):
        path = f"/theses/{thesis.pk}/"
        links = []
        count = thesis.sections.filter(parent=None).count()
        for query in ["", *(f"?section={n}&view=original" for n in range(2, count + 1)), "?section=all"]:
            links += anchors_linked(html(client.get(path + query)), path + query)
        for order in thesis.passages.values_list("order", flat=True):
            page = html(client.get(f"{path}passages/{order}/"))
            back = re.search(rf'<a href="({re.escape(path)}[^"]*#p{order})" lang=', page)[1].replace("&amp;", "&")
            links.append((back.partition("#")[0], f"p{order}"))
        word = thesis.passages.order_by("-order").first().text.split()[1]
        search = html(client.get("/search/", {"q": word, "thesis": thesis.pk}))
        found = re.findall(r'<h2 id="group-\d+">.*? › <a href="([^"]*)"', search)
        links += [(href.replace("&amp;", "&").partition("#")[0], href.partition("#")[2]) for href in found]
        assert found and len([fragment for _, fragment in links if fragment.startswith("p")]) == thesis.passages.count()
        pages = {}
        for address, fragment in links:
            pages.setdefault(address, html(client.get(address)))
            assert holds(pages[address], fragment), (address, fragment)


def test_a_section_page_marks_up_only_its_own_passages(client, monkeypatch):
    thesis = synthetic_thesis(400)
    PassageMarkup.objects.filter(passage__thesis=thesis).delete()  # so that what the page builds shows
    made = []
    monkeypatch.setattr("reading.contents.passage_content", lambda *args: made.append(args[0].order) or [])
    page = html(client.get(f"/theses/{thesis.pk}/", {"section": 3}))
    assert made == passages_on(page) and 0 < len(made) < 200
    made.clear()
    html(client.get(f"/theses/{thesis.pk}/", {"section": "all"}))
    assert len(made) == 400


def test_a_passage_shows_its_history_and_an_older_version_from_it(client, seed_thesis, edited, admin_user):
    url = f"/theses/{seed_thesis.pk}/passages/2/"
    page = html(client.get(url))
    assert "Version 2 (current)" in page and "Түзетілген" in page
    assert "Қате сөз" in page and "<ins>Түзетілген</ins>" in page
    assert admin_user.get_username() not in page
    assert f'href="http://testserver{url}?version=2"' in page
    old = html(client.get(url, {"version": 1}))
    assert "Version 1, from the history" in old and "?version=1" in old
    reading = old.split('class="reading"')[1].split("</p>")[0]
    assert "Түзетілген" not in reading and edited["word"] in reading
    assert client.get(url, {"version": 7}).status_code == 404


def history_of(page: str) -> list[str]:
    """Each version's entry in a passage page's history, newest first."""
    return re.findall(r"<li>\s*<p><a href=\"\?version=.*?</li>", page.split('class="history"')[1], re.S)


def test_a_passage_history_shows_the_changed_words_in_context_each_diff_made_once(
    client, seed_thesis, edited, monkeypatch
):
    made = []
    monkeypatch.setattr(
        "thesis.history.word_diff", lambda *texts, **how: made.append(texts) or word_diff(*texts, **how)
    )
    url = f"/theses/{seed_thesis.pk}/passages/2/"
    latest, first = history_of(html(client.get(url)))
    assert "<del>" + edited["word"] in latest and "<ins>Түзетілген</ins>" in latest
    assert latest.count('<span class="skip" title="') == 1 and "unchanged words" in latest
    assert len(latest) < len(edited["before"]) / 2  # not the whole passage
    assert edited["before"].split()[-1] not in latest
    assert len(made) == 2
    for _ in range(2):
        assert history_of(html(client.get(url))) == [latest, first]
    assert len(made) == 2  # each version's diff made once, then read from the cache


def test_a_version_that_changed_only_the_spacing_says_so(client, seed_thesis, admin_user):
    passage = seed_thesis.passages.get(order=2)
    spaced = passage.text.replace(" ", "\n", 3)
    save_passage(passage.pk, text=spaced, expected_version=1, user=admin_user, reason="Жол")
    save_passage(passage.pk, text=spaced, expected_version=2, user=admin_user, reason="Қайта сақталды")
    entries = history_of(html(client.get(f"/theses/{seed_thesis.pk}/passages/2/")))
    assert "The text did not change." in entries[0] and "<ins>" not in entries[0]
    assert "No word changed, only the spacing between words." in entries[1] and "<del>" not in entries[1]


def test_editors_are_named_only_when_the_archive_says_so(client, seed_thesis, edited, admin_user, settings):
    settings.READING_EDITOR_NAMES = True
    page = html(client.get(f"/theses/{seed_thesis.pk}/passages/2/"))
    assert f"Editor {admin_user.pk}" in page and admin_user.get_username() not in page
    admin_user.first_name, admin_user.last_name = "Айгүл", "Серікова"
    admin_user.save()
    assert "Айгүл Серікова" in html(client.get(f"/theses/{seed_thesis.pk}/passages/2/"))


def test_the_citation_comes_in_four_forms_for_this_version(client, seed_thesis, edited):
    page = html(client.get(f"/theses/{seed_thesis.pk}/passages/2/"))
    for form in ("cite-gost", "cite-apa", "cite-bibtex", "cite-csl"):
        assert f'id="{form}"' in page
    ref = paragraph_refs(citation_tree(seed_thesis))[edited["passage"].pk]
    # The official styles cite the paragraph as their in-text locator, in their own words.
    assert f'id="cite-gost-text">[1, п. {ref}]</code>' in page
    assert f'id="cite-apa-text">({seed_thesis.title}, ' in page and f"para. {ref})</code>" in page
    assert "Version 2" in page.split('id="cite-apa"')[1].split("</pre>")[0]
    assert "@misc{thesis" in page
    csl = page.split('id="cite-csl">')[1].split("</pre>")[0].replace("&quot;", '"')
    item = json.loads(csl)[0]
    assert item["URL"].endswith("/passages/2/?version=2") and item["version"] == "2"


def test_a_passage_lists_its_citations_and_people(client, seed_thesis):
    page = html(client.get(f"/theses/{seed_thesis.pk}/passages/9/"))
    passage = seed_thesis.passages.get(order=9)
    for citation in passage.citations.all():
        assert f'href="/sources/{citation.source_id}/"' in page
    assert "People mentioned" in page


def test_a_marker_of_several_sources_is_one_link_and_each_source_is_listed_with_its_pages(client, seed_thesis):
    passage = seed_thesis.passages.get(order=1)
    passage.text = passage.text.replace("[23]", "[23, 25 б.; 24]")
    passage.save()
    page = html(client.get(f"/theses/{seed_thesis.pk}/passages/1/"))
    first, second = (Source.objects.get(thesis=seed_thesis, number=n) for n in (23, 24))
    # Links cannot nest: the marker links to its first source, and the list below names each.
    assert f'<a href="/sources/{first.pk}/" class="citation-marker">[23, 25 б.; 24]</a>' in page
    assert f'<a href="/sources/{first.pk}/">[23, 25 б.]</a>' in page
    assert f'<a href="/sources/{second.pk}/">[24]</a>' in page


def test_search_marks_matches_groups_them_and_counts_facets(client, seed_thesis):
    page = html(client.get("/search/", {"q": WORD}))
    assert "<mark>" in page and 'class="group"' in page
    assert "Narrow the results" in page
    found = [p for p in seed_thesis.passages.all() if WORD in p.text.lower()]
    assert f"{len(found)} matching passage" in page
    narrowed = html(client.get("/search/", {"q": WORD, "status": "unreviewed", "thesis": seed_thesis.pk}))
    assert f"{len(found)} matching passage" in narrowed
    none = html(client.get("/search/", {"q": WORD, "status": "verified"}))
    assert "0 matching passages" in none


@pytest.mark.parametrize("term", ["саясатының", "sayasat", "Qazaqstan", "кезде", "орны", "Назарбаевпен", "мəселе"])
def test_search_finds_the_passages_the_api_finds_and_marks_other_forms(client, seed_thesis, term):
    page = html(client.get("/search/", {"q": term}))
    api = client.get("/api/passages/", {"q": term, "page_size": 100}).json()
    # In the API's order, each section's hits gathered under the section's first.
    sections: dict[int, list[int]] = {}
    for row in api["results"]:
        sections.setdefault(row["section"], []).append(row["order"])
    orders = [order for section in sections.values() for order in section]
    assert orders and re.findall(r'class="hit"><a href="/theses/\d+/passages/(\d+)/"', page) == [str(o) for o in orders]
    assert len(re.findall("<mark>", page)) >= len(orders)


def test_a_search_in_the_query_language_lists_what_the_api_lists_in_either_order(client, seed_thesis):
    query = '"сыртқы саясат" OR назарбаев -ядролық'
    for sort in ("relevance", "order"):
        page = html(client.get("/search/", {"q": query, "sort": sort}))
        api = client.get("/api/passages/", {"q": query, "sort": sort, "page_size": 100}).json()["results"]
        listed = re.findall(r'class="hit"><a href="/theses/\d+/passages/(\d+)/"', page)
        assert listed and sorted(listed) == sorted(str(row["order"]) for row in api)
    relevance = html(client.get("/search/", {"q": "саясат"}))
    link = re.search(r'<a class="sort" href="([^"]*)">In document order</a>', relevance)[1].replace("&amp;", "&")
    in_order = html(client.get(link))
    assert "sort=order" in link and 'name="sort" value="order"' in in_order
    assert re.search(r'<a class="sort" href="[^"]*">Most relevant first</a>', in_order)
    # The forms its analysed words matched are marked, as written in the text.
    assert "<mark>саясатының</mark>" in html(client.get("/search/", {"q": "саясат"})).lower()


@pytest.mark.parametrize("query", ['"сыртқы саясат', "-саясат", "саясат OR"])
def test_a_malformed_query_is_refused_naming_q_and_saying_why(client, seed_thesis, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<code>q</code>" in page and ("quotation mark" in page or "exclusions" in page or "OR stands" in page)


def test_a_search_that_finds_nothing_offers_its_russian_keyboard_reading(client, seed_thesis):
    page = html(client.get("/search/", {"q": "Казакстан", "status": "unreviewed", "page": 1}))
    link = re.search(r'Did you mean: <a href="([^"]*)" lang="kk">Қазақстан</a>', page)[1].replace("&amp;", "&")
    assert "status=unreviewed" in link and "page=" not in link, "the search narrowed as before, from its first page"
    found = html(client.get(link))
    assert "Did you mean" not in found and "5 matching passages" in found
    assert "Did you mean" not in html(client.get("/search/", {"q": "ксщжэ"})), "no reading the lexicon knows"


def test_facet_links_narrow_and_widen(client, seed_thesis):
    page = html(client.get("/search/", {"q": WORD}))
    link = re.search(r'<a href="(/search/\?q=[^"]*person=\d+)"', page)[1].replace("&amp;", "&")
    narrowed = html(client.get(link))
    assert 'aria-current="true"' in narrowed and '<li class="chosen">' in narrowed
    # Every choice can be taken back at once, back to the same search.
    clear = re.search(r'class="clear-choices"><a href="([^"]*)"', narrowed)[1].replace("&amp;", "&")
    assert "person=" not in clear and f"q={WORD}" in unquote(clear)
    assert "clear-choices" not in page


def test_a_search_that_finds_nothing_shows_no_empty_facets(client, seed_thesis):
    page = html(client.get("/search/", {"q": "жоқсөзжоқ"}))
    assert "No passage matches." in page and "Narrow the results" not in page


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/search/?q=a&page=x", "page"),
        ("/search/?q=a&page=0", "page"),
        ("/search/?q=a&page=51", "page"),
        ("/search/?q=a&thesis=x", "thesis"),
        ("/search/?q=a&status=lost", "status"),
        ("/search/?q=" + "a" * 201, "q"),
        ("/search/?q=a%00b", "q"),
        ("/search/?q=%00", "q"),
        ("/search/?q=a&thesis=9223372036854775808", "thesis"),
        ("/search/?q=a&section=9223372036854775808", "section"),
        ("/search/?q=a&source=9223372036854775808", "source"),
        ("/search/?q=a&person=9223372036854775808", "person"),
        ("/?script=cyrillic", "script"),
        ("/theses/{pk}/?view=side", "view"),
        ("/theses/{pk}/?section=3", "section"),
        ("/theses/{pk}/?section=0", "section"),
        ("/theses/{pk}/?section=-1", "section"),
        ("/theses/{pk}/?section=1.0", "section"),
        ("/theses/{pk}/?section=ALL", "section"),
        ("/theses/{pk}/?section=99999999999999999999999", "section"),
        ("/theses/{pk}/?section=2&view=side", "view"),
        ("/theses/{pk}/passages/1/?version=one", "version"),
        ("/theses/{pk}/passages/1/?version=9223372036854775808", "version"),
    ],
)
def test_bad_parameters_are_a_400_page_naming_them(client, seed_thesis, url, parameter):
    response = client.get(url.format(pk=seed_thesis.pk))
    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.content.decode()


def test_a_section_the_thesis_lacks_is_refused_saying_which_it_has(client, seed_thesis):
    url = f"/theses/{seed_thesis.pk}/"
    for section, says in (("3", "from 1 to 2, or “all”"), ("x", "from 1, or “all”")):
        response = client.get(url, {"section": section})
        assert response.status_code == 400 and says in response.content.decode()
    kazakh = client.get(url, {"section": 3}, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Бөлімнің нөмірі 1 мен 2 аралығында болсын" in kazakh


def test_a_bad_parameter_is_named_in_the_readers_language(client, seed_thesis):
    kazakh = client.get("/search/?q=a&thesis=9223372036854775808", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert (
        "<code>thesis</code> параметрін қолдану мүмкін емес: Бұл мән 9223372036854775807 мәнінен аспауы керек."
        in kazakh
    )
    russian = client.get("/search/?q=%00", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "<code>q</code>" in russian and "ноль-байт" in russian


def test_unknown_records_are_404(client, seed_thesis):
    for url in ("/theses/987654/", f"/theses/{seed_thesis.pk}/passages/999/", "/people/987654/", "/sources/987654/"):
        assert client.get(url).status_code == 404, url


def test_pages_revalidate_on_the_data_version(client, seed_thesis):
    url = f"/theses/{seed_thesis.pk}/"
    # The first visit sets the CSRF cookie the language form's token is made from, which the ETag includes.
    client.get(url)
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) == 1  # the data version, and nothing rendered
    passage = seed_thesis.passages.get(order=1)
    passage.status = Passage.Status.VERIFIED
    passage.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert client.get(url, {"script": "latn"})["ETag"] != etag


def test_the_language_follows_the_browser(client, seed_thesis):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert '<html lang="kk"' in page
    assert "Accept-Language" in client.get("/")["Vary"]


def test_latin_script_transliterates_the_whole_page_in_the_kazakh_interface(client, seed_thesis):
    page = html(client.get(f"/theses/{seed_thesis.pk}/", {"script": "latn"}, HTTP_ACCEPT_LANGUAGE="kk"))
    text = re.sub(r"<[^>]*>", "", page)
    assert "Qazaqstan" in text
    # The link back to Cyrillic, and the Russian interface's own name in the language list, stay Cyrillic.
    assert not re.search("[а-яәіңғүұқөһ]", text.lower().replace("кирилл жазуы", "").replace("русский", ""))


def test_latin_script_is_for_the_kazakh_text_and_leaves_a_russian_interface_as_it_is(client, seed_thesis):
    page = html(client.get(f"/theses/{seed_thesis.pk}/", {"script": "latn"}, HTTP_ACCEPT_LANGUAGE="ru"))
    assert '<div class="text" lang="kk-Latn">' in page
    kazakh = re.sub(r"<[^>]*>", "", "".join(re.findall(r'<p class="reading">(.*?)</p>', page, re.S)))
    assert "Qazaqstan" in kazakh and not re.search("[а-яәіңғүұқөһ]", kazakh.lower())
    assert ">Архив<" in page and ">Поиск<" in page and "Arhiv" not in page and "Poisk" not in page
    search = html(client.get("/search/", {"q": "саясат", "script": "latn"}, HTTP_ACCEPT_LANGUAGE="ru"))
    facets = search[search.index('class="facets"') :]
    assert 'lang="kk-Latn">Diplomatiialyq' in facets and "Сузить результаты" in facets


def test_on_a_latin_page_every_link_to_the_sites_pages_keeps_latin_script(client, seed_thesis):
    for url in pages_of(seed_thesis):
        page = html(client.get(url, {"script": "latn"}, HTTP_ACCEPT_LANGUAGE="ru"))
        hrefs = re.findall(r'<a [^>]*href="([^"]*)"', page)
        lost = [
            href
            for href in hrefs
            if not href.startswith(("#", "/api/", "http")) and "script=latn" not in href and "script=cyrl" not in href
        ]
        assert hrefs and lost == [], url
        assert page.count('name="script" value="latn"') == page.count('method="get"'), url


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_queries_do_not_grow_with_the_thesis(client, seed_thesis):
    counts = []
    for passages in (12, 400):
        thesis = synthetic_thesis(passages)
        word = thesis.passages.order_by("order").first().text.split()[1]
        counts.append(
            [query_count(client, url) for url in [*pages_of(thesis), f"/search/?q={word}&thesis={thesis.pk}"]]
        )
    assert counts[0] == counts[1]
    assert max(counts[0]) <= 12


def test_a_passage_of_many_lines_renders_in_proportion_to_its_lines(client):
    def cost(number: int) -> tuple[int, int]:
        thesis = import_bytes(lines(number).encode(), f"lines-{number}.txt", use_curation=False).thesis
        url = f"/theses/{thesis.pk}/passages/0/"
        return calls(client.get, url), len(html(client.get(url)))

    (small, small_size), (large, large_size) = cost(5000), cost(10000)
    assert large < 2.2 * small, (small, large)
    assert large_size < 2.1 * small_size, (small_size, large_size)
    assert len(html(client.get(f"/theses/{import_bytes(lines(20000).encode(), 'lines.txt').thesis.pk}/"))) > 40000


def test_a_one_letter_search_answers_a_bounded_page(client):
    import_bytes(lines(20000).encode(), "lines.txt", use_curation=False)
    page = html(client.get("/search/", {"q": "а"}))
    assert "<mark" in page and len(page.encode()) < 20_000


@contextmanager
def stopped(seconds):
    raise TooLong("stopped")
    yield


def test_a_search_past_its_time_limit_is_refused_naming_q(client, seed_thesis, monkeypatch):
    monkeypatch.setattr("reading.views.time_limit", stopped)
    response = client.get("/search/", {"q": WORD})
    assert response.status_code == 400
    assert "<code>q</code>" in response.content.decode() and "too long" in response.content.decode()
