"""A whole rendered page in the Kazakh Latin alphabet of 2021: its text and the attributes people read."""

import re

from thesis.text.transliteration import to_latin

TAG_RE = re.compile(r"(<[^>]*>)")
READ_ATTRIBUTE_RE = re.compile(r'(\s(?:title|aria-label|alt|placeholder)=")([^"]*)(")')
KAZAKH_LANG = ' lang="kk"'
# Marked as Cyrillic on purpose (the link back to the Cyrillic page names itself in its own script).
CYRILLIC_LANG = 'lang="kk-Cyrl"'


def latin_html(html: str) -> str:
    """The page with the text between tags, and the attributes a reader sees or hears, transliterated;
    markup, addresses and values that are sent back (links, form values) left as they are; what was
    marked as Kazakh is marked as Kazakh in Latin script, and text marked as Cyrillic stays Cyrillic."""
    pieces = TAG_RE.split(html)
    for index, piece in enumerate(pieces):
        if index % 2:
            piece = piece.replace(KAZAKH_LANG, ' lang="kk-Latn"')
            pieces[index] = READ_ATTRIBUTE_RE.sub(lambda m: m[1] + to_latin(m[2]) + m[3], piece)
        elif piece.strip() and not (index and CYRILLIC_LANG in pieces[index - 1]):
            pieces[index] = to_latin(piece)
    return "".join(pieces)
