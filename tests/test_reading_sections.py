"""The thesis page a section at a time, without a database: which page holds a section or a paragraph,
the `section` parameter, the pages either side and the addresses that lead to them."""

import pytest

from reading.sections import Paging, address, has_page, neighbours, page_of, parse, query
from thesis.editions.tree import paragraph_refs
from thesis.text.citetree import Division, Paragraph, build, walk

# An introduction with two paragraphs and a subsection; a chapter with none of its own, a section and a
# subsection in it; a conclusion.
DIVISIONS = [
    Division(1, None, 0),
    Division(2, 1, 1),
    Division(3, None, 2),
    Division(4, 3, 3),
    Division(5, 4, 4),
    Division(6, None, 5),
]
PARAGRAPHS = [Paragraph(100 + n, section, n) for n, section in enumerate([1, 1, 2, 2, 4, 5, 5, 6])]
# The page each paragraph is on: its top-level section's place among the top-level sections.
PAGES = {100: 1, 101: 1, 102: 1, 103: 1, 104: 2, 105: 2, 106: 2, 107: 3}


def test_a_paragraph_or_section_is_on_the_page_of_its_top_level_section():
    units = list(walk(build(DIVISIONS, PARAGRAPHS)))
    paragraphs = {unit.record_id: page_of(unit.identifier) for unit in units if unit.is_paragraph}
    assert paragraphs == PAGES
    sections = {unit.record_id: page_of(unit.identifier) for unit in units if not unit.is_paragraph}
    assert sections == {1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 3}
    assert [page_of(ref) for ref in ("1", "2.3.1", "12.1")] == [1, 2, 12]


def test_the_sections_alone_place_every_section_on_the_page_the_whole_tree_does():
    alone = {unit.record_id: page_of(unit.identifier) for unit in walk(build(DIVISIONS, []))}
    whole = {unit.record_id: page_of(unit.identifier) for unit in walk(build(DIVISIONS, PARAGRAPHS))}
    assert alone == {pk: page for pk, page in whole.items() if pk in alone} and len(alone) == len(DIVISIONS)


@pytest.mark.parametrize("page", [1, 2, 3])
def test_a_pages_paragraphs_alone_are_numbered_as_in_the_whole_tree(page):
    whole = paragraph_refs(build(DIVISIONS, PARAGRAPHS))
    own = [paragraph for paragraph in PARAGRAPHS if PAGES[paragraph.id] == page]
    assert paragraph_refs(build(DIVISIONS, own)) == {p.id: whole[p.id] for p in own}


@pytest.mark.parametrize(
    ("value", "page"), [(None, 1), ("", 1), ("1", 1), ("3", 3), ("03", 3), ("all", None), ("40000", 40000)]
)
def test_the_section_parameter_names_a_page_from_1_or_the_whole(value, page):
    assert parse(value) == page


@pytest.mark.parametrize("value", ["0", "-1", "+2", "1.0", " 1", "1 ", "ALL", "whole", "1e3", "١", "x"])
def test_anything_else_is_refused(value):
    with pytest.raises(ValueError):
        parse(value)


def test_a_thesis_has_a_page_for_each_top_level_section_and_its_first_even_when_empty():
    assert [n for n in range(6) if has_page(n, 3)] == [1, 2, 3]
    assert has_page(None, 3) and has_page(None, 0)
    assert has_page(1, 0) and not has_page(2, 0)


def test_the_pages_either_side():
    assert neighbours(1, 1) == (None, None)
    assert neighbours(1, 3) == (None, 2)
    assert neighbours(2, 3) == (1, 3)
    assert neighbours(3, 3) == (2, None)
    assert neighbours(None, 3) == (None, None), "the whole thesis is one page"


def test_an_address_leaves_the_pages_defaults_unnamed():
    assert query(1) == "" and query(1, "reading") == ""
    assert query(2) == "?section=2"
    assert query(None, "original") == "?section=all&view=original"
    assert query(1, "changes") == "?view=changes"
    assert address("/theses/4/", 2, fragment="p9") == "/theses/4/?section=2#p9"
    assert address("/theses/4/", 1, fragment="p0") == "/theses/4/#p0"


def test_a_link_names_the_fragment_alone_when_the_page_holds_it():
    paging = Paging("/theses/4/", 2, 3, "original")
    assert paging.link(2, "section-7") == "#section-7"
    assert paging.link(1, "section-1") == "/theses/4/?view=original#section-1"
    assert paging.link(3, "section-9") == "/theses/4/?section=3&view=original#section-9"
    assert (paging.previous, paging.next) == (1, 3)
    assert paging.whole == "/theses/4/?section=all&view=original" and paging.first == "/theses/4/?view=original"
    whole = Paging("/theses/4/", None, 3)
    assert whole.link(3, "section-9") == "#section-9" and (whole.previous, whole.next) == (None, None)
