"""Each passage's rendered markup stored with it (the TEI paragraph and the reading site's HTML), built
again for the passages whose inputs changed."""

from ..editions.html import built_html, html_key, reading_content
from ..editions.tei.records import load
from ..editions.tei.stored import built_paragraph, serialized, tei_key
from ..models import Passage, PassageMarkup, Thesis

# Rows written at once: a thesis of many passages must not become one query with more parameters
# than SQLite allows.
WRITE_BATCH = 500
MARKUP_FIELDS = ["tei_key", "tei", "html_key", "html", "changes_html"]


def refresh_markup(thesis_ids, using: str) -> int:
    """Build and store again the markup of these theses' passages whose inputs changed since it was
    stored; how many were built."""
    built = 0
    for thesis_id in sorted(set(Thesis.objects.using(using).filter(pk__in=thesis_ids).values_list("pk", flat=True))):
        built += _refresh_thesis(thesis_id, using)
    return built


def _refresh_thesis(thesis_id: int, using: str) -> int:
    records = load(thesis_id)
    rows = []
    for passage in records.passages.values():
        passage.thesis = records.thesis
        row = _fresh_row(passage, records)
        if row is not None:
            rows.append(row)
    # Written over what is there in one statement: two editors saving passages of one thesis at once
    # may both find a third passage's markup stale, and a delete then an insert made the second a
    # duplicate key. Whichever row lands last carries the key of its inputs, which every read checks.
    PassageMarkup.objects.using(using).bulk_create(
        rows, batch_size=WRITE_BATCH, update_conflicts=True, unique_fields=["passage"], update_fields=MARKUP_FIELDS
    )
    return len(rows)


def _fresh_row(passage: Passage, records) -> PassageMarkup | None:
    """The passage's markup built again, or None when what is stored was built from its inputs now."""
    citations, mentions = records.citations_of(passage.pk), records.mentions_of(passage.pk)
    keys = tei_key(passage, records), html_key(passage, citations, mentions)
    stored = getattr(passage, "markup", None)
    if stored is not None and (stored.tei_key, stored.html_key) == keys:
        return None
    html = built_html(reading_content(passage, citations, mentions))
    tei = serialized(built_paragraph(passage, records))
    return PassageMarkup(
        passage=passage, tei_key=keys[0], tei=tei, html_key=keys[1], html=html.html, changes_html=html.changes_html
    )
