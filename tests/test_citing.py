"""Citing a passage: Kazakh and English references, BibTeX escaped as TeX needs with its capitals protected,
CSL-JSON with the version's URL."""

import datetime
import json
from dataclasses import replace

from reading.citing import (
    PassageReference,
    ThesisReference,
    as_bibtex,
    as_csl,
    as_english,
    as_kazakh,
    bibtex_escape,
    bibtex_title,
)

THESIS = ThesisReference(
    thesis_id=4,
    title="Дипломатия & {саясат} 50%",
    kind="diploma",
    language="kk",
    url="https://archive.example/theses/4/",
)
REF = PassageReference(
    thesis=THESIS,
    section="1.1 Дипломатиялық Қызметтің Ерекшеліктері",
    number=3,
    paragraph="1.1.3",
    version=2,
    url="https://archive.example/theses/4/passages/3/?version=2",
    accessed=datetime.date(2026, 3, 9),
)


def test_kazakh_reference_numbers_the_passage_and_dates_the_access_day_first():
    assert as_kazakh(REF) == (
        "Дипломатия & {саясат} 50% [дипломдық жұмыс]. 1.1 Дипломатиялық Қызметтің Ерекшеліктері, 1.1.3-абзац, "
        "2-нұсқа. URL: https://archive.example/theses/4/passages/3/?version=2 (қаралған күні: 09.03.2026)."
    )


def test_english_reference_writes_the_access_date_out():
    text = as_english(REF)
    assert "[diploma work]" in text and "paragraph 1.1.3, version 2" in text
    assert text.endswith("?version=2 (accessed 9 March 2026).")


def test_a_reference_without_a_section_leaves_it_out():
    bare = replace(REF, section="")
    assert "]. 1.1.3-абзац" in as_kazakh(bare) and "]. paragraph 1.1.3" in as_english(bare)


def test_bibtex_escapes_tex_but_keeps_the_url_verbatim():
    entry = as_bibtex(REF)
    assert entry.startswith("@misc{thesis4-p3-v2,\n")
    assert r"title = {{Дипломатия} \& \{саясат\} 50\%}," in entry
    assert "url = {https://archive.example/theses/4/passages/3/?version=2}," in entry
    assert "urldate = {2026-03-09}," in entry and entry.endswith("\n}")
    assert bibtex_escape("a_b^c~d\\") == r"a\_b\^{}c\~{}d\textbackslash{}"


def test_csl_json_item_is_the_thesis_located_at_the_passage():
    item = as_csl(REF)
    assert item["type"] == "thesis" and item["genre"] == "diploma work"
    assert (item["locator"], item["label"], item["version"]) == ("1.1.3", "paragraph", "2")
    assert item["URL"] == REF.url and item["accessed"] == {"date-parts": [[2026, 3, 9]]}
    assert json.loads(json.dumps(item, ensure_ascii=False)) == item


def test_an_unknown_kind_is_named_as_stored():
    other = replace(REF, thesis=replace(THESIS, kind="essay"))
    assert "[essay]" in as_english(other) and as_csl(other)["genre"] == "essay"


def test_bibtex_braces_every_word_with_a_capital_so_that_styles_keep_it():
    assert bibtex_title("АҚШ пен Қазақстан арасындағы NATO-мен қарым-қатынас") == (
        "{АҚШ} пен {Қазақстан} арасындағы {NATO}-мен қарым-қатынас"
    )
    assert bibtex_title("ҚР & {ЕО} 50%") == r"{ҚР} \& \{{ЕО}\} 50\%"


KNOWN = replace(
    REF,
    thesis=replace(
        THESIS,
        title="АҚШ-тың сыртқы саясаты",
        authors=("Серікова, Айгүл", "Smith, J. R."),
        institution="Әл-Фараби атындағы ҚазҰУ",
        date=datetime.date(2024, 5, 30),
    ),
)


def bibtex_fields(entry: str) -> dict[str, str]:
    """The fields of one BibTeX entry, each value with its outer braces taken off, braces inside
    balanced (as a BibTeX parser reads them)."""
    fields = {}
    for line in entry.splitlines()[1:-1]:
        name, value = line.strip().rstrip(",").split(" = ", 1)
        assert value[0] == "{" and value[-1] == "}", line
        depth = 0
        for index, char in enumerate(value):
            if char == "{" and value[index - 1 : index] != "\\":
                depth += 1
            elif char == "}" and value[index - 1 : index] != "\\":
                depth -= 1
            assert depth > 0 or index == len(value) - 1, line
        fields[name] = value[1:-1]
    return fields


def test_bibtex_names_authors_year_and_institution_when_known_and_keeps_acronyms_in_capitals():
    fields = bibtex_fields(as_bibtex(KNOWN))
    assert fields["title"] == "{АҚШ}-тың сыртқы саясаты"
    assert fields["author"] == "Серікова, Айгүл and Smith, J. R."
    assert (fields["year"], fields["institution"]) == ("2024", "Әл-Фараби атындағы ҚазҰУ")
    assert fields["note"] == "Paragraph 1.1.3, version 2"
    assert not {"author", "year", "institution"} & set(bibtex_fields(as_bibtex(REF)))


def test_text_references_and_csl_name_who_where_and_when_when_known():
    assert "[дипломдық жұмыс]. Серікова, Айгүл, Smith, J. R., Әл-Фараби атындағы ҚазҰУ, 2024. " in as_kazakh(KNOWN)
    assert "[diploma work]. Серікова, Айгүл, Smith, J. R., Әл-Фараби атындағы ҚазҰУ, 2024. " in as_english(KNOWN)
    item = as_csl(KNOWN)
    assert item["author"] == [{"literal": "Серікова, Айгүл"}, {"literal": "Smith, J. R."}]
    assert item["issued"] == {"date-parts": [[2024, 5, 30]]} and item["publisher"] == "Әл-Фараби атындағы ҚазҰУ"
