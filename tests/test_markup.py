"""Each passage's stored markup (thesis/derived/markup.py): built as a change is derived, read back by the
TEI, DTS and the reading site, and never served once the passage or what it links to changed."""

import pytest
from django.core.management import call_command
from lxml import etree

from thesis.derived import changes
from thesis.derived.markup import refresh_markup
from thesis.editions.html import built_html, html_key, reading_content
from thesis.editions.tei import edition, serialize
from thesis.editions.tei.records import load
from thesis.editions.tei.stored import built_paragraph, serialized, tei_key
from thesis.editorial.editing import save_passage
from thesis.models import Author, Citation, Mention, Passage, PassageMarkup, Source, TimelineEvent

from .conftest import synthetic_thesis

DTS_DOCUMENT = "/api/dts/document/"


def documents(client, thesis, passage) -> dict[str, str]:
    """The thesis's TEI, its DTS document, its whole page and the passage's page, as text."""
    addresses = {
        "tei": f"/api/theses/{thesis.pk}/tei.xml",
        "dts": f"{DTS_DOCUMENT}?resource=thesis/{thesis.pk}",
        "thesis_page": f"/theses/{thesis.pk}/?section=all",
        "passage_page": f"/theses/{thesis.pk}/passages/{passage.order}/",
    }
    found = {}
    for name, address in addresses.items():
        response = client.get(address)
        assert response.status_code == 200, name
        found[name] = response.content.decode()
    return found


def built_now(thesis_id: int) -> dict[int, tuple]:
    """Each passage's keys and markup as built from its inputs now, by passage id."""
    records = load(thesis_id)
    made = {}
    for passage in records.passages.values():
        passage.thesis = records.thesis
        citations, mentions = records.citations_of(passage.pk), records.mentions_of(passage.pk)
        html = built_html(reading_content(passage, citations, mentions))
        made[passage.pk] = (
            tei_key(passage, records),
            serialized(built_paragraph(passage, records)),
            html_key(passage, citations, mentions),
            html.html,
            html.changes_html,
        )
    return made


def stored(thesis_id: int) -> dict[int, tuple]:
    rows = PassageMarkup.objects.filter(passage__thesis_id=thesis_id)
    return {row.pk: (row.tei_key, row.tei, row.html_key, row.html, row.changes_html) for row in rows}


def cited_passage(thesis) -> Passage:
    citation = Citation.objects.filter(passage__thesis=thesis).select_related("passage").order_by("pk").first()
    return citation.passage


def test_an_imported_thesis_has_every_passage_s_markup_stored_as_built_from_its_inputs(seed_thesis):
    assert stored(seed_thesis.pk) == built_now(seed_thesis.pk)
    assert len(stored(seed_thesis.pk)) == seed_thesis.passages.count()


def test_the_edition_is_the_same_read_from_stored_markup_or_built_on_the_read(seed_thesis):
    from_stored = serialize(edition(seed_thesis))
    PassageMarkup.objects.all().delete()
    assert serialize(edition(seed_thesis)) == from_stored
    refresh_markup([seed_thesis.pk], "default")
    assert serialize(edition(seed_thesis)) == from_stored


def test_an_edited_passage_s_markup_is_built_again_and_every_document_shows_it(client, seed_thesis, editor):
    passage = cited_passage(seed_thesis)
    before = documents(client, seed_thesis, passage)
    assert "Жаңасөзбелгісі" not in before["tei"]
    text = f"{passage.text} Жаңасөзбелгісі"
    save_passage(passage.pk, text=text, expected_version=passage.version, user=editor, reason="Қосылды")
    assert PassageMarkup.objects.get(pk=passage.pk).tei.count("Жаңасөзбелгісі") == 1
    assert stored(seed_thesis.pk) == built_now(seed_thesis.pk)
    after = documents(client, seed_thesis, passage)
    for name, page in after.items():
        assert "Жаңасөзбелгісі" in page, name
    # The correction names its editor in the TEI, which only the new version's history says.
    assert f'resp="#editor-{editor.pk}"' in after["tei"]


def test_a_renumbered_source_changes_the_citations_of_every_passage_citing_it(client, seed_thesis):
    passage = cited_passage(seed_thesis)
    source = Citation.objects.filter(passage=passage).first().source
    assert not Source.objects.filter(thesis=seed_thesis, number=9999).exists()
    with changes.atomic():
        source.number = 9999
        source.save()
    assert "#source-9999" in PassageMarkup.objects.get(pk=passage.pk).tei
    assert stored(seed_thesis.pk) == built_now(seed_thesis.pk)
    found = documents(client, seed_thesis, passage)
    assert 'target="#source-9999' in found["tei"] and 'target="#source-9999' in found["dts"]


def test_a_person_deleted_is_no_longer_marked_where_the_passages_named_them(client, seed_thesis):
    mention = Mention.objects.filter(passage__thesis=seed_thesis).select_related("passage").order_by("pk").first()
    person, passage = mention.author_id, mention.passage
    assert f'ref="#person-{person}"' in PassageMarkup.objects.get(pk=passage.pk).tei
    before = documents(client, seed_thesis, passage)
    assert f"/people/{person}/" in before["passage_page"]
    with changes.atomic():
        Author.objects.get(pk=person).delete()
    assert f'ref="#person-{person}"' not in PassageMarkup.objects.get(pk=passage.pk).tei
    assert stored(seed_thesis.pk) == built_now(seed_thesis.pk)
    after = documents(client, seed_thesis, passage)
    for name in ("tei", "dts"):
        assert f'ref="#person-{person}"' not in after[name], name
    for name in ("thesis_page", "passage_page"):
        assert f"/people/{person}/" not in after[name], name


def test_an_event_s_changed_date_is_marked_as_it_now_reads(seed_thesis):
    event = TimelineEvent.objects.filter(thesis=seed_thesis, passage__isnull=False).exclude(date_display="").first()
    if event is None:
        pytest.skip("the seed has no dated event tied to a passage")
    with changes.atomic():
        event.basis = TimelineEvent.Basis.INFERRED
        event.save()
    assert 'evidence="conjecture"' in PassageMarkup.objects.get(pk=event.passage_id).tei
    assert stored(seed_thesis.pk) == built_now(seed_thesis.pk)


def test_markup_stale_against_a_write_that_sent_no_signal_is_built_again_on_the_read(client, seed_thesis):
    passage = cited_passage(seed_thesis)
    source = Citation.objects.filter(passage=passage).first().source
    # Written past the signals, as a bulk writer would: the stored rows keep what they were built from.
    Passage.objects.filter(pk=passage.pk).update(text=f"{passage.text} Белгісізсөз")
    Source.objects.filter(pk=source.pk).update(number=8888)
    PassageMarkup.objects.filter(pk=passage.pk).update(html="ескі", changes_html="ескі")
    found = documents(client, seed_thesis, Passage.objects.get(pk=passage.pk))
    assert 'target="#source-8888' in found["tei"] and 'target="#source-8888' in found["dts"]
    for name, page in found.items():
        assert "Белгісізсөз" in page, name
        assert "ескі" not in page, name
    call_command("refresh_markup", verbosity=0)
    assert stored(seed_thesis.pk) == built_now(seed_thesis.pk)


def test_a_stored_paragraph_reads_back_as_the_element_it_was_built_as(seed_thesis):
    records = load(seed_thesis.pk)
    for passage in records.passages.values():
        row = PassageMarkup.objects.get(pk=passage.pk)
        assert etree.tostring(etree.fromstring(row.tei)) == etree.tostring(built_paragraph(passage, records))


@pytest.mark.django_db
def test_a_generated_thesis_is_written_with_its_markup_stored():
    thesis = synthetic_thesis(12, events=3)
    assert PassageMarkup.objects.filter(passage__thesis=thesis).count() == thesis.passages.count() == 12
    assert refresh_markup([thesis.pk], "default") == 0  # nothing stored was stale
