"""The data version: every change to what the API shows bumps it, whichever way the change is made."""

import pytest

from synthetic.store import clear_synthetic
from thesis.derived import dataversion
from thesis.models import Author, DataVersion, Passage, Source, TimelineEvent

pytestmark = pytest.mark.django_db


def bumped(change) -> bool:
    before = dataversion.current()
    change()
    return dataversion.current() > before


def test_edits_bump_the_version(seed_thesis):
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    source = Source.objects.filter(thesis=seed_thesis).first()
    author = Author.objects.filter(thesis=seed_thesis).first()
    event = TimelineEvent.objects.filter(thesis=seed_thesis).first()

    def edit_passage():
        passage.text += " ."
        passage.save()

    def edit_source():
        source.title = "Жаңа атау"
        source.save()

    assert bumped(edit_passage)
    assert bumped(edit_source)
    assert bumped(lambda: event.authors.add(author))
    assert bumped(lambda: event.authors.remove(author))
    assert bumped(lambda: author.aliases.create(form="Басқа жазылуы"))
    assert bumped(event.delete)


def test_the_bump_commits_or_rolls_back_with_the_change(seed_thesis):
    from django.db import transaction

    before = dataversion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Source.objects.filter(thesis=seed_thesis).first().save()
        raise RuntimeError("abandoned")
    assert dataversion.current() == before


def test_an_import_and_a_bulk_removal_bump_it(seed_thesis):
    assert dataversion.current() > 0
    assert bumped(clear_synthetic) is False, "nothing to remove, nothing changed"


def test_a_missing_row_reads_as_zero_and_is_made_by_the_next_bump():
    before = dataversion.current()
    DataVersion.objects.all().delete()
    assert dataversion.current() == 0
    dataversion.bump()
    assert dataversion.current() > before, "a database made again never goes back to a version seen before"


def test_generating_and_clearing_a_corpus_bump_it():
    from django.core.management import call_command

    counts = {"theses": 1, "passages": 3, "events": 1, "sources": 1, "authors": 1}
    assert bumped(lambda: call_command("generate_corpus", verbosity=0, stdout=None, **counts))
    assert bumped(clear_synthetic)
