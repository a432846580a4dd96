"""A rendered page in the Kazakh Latin alphabet of 2021: its Kazakh text and the attributes people read
in it, and its links to the site's own pages, which keep the choice."""

import re

from thesis.text.transliteration import LATIN, to_latin

from .links import SCRIPT, kept_tag

TAG_RE = re.compile(r"(<[^>]*>)")
NAME_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
LANG_RE = re.compile(r'\slang="([^"]*)"')
READ_ATTRIBUTE_RE = re.compile(r'(\s(?:title|aria-label|alt|placeholder)=")([^"]*)(")')
KAZAKH = "kk"
# Elements that never hold text, so never close.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def latin_html(page: str, choices: dict[str, str] | None = None) -> str:
    """The page with its Kazakh text, and the attributes a reader sees or hears in it, transliterated.

    Latin script is a property of Kazakh text, not of the interface: text is Kazakh when the nearest
    `lang` around it is "kk" (text marked "kk-Cyrl", or Russian or English, stays as it is; a fragment
    without any `lang` is taken as Kazakh). Markup and values sent back (form values) are left as they
    are; what is Kazakh is marked as Kazakh in Latin script; and every link and search form leading to
    one of the site's pages carries the choice of script (and the reader's other `choices`), so that it
    is kept as the reader moves on."""
    choices = {SCRIPT: LATIN, **(choices or {})}
    pieces = TAG_RE.split(page)
    # The languages of the open elements, innermost last: (element name, language).
    open_elements: list[tuple[str, str]] = []
    for index, piece in enumerate(pieces):
        if index % 2:
            pieces[index] = _latin_tag(piece, open_elements, choices)
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


def _latin_tag(tag: str, open_elements: list[tuple[str, str]], choices: dict[str, str]) -> str:
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
    return kept_tag(tag, choices)
