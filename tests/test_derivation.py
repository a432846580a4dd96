"""Citations and mentions follow a passage's text whenever it changes."""

import pytest

from thesis.models import Source

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
