"""Citing a passage: BibTeX escaped as TeX needs with its capitals protected, CSL-JSON with the version's URL,
valid by CSL's own schema."""

import datetime
import json
from dataclasses import replace
from pathlib import Path

import bibtexparser
import jsonschema

from reading.citing import (
    PassageReference,
    ThesisReference,
    as_bibtex,
    as_csl,
    bibtex_escape,
    bibtex_title,
    csl_name,
    locator,
)

# CSL's data schema, from the Citation Style Language project's schema repository (MIT licence).
CSL_DATA_SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text(encoding="utf-8"))
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


def test_bibtex_escapes_tex_but_keeps_the_url_verbatim():
    entry = as_bibtex(REF)
    assert entry.startswith("@misc{thesis4-p3-v2,\n")
    assert r"title = {{Дипломатия} \& \{саясат\} 50\%}," in entry
    assert "url = {https://archive.example/theses/4/passages/3/?version=2}," in entry
    assert "urldate = {2026-03-09}," in entry and entry.endswith("\n}")
    assert bibtex_escape("a_b^c~d\\") == r"a\_b\^{}c\~{}d\textbackslash{}"


def test_csl_json_item_is_the_thesis_at_this_version_and_valid_by_the_csl_schema():
    item = as_csl(REF)
    assert item["type"] == "thesis" and item["genre"] == "diploma work"
    assert as_csl(REF, english=False)["genre"] == "дипломдық жұмыс"
    assert item["version"] == "2" and locator(REF) == ("paragraph", "1.1.3")
    assert item["URL"] == REF.url and item["accessed"] == {"date-parts": [[2026, 3, 9]]}
    jsonschema.validate([item, as_csl(KNOWN)], CSL_DATA_SCHEMA)


def test_an_unknown_kind_is_named_as_stored():
    other = replace(REF, thesis=replace(THESIS, kind="essay"))
    assert as_csl(other)["genre"] == "essay" and as_csl(other, english=False)["genre"] == "essay"


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


def test_csl_names_who_where_and_when_when_known():
    item = as_csl(KNOWN)
    assert item["author"] == [{"family": "Серікова", "given": "Айгүл"}, {"family": "Smith", "given": "J. R."}]
    assert item["issued"] == {"date-parts": [[2024, 5, 30]]} and item["publisher"] == "Әл-Фараби атындағы ҚазҰУ"


def test_a_name_written_family_first_is_split_and_any_other_kept_whole():
    assert csl_name("Серікова, Айгүл") == {"family": "Серікова", "given": "Айгүл"}
    assert csl_name("Әлиев А.") == {"literal": "Әлиев А."}
    assert csl_name("Серікова,") == {"literal": "Серікова,"}


def test_a_bibtex_parser_reads_the_entry_with_every_field_and_the_acronym_protected():
    entry = as_bibtex(KNOWN)
    parsed = bibtexparser.loads(entry).entries
    assert len(parsed) == 1 and parsed[0]["ID"] == "thesis4-p3-v2" and parsed[0]["ENTRYTYPE"] == "misc"
    assert parsed[0]["title"] == "{АҚШ}-тың сыртқы саясаты"
    assert parsed[0]["author"] == "Серікова, Айгүл and Smith, J. R."
    assert parsed[0]["url"] == KNOWN.url and parsed[0]["year"] == "2024"
    # Converted to text as a style does, the title keeps its capitals where the braces hold them.
    converted = bibtexparser.customization.convert_to_unicode(dict(parsed[0]))
    assert "АҚШ" in converted["title"]
