"""The TEI namespace, an element maker for it, and inline nodes turned into its elements."""

import re

from lxml import etree
from lxml.builder import ElementMaker

from ...text.inline import Node

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


def tei(tag: str) -> str:
    """A TEI element's qualified name."""
    return f"{{{TEI_NS}}}{tag}"


def with_id(element, identifier: str):
    element.set(XML_ID, identifier)
    return element


def with_lang(element, language: str):
    element.set(XML_LANG, language)
    return element


# The two controls a text may hold that XML 1.0 cannot, even escaped: a form feed, which a PDF's
# conversion puts at each page's end, is a page beginning; a vertical tab, Word's line break inside a
# paragraph, a line beginning of its own type. readings.py reads each back as the character.
XML_FORBIDDEN = re.compile("([\f\v])")
FORBIDDEN_AS = {"\f": Node("pb"), "\v": Node("lb", {"type": "vertical-tab"})}


def append_content(parent, content: list) -> None:
    """Append strings and inline nodes to `parent` as its mixed content."""
    # The last child is kept at hand: lxml counts an element's children one by one, so asking for
    # it on every string would cost as many steps as the paragraph has elements.
    last = parent[-1] if len(parent) else None
    for piece in content:
        if isinstance(piece, Node):
            last = etree.SubElement(parent, tei(piece.tag), {_name(k): v for k, v in piece.attrib.items()})
            append_content(last, piece.children)
        elif "\f" in piece or "\v" in piece:
            append_content(parent, [FORBIDDEN_AS.get(part, part) for part in XML_FORBIDDEN.split(piece) if part])
            last = parent[-1] if len(parent) else None
        elif last is not None:
            last.tail = (last.tail or "") + piece
        else:
            parent.text = (parent.text or "") + piece


def _name(attribute: str) -> str:
    # xml:id, xml:space: the XML namespace's attributes, which lxml names by the namespace itself.
    prefix, _, local = attribute.partition(":")
    return f"{{{XML_NS}}}{local}" if prefix == "xml" and local else attribute


def optional(tag: str, value, **attrib):
    """An element holding `value`, or None when the value is empty."""
    if value in (None, ""):
        return None
    return E(tag, str(value), **attrib)


def present(*children) -> list:
    """The children that exist, for an element maker call."""
    return [child for child in children if child is not None]


def note_in(text: str, language: str, **attributes):
    """A TEI note marked with the language it is written in (never left to inherit the document's),
    or None for a note not written."""
    return with_lang(E.note(text, **attributes), language) if text else None


def notes_in_languages(record, field: str, **attributes) -> list:
    """A record's note as a TEI note in Kazakh and one in English (the field ending in _en), each marked
    with its language; none for a note not written."""
    texts = ((getattr(record, field), "kk"), (getattr(record, f"{field}_en"), "en"))
    return present(*(note_in(text, language, **attributes) for text, language in texts))
