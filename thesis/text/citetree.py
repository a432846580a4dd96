"""The citation tree of a thesis: section > subsection > paragraph, with identifiers such as 1.4.2.

One tree serves every format that cites into the text: the DTS navigation serves it, and the TEI
export numbers its divisions and paragraphs (`@n`) and declares its `citeStructure` from it, so a
client building the tree from either gets the same identifiers in the same order.

Each unit is numbered by its position among its parent's children, paragraphs and subsections
counted together in document order; the identifier joins the numbers from the top with ".". A
section's own paragraphs always come before its subsections, since a paragraph belongs to the last
heading above it, so document order is: the paragraphs, then each subsection in turn."""

from dataclasses import dataclass, field

SECTION = "section"
SUBSECTION = "subsection"
PARAGRAPH = "paragraph"
DELIMITER = "."


@dataclass(frozen=True)
class Division:
    """What the tree needs of a section: its id, its parent's id and its order in the thesis."""

    id: int
    parent_id: int | None
    order: int


@dataclass(frozen=True)
class Paragraph:
    """What the tree needs of a passage: its id, its section's id and its order in the thesis."""

    id: int
    section_id: int
    order: int


@dataclass
class Unit:
    """A citable unit: a division (`section` or `subsection`) or a `paragraph`."""

    identifier: str
    n: str
    level: int
    cite_type: str
    record_id: int
    parent: "Unit | None" = None
    children: list["Unit"] = field(default_factory=list)

    @property
    def is_paragraph(self) -> bool:
        return self.cite_type == PARAGRAPH


def build(divisions: list[Division], paragraphs: list[Paragraph]) -> list[Unit]:
    """The top-level units, each with its subtree, in document order."""
    child_divisions: dict[int | None, list[Division]] = {}
    for division in sorted(divisions, key=lambda d: d.order):
        child_divisions.setdefault(division.parent_id, []).append(division)
    own_paragraphs: dict[int, list[Paragraph]] = {}
    for paragraph in sorted(paragraphs, key=lambda p: p.order):
        own_paragraphs.setdefault(paragraph.section_id, []).append(paragraph)

    def division_units(parent: Unit | None, start: int) -> list[Unit]:
        units = []
        for position, division in enumerate(child_divisions.get(parent.record_id if parent else None, []), start):
            unit = _unit(parent, position, SUBSECTION if parent else SECTION, division.id)
            paragraph_units = [
                _unit(unit, number, PARAGRAPH, paragraph.id)
                for number, paragraph in enumerate(own_paragraphs.get(division.id, []), 1)
            ]
            unit.children = paragraph_units + division_units(unit, len(paragraph_units) + 1)
            units.append(unit)
        return units

    return division_units(None, 1)


def _unit(parent: Unit | None, position: int, cite_type: str, record_id: int) -> Unit:
    identifier = f"{parent.identifier}{DELIMITER}{position}" if parent else str(position)
    level = parent.level + 1 if parent else 1
    return Unit(identifier, str(position), level, cite_type, record_id, parent)


def walk(units: list[Unit]):
    """Every unit of `units` and their subtrees, in document order."""
    for unit in units:
        yield unit
        yield from walk(unit.children)


def depth(units: list[Unit], divisions_only: bool = False) -> int:
    """The deepest level of the tree, or of its divisions (not paragraphs); 0 for an empty one."""
    return max((unit.level for unit in walk(units) if not (divisions_only and unit.is_paragraph)), default=0)


def index(units: list[Unit]) -> dict[str, Unit]:
    """Every unit by its identifier."""
    return {unit.identifier: unit for unit in walk(units)}


def cite_structure(units: list[Unit]) -> list[dict]:
    """The tree's shape, as DTS `citeStructure` objects: a section holds paragraphs and, to the
    depth the thesis reaches, subsections that hold the same again."""

    def level(cite_type: str, remaining: int) -> dict:
        children = [{"citeType": PARAGRAPH}]
        if remaining > 1:
            children.append(level(SUBSECTION, remaining - 1))
        return {"citeType": cite_type, "citeStructure": children}

    deepest = depth(units, divisions_only=True)
    return [level(SECTION, deepest)] if deepest else []


def siblings(roots: list[Unit], unit: Unit) -> list[Unit]:
    """The unit and the others of its parent (the top level's for a top-level unit), in order."""
    return unit.parent.children if unit.parent else roots


def span(roots: list[Unit], start: Unit, end: Unit) -> list[Unit]:
    """Every unit from `start` to the last of `end`'s subtree, in document order; empty when `end`
    comes before `start`. Units are read whole: an ancestor of `end` met on the way is in the span
    (its heading lies between the two), one of `start` is not (it opens before the start)."""
    order = list(walk(roots))
    # By identity: units compare as dataclasses, field by field.
    position = {id(unit): number for number, unit in enumerate(order)}
    first, last = position[id(start)], position[id(end)]
    if last < first:
        return []
    return order[first : last + 1 + sum(1 for _ in walk(end.children))]


def to_depth(units, deepest: int | None) -> list[Unit]:
    """The units at or above level `deepest` (all of them when None), in their order."""
    return [unit for unit in units if deepest is None or unit.level <= deepest]
