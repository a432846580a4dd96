"""Citations and mentions follow a passage's text whenever it changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.derived import changes
from thesis.derived.derivation import find_mentions
from thesis.ingest.importer import import_bytes
from thesis.models import Author, AuthorAlias, Mention, Source

pytestmark = pytest.mark.django_db


def test_citations_are_derived_again_when_the_text_changes(seed_thesis):
    passage = seed_thesis.passages.get(order=1)
    assert [c.source.number for c in passage.citations.all()] == [23]
    passage.text = passage.text.replace("[23]", "[24]")
    passage.save()
    [citation] = passage.citations.all()
    assert citation.source.number == 24
    assert citation.sentence.endswith("санаулы-ақ жылдар қажет.")
    new_source = Source.objects.get(thesis=seed_thesis, number=24)
    assert new_source.status == "needs_data"
    assert new_source.history.first().history_change_reason == "Cited as [24] in the text"
    assert not Source.objects.get(thesis=seed_thesis, number=23).citations.exists()


def test_each_source_of_a_marker_is_a_citation_with_its_locator(seed_thesis):
    passage = seed_thesis.passages.get(order=1)
    passage.text = passage.text.replace("[23]", "[23, 25 б.; 24; 30-31]")
    passage.save()
    citations = list(passage.citations.order_by("order"))
    assert [(c.source.number, c.locator) for c in citations] == [(23, "25 б."), (24, None)] + [
        (n, None) for n in range(30, 32)
    ]
    assert len({(c.marker_start, c.marker_end, c.sentence) for c in citations}) == 1
    assert passage.text[citations[0].marker_start : citations[0].marker_end] == "[23, 25 б.; 24; 30-31]"
    assert citations[0].sentence.endswith("санаулы-ақ жылдар қажет.")
    passage.text = passage.text.replace("[23, 25 б.; 24; 30-31]", "[23]")
    passage.save()
    assert [(c.source.number, c.locator) for c in passage.citations.all()] == [(23, None)]


def test_a_corrected_sentence_is_the_one_cited(seed_thesis):
    passage = seed_thesis.passages.get(order=10)
    passage.text = passage.text.replace("қауіпсіздіздігі", "қауіпсіздігі")
    passage.save()
    [citation] = passage.citations.all()
    assert "басқалардың қауіпсіздігі есебінен" in citation.sentence


def test_mentions_are_derived_again(seed_thesis):
    passage = seed_thesis.passages.get(order=8)
    before = passage.mentions.filter(author__family_name="Назарбаев").count()
    passage.text += " Н.Ә.Назарбаев тағы да."
    passage.save()
    assert passage.mentions.filter(author__family_name="Назарбаев").count() == before + 1
    passage.text = passage.text.replace("Генри Уоттен", "Уоттен")
    passage.save()
    assert not passage.mentions.filter(author__family_name="Уоттен").exists()


def people_read_while_importing(paragraphs: int, monkeypatch) -> int:
    """How often an import of `paragraphs` paragraphs, each naming someone, reads the thesis's people."""
    monkeypatch.setattr(changes, "DERIVE_BATCH", 7)  # several batches, as a long thesis has
    text = "КІРІСПЕ\n" + "".join(f"  А.Б.Сейтов {n} [1] айтты.\n" for n in range(paragraphs))
    with CaptureQueriesContext(connection) as queries:
        thesis = import_bytes(text.encode(), f"t{paragraphs}.txt", use_curation=False).thesis
    assert Mention.objects.filter(passage__thesis=thesis).count() == paragraphs  # every passage derived
    return sum('FROM "thesis_author"' in query["sql"] for query in queries.captured_queries)


def test_an_import_reads_the_people_once_however_many_passages(monkeypatch):
    # Each passage once read every person of the thesis again to find them in its text.
    assert people_read_while_importing(10, monkeypatch) == people_read_while_importing(40, monkeypatch)


def test_an_alias_is_found_only_as_a_whole_word():
    author = Author(pk=1, key="k")
    aliases = [AuthorAlias(author=author, form="Збигнев Бжезинский"), AuthorAlias(author=author, form="«Гарден»")]
    author._prefetched_objects_cache = {"aliases": aliases}
    text = "Збигнев Бжезинский айтты, Збигнев Бжезинскийдің сөзі, «Гарден» және Збигнев Бжезинский."
    found = [(form, start) for _, form, start, _ in find_mentions(text, [author])]
    assert found == [("Збигнев Бжезинский", 0), ("«Гарден»", 54), ("Збигнев Бжезинский", 68)]


def test_a_known_person_is_found_in_any_case_whoever_the_word_before_their_initials():
    author = Author(pk=1, key="байтұрсынов|а")
    author._prefetched_objects_cache = {"aliases": []}
    text = "Сонымен А.Байтұрсынов әліпбиді түзді, ал А. БАЙТҰРСЫНОВТЫҢ еңбегі Байтұрсынов А. кітабында."
    found = [form for _, form, _, _ in find_mentions(text, [author])]
    assert found == ["А.Байтұрсынов", "А. БАЙТҰРСЫНОВТЫҢ", "Байтұрсынов А."]
