"""A thesis as one TEI P5 document: its header, its text as the citation tree, and its sources and people."""

from lxml import etree

from .body import body
from .records import load
from .xml import E, with_lang

MEDIA_TYPE = "application/tei+xml"


def edition(thesis, base_url: str | None = None) -> etree._ElementTree:
    """The whole TEI document of a thesis (a Thesis or its id), in a fixed number of queries.

    `base_url` is the site's root (scheme and host); with it the edition's own address is absolute."""
    records = load(thesis)
    root = with_lang(E.TEI(E.teiHeader(), E.text(body(records))), records.thesis.language)
    return etree.ElementTree(root)


def serialize(tree: etree._ElementTree) -> bytes:
    """The document as UTF-8, with its XML declaration."""
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
