"""A passage's markup as HTML and a page in Latin script, without a database: corrections shown or marked,
links kept, never nested, every piece of text escaped; Latin script for text and read attributes only."""

import pytest

from reading.markup import render
from reading.scripts import latin_html
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
        ('<a href="/search/?q=саясат">саясат</a>', '<a href="/search/?q=саясат">saiasat</a>'),
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
