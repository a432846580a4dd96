"""A passage as the reading site shows it: its inline content (thesis.text.inline nodes) with links to the
site's pages, as HTML, the reading text or its changes marked; and that HTML as stored, with the key of
what it was made from."""

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ..models import Passage
from ..text.corrections import CITATION, DATE, NAME, inline_content
from ..text.dates import DateMention, century_of, find_dates
from ..text.inline import Node, Span, element

LINK_ATTRIBUTES = ("href", "class")
# Stored in the place of a correction's title, which names the reader's language's words: no escaped
# text holds a double quote, so nothing else reads as it.
NOTE_SLOT = 'title="\x1e"'


def render(content: list, changes: bool = False, note: str = "") -> SafeString:
    """The reading text with its links; with `changes`, each correction as <del> (the words before) and
    <ins> (the words now), both focusable and titled with `note` (who changed them and why)."""
    return mark_safe("".join(_html(item, changes, note, in_link=False) for item in content))


def _html(item, changes: bool, note: str, in_link: bool) -> str:
    if isinstance(item, str):
        return escape(item)
    if item.tag == "lb":
        return "<br>"  # a line the text keeps as its own: verse, a list
    inner = _inner_renderer(changes, note, in_link or item.tag == "a")
    if item.tag == "choice":
        return _choice(item, changes, note, inner)
    if item.tag == "a" and not in_link:
        attributes = format_html_join(
            "", ' {}="{}"', ((n, item.attrib[n]) for n in LINK_ATTRIBUTES if n in item.attrib)
        )
        return f"<a{attributes}>{inner(item.children)}</a>"
    return inner(item.children)


def _inner_renderer(changes: bool, note: str, in_link: bool):
    return lambda children: "".join(_html(child, changes, note, in_link) for child in children)


def _choice(node: Node, changes: bool, note: str, inner) -> str:
    first, second = node.children
    if first.tag == "orig":
        # A line break of the transcription and what the reading text puts for it.
        return inner(second.children)
    before, after = inner(first.children), inner(second.children)
    if not changes:
        return after
    title = escape(note)
    marked = f'<del tabindex="0" title="{title}">{before}</del>' if before else ""
    return marked + (f'<ins tabindex="0" title="{title}">{after}</ins>' if after else "")


# Links inside a passage ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _url(name: str, pk: int | None, prefix: str) -> str:
    return reverse(name, args=[] if pk is None else [pk])


def page_url(name: str, pk: int | None = None) -> str:
    """The address of one of the site's pages by its route's name; a passage links many times to the
    same few pages, so each address is reversed once (per script prefix, which reverse() adds)."""
    return _url(name, pk, get_script_prefix())


def timeline_query(date: DateMention) -> str:
    """The timeline's filter for a date printed in the text: its year, its century, or its range of years."""
    first, last = date.begin.year, date.finish.year
    if date.precision == "century":
        return (
            f"century={century_of(first)}"
            if century_of(first) == century_of(last)
            else f"year_from={first}&year_to={last}"
        )
    return f"year={first}" if first == last else f"year_from={first}&year_to={last}"


def link_spans(passage: Passage, citations=None, mentions=None) -> list[Span]:
    """Citation markers to their source, names to their person, printed dates to the timeline; the
    passage's `citations` and `mentions` when already read, or else its own. A marker citing several
    sources links to the first: links cannot nest, and the passage's page lists every one."""
    markers = {}
    for c in passage.citations.all() if citations is None else citations:
        markers.setdefault((c.marker_start, c.marker_end), c.source_id)
    spans = [
        Span(
            start, end, element("a", href=page_url("reading:source", source), **{"class": "citation-marker"}), CITATION
        )
        for (start, end), source in markers.items()
    ]
    spans += [
        Span(m.start, m.end, element("a", href=page_url("reading:person", m.author_id), **{"class": "person"}), NAME)
        for m in (passage.mentions.all() if mentions is None else mentions)
    ]
    spans += [
        Span(
            d.start,
            d.end,
            element("a", href=f"{page_url('reading:timeline')}?{timeline_query(d)}", **{"class": "date"}),
            DATE,
        )
        for d in find_dates(passage.text)
    ]
    return spans


def reading_content(passage: Passage, citations=None, mentions=None) -> list:
    """The passage's current text as inline content: corrections as choices of sic and corr, and its
    links (from `citations` and `mentions` when already read)."""
    spans = link_spans(passage, citations, mentions)
    return inline_content(passage.original_text, passage.text, spans, layout=passage.thesis.line_breaks)


# The HTML as stored ---------------------------------------------------------------------------------


@dataclass
class StoredHTML:
    """A passage's HTML as stored: the reading text, and its changes with the title of each left open."""

    html: str
    changes_html: str

    def shown(self, changes: bool, note: str) -> SafeString:
        if not changes:
            return mark_safe(self.html)
        return mark_safe(self.changes_html.replace(NOTE_SLOT, f'title="{escape(note)}"'))


def html_key(passage: Passage, citations, mentions) -> str:
    """What the passage's HTML is made of, as a digest: its texts, its line breaks' reading, the links
    it marks and the site's address prefix its links begin with."""
    links = (
        passage.thesis.line_breaks,
        get_script_prefix(),
        [(c.marker_start, c.marker_end, c.source_id) for c in citations],
        [(m.start, m.end, m.author_id) for m in mentions],
    )
    return digest(passage.original_text, passage.text, links)


def digest(original: str, text: str, rest: tuple) -> str:
    """A digest of a passage's two texts and the rest of what its markup is made of. The texts are
    hashed as they are encoded, not through repr(), which costs as much as building the markup."""
    hashed = hashlib.sha256(original.encode())
    hashed.update(b"\0")
    hashed.update(text.encode())
    hashed.update(b"\0")
    hashed.update(repr(rest).encode())
    return hashed.hexdigest()


def built_html(content: list) -> StoredHTML:
    """The HTML to store of a passage's inline content."""
    changes = render(content, changes=True, note="\x1e")
    return StoredHTML(str(render(content)), str(changes))


def stored_html(passage: Passage, citations, mentions) -> StoredHTML | None:
    """The passage's HTML as stored (read with it, as `passage.markup`), if it was built from what the
    passage shows now: its texts and the `citations` and `mentions` read with it; None if it was not."""
    stored = getattr(passage, "markup", None)
    if stored is not None and stored.html_key == html_key(passage, citations, mentions):
        return StoredHTML(stored.html, stored.changes_html)
    return None
