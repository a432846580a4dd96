"""Citing a passage: Kazakh and English references, BibTeX escaped as TeX needs, CSL-JSON with the version's URL."""

import datetime
import json

from reading.citing import PassageReference, as_bibtex, as_csl, as_english, as_kazakh, bibtex_escape

REF = PassageReference(
    thesis_id=4,
    thesis_title="Дипломатия & {саясат} 50%",
    kind="diploma",
    language="kk",
    section="1.1 Дипломатиялық Қызметтің Ерекшеліктері",
    number=3,
    version=2,
    url="https://archive.example/theses/4/passages/3/?version=2",
    accessed=datetime.date(2026, 3, 9),
)


def test_kazakh_reference_numbers_the_passage_and_dates_the_access_day_first():
    assert as_kazakh(REF) == (
        "Дипломатия & {саясат} 50% [дипломдық жұмыс]. 1.1 Дипломатиялық Қызметтің Ерекшеліктері, 3-абзац, "
        "2-нұсқа. URL: https://archive.example/theses/4/passages/3/?version=2 (қаралған күні: 09.03.2026)."
    )


def test_english_reference_writes_the_access_date_out():
    text = as_english(REF)
    assert "[diploma work]" in text and "paragraph 3, version 2" in text
    assert text.endswith("?version=2 (accessed 9 March 2026).")


def test_a_reference_without_a_section_leaves_it_out():
    bare = PassageReference(**{**REF.__dict__, "section": ""})
    assert "]. 3-абзац" in as_kazakh(bare) and "]. paragraph 3" in as_english(bare)


def test_bibtex_escapes_tex_but_keeps_the_url_verbatim():
    entry = as_bibtex(REF)
    assert entry.startswith("@misc{thesis4-p3-v2,\n")
    assert r"title = {Дипломатия \& \{саясат\} 50\%}," in entry
    assert "url = {https://archive.example/theses/4/passages/3/?version=2}," in entry
    assert "urldate = {2026-03-09}," in entry and entry.endswith("\n}")
    assert bibtex_escape("a_b^c~d\\") == r"a\_b\^{}c\~{}d\textbackslash{}"


def test_csl_json_item_is_the_thesis_located_at_the_passage():
    item = as_csl(REF)
    assert item["type"] == "thesis" and item["genre"] == "diploma work"
    assert (item["locator"], item["label"], item["version"]) == ("3", "paragraph", "2")
    assert item["URL"] == REF.url and item["accessed"] == {"date-parts": [[2026, 3, 9]]}
    assert json.loads(json.dumps(item, ensure_ascii=False)) == item


def test_an_unknown_kind_is_named_as_stored():
    other = PassageReference(**{**REF.__dict__, "kind": "essay"})
    assert "[essay]" in as_english(other) and as_csl(other)["genre"] == "essay"
