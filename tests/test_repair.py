"""Repairs of a document's structure (thesis/editorial/repair.py): split, merge, headings, sections' kind and level."""

import re

import pytest
from django.contrib.auth.models import User

from thesis.editions.export import rebuild_original
from thesis.editorial import repair
from thesis.editorial.editing import EditRefused, StaleEdit
from thesis.models import Citation, Passage, PassageSuccessor, Section, successor_id

pytestmark = pytest.mark.usefixtures("shared_seed")

REASON = "Абзац екіге бөлінеді"


@pytest.fixture
def editor(db):
    return User.objects.create_user("aigul", password="unused-password-1")


def orders(thesis, model=Passage) -> list[int]:
    return list(model.objects.filter(thesis=thesis).order_by("order").values_list("order", flat=True))


def dense(thesis) -> bool:
    return orders(thesis) == list(range(len(orders(thesis)))) and orders(thesis, Section) == list(
        range(len(orders(thesis, Section)))
    )


def history_count(model, pk) -> int:
    return model.history.filter(id=pk).count()


def cited_passage(thesis) -> tuple[Passage, int]:
    """A passage with a citation marker after a sentence's end, and the offset of the space after that end."""
    for passage in Passage.objects.filter(thesis=thesis, role="text").order_by("order"):
        for end in re.finditer(r"[.!?] (?=[А-ЯӘІҢҒҮҰҚӨҺ])", passage.text):
            if re.search(r"\[\d+", passage.text[end.end() :]) and passage.citations.exists():
                return passage, end.start() + 1
    raise AssertionError("the seed has no passage cited after its first sentence")


def with_next_in_section(thesis) -> Passage:
    for passage in Passage.objects.filter(thesis=thesis, role="text").order_by("order"):
        following = Passage.objects.filter(thesis=thesis, order=passage.order + 1).first()
        if following and following.section_id == passage.section_id:
            return passage
    raise AssertionError("no two passages of one section follow each other")


def test_split_then_merge_gives_the_text_back_byte_for_byte(seed_thesis, editor):
    passage, offset = cited_passage(seed_thesis)
    text, original, count = passage.text, passage.original_text, Passage.objects.filter(thesis=seed_thesis).count()
    citations = Citation.objects.filter(passage__thesis=seed_thesis).count()
    before = history_count(Passage, passage.pk)

    first, second = repair.split_passage(
        passage.pk, offset=offset, expected_version=passage.version, user=editor, reason=REASON
    )

    assert (first.text, second.text) == (text[:offset], text[offset + 1 :])
    assert second.order == passage.order + 1 and dense(seed_thesis)
    assert Passage.objects.filter(thesis=seed_thesis).count() == count + 1
    # Each part's citations are derived from its own text.
    assert second.citations.exists()
    assert all(c.marker_start < len(first.text) for c in first.citations.all())
    assert Citation.objects.filter(passage__thesis=seed_thesis).count() == citations
    # One entry each, with the editor and the reason.
    assert history_count(Passage, passage.pk) == before + 1
    for part in (first, second):
        latest = part.history.latest()
        assert (latest.history_user, latest.history_change_reason) == (editor, REASON)
    assert second.history.count() == 1
    assert rebuild_original(seed_thesis) == seed_thesis.source_document.content

    merged = repair.merge_with_next(first.pk, expected_version=first.version, user=editor, reason="Қайта біріктіру")

    assert merged.text == text and merged.original_text == original
    assert dense(seed_thesis) and Passage.objects.filter(thesis=seed_thesis).count() == count
    assert successor_id(second.pk) == passage.pk
    assert Citation.objects.filter(passage__thesis=seed_thesis).count() == citations
    assert history_count(Passage, passage.pk) == before + 2
    assert rebuild_original(seed_thesis) == seed_thesis.source_document.content


def test_a_stale_version_is_refused_and_nothing_written(seed_thesis, editor):
    passage, offset = cited_passage(seed_thesis)
    count = Passage.objects.count()
    with pytest.raises(StaleEdit):
        repair.split_passage(passage.pk, offset=offset, expected_version=passage.version + 9, user=editor, reason="x")
    with pytest.raises(StaleEdit):
        repair.merge_with_next(passage.pk, expected_version=passage.version + 1, user=editor, reason=REASON)
    assert Passage.objects.count() == count
    assert Passage.objects.get(pk=passage.pk).text == passage.text


def test_a_reason_is_required(seed_thesis, editor):
    passage, offset = cited_passage(seed_thesis)
    with pytest.raises(EditRefused, match="reason"):
        repair.split_passage(passage.pk, offset=offset, expected_version=passage.version, user=editor, reason="  ")


@pytest.mark.parametrize("where", [0, -1])
def test_a_cut_must_leave_text_on_both_sides(seed_thesis, editor, where):
    passage, _offset = cited_passage(seed_thesis)
    offset = len(passage.text) if where == -1 else 0
    with pytest.raises(EditRefused):
        repair.split_passage(passage.pk, offset=offset, expected_version=passage.version, user=editor, reason=REASON)


def test_merging_the_last_passage_of_a_section_is_refused(seed_thesis, editor):
    section = Section.objects.filter(thesis=seed_thesis, passages__isnull=False).order_by("order").first()
    last = section.passages.order_by("-order").first()
    with pytest.raises(EditRefused, match="last of its section"):
        repair.merge_with_next(last.pk, expected_version=last.version, user=editor, reason=REASON)


def test_merging_refuses_a_next_passage_changed_since_it_was_shown(seed_thesis, editor):
    passage = with_next_in_section(seed_thesis)
    with pytest.raises(StaleEdit):
        repair.merge_with_next(
            passage.pk, expected_version=passage.version, next_version=99, user=editor, reason=REASON
        )


def test_a_passage_made_a_heading_and_back(seed_thesis, editor):
    passage = with_next_in_section(seed_thesis)
    old = passage.section
    text, original, count = passage.text, passage.original_text, Section.objects.filter(thesis=seed_thesis).count()
    after = list(Passage.objects.filter(section=old, order__gt=passage.order).values_list("pk", flat=True))

    section = repair.make_heading(passage.pk, expected_version=passage.version, user=editor, reason=REASON)

    assert section.order == old.order + 1 and section.heading_original == original
    assert section.title == text or section.label in text
    assert set(section.passages.values_list("pk", flat=True)) == set(after)
    assert not Passage.objects.filter(pk=passage.pk).exists() and dense(seed_thesis)
    assert successor_id(passage.pk) == after[0]
    assert section.history.get().history_change_reason == REASON
    assert Passage.history.filter(id=passage.pk, history_type="-").get().history_user == editor
    assert rebuild_original(seed_thesis) == seed_thesis.source_document.content

    back = repair.unmake_heading(section.pk, expected_version=section.version, user=editor, reason="Тақырып емес")

    assert back.text == text and back.original_text == original and back.section_id == old.pk
    assert back.order == passage.order and dense(seed_thesis)
    assert Section.objects.filter(thesis=seed_thesis).count() == count
    assert set(Passage.objects.filter(pk__in=after).values_list("section", flat=True)) == {old.pk}
    assert rebuild_original(seed_thesis) == seed_thesis.source_document.content


def test_a_heading_that_prints_a_number_keeps_it(seed_thesis, editor):
    passage = with_next_in_section(seed_thesis)
    Passage.objects.filter(pk=passage.pk).update(text="2.3 Екі елдің байланысы")
    section = repair.make_heading(passage.pk, expected_version=passage.version, user=editor, reason=REASON)
    assert (section.kind, section.number, section.title) == ("section", "2.3", "Екі елдің байланысы")


def test_a_heading_longer_than_a_title_may_be_is_refused(seed_thesis, editor):
    passage = max(Passage.objects.filter(thesis=seed_thesis), key=lambda p: len(p.text))
    assert len(passage.text) > 500
    with pytest.raises(EditRefused, match="at most 500 characters"):
        repair.make_heading(passage.pk, expected_version=passage.version, user=editor, reason=REASON)
    assert Passage.objects.filter(pk=passage.pk).exists()


def test_the_first_section_cannot_be_unmade(seed_thesis, editor):
    first = Section.objects.filter(thesis=seed_thesis).order_by("order").first()
    with pytest.raises(EditRefused):
        repair.unmake_heading(first.pk, expected_version=first.version, user=editor, reason=REASON)


def levels(thesis) -> dict[int, int]:
    return {s.pk: repair.section_level(s) for s in Section.objects.filter(thesis=thesis)}


def test_a_section_lowered_a_level_takes_the_sections_under_it_along(seed_thesis, editor):
    chapter = Section.objects.get(thesis=seed_thesis, kind="chapter")
    introduction, under = Section.objects.get(thesis=seed_thesis, kind="introduction"), chapter.children.get()
    before = chapter.history.count()

    changed = repair.change_section(
        chapter.pk, kind="section", level=2, expected_version=chapter.version, user=editor, reason=REASON
    )

    assert (changed.kind, changed.parent_id, changed.version) == ("section", introduction.pk, chapter.version + 1)
    assert repair.section_level(Section.objects.get(pk=under.pk)) == 3
    assert chapter.history.count() == before + 1 and chapter.history.latest().history_change_reason == REASON

    back = repair.change_section(
        chapter.pk, kind="chapter", level=1, expected_version=changed.version, user=editor, reason=REASON
    )
    assert back.parent_id is None and repair.section_level(Section.objects.get(pk=under.pk)) == 2


def test_a_section_raised_a_level_takes_the_sections_after_it_under_it(seed_thesis, editor):
    section = Section.objects.get(thesis=seed_thesis, number="1.1")
    passage = section.passages.order_by("order")[1]
    Passage.objects.filter(pk=passage.pk).update(text="1.2 Келіссөздердің түрлері")
    made = repair.make_heading(passage.pk, expected_version=passage.version, user=editor, reason=REASON)
    assert made.parent_id == section.parent_id

    repair.change_section(section.pk, kind="chapter", level=1, expected_version=1, user=editor, reason=REASON)

    assert Section.objects.get(pk=section.pk).parent_id is None
    assert Section.objects.get(pk=made.pk).parent_id == section.pk


def test_a_level_deeper_than_the_section_before_allows_is_refused(seed_thesis, editor):
    first = Section.objects.filter(thesis=seed_thesis).order_by("order").first()
    with pytest.raises(EditRefused, match="level 2"):
        repair.change_section(
            first.pk, kind=first.kind, level=2, expected_version=first.version, user=editor, reason=REASON
        )
    with pytest.raises(EditRefused, match="kind"):
        repair.change_section(first.pk, kind="poem", level=1, expected_version=first.version, user=editor, reason="x")
    assert Section.objects.get(pk=first.pk).version == first.version


def test_an_empty_section_added_and_removed(seed_thesis, editor):
    after = Section.objects.filter(thesis=seed_thesis, parent__isnull=True).order_by("order")[1]
    count, parents = Section.objects.filter(thesis=seed_thesis).count(), levels(seed_thesis)

    added = repair.add_section(after.pk, kind="appendix", title="Қосымша", user=editor, reason=REASON)

    assert added.parent_id is None and not added.passages.exists() and dense(seed_thesis)
    assert added.order > after.order and added.history.get().history_change_reason == REASON
    assert rebuild_original(seed_thesis) == seed_thesis.source_document.content

    repair.remove_section(added.pk, expected_version=added.version, user=editor, reason=REASON)

    assert Section.objects.filter(thesis=seed_thesis).count() == count and dense(seed_thesis)
    assert levels(seed_thesis) == parents


def test_a_section_with_passages_or_a_printed_heading_is_not_removed(seed_thesis, editor):
    section = Section.objects.filter(thesis=seed_thesis, passages__isnull=False).order_by("order").first()
    with pytest.raises(EditRefused, match="empty"):
        repair.remove_section(section.pk, expected_version=section.version, user=editor, reason=REASON)
    assert PassageSuccessor.objects.count() == 0
