"""The edition's text: the citation tree as nested divisions and paragraphs, headed and numbered.

A heading is corrected as a paragraph is: its words as transcribed in `sic`, as they read now in `corr`."""

from thesis.editions.export import heading_line

from ...text.citetree import PARAGRAPH, Unit
from .passage import inline_content
from .records import Records
from .stored import paragraphs
from .xml import E, append_content, with_id


def body(records: Records):
    """TEI/text/body: a `div` per division and a `p` per paragraph, each `@n` its unit's number, in
    the citation tree's order (a division's paragraphs, then its subsections)."""
    made = paragraphs(records)
    return E.body(*(_division(unit, records, made) for unit in records.tree))


def _division(unit: Unit, records: Records, made: dict):
    section = records.sections[unit.record_id]
    division = with_id(E.div(type=unit.cite_type, subtype=section.kind, n=unit.n), f"div-{section.pk}")
    if section.heading_original or heading_line(section):
        division.append(_head(section, records))
    for child in unit.children:
        division.append(_paragraph(child, made) if child.cite_type == PARAGRAPH else _division(child, records, made))
    return division


def _head(section, records: Records):
    """The heading as it reads now, with the editors' corrections of the heading as transcribed."""
    head = E.head()
    content = inline_content(
        section.heading_original,
        heading_line(section),
        [],
        records.responsible(f"div-{section.pk}"),
        records.thesis.line_breaks,
    )
    append_content(head, content)
    return head


def _paragraph(unit: Unit, made: dict):
    paragraph = made[unit.record_id]
    paragraph.set("n", unit.n)
    return with_id(paragraph, f"p-{unit.record_id}")
