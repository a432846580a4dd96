"""Reading a thesis's line breaks another way after its import: the passages no editor has touched are
derived again from their transcription, and a passage an editor changed keeps its text and goes to review,
the new reading beside it on its page."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from thesis.derived import changes

from ..models import Passage, Thesis
from ..text.normalisation import Layout, reading_text
from .editing import EditRefused, StaleEdit, locked, save_checked


@dataclass(frozen=True)
class Relayout:
    """What a new reading of the line breaks did: passages derived again, edited passages kept and sent to
    review, and passages whose reading the change leaves as it was."""

    rederived: int = 0
    to_review: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class PassagePlan:
    """What a new reading does to one passage: its new text (None: kept) and its new status (None: kept)."""

    text: str | None
    status: str | None

    @property
    def changes(self) -> bool:
        return self.text is not None or self.status is not None


def passage_plan(passage: Passage, old: Layout, new: Layout) -> PassagePlan:
    """A passage still as derived takes the new reading (a verified one goes back to review, its text having
    changed); a passage an editor changed keeps its text and goes to review unless it waits there already."""
    before, after = reading_text(passage.original_text, old), reading_text(passage.original_text, new)
    if before == after:
        return PassagePlan(None, None)
    if passage.text == before:
        verified = passage.status == Passage.Status.VERIFIED
        return PassagePlan(after, Passage.Status.CORRECTED if verified else None)
    return PassagePlan(None, None if passage.status == Passage.Status.CORRECTED else Passage.Status.CORRECTED)


def preview(thesis: Thesis, layout: Layout) -> Relayout:
    """What `change_line_breaks` would do to the thesis, without doing it."""
    counts = {"rederived": 0, "to_review": 0, "unchanged": 0}
    for passage in thesis.passages.only("original_text", "text", "status"):
        counts[_outcome(passage, passage_plan(passage, Layout(thesis.line_breaks), layout))] += 1
    return Relayout(**counts)


def _outcome(passage: Passage, plan: PassagePlan) -> str:
    if plan.text is not None:
        return "rederived"
    return "to_review" if plan.status is not None or passage.status == Passage.Status.CORRECTED else "unchanged"


def change_line_breaks(thesis_id: int, layout: Layout, *, expected_version: int, user, reason: str) -> Relayout:
    """Read the thesis's line breaks as `layout`, if the thesis is still at `expected_version`: one change
    of the thesis and one of each passage it touches, all with the reason, in one transaction."""
    counts = {"rederived": 0, "to_review": 0, "unchanged": 0}
    with changes.atomic():
        thesis = locked(Thesis).get(pk=thesis_id)
        if thesis.version != expected_version:
            raise StaleEdit(thesis, expected_version)
        old = Layout(thesis.line_breaks)
        if old == layout:
            raise EditRefused(_("the line breaks are already read that way"))
        thesis.line_breaks = layout
        save_checked(thesis, expected_version=expected_version, user=user, reason=reason)
        for passage in locked(Passage).filter(thesis=thesis).order_by("order"):
            plan = passage_plan(passage, old, layout)
            counts[_outcome(passage, plan)] += 1
            if plan.changes:
                passage.text = passage.text if plan.text is None else plan.text
                passage.status = passage.status if plan.status is None else plan.status
                save_checked(passage, expected_version=passage.version, user=user, reason=reason)
    return Relayout(**counts)
