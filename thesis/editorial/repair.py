"""Repairs of a document's structure: passages split and merged, headings made and unmade, sections changed."""

from difflib import SequenceMatcher

from django.db import router
from django.db.models import F, Max
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from thesis.derived import changes
from thesis.history import clean_reason, record

from ..models import (
    DismissedSuspect,
    Passage,
    PassageSuccessor,
    ReplaceBatchItem,
    Section,
    SourceDocument,
    TimelineEvent,
)
from ..text.headings import heading_of
from ..text.parsing import heading_in
from . import verification
from .editing import EditRefused, StaleEdit, locked, save_checked

# What a heading made from a passage is, when its text prints none of the common forms.
DEFAULT_HEADING_KIND = Section.Kind.SECTION


def split_passage(passage_id: int, *, offset: int, expected_version: int, user, reason: str):
    """Split a passage at `offset` (in code points of its text) into two: the first keeps its id, the
    second takes the next order. The spaces at the cut go with it; each part must keep some text."""
    reason = _required(reason)
    with changes.atomic():
        passage = _checked(Passage, passage_id, expected_version)
        first, second = _cut(passage.text, offset)
        head, tail = _cut_original(passage.original_text, _original_offset(passage.original_text, passage.text, offset))
        _shift(Passage, passage.thesis_id, passage.order, 1)
        new = Passage(
            thesis_id=passage.thesis_id,
            section_id=passage.section_id,
            order=passage.order + 1,
            original_text=passage.original_text[tail:],
            text=second,
            status=Passage.Status.CORRECTED,
            span_start=passage.span_start + tail,
            span_end=passage.span_end,
            role=passage.role,
        )
        passage.original_text, passage.span_end = passage.original_text[:head], passage.span_start + head
        _save_text(passage, first, expected_version, user, reason)
        record(new, user, reason).save()
    return passage, new


def merge_with_next(passage_id: int, *, expected_version: int, user, reason: str, next_version: int | None = None):
    """Merge a passage with the next one of its section: the first keeps its id and takes the second's
    text after its own (a space between unless one is there); the second's id leads to it from now on."""
    reason = _required(reason)
    with changes.atomic():
        passage = _checked(Passage, passage_id, expected_version)
        following = locked(Passage).filter(thesis_id=passage.thesis_id, order=passage.order + 1).first()
        if following is None or following.section_id != passage.section_id:
            raise EditRefused(_("the passage is the last of its section: there is no next passage to merge it with"))
        if next_version is not None and following.version != next_version:
            raise StaleEdit(following, next_version)
        text = passage.text + _joint(passage.text, following.text) + following.text
        passage.original_text = _source_slice(passage, following.span_end) or "\n\n".join(
            (passage.original_text, following.original_text)
        )
        passage.span_end = max(passage.span_end, following.span_end)
        _delete_into(following, passage, user, reason)
        _save_text(passage, text, expected_version, user, reason)
    return passage


def make_heading(
    passage_id: int, *, expected_version: int, user, reason: str, kind: str | None = None, level: int | None = None
):
    """Make a passage the heading of a new section, at `level` (its section's when None): the passages
    after it in its section move into the new one, and the sections after it hang from the nearest
    section above their level."""
    reason = _required(reason)
    with changes.atomic():
        passage = _checked(Passage, passage_id, expected_version)
        old = passage.section
        sections = _sections(passage.thesis_id)
        depths = _depths(sections)
        fields = _heading_fields(passage.text, kind)
        _shift(Section, passage.thesis_id, old.order, 1)
        section = Section(
            thesis_id=passage.thesis_id,
            order=old.order + 1,
            heading_original=passage.original_text,
            span_start=passage.span_start,
            span_end=passage.span_end,
            **fields,
        )
        record(section, user, reason).save()
        Passage.objects.filter(section=old, order__gt=passage.order).update(section=section)
        depths[section.pk] = level or depths[old.pk]
        _reparent(_sections(passage.thesis_id), depths)
        following = Passage.objects.filter(section=section).order_by("order").first()
        _delete_into(passage, following or _previous(passage), user, reason)
        changes.data_changed(router.db_for_write(Passage), {passage.thesis_id})
    return Section.objects.get(pk=section.pk)


def unmake_heading(section_id: int, *, expected_version: int, user, reason: str):
    """Make a section's heading a passage at the end of the section before it, its passages following
    it there and the sections under it moving up a level; None for a heading that prints nothing."""
    reason = _required(reason)
    with changes.atomic():
        section = _checked(Section, section_id, expected_version)
        before = Section.objects.filter(thesis_id=section.thesis_id, order__lt=section.order).order_by("-order").first()
        if before is None:
            raise EditRefused(_("the first section has no section before it to join"))
        passage = _heading_passage(section, before, user, reason)
        Passage.objects.filter(section=section).update(section=before)
        _remove_section(section, user, reason)
        changes.data_changed(router.db_for_write(Passage), {section.thesis_id})
    return passage


def change_section(section_id: int, *, kind: str, level: int, expected_version: int, user, reason: str):
    """Give a section another kind and level; the sections under it move with it, and those after it
    hang from the nearest section above their level, as the headings' order says."""
    reason = _required(reason)
    if kind not in Section.Kind.values:
        raise EditRefused(_("“%(kind)s” is not a kind of section") % {"kind": kind})
    with changes.atomic():
        section = _checked(Section, section_id, expected_version)
        sections = _sections(section.thesis_id)
        depths = _depths(sections)
        delta = level - depths[section.pk]
        for member in _subtree(sections, section, depths):
            depths[member.pk] += delta
        parents = _reparent(sections, depths)
        section.kind, section.parent_id = kind, parents[section.pk]
        save_checked(section, expected_version=expected_version, user=user, reason=reason)
    return section


def add_section(after_id: int, *, kind: str, title: str, user, reason: str):
    """Add an empty section after another (and the sections under it), at its level; it prints no
    heading in the transcription, so it spans nothing of it."""
    reason = _required(reason)
    if kind not in Section.Kind.values:
        raise EditRefused(_("“%(kind)s” is not a kind of section") % {"kind": kind})
    with changes.atomic():
        after = locked(Section).get(pk=after_id)
        sections = _sections(after.thesis_id)
        depths = _depths(sections)
        last = _subtree(sections, after, depths)[-1]
        end = _end_of(last)
        _shift(Section, after.thesis_id, last.order, 1)
        section = Section(
            thesis_id=after.thesis_id, kind=kind, title=title, order=last.order + 1, span_start=end, span_end=end
        )
        section.parent_id = after.parent_id
        record(section, user, reason).save()
    return section


def remove_section(section_id: int, *, expected_version: int, user, reason: str) -> None:
    """Remove a section that holds no passage and prints no heading of the transcription; the
    sections under it move up a level."""
    reason = _required(reason)
    with changes.atomic():
        section = _checked(Section, section_id, expected_version)
        if Passage.objects.filter(section=section).exists():
            raise EditRefused(_("only an empty section can be removed: this one holds passages"))
        if section.heading_original:
            raise EditRefused(
                _("the section's heading is in the transcription: make it a passage instead of removing it")
            )
        _remove_section(section, user, reason)


def section_level(section: Section) -> int:
    """How deep a section stands: 1 at the top, one more for each section above it."""
    return _depths(_sections(section.thesis_id))[section.pk]


# --- the parts ----------------------------------------------------------------------------------------


def _required(reason: str) -> str:
    reason = clean_reason(reason)
    if not reason:
        raise EditRefused(_("a reason for the change is required"))
    return reason


def _checked(model, pk: int, expected_version: int):
    """The record, locked, if it is still at the version the editor opened; StaleEdit otherwise."""
    found = locked(model).filter(pk=pk).first()
    if found is None:
        raise EditRefused(_("the record is gone: someone removed it after the page showed it"))
    if found.version != expected_version:
        raise StaleEdit(found, expected_version)
    return found


def _cut(text: str, offset: int) -> tuple[str, str]:
    """The text before and after `offset`, without the spaces at the cut; each must hold some text."""
    if not 0 < offset < len(text):
        raise EditRefused(_("the cut must fall inside the text, not at its start or end"))
    first, second = text[:offset].rstrip(), text[offset:].lstrip()
    if not first or not second:
        raise EditRefused(_("each part must keep some text: the cut is among spaces at the start or end"))
    return first, second


def _original_offset(original: str, text: str, offset: int) -> int:
    """Where in the transcription a place in the passage's text falls: through the stretches the two
    share, or at the end of the last one before it."""
    at = 0
    for tag, o_start, o_end, t_start, t_end in SequenceMatcher(None, original, text, autojunk=False).get_opcodes():
        if t_start <= offset < t_end or (tag == "delete" and t_start == offset):
            return o_start + (offset - t_start if tag == "equal" else 0)
        at = o_end
    return at


def _cut_original(original: str, cut: int) -> tuple[int, int]:
    """The end of the transcription's first part and the start of its second, the spaces between left to neither."""
    head = len(original[:cut].rstrip())
    tail = cut + len(original[cut:]) - len(original[cut:].lstrip())
    return head, max(tail, head)


def _joint(first: str, second: str) -> str:
    return "" if not first or not second or first[-1].isspace() or second[0].isspace() else " "


def _source_slice(passage: Passage, end: int) -> str | None:
    """The transcription from the passage's start to `end`, as the source document holds it."""
    if end < passage.span_start:
        return None
    length = end - passage.span_start
    found = (
        SourceDocument.objects.filter(thesis__pk=passage.thesis_id)
        .annotate(piece=Substr("content", passage.span_start + 1, length))
        .values_list("piece", flat=True)
        .first()
    )
    return found if found is not None and len(found) == length else None


def _save_text(passage: Passage, text: str, expected_version: int, user, reason: str) -> None:
    status, _refusal = verification.status_after_save(passage, text, None, user)
    passage.text, passage.status = text, status
    save_checked(passage, expected_version=expected_version, user=user, reason=reason)


def _delete_into(gone: Passage, heir: Passage | None, user, reason: str) -> None:
    """Delete a passage, what pointed at it (events, dismissals, replacements, former ids) now
    pointing at its heir, and the orders after it closing up."""
    if heir is not None:
        TimelineEvent.objects.filter(passage=gone).update(passage=heir, version=F("version") + 1)
        DismissedSuspect.objects.filter(passage=gone).update(passage=heir)
        ReplaceBatchItem.objects.filter(passage=gone).update(passage=heir)
        PassageSuccessor.objects.filter(passage=gone).update(passage=heir)
        PassageSuccessor.objects.create(old_id=gone.pk, passage=heir)
    else:
        ReplaceBatchItem.objects.filter(passage=gone).delete()
    thesis_id, order = gone.thesis_id, gone.order
    record(gone, user, reason).delete()
    _shift(Passage, thesis_id, order, -1)


def _previous(passage: Passage) -> Passage | None:
    return Passage.objects.filter(thesis_id=passage.thesis_id, order__lt=passage.order).order_by("-order").first()


def _shift(model, thesis_id: int, above: int, by: int) -> None:
    """Move the orders of the thesis's rows after `above` by `by` (1 or -1), in two steps so that no
    two rows ever share an order, whichever order the database updates them in."""
    rows = model.objects.filter(thesis_id=thesis_id)
    top = rows.aggregate(top=Max("order"))["top"]
    if top is None:
        return
    rows.filter(order__gt=above).update(order=F("order") + top + 2)
    rows.filter(order__gt=top + 1).update(order=F("order") - top - 2 + by)


def _heading_fields(text: str, kind: str | None) -> dict:
    """A heading's kind, number, label and title as the text prints them, when they print it back
    exactly; otherwise the whole text as its title, of the kind asked."""
    parsed = heading_in(text)
    if parsed is not None and kind in (None, parsed.kind):
        fields = {"kind": parsed.kind, "number": parsed.number, "label": parsed.label, "title": parsed.title}
        if heading_of(**fields) == text:
            return fields
    limit = Section._meta.get_field("title").max_length
    if len(text) > limit:
        raise EditRefused(
            _("a heading has at most %(limit)s characters and this text has %(count)s: split the passage first")
            % {"limit": limit, "count": len(text)}
        )
    kind = kind or DEFAULT_HEADING_KIND
    if kind not in Section.Kind.values:
        raise EditRefused(_("“%(kind)s” is not a kind of section") % {"kind": kind})
    return {"kind": kind, "number": "", "label": "", "title": text}


def _heading_passage(section: Section, before: Section, user, reason: str) -> Passage | None:
    """The passage a section's heading becomes, first of the section's own; None if it prints nothing."""
    text = heading_of(section.kind, section.number, section.label, section.title)
    if not text:
        return None
    first = Passage.objects.filter(section=section).order_by("order").values_list("order", flat=True).first()
    if first is None:
        earlier = Passage.objects.filter(thesis_id=section.thesis_id, section__order__lt=section.order)
        first = (earlier.aggregate(last=Max("order"))["last"] or -1) + 1
    _shift(Passage, section.thesis_id, first - 1, 1)
    passage = Passage(
        thesis_id=section.thesis_id,
        section=before,
        order=first,
        original_text=section.heading_original,
        text=text,
        status=Passage.Status.CORRECTED,
        span_start=section.span_start,
        span_end=section.span_end if section.heading_original else section.span_start,
    )
    record(passage, user, reason).save()
    return passage


def _remove_section(section: Section, user, reason: str) -> None:
    """Delete a section emptied of passages: the sections under it hang from its parent, the orders close up."""
    Section.objects.filter(parent=section).update(parent=section.parent_id)
    thesis_id, order = section.thesis_id, section.order
    record(section, user, reason).delete()
    _shift(Section, thesis_id, order, -1)


def _end_of(section: Section) -> int:
    """Where in the transcription a section ends: its last passage's end, or its heading's."""
    last = Passage.objects.filter(section=section).aggregate(end=Max("span_end"))["end"]
    return max(last or 0, section.span_end)


# --- levels -------------------------------------------------------------------------------------------


def _sections(thesis_id: int) -> list[Section]:
    return list(Section.objects.filter(thesis_id=thesis_id).order_by("order"))


def _depths(sections: list[Section]) -> dict[int, int]:
    """Each section's level, by the sections above it."""
    parents = {s.pk: s.parent_id for s in sections}
    depths: dict[int, int] = {}
    for section in sections:
        depth, parent = 1, parents[section.pk]
        while parent is not None:
            depth, parent = depth + 1, parents.get(parent)
        depths[section.pk] = depth
    return depths


def _subtree(sections: list[Section], top: Section, depths: dict[int, int]) -> list[Section]:
    """The section and those that follow it deeper than it, up to the next at its level or above."""
    members = [top]
    for section in sections:
        if section.order <= top.order:
            continue
        if depths[section.pk] <= depths[top.pk]:
            break
        members.append(section)
    return members


def _reparent(sections: list[Section], depths: dict[int, int]) -> dict[int, int | None]:
    """Each section hung from the nearest section before it one level up (the first must be at the
    top, none more than one below the one before); the parents that change are written."""
    parents: dict[int, int | None] = {}
    stack: list[Section] = []
    for section in sections:
        depth = depths[section.pk]
        if not 1 <= depth <= len(stack) + 1:
            raise EditRefused(_level_refusal(section, depth, len(stack) + 1))
        del stack[depth - 1 :]
        parents[section.pk] = stack[-1].pk if stack else None
        stack.append(section)
    for section in sections:
        if parents[section.pk] != section.parent_id:
            Section.objects.filter(pk=section.pk).update(parent=parents[section.pk])
    return parents


def _level_refusal(section: Section, depth: int, deepest: int) -> str:
    return _(
        "“%(section)s” cannot stand at level %(level)s: after the section before it, the deepest level is %(deepest)s"
    ) % {"section": section, "level": depth, "deepest": deepest}
