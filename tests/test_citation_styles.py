"""reading/citation_styles.py: references rendered by citeproc-py with the official APA and GOST styles, for every
CSL item the site and the API offer."""

from dataclasses import replace

import pytest

from reading.citation_styles import APA, GOST, passage_references, render
from thesis.editions.csl import csl_item
from thesis.ingest.importer import import_bytes

from .conftest import SEED
from .test_citing import KNOWN, REF


def test_a_passage_is_cited_at_its_paragraph_in_each_style():
    cited = passage_references(KNOWN)
    assert cited["gost"].citation == "[1, п. 1.1.3]"
    assert cited["gost"].entry == (
        "1.Серікова А., Smith J. R. АҚШ-тың сыртқы саясаты: дипломдық жұмыс. Әл-Фараби атындағы ҚазҰУ, 2024."
    )
    assert cited["apa"].citation == "(Серікова & Smith, 2024, para. 1.1.3)"
    assert cited["apa"].entry.startswith("Серікова, А., & Smith, J. R. (2024). АҚШ-тың сыртқы саясаты (")
    assert "Version 2" in cited["apa"].entry and cited["apa"].entry.endswith(KNOWN.url)


def test_a_thesis_known_only_by_its_title_still_renders_in_both():
    bare = passage_references(replace(REF, section=""))
    assert bare["gost"].citation == "[1, п. 1.1.3]" and "Дипломатия" in bare["gost"].entry
    assert "para. 1.1.3" in bare["apa"].citation


def test_an_item_the_processor_cannot_read_is_refused_with_the_style_named():
    with pytest.raises(ValueError, match="apa.csl"):
        render({"id": "x", "type": "thesis", "author": "Әлиев"}, APA)


@pytest.mark.django_db
def test_every_source_the_api_offers_as_csl_renders_in_both_styles(seed_thesis):
    # The seed's sources are numbers the text cites; a document with a reference list gives read entries.
    text = (SEED.parent / "evaluation" / "course-paper-tarau.kk.txt").read_bytes()
    listed = import_bytes(text, "listed.txt", use_curation=False).thesis
    sources = [*seed_thesis.sources.all(), *listed.sources.all()]
    assert sum(bool(source.title) for source in sources) >= 5
    for source in sources:
        for script in ("cyrl", "latn"):
            item = csl_item(source, script)
            for style in (APA, GOST):
                rendered = render(item, style, ("page", "25"))
                assert rendered.entry and rendered.citation
