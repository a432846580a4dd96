"""What the DTS document endpoint sends: the reading text of a part of a thesis, and the TEI
elements of a part, wrapped in a dts:wrapper inside the edition."""

from copy import deepcopy

from lxml import etree

from ..models import Passage, Section
from ..text.citetree import Unit, walk
from .export import heading_line

TEI_NS = "http://www.tei-c.org/ns/1.0"
DTS_NS = "https://w3id.org/api/dts#"
UNIT_TAGS = {f"{{{TEI_NS}}}div", f"{{{TEI_NS}}}p"}


def part_text(units: list[Unit]) -> str:
    """The reading text of these units, in their order: each heading and paragraph on its own line,
    as the whole text is written (editions.export.current_text)."""
    sections = Section.objects.filter(pk__in=[u.record_id for u in units if not u.is_paragraph])
    headings = {section.pk: heading_line(section) for section in sections}
    passages = Passage.objects.filter(pk__in=[u.record_id for u in units if u.is_paragraph])
    texts = dict(passages.values_list("pk", "text"))
    blocks = [texts[unit.record_id] if unit.is_paragraph else headings[unit.record_id] for unit in units]
    return "\n\n".join(block for block in blocks if block) + "\n"


def is_unit(element) -> bool:
    """Whether an element of the edition's body is a citable unit: a div or p numbered by @n."""
    return element.tag in UNIT_TAGS and element.get("n") is not None


def element_of(body, unit: Unit):
    """The unit's element, found by walking @n down from the body: 1.4.2 is the n="2" inside the
    n="4" inside the n="1"."""
    path = []
    while unit is not None:
        path.append(unit.n)
        unit = unit.parent
    element = body
    for n in reversed(path):
        element = next(child for child in element if is_unit(child) and child.get("n") == n)
    return element


def fragment(body, units: list[Unit]) -> list:
    """Copies of the elements that hold these units (a ref's subtree, or a span in document order):
    each unit whose subtree is all chosen, whole; a unit only part of which is chosen (an ancestor of
    a range's end, whose heading lies inside the range) as its own heading and its chosen parts."""
    chosen = {id(unit) for unit in units}

    def copied(unit: Unit):
        element = element_of(body, unit)
        if all(id(part) in chosen for part in walk(unit.children)):
            return deepcopy(element)
        shell = etree.Element(element.tag, dict(element.attrib))
        shell.extend(deepcopy(child) for child in element if not is_unit(child))
        shell.extend(copied(child) for child in unit.children if id(child) in chosen)
        return shell

    return [copied(unit) for unit in units if unit.parent is None or id(unit.parent) not in chosen]


def wrapped(edition, units: list[Unit]):
    """The edition with its body holding only a dts:wrapper around the units' elements: the header
    stays, so that the part says what it is part of."""
    body = edition.getroot().find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    elements = fragment(body, units)
    for child in list(body):
        body.remove(child)
    body.text = None
    wrapper = etree.SubElement(body, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS})
    wrapper.extend(elements)
    return edition
