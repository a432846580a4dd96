"""A thesis as simple Dublin Core (oai_dc): the mapping from its record, and the XML of it."""

from dataclasses import dataclass

from lxml.etree import SubElement

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
# The OAI_DC schema's order of elements.
ELEMENTS = (
    "title creator subject description publisher contributor date type format identifier "
    "source language relation coverage rights"
).split()
# The kinds as the info:eu-repo vocabulary of publication types that aggregators read; a diploma
# work is a first degree's final work.
TYPES = {
    "diploma": "info:eu-repo/semantics/bachelorThesis",
    "master": "info:eu-repo/semantics/masterThesis",
    "doctoral": "info:eu-repo/semantics/doctoralThesis",
    "article": "info:eu-repo/semantics/article",
}
DCMI_TEXT = "Text"


@dataclass(frozen=True)
class Links:
    """A thesis's addresses: its reading page, its API record, its TEI edition and its plain text."""

    reading: str
    api: str
    tei: str
    text: str


@dataclass(frozen=True)
class Element:
    name: str
    value: str
    language: str | None = None


def elements(thesis, links: Links, publisher: str, rights: str) -> list[Element]:
    """The Dublin Core of a thesis, in the schema's order: its authors and supervisor where its title
    page or curation names them (the seed, a fragment without one, names neither), its keywords as
    subjects, its abstract and its notes on the title and on completeness as descriptions, and the
    year it was written, else the day the archive published it."""
    names = [name for name in thesis.author_names if isinstance(name, str)]
    terms = [term for term in thesis.keywords if isinstance(term, str)]
    found = [
        Element("title", thesis.title, thesis.language),
        *(Element("creator", name) for name in names),
        *(Element("subject", term) for term in terms),
        Element("description", thesis.abstract),
        *_notes(thesis, "title_note"),
        *_notes(thesis, "completeness_note"),
        Element("publisher", publisher),
        Element("contributor", thesis.supervisor),
        Element("date", str(thesis.year) if thesis.year else thesis.created_at.date().isoformat()),
        Element("type", TYPES.get(thesis.kind, DCMI_TEXT)),
        Element("type", DCMI_TEXT),
        Element("format", "text/html"),
        Element("format", "application/tei+xml"),
        Element("format", "text/plain"),
        *(Element("identifier", address) for address in (links.reading, links.api, links.tei, links.text)),
        Element("language", thesis.language),
        Element("rights", rights) if rights else None,
    ]
    return [element for element in found if element is not None and element.value]


def _notes(thesis, field: str) -> list[Element]:
    """A note as descriptions: the Kazakh one and its English, each marked with its language."""
    return [
        Element("description", getattr(thesis, field), "kk"),
        Element("description", getattr(thesis, f"{field}_en"), "en"),
    ]


def write(parent, found: list[Element]) -> None:
    """Append the oai_dc:dc of these elements to `parent` (the record's metadata element)."""
    dc = SubElement(parent, f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    dc.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    for element in sorted(found, key=lambda element: ELEMENTS.index(element.name)):
        child = SubElement(dc, f"{{{DC_NS}}}{element.name}")
        child.text = element.value
        if element.language:
            child.set(XML_LANG, element.language)
