"""The seed thesis's citation tree, read from the database in constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.editions.tree import citation_tree, paragraph_refs
from thesis.models import Passage, Section
from thesis.text.citetree import walk


def test_the_seed_tree(seed_thesis):
    with CaptureQueriesContext(connection) as queries:
        units = list(walk(citation_tree(seed_thesis)))
    assert len(queries) == 2
    assert [u.identifier for u in units if not u.is_paragraph] == ["1", "1.4", "2", "2.1"]
    paragraphs = [u for u in units if u.is_paragraph]
    assert [u.record_id for u in paragraphs] == list(
        Passage.objects.filter(thesis=seed_thesis).order_by("order").values_list("pk", flat=True)
    )
    assert Section.objects.get(pk=units[0].record_id).kind == Section.Kind.INTRODUCTION


def test_paragraph_refs_name_each_passage_by_its_place_in_the_tree(seed_thesis):
    roots = citation_tree(seed_thesis)
    refs = paragraph_refs(roots)
    paragraphs = [u for u in walk(roots) if u.is_paragraph]
    assert refs == {u.record_id: u.identifier for u in paragraphs}
    assert set(refs) == set(Passage.objects.filter(thesis=seed_thesis).values_list("pk", flat=True))
