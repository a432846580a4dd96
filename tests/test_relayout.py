"""thesis/editorial/relayout.py: a thesis's line breaks read another way after import; untouched passages
derived again, edited ones kept and sent to review, all in history with the reason."""

import pytest
from django.contrib.auth.models import User

from thesis.editorial import editing, relayout
from thesis.editorial.editing import EditRefused, StaleEdit
from thesis.ingest.importer import import_bytes
from thesis.models import Passage, Thesis
from thesis.text.normalisation import Layout, reading_text

REASON = "Жолдар Word құжатындағыдай оралған"
# A Word conversion the importer reads right as wrapped lines; read as cut at every ". ", it gets periods.
WRAPPED = (
    "Қазақстанның сыртқы саясаты тәуелсіздік алған алғашқы\n"
    "жылдардан бастап көпвекторлы сипатта дамып келеді және\n"
    "көршілес мемлекеттермен тату қарым-қатынас орнатуға\n"
    "бағытталған.\n"
    "\n"
    "Дипломатиялық қызметтің негізгі міндеттері мемлекеттің\n"
    "ұлттық мүдделерін халықаралық аренада қорғау болып\n"
    "табылады.\n"
    "\n"
    "Елші ел басшысының атынан сөйлейді және шетелдегі\n"
    "азаматтардың құқықтарын қорғайды.\n"
)


@pytest.fixture
def editor(db):
    return User.objects.create_user("aigul", password="unused-password-1")


@pytest.fixture
def wrapped(db) -> Thesis:
    thesis = import_bytes(WRAPPED.encode(), "wrapped.txt", use_curation=False).thesis
    assert thesis.line_breaks == Layout.WRAP
    return thesis


def texts(thesis) -> list[str]:
    return list(thesis.passages.order_by("order").values_list("text", flat=True))


def test_untouched_passages_are_derived_again_and_the_edited_one_is_kept_for_review(wrapped, editor):
    first, second, third = wrapped.passages.order_by("order")
    editing.save_passage(second.pk, text=second.text + " Өзгерту.", expected_version=1, user=editor, reason="Түзету")
    second.refresh_from_db()
    planned = relayout.preview(wrapped, Layout.LOST_PERIOD)
    done = relayout.change_line_breaks(
        wrapped.pk, Layout.LOST_PERIOD, expected_version=wrapped.version, user=editor, reason=REASON
    )
    assert done == planned == relayout.Relayout(rederived=2, to_review=1, unchanged=0)
    wrapped.refresh_from_db()
    assert wrapped.line_breaks == Layout.LOST_PERIOD and wrapped.version == 2
    now = texts(wrapped)
    assert now[0] == reading_text(first.original_text, Layout.LOST_PERIOD) and "алғашқы. жылдардан" in now[0]
    assert now[1] == second.text
    assert now[2] == reading_text(third.original_text, Layout.LOST_PERIOD)
    # Each change is one version in history, with the reason; the edited passage waits in review.
    assert Passage.history.filter(id=first.pk, version=2).get().history_change_reason == REASON
    assert Thesis.history.filter(id=wrapped.pk).latest("history_date").history_change_reason == REASON
    assert Passage.objects.get(pk=second.pk).status == Passage.Status.CORRECTED
    # Reading them back as wrapped gives the text the import gave.
    relayout.change_line_breaks(wrapped.pk, Layout.WRAP, expected_version=2, user=editor, reason=REASON)
    assert texts(wrapped)[0] == first.text and texts(wrapped)[2] == third.text


def test_a_verified_passage_whose_reading_changes_goes_back_to_review(wrapped, editor):
    first = wrapped.passages.order_by("order").first()
    Passage.objects.filter(pk=first.pk).update(status=Passage.Status.VERIFIED)
    relayout.change_line_breaks(wrapped.pk, Layout.LINE, expected_version=1, user=editor, reason=REASON)
    first.refresh_from_db()
    assert first.status == Passage.Status.CORRECTED and "\n" in first.text


def test_derived_records_follow_the_new_reading(seed_thesis, editor):
    # Read as wrapped, the seed's restored periods go, and with them sentence ends its citations begin at.
    before = {p.pk: p.text for p in seed_thesis.passages.all()}
    relayout.change_line_breaks(seed_thesis.pk, Layout.WRAP, expected_version=1, user=editor, reason=REASON)
    changed = [p for p in seed_thesis.passages.all() if p.text != before[p.pk]]
    assert changed and all(p.text == reading_text(p.original_text, Layout.WRAP) for p in changed)
    for passage in changed:
        for citation in passage.citations.all():
            assert citation.sentence in passage.text


@pytest.mark.parametrize(
    ("layout", "version", "refusal"),
    [(Layout.WRAP, 1, EditRefused), (Layout.LINE, 7, StaleEdit)],
    ids=["same-reading", "stale"],
)
def test_a_refused_change_writes_nothing(wrapped, editor, layout, version, refusal):
    before = texts(wrapped), Passage.history.count(), Thesis.history.count()
    with pytest.raises(refusal):
        relayout.change_line_breaks(wrapped.pk, layout, expected_version=version, user=editor, reason=REASON)
    wrapped.refresh_from_db()
    assert (texts(wrapped), Passage.history.count(), Thesis.history.count()) == before
    assert wrapped.line_breaks == Layout.WRAP and wrapped.version == 1
