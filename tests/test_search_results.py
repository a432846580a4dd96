"""The reading site's search results without HTTP: facets counted over the first matches, each value named once."""

import pytest

from reading import search_results
from reading.contents import section_heading, section_heading_of
from thesis.ingest.importer import import_bytes
from thesis.models import Section
from thesis.search import search_marks, search_passages
from thesis.text.snippets import MAX_LENGTH, MAX_MARKS, MAX_SNIPPETS

from .operations import lines

pytestmark = pytest.mark.django_db


def test_a_heading_from_fields_is_the_heading_from_the_record(seed_thesis):
    sections = list(Section.objects.filter(thesis=seed_thesis))
    assert len(sections) > 3
    for section in sections:
        fields = (section.kind, section.number, section.label, section.title)
        assert section_heading_of(*fields) == section_heading(section)


def test_facets_count_every_match_under_its_thesis_section_and_status(seed_thesis):
    matches = search_passages(search_results.narrowed({}), "Қазақстан")
    found = list(matches)
    results = search_results.results(matches, search_marks("қазақстан"), 1)
    assert results.total == len(found) > 3
    sections = {value.value: value for value in results.facets["section"]}
    for passage in found:
        assert sections[passage.section_id].label == section_heading(passage.section)
    assert sum(value.count for value in results.facets["section"]) == len(found)
    assert [(v.value, v.label, v.count) for v in results.facets["status"]] == [("unreviewed", "unreviewed", len(found))]
    assert [(v.value, v.count) for v in results.facets["thesis"]] == [(seed_thesis.pk, len(found))]


def test_a_letter_found_everywhere_marks_a_bounded_snippet_per_passage(db):
    import_bytes(lines(20000).encode(), "lines.txt", use_curation=False)
    results = search_results.results(search_passages(search_results.narrowed({}), "а"), search_marks("а"), 1)
    # One passage holding the letter 4,000 times: its hit is bounded however often it matches.
    hits = [hit for group in results.groups for hit in group.hits]
    assert hits
    for hit in hits:
        pieces = [piece for snippet in hit.snippets for piece in snippet.pieces]
        assert sum(len(piece.text) for piece in pieces) <= MAX_SNIPPETS * MAX_LENGTH
        assert 0 < sum(piece.match for piece in pieces) <= MAX_MARKS


def test_each_section_is_one_group_on_a_page_of_results(seed_thesis):
    matches = search_passages(search_results.narrowed({}), "Қазақстан")
    results = search_results.results(matches, search_marks("қазақстан"), 1)
    keys = [(group.passage.thesis_id, group.passage.section_id) for group in results.groups]
    assert len(keys) == len(set(keys)) > 1
    for group in results.groups:
        assert {hit.passage.section_id for hit in group.hits} == {group.passage.section_id}
