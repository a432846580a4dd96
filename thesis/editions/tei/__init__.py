"""A thesis as one TEI P5 document: its header, its text as the citation tree, and its sources and people."""

from datetime import datetime

from lxml import etree

from .back import back
from .body import body
from .header import header
from .readings import CURRENT, DERIVED, ORIGINAL, current_reading, original_reading, reading, text_of
from .records import load, load_headers
from .xml import XML_ID, E, present, tei, with_lang

__all__ = [
    "MEDIA_TYPE",
    "edition",
    "headers",
    "serialize",
    "last_changed",
    "original_reading",
    "current_reading",
    "reading",
]
__all__ += ["ORIGINAL", "DERIVED", "CURRENT", "text_of"]

MEDIA_TYPE = "application/tei+xml"


def edition(thesis, base_url: str | None = None) -> etree._ElementTree:
    """The whole TEI document of a thesis (a Thesis or its id), in a fixed number of queries.

    `base_url` is the site's root (scheme and host); with it the edition's own address is absolute."""
    records = load(thesis)
    text = E.text(body(records), *present(back(records)))
    targets = {element.get(XML_ID) for element in text.iter() if element.get(XML_ID)}
    root = with_lang(E.TEI(header(records, base_url, targets), text), records.thesis.language)
    return etree.ElementTree(root)


def headers(theses: list, base_url: str | None = None) -> dict:
    """The teiHeader of each of these theses (read with their source documents), by id, in a fixed
    number of queries whatever their number: each the header of its edition, standing alone."""
    # Alone, the header holds none of the elements a change may point at.
    return {
        records.thesis.pk: with_lang(header(records, base_url, set()), records.thesis.language)
        for records in load_headers(theses)
    }


def serialize(tree: etree._ElementTree) -> bytes:
    """The document as UTF-8, with its XML declaration."""
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True)


def last_changed(tree: etree._ElementTree) -> datetime | None:
    """When the edition last changed: its newest recorded change (the revisionDesc lists them newest first)."""
    newest = tree.find(f"{tei('teiHeader')}/{tei('revisionDesc')}/{tei('change')}")
    return None if newest is None else datetime.fromisoformat(newest.get("when"))
