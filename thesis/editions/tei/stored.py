"""A paragraph's TEI as stored with its passage: read back when it was built from what the passage shows
now, built again when it was not."""

from lxml import etree

from ...models import Passage
from ..html import digest
from .passage import paragraph_content
from .records import Records
from .xml import E, append_content


def tei_key(passage: Passage, records: Records) -> str:
    """What the passage's paragraph is made of, as a digest: its texts, its line breaks' reading, who
    corrected it, and the citations (with their sources' numbers), names and dated events it marks."""
    links = (
        records.thesis.line_breaks,
        records.responsible(f"p-{passage.pk}"),
        [(c.marker_start, c.marker_end, c.source_number, c.locator) for c in records.citations_of(passage.pk)],
        [(m.start, m.end, m.author_id) for m in records.mentions_of(passage.pk)],
        [
            (e.pk, e.date_display, e.start_year, e.start_month, e.start_day)
            + (e.end_year, e.end_month, e.end_day, e.precision, e.basis)
            for e in records.events_of(passage.pk)
        ],
    )
    return digest(passage.original_text, passage.text, links)


def built_paragraph(passage: Passage, records: Records):
    """The passage's paragraph, a TEI `p` without its @n and xml:id, built now."""
    paragraph = E.p()
    append_content(paragraph, paragraph_content(passage, records))
    return paragraph


def serialized(paragraph) -> str:
    """The paragraph as it is stored."""
    return etree.tostring(paragraph, encoding="unicode")


def paragraphs(records: Records) -> dict:
    """Each passage's paragraph (a TEI `p` without its @n and xml:id), by passage id: as stored (read
    with it, as `passage.markup`) when its key is still the passage's, built now when it is not. The
    stored ones are parsed in one document: a parse each cost a fifth more."""
    fresh, made = [], {}
    for passage in records.passages.values():
        stored = getattr(passage, "markup", None)
        if stored is not None and stored.tei_key == tei_key(passage, records):
            fresh.append((passage.pk, stored.tei))
        else:
            made[passage.pk] = built_paragraph(passage, records)
    if fresh:
        together = etree.fromstring(f"<all>{''.join(tei for _, tei in fresh)}</all>")
        made.update(zip((pk for pk, _ in fresh), together, strict=True))
    return made
