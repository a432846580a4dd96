"""A passage's markup as HTML and a page in Latin script, without a database: corrections shown or marked,
links kept, never nested, every piece of text escaped; Latin script for text and read attributes only."""

import pytest

from reading.links import keep_choices, kept_href
from reading.scripts import latin_html
from thesis.editions.html import render
from thesis.text.corrections import inline_content
from thesis.text.inline import Span, element
from thesis.text.normalisation import Layout, reading_text

ORIGINAL = "Қазақстан  сыртқы саясаты\nжайлы <b>"
CURRENT = "Қазақстанның сыртқы саясаты. Жайлы <b>"


def test_the_reading_text_shows_the_corrections_made():
    html = render(inline_content(ORIGINAL, CURRENT, []))
    assert html == "Қазақстанның сыртқы саясаты. Жайлы &lt;b&gt;"


def test_the_changes_are_marked_focusable_and_titled():
    html = render(inline_content(ORIGINAL, CURRENT, []), changes=True, note='Editor: "typo" <fix>')
    title = 'title="Editor: &quot;typo&quot; &lt;fix&gt;"'
    assert f'<del tabindex="0" {title}>Қазақстан</del><ins tabindex="0" {title}>Қазақстанның</ins>' in html
    assert "<b>" not in html


def test_links_wrap_what_they_cover_and_never_nest():
    link = element("a", href="/sources/3/", **{"class": "citation-marker"})
    inner = element("a", href="/people/1/")
    content = inline_content(CURRENT, CURRENT, [Span(0, 12, link, 0), Span(0, 9, inner, 1)])
    html = render(content)
    assert html.startswith('<a href="/sources/3/" class="citation-marker">Қазақстанның</a>')
    assert html.count("<a ") == 1


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<p title="Себебі">Қазақстан</p>', '<p title="Sebebı">Qazaqstan</p>'),
        ('<a href="/search/?q=саясат">саясат</a>', '<a href="/search/?q=саясат&amp;script=latn">saiasat</a>'),
        ('<input value="саясат">', '<input value="саясат">'),
        ('<span lang="kk">Ел</span>', '<span lang="kk-Latn">El</span>'),
        ("&lt;script&gt; Ел", "&lt;script&gt; El"),
        ('<a lang="kk-Cyrl">Кирилл жазуы</a> Ел', '<a lang="kk-Cyrl">Кирилл жазуы</a> El'),
    ],
)
def test_latin_script_changes_text_and_read_attributes_only(page, expected):
    assert latin_html(page) == expected


def test_a_line_kept_as_its_own_is_a_line_break_and_a_wrap_a_space():
    verse = "Өлең – сөздің патшасы,\nсөз сарасы"
    assert render(inline_content(verse, reading_text(verse, Layout.LINE), [], layout=Layout.LINE)) == (
        "Өлең – сөздің патшасы,<br>сөз сарасы"
    )
    assert render(inline_content(verse, reading_text(verse, Layout.WRAP), [], layout=Layout.WRAP)) == (
        "Өлең – сөздің патшасы, сөз сарасы"
    )


def test_latin_script_is_a_property_of_kazakh_text_not_of_the_interface():
    page = (
        '<html lang="ru"><head><title>Архив работ</title></head><body><a href="/search/" title="Поиск">Поиск</a>'
        '<p lang="kk" title="Себебі">Қазақстан <span lang="ru">Москва</span> ел<br>і</p>'
        '<svg><a href="/theses/1/" lang="kk"><circle r="2"/>Ел</a></svg><p>Конец</p></body></html>'
    )
    assert latin_html(page) == (
        '<html lang="ru"><head><title>Архив работ</title></head><body>'
        '<a href="/search/?script=latn" title="Поиск">Поиск</a>'
        '<p lang="kk-Latn" title="Sebebı">Qazaqstan <span lang="ru">Москва</span> el<br>ı</p>'
        '<svg><a href="/theses/1/?script=latn" lang="kk-Latn"><circle r="2"/>El</a></svg><p>Конец</p></body></html>'
    )


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/theses/1/", "/theses/1/?script=latn"),
        ("/theses/1/#p3", "/theses/1/?script=latn#p3"),
        ("?", "?script=latn"),
        ("?view=original", "?view=original&amp;script=latn"),
        ("/search/?q=a&amp;page=2", "/search/?q=a&amp;page=2&amp;script=latn"),
        # Already naming a script (the link back to Cyrillic), or not a reading page: as written.
        ("/theses/1/?script=cyrl", "/theses/1/?script=cyrl"),
        ("#section-3", "#section-3"),
        ("/api/theses/1/tei/", "/api/theses/1/tei/"),
        ("/static/reading/site.css", "/static/reading/site.css"),
        ("/sitemap.xml", "/sitemap.xml"),
        ("http://testserver/theses/1/passages/2/?version=1", "http://testserver/theses/1/passages/2/?version=1"),
        ("/no/such/page/", "/no/such/page/"),
    ],
)
def test_links_to_the_sites_pages_keep_latin_script(href, expected):
    assert kept_href(href, {"script": "latn"}) == expected


def test_links_and_search_forms_keep_the_language_and_the_script_each_unless_they_name_it():
    choices = {"lang": "ru", "script": "latn"}
    assert kept_href("/people/", choices) == "/people/?lang=ru&amp;script=latn"
    assert kept_href("/people/?lang=kk", choices) == "/people/?lang=kk&amp;script=latn"
    assert kept_href("/api/theses/", choices) == "/api/theses/"
    page = '<a href="/timeline/">T</a><form action="/search/" method="get"><input name="q"></form>'
    assert keep_choices(page, {"lang": "en"}) == (
        '<a href="/timeline/?lang=en">T</a>'
        '<form action="/search/" method="get"><input type="hidden" name="lang" value="en"><input name="q"></form>'
    )
    assert keep_choices(page, {}) == page


def test_a_search_form_keeps_latin_script_and_a_posted_form_does_not_need_to():
    search = '<form action="/search/" method="get"><input name="q"></form>'
    assert latin_html(search) == (
        '<form action="/search/" method="get"><input type="hidden" name="script" value="latn"><input name="q"></form>'
    )
    posted = '<form action="/i18n/setlang/" method="post"></form>'
    assert latin_html(posted) == posted
