"""Importing theses laid out unlike the seed: a diploma work with a table of contents, an article with
an abstract and keywords, page numbers and running heads. The TEI of each is valid."""

from pathlib import Path

import pytest

from thesis.editions.export import rebuild_original
from thesis.editions.tei import edition
from thesis.ingest.importer import import_bytes
from thesis.models import Passage

from .conftest import assert_valid_tei

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"


def imported(name: str):
    return import_bytes((DATA / name).read_bytes(), name, use_curation=False).thesis


@pytest.fixture
def diploma(db):
    return imported("diploma-with-contents.kk.txt")


@pytest.fixture
def article(db):
    return imported("article-with-abstract.kk.txt")


def test_the_table_of_contents_makes_no_sections(diploma):
    sections = [(s.kind, s.number, s.title, s.parent.title if s.parent else None) for s in diploma.sections.all()]
    assert sections == [
        ("untitled", "", "", None),
        ("contents", "", "МАЗМҰНЫ", None),
        ("introduction", "", "Кіріспе", None),
        ("chapter", "1", "ҚАЗАҚ ХАНДЫҒЫНЫҢ ҚҰРЫЛУЫ ЖӘНЕ ОНЫҢ КӨРШІЛЕРІ", None),
        ("section", "1.1", "Хандықтың құрылуы", "ҚАЗАҚ ХАНДЫҒЫНЫҢ ҚҰРЫЛУЫ ЖӘНЕ ОНЫҢ КӨРШІЛЕРІ"),
        ("section", "1.2", "Көршілермен қарым-қатынас", "ҚАЗАҚ ХАНДЫҒЫНЫҢ ҚҰРЫЛУЫ ЖӘНЕ ОНЫҢ КӨРШІЛЕРІ"),
        ("chapter", "2", "ХАНДЫҚТЫҢ ДИПЛОМАТИЯСЫ", None),
        ("subsection", "2.1.1", "Елшілік жоралары", "ХАНДЫҚТЫҢ ДИПЛОМАТИЯСЫ"),
        ("conclusion", "", "Қорытынды", None),
        ("bibliography", "", "ПАЙДАЛАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ", None),
    ]
    assert not any(".." in s.title for s in diploma.sections.all())


def test_the_table_of_contents_is_the_declared_structure(diploma):
    declared = diploma.declared_structure
    assert [(part["kind"], part.get("number"), part["page"]) for part in declared] == [
        ("introduction", None, 3),
        ("chapter", "1", 6),
        ("section", "1.1", 6),
        ("section", "1.2", 11),
        ("chapter", "2", 18),
        ("subsection", "2.1.1", 20),
        ("conclusion", None, 31),
        ("bibliography", None, 34),
    ]
    assert diploma.is_complete, diploma.completeness_note_en


def test_contents_entries_and_page_numbers_are_marked_not_text(diploma):
    roles = list(diploma.passages.values_list("role", "text"))
    contents = [text for role, text in roles if role == Passage.Role.CONTENTS]
    furniture = [text for role, text in roles if role == Passage.Role.FURNITURE]
    assert len(contents) == 8 and all(p.section.kind == "contents" for p in diploma.passages.filter(role="contents"))
    # The title page's lines, each a block of its own, then the page numbers.
    assert furniture[:3] == [
        "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ БІЛІМ ЖӘНЕ ҒЫЛЫМ МИНИСТРЛІГІ",
        "Әл-Фараби атындағы Қазақ ұлттық университеті",
        "ДИПЛОМДЫҚ ЖҰМЫС",
    ]
    assert len(furniture) == 9 and furniture[-3:] == ["Алматы, 2019", "3", "4"]
    assert not any(text.strip().isdigit() for role, text in roles if role == Passage.Role.TEXT)


def test_the_article_reads_its_abstract_keywords_and_text(article):
    kinds = [(s.kind, s.title) for s in article.sections.all()]
    assert kinds == [
        ("untitled", ""),
        ("abstract", "Аңдатпа"),
        ("keywords", "Түйін сөздер"),
        ("untitled", ""),
        ("bibliography", "Әдебиеттер"),
    ]
    keywords = article.passages.get(section__kind="keywords")
    assert keywords.text == "дипломатия, елшілік, хандық, сыртқы саясат."
    furniture = list(article.passages.filter(role=Passage.Role.FURNITURE).values_list("text", flat=True))
    # The journal's issue line, "Pdf көрінісі", the title, the byline and the affiliation are the head's.
    assert furniture[1:6] == [
        "Pdf көрінісі",
        "ҚАЗАҚ ДИПЛОМАТИЯСЫНЫҢ ТАРИХЫНАН",
        "Б.Б. Кәрібаев",
        "әл-Фараби атындағы Қазақ ұлттық университеті, Алматы қ.",
        "12",
    ]


def test_running_heads_state_no_events(article):
    # The text's century and year; not the journal issue's 2017 the running head prints on every page.
    assert sorted(article.events.values_list("start_year", flat=True)) == [1401, 1740]


@pytest.mark.parametrize("name", ["diploma-with-contents.kk.txt", "article-with-abstract.kk.txt"])
def test_each_layout_rebuilds_its_original_and_exports_valid_tei(name, tei_schema):
    thesis = imported(name)
    assert rebuild_original(thesis) == (DATA / name).read_text(encoding="utf-8")
    tree = edition(thesis)
    assert_valid_tei(tei_schema, tree)
    subtypes = tree.xpath("//tei:div/@subtype", namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    assert "bibliography" in subtypes


def test_each_layouts_reference_list_becomes_its_sources(diploma, article):
    listed = {(s.number, s.title, s.issued_year, s.status) for s in diploma.sources.exclude(raw="")}
    assert listed == {
        (1, "Казахстан: летопись трех тысячелетий", 1992, "complete"),
        (2, "Казахское ханство во второй половине XVI века", 1985, "complete"),
    }
    assert [s.authors for s in article.sources.filter(number=1)] == [[{"family": "Кәрібаев", "given": "Б.Б."}]]
    assert article.sources.get(number=2).publisher == "Санат"


def test_the_front_matter_is_stored_and_in_the_tei_header(article, tei_schema):
    assert article.kind == "article" and article.title == "ҚАЗАҚ ДИПЛОМАТИЯСЫНЫҢ ТАРИХЫНАН"
    assert (article.author_names, article.year, article.place) == (["Б.Б. Кәрібаев"], 2017, "Алматы")
    assert article.keywords == ["дипломатия", "елшілік", "хандық", "сыртқы саясат"]
    assert article.abstract.startswith("Мақалада қазақ дипломатиясының")
    tree = edition(article)
    assert_valid_tei(tei_schema, tree)
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    assert tree.xpath("//tei:titleStmt/tei:author/text()", namespaces=ns) == ["Б.Б. Кәрібаев"]
    assert tree.xpath("//tei:sourceDesc/tei:bibl/tei:date/@when", namespaces=ns) == ["2017"]
    assert tree.xpath("//tei:sourceDesc/tei:bibl/tei:pubPlace/text()", namespaces=ns) == ["Алматы"]
    assert tree.xpath("//tei:profileDesc/tei:abstract/tei:p/text()", namespaces=ns) == [article.abstract]
    assert tree.xpath("//tei:textClass/tei:keywords/tei:term/text()", namespaces=ns) == article.keywords


def test_the_supervisor_is_a_responsibility_in_the_tei_header(diploma, tei_schema):
    assert (diploma.author_names, diploma.supervisor) == (["Ә.Б. Сейітова"], "Қ.Т. Жұмабеков")
    tree = edition(diploma)
    assert_valid_tei(tei_schema, tree)
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    resp = tree.xpath("//tei:titleStmt/tei:respStmt[tei:resp='supervision']/tei:persName/text()", namespaces=ns)
    assert resp == ["Қ.Т. Жұмабеков"]
    assert tree.xpath("//tei:sourceDesc/tei:bibl/tei:publisher/text()", namespaces=ns) == [diploma.institution]
