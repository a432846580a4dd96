"""A rendered page in the Kazakh Latin alphabet of 2021: its Kazakh text and the attributes people read
in it, and its links to the site's own pages, which keep the choice."""

import functools
import html as html_escapes
import re
from urllib.parse import parse_qs, urlsplit

from django.urls import Resolver404, resolve

from thesis.text.transliteration import LATIN, to_latin

TAG_RE = re.compile(r"(<[^>]*>)")
NAME_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
LANG_RE = re.compile(r'\slang="([^"]*)"')
HREF_RE = re.compile(r'(\shref=")([^"]*)(")')
ACTION_RE = re.compile(r'\saction="([^"]*)"')
READ_ATTRIBUTE_RE = re.compile(r'(\s(?:title|aria-label|alt|placeholder)=")([^"]*)(")')
KAZAKH = "kk"
# Elements that never hold text, so never close.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# The site's pages that take the script; the rest (robots.txt, sitemaps, the API) do not.
SCRIPTLESS = {"reading:robots", "reading:sitemap", "reading:sitemap-section"}
HIDDEN_SCRIPT = f'<input type="hidden" name="script" value="{LATIN}">'


def latin_html(page: str) -> str:
    """The page with its Kazakh text, and the attributes a reader sees or hears in it, transliterated.

    Latin script is a property of Kazakh text, not of the interface: text is Kazakh when the nearest
    `lang` around it is "kk" (text marked "kk-Cyrl", or Russian or English, stays as it is; a fragment
    without any `lang` is taken as Kazakh). Markup and values sent back (form values) are left as they
    are; what is Kazakh is marked as Kazakh in Latin script; and every link and search form leading to
    one of the site's pages carries the choice of script, so that it is kept as the reader moves on."""
    pieces = TAG_RE.split(page)
    # The languages of the open elements, innermost last: (element name, language).
    open_elements: list[tuple[str, str]] = []
    for index, piece in enumerate(pieces):
        if index % 2:
            pieces[index] = _latin_tag(piece, open_elements)
        elif piece.strip() and _language(open_elements) == KAZAKH:
            pieces[index] = to_latin(piece)
    return "".join(pieces)


def _language(open_elements: list[tuple[str, str]]) -> str:
    return open_elements[-1][1] if open_elements else KAZAKH


def _close(open_elements: list[tuple[str, str]], name: str) -> None:
    """Close the innermost open element called `name`, and any left open inside it."""
    for depth in range(len(open_elements) - 1, -1, -1):
        if open_elements[depth][0] == name:
            del open_elements[depth:]
            return


def _latin_tag(tag: str, open_elements: list[tuple[str, str]]) -> str:
    """The tag in Latin script, with the element it opens or closes followed in `open_elements`."""
    name = NAME_RE.match(tag)
    if not name:
        return tag
    name = name[1].lower()
    if tag.startswith("</"):
        _close(open_elements, name)
        return tag
    lang = LANG_RE.search(tag)
    language = lang[1] if lang else _language(open_elements)
    if name not in VOID and not tag.endswith("/>"):
        open_elements.append((name, language))
    if language == KAZAKH:
        tag = tag.replace(f' lang="{KAZAKH}"', f' lang="{KAZAKH}-Latn"')
        tag = READ_ATTRIBUTE_RE.sub(lambda m: m[1] + to_latin(m[2]) + m[3], tag)
    tag = HREF_RE.sub(lambda m: m[1] + latin_href(m[2]) + m[3], tag)
    if name == "form" and 'method="get"' in tag:
        action = ACTION_RE.search(tag)
        if action and takes_script(html_escapes.unescape(action[1])):
            tag += HIDDEN_SCRIPT
    return tag


def latin_href(href: str) -> str:
    """An (HTML-escaped) address with script=latn added when it leads to one of the site's pages that
    does not already name a script."""
    address = html_escapes.unescape(href)
    if not takes_script(address) or "script" in parse_qs(urlsplit(address).query):
        return href
    before, hash_mark, fragment = href.partition("#")
    joiner = "" if before.endswith("?") else "&amp;" if "?" in before else "?"
    return f"{before}{joiner}script={LATIN}{hash_mark}{fragment}"


def takes_script(address: str) -> bool:
    """Whether the address is a page of this site that can be read in either script: this page with
    another query, or a path the site's reading pages answer. A fragment on this page needs nothing, and
    an address with a host is left as written (a citation's permanent address names no script)."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not address or address.startswith("#"):
        return False
    return not parts.path or reading_path(parts.path)


@functools.lru_cache(maxsize=4096)
def reading_path(path: str) -> bool:
    if not path.startswith("/"):
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace == "reading" and match.view_name not in SCRIPTLESS
