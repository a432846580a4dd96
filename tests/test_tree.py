"""The seed thesis's citation tree, read from the database in constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.editions.tree import citation_tree
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
