"""What a change triggers, once per transaction: derived rows from the stored text, one data-version bump."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thesis.derived import changes, dataversion
from thesis.derived.derivation import refresh_derived
from thesis.models import Citation, DataVersion, Passage, Source

from .test_admin import client, event_data  # noqa: F401  (a fixture and form data)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]


def bumps(change) -> int:
    """How many times `change` bumped the data version: each bump adds one."""
    before = dataversion.current()
    change()
    return dataversion.current() - before


@pytest.fixture
def derivations(monkeypatch):
    """The passages derived again, in order."""
    derived = []

    def counting(passage):
        derived.append(passage.pk)
        refresh_derived(passage)

    monkeypatch.setattr(changes, "refresh_derived", counting)
    return derived


def edit(passage: Passage, text: str) -> None:
    passage.text = text
    passage.save()


def test_a_block_derives_each_passage_once_and_bumps_once(seed_thesis, derivations):
    first, second = Passage.objects.filter(thesis=seed_thesis).order_by("order")[:2]

    def several_saves():
        with changes.atomic():
            for n in range(3):
                edit(first, first.text + f" [{n + 1}]")
            edit(second, second.text + " .")
            Source.objects.filter(thesis=seed_thesis).first().save()

    assert bumps(several_saves) == 1
    assert sorted(derivations) == sorted([first.pk, second.pk])
    assert [c.source.number for c in first.citations.order_by("order")][-3:] == [1, 2, 3]


def test_outside_a_block_each_save_derives_and_bumps_at_once(seed_thesis, derivations):
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    assert bumps(lambda: edit(passage, passage.text + " [1]")) >= 1
    assert derivations == [passage.pk]


def test_rows_are_derived_from_the_text_stored_when_the_block_ends(seed_thesis):
    passage = Passage.objects.filter(thesis=seed_thesis).order_by("order").first()
    with changes.atomic():
        edit(passage, passage.text + " Жаңа сөйлем [7].")
        assert not passage.citations.filter(source__number=7).exists()  # not yet: once, at the end
        Passage.objects.filter(pk=passage.pk).update(text=passage.text.replace("[7]", "[8]"))
    numbers = set(passage.citations.values_list("source__number", flat=True))
    assert 8 in numbers and 7 not in numbers


def test_nested_blocks_finish_with_the_outermost(seed_thesis, derivations):
    passage = Passage.objects.filter(thesis=seed_thesis).first()

    def nested():
        with changes.atomic():
            with changes.atomic():
                edit(passage, passage.text + " .")
            assert derivations == []
            edit(passage, passage.text + " .")

    assert bumps(nested) == 1
    assert derivations == [passage.pk]


def test_a_block_that_fails_derives_nothing_and_bumps_nothing(seed_thesis, derivations):
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    citations = Citation.objects.count()

    def failing():
        with pytest.raises(RuntimeError), changes.atomic():
            edit(passage, passage.text + " [5]")
            raise RuntimeError("the change fails midway")

    assert bumps(failing) == 0
    assert derivations == [] and Citation.objects.count() == citations


def test_a_block_without_writes_does_not_bump(seed_thesis):
    def reading():
        with changes.atomic():
            list(Passage.objects.all())

    assert bumps(reading) == 0


def test_a_bulk_block_bumps_although_bulk_writes_send_no_signals(seed_thesis):
    def bulk_write():
        with changes.bulk():
            Source.objects.bulk_create([Source(thesis=seed_thesis, number=900)])

    assert bumps(bulk_write) == 1


def test_an_admin_save_bumps_once_for_the_record_its_people_and_its_history(client, seed_thesis):  # noqa: F811
    author = seed_thesis.authors.first()
    data = {**event_data(seed_thesis), "authors": [author.pk]}
    with CaptureQueriesContext(connection) as queries:
        assert client.post(reverse("admin:thesis_timelineevent_add"), data).status_code == 302
    # The archive's row updated; the theses' own versions are set from it in one more UPDATE, of theirs.
    bumps_made = [q for q in queries if q["sql"].startswith(f'UPDATE "{DataVersion._meta.db_table}"')]
    assert len(bumps_made) == 1


def test_opening_an_admin_form_does_not_bump(client, seed_thesis):  # noqa: F811
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    url = reverse("admin:thesis_passage_change", args=[passage.pk])
    assert bumps(lambda: client.get(url)) == 0
