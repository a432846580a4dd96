"""harvest/dublin_core.py: a thesis mapped to simple Dublin Core, and its oai_dc XML, without a database."""

from datetime import UTC, datetime
from types import SimpleNamespace

from lxml import etree

from harvest.dublin_core import ELEMENTS, Element, Links, elements, write

LINKS = Links(reading="https://a.example/theses/4/", api="https://a.example/api/theses/4/", tei="t.xml", text="t.txt")
DC = "{http://purl.org/dc/elements/1.1/}"


def thesis(**fields):
    values = {
        "title": "Қазақстанның сыртқы саясаты",
        "title_note": "Редакторлар берген тақырып.",
        "title_note_en": "Editorial title.",
        "completeness_note": "",
        "completeness_note_en": "",
        "language": "kk",
        "kind": "diploma",
        "created_at": datetime(2024, 5, 17, 23, 30, tzinfo=UTC),
        "author_names": [],
        "supervisor": "",
        "year": None,
        "abstract": "",
        "keywords": [],
    }
    return SimpleNamespace(**{**values, **fields})


def values(found, name):
    return [element.value for element in found if element.name == name]


def test_a_thesis_maps_to_its_title_notes_type_and_addresses():
    found = elements(thesis(), LINKS, "Thesis archive", "info:eu-repo/semantics/openAccess")
    assert found[0] == Element("title", "Қазақстанның сыртқы саясаты", "kk")
    assert [(e.value, e.language) for e in found if e.name == "description"] == [
        ("Редакторлар берген тақырып.", "kk"),
        ("Editorial title.", "en"),
    ]
    assert values(found, "publisher") == ["Thesis archive"]
    assert values(found, "date") == ["2024-05-17"]
    assert values(found, "type") == ["info:eu-repo/semantics/bachelorThesis", "Text"]
    assert values(found, "format") == ["text/html", "application/tei+xml", "text/plain"]
    assert values(found, "identifier") == [LINKS.reading, LINKS.api, LINKS.tei, LINKS.text]
    assert values(found, "language") == ["kk"]
    assert values(found, "rights") == ["info:eu-repo/semantics/openAccess"]
    # Nothing the archive does not record: no author, no supervisor, no subject.
    assert not {"creator", "contributor", "subject"} & {element.name for element in found}


def test_each_kind_has_its_publication_type():
    for kind, type_ in [("master", "masterThesis"), ("doctoral", "doctoralThesis")]:
        assert values(elements(thesis(kind=kind), LINKS, "A", ""), "type")[0] == f"info:eu-repo/semantics/{type_}"


def test_empty_notes_and_rights_are_left_out():
    found = elements(thesis(title_note="", title_note_en="", completeness_note="Фрагмент."), LINKS, "A", "")
    assert [(e.value, e.language) for e in found if e.name == "description"] == [("Фрагмент.", "kk")]
    assert values(found, "rights") == []


def test_the_xml_is_oai_dc_in_the_schema_order():
    parent = etree.Element("metadata")
    found = elements(thesis(), LINKS, "Thesis archive", "open")
    write(parent, found[-1:] + found[:-1])
    (dc,) = parent
    assert dc.tag == "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
    names = [child.tag.removeprefix(DC) for child in dc]
    assert names == sorted(names, key=ELEMENTS.index)
    assert dc[0].text == "Қазақстанның сыртқы саясаты"
    assert dc[0].get("{http://www.w3.org/XML/1998/namespace}lang") == "kk"
    assert dc.find(f"{DC}publisher").get("{http://www.w3.org/XML/1998/namespace}lang") is None
    # Identifiers keep their order within the element.
    assert [child.text for child in dc.findall(f"{DC}identifier")] == [LINKS.reading, LINKS.api, LINKS.tei, LINKS.text]


def test_what_the_title_page_says_is_creator_contributor_subject_description_and_date():
    front = {"author_names": ["Сейткали А."], "supervisor": "Әбенова Г.", "year": 2019, "keywords": ["елшілік"]}
    found = elements(thesis(abstract="Жұмыста …", **front), LINKS, "Thesis archive", "")
    assert (values(found, "creator"), values(found, "contributor")) == (["Сейткали А."], ["Әбенова Г."])
    assert values(found, "subject") == ["елшілік"] and values(found, "date") == ["2019"]
    assert values(found, "description")[0] == "Жұмыста …"
    assert values(elements(thesis(kind="article"), LINKS, "", ""), "type")[0] == "info:eu-repo/semantics/article"
