"""The readings an edition holds, rebuilt from its paragraphs by taking one side of every choice."""

from lxml import etree

from .xml import TEI_NS, XML_ID, tei

ORIGINAL = frozenset({"sic", "orig"})
CURRENT = frozenset({"corr", "reg"})
DERIVED = frozenset({"sic", "reg"})


def reading(tree, sides: frozenset[str]) -> dict[str, str]:
    """Each paragraph's text by its xml:id, every choice read from its child named in `sides`;
    a line break (`lb`) reads as one, and a page beginning (`pb`) as the form feed it stands for."""
    return {p.get(XML_ID): text_of(p, sides) for p in tree.iter(tei("p")) if p.get(XML_ID)}


def original_reading(tree) -> dict[str, str]:
    """The transcription byte for byte: every `sic` and `orig`."""
    return reading(tree, ORIGINAL)


def current_reading(tree) -> dict[str, str]:
    """The current text: every `corr` and `reg`."""
    return reading(tree, CURRENT)


def text_of(element, sides: frozenset[str]) -> str:
    """One element's text (a paragraph's, a heading's), every choice in it read from `sides`."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            pieces.append(_child_text(child, sides))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _child_text(child, sides: frozenset[str]) -> str:
    name = etree.QName(child).localname
    if name == "lb":
        return "\v" if child.get("type") == "vertical-tab" else "\n"
    if name == "pb":
        return "\f"
    if name == "choice":
        chosen = [option for option in child if etree.QName(option).localname in sides]
        return "".join(text_of(option, sides) for option in chosen)
    return text_of(child, sides) if etree.QName(child).namespace == TEI_NS else ""
