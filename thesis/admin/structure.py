"""The pages that repair a document's structure, each a form with a reason whose refusals are the form's errors."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from thesis.editorial import editing, relayout, repair

from ..forms import (
    DATABASE_FAULTS,
    AddSectionForm,
    HeadingForm,
    LineBreaksForm,
    MergeForm,
    RepairForm,
    SectionStructureForm,
    SplitForm,
    stale_message,
)
from ..models import Passage, Section, Thesis
from ..text.headings import heading_of
from ..text.normalisation import Layout

REPAIR_PERMISSION = "thesis.repair_structure"


class RepairView(PermissionRequiredMixin, View):
    """A repair's page: the record and the form (GET); the repair, or the form again with why not (POST)."""

    model = Passage  # the record its URL names
    permission_required = REPAIR_PERMISSION
    raise_exception = True  # the admin already sends the anonymous to its login page
    model_admin = None
    form_class = RepairForm
    title = ""
    explanation = ""
    button = ""

    def get(self, request, pk):
        record = get_object_or_404(self.model, pk=pk)
        return self.page(request, record, self.form_class(initial=self.initial(request, record)))

    def post(self, request, pk):
        record = get_object_or_404(self.model, pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                done = self.make(record, form.cleaned_data, request.user)
            except Exception as error:
                form.add_error(None, refusal_message(error))
            else:
                messages.success(request, self.done_message(done))
                return HttpResponseRedirect(self.next_url(record, done))
        return self.page(request, record, form)

    def initial(self, request, record) -> dict:
        return {"opened_version": record.version}

    def make(self, record, data: dict, user):
        raise NotImplementedError

    def done_message(self, done) -> str:
        return gettext("Done; the change is in the history with your reason.")

    def next_url(self, record, done) -> str:
        return reverse("admin:thesis_passage_change", args=[done.pk])

    def preview(self, request, record, form) -> list[tuple[str, str]]:
        """What the page shows of the record: (label, text) pairs."""
        return [(gettext("Text"), record.text)]

    def page(self, request, record, form):
        opts = self.model._meta
        context = {
            **self.model_admin.admin_site.each_context(request),
            "opts": opts,
            "original": record,
            "title": self.title,
            "explanation": self.explanation,
            "button": self.button,
            "preview": self.preview(request, record, form),
            "form": form,
            "record_url": reverse(f"admin:thesis_{opts.model_name}_change", args=[record.pk]),
        }
        return TemplateResponse(request, "admin/thesis/repair.html", context)


def checked(data: dict, user) -> dict:
    """The arguments every checked repair takes: the version opened, who, and why."""
    return {"expected_version": data["opened_version"], "user": user, "reason": data["change_reason"]}


def refusal_message(error: Exception) -> str:
    """Why a repair was not made, for the form's errors; any error that is no refusal goes on up."""
    refusal = editing.as_refusal(error)
    if refusal is None:
        raise error
    if isinstance(refusal, editing.StaleEdit):
        return stale_message(refusal.conflict, in_form=False)
    fault = DATABASE_FAULTS.get(type(refusal))
    return str(fault[1]()) if fault else gettext("Not changed: %(why)s.") % {"why": refusal}


class SplitView(RepairView):
    form_class = SplitForm
    title = _("Split the passage in two")
    explanation = _(
        "The text after the cut becomes a new passage right after this one; the spaces at the cut are dropped. "
        "Citations and people are found again in both."
    )
    button = _("Split")

    def initial(self, request, record) -> dict:
        offset = request.GET.get("offset", "")
        return {**super().initial(request, record), "offset": int(offset) if offset.isdigit() else None}

    def preview(self, request, record, form):
        offset = form["offset"].value()
        if not str(offset or "").isdigit() or not 0 < int(offset) < len(record.text):
            return super().preview(request, record, form)
        cut = int(offset)
        return [(gettext("First passage"), record.text[:cut].rstrip()), (gettext("Second passage"), record.text[cut:])]

    def make(self, record, data, user):
        return repair.split_passage(record.pk, offset=data["offset"], **checked(data, user))[1]

    def done_message(self, done) -> str:
        return gettext("Split: the second part is passage §%(order)s.") % {"order": done.order}


class MergeView(RepairView):
    form_class = MergeForm
    title = _("Merge with the next passage")
    explanation = _("The next passage's text is joined to this one's, and its address leads here from now on.")
    button = _("Merge")

    def following(self, record):
        return Passage.objects.filter(thesis_id=record.thesis_id, order=record.order + 1).first()

    def initial(self, request, record) -> dict:
        following = self.following(record)
        return {**super().initial(request, record), "next_version": following.version if following else 1}

    def preview(self, request, record, form):
        following = self.following(record)
        shown = [(gettext("This passage"), record.text)]
        return shown + ([(gettext("The next passage"), following.text)] if following else [])

    def make(self, record, data, user):
        return repair.merge_with_next(
            record.pk,
            expected_version=data["opened_version"],
            next_version=data["next_version"],
            user=user,
            reason=data["change_reason"],
        )

    def done_message(self, done) -> str:
        return gettext("Merged into passage §%(order)s.") % {"order": done.order}


class HeadingView(RepairView):
    form_class = HeadingForm
    title = _("Make the passage a section heading")
    explanation = _(
        "A new section starts here with this text as its heading; the passages after it in its section move into it."
    )
    button = _("Make a heading")

    def initial(self, request, record) -> dict:
        return {**super().initial(request, record), "level": repair.section_level(record.section)}

    def make(self, record, data, user):
        return repair.make_heading(
            record.pk,
            kind=data["kind"] or None,
            level=data["level"],
            **checked(data, user),
        )

    def done_message(self, done) -> str:
        return gettext("The section “%(section)s” now starts there.") % {"section": done}

    def next_url(self, record, done) -> str:
        return reverse("admin:thesis_section_change", args=[done.pk])


class SectionRepairView(RepairView):
    model = Section

    def preview(self, request, record, form):
        heading = heading_of(record.kind, record.number, record.label, record.title)
        count = Passage.objects.filter(section=record).count()
        return [
            (gettext("Heading"), heading or record.get_kind_display()),
            (gettext("Passages"), str(count)),
            (gettext("Level"), str(repair.section_level(record))),
        ]

    def next_url(self, record, done) -> str:
        return reverse("admin:thesis_section_change", args=[done.pk])


class SectionStructureView(SectionRepairView):
    form_class = SectionStructureForm
    title = _("Change the section's kind and level")
    explanation = _(
        "The sections under it move with it; the sections after it belong to the nearest section above their level."
    )
    button = _("Change")

    def initial(self, request, record) -> dict:
        return {**super().initial(request, record), "kind": record.kind, "level": repair.section_level(record)}

    def make(self, record, data, user):
        return repair.change_section(
            record.pk,
            kind=data["kind"],
            level=data["level"],
            **checked(data, user),
        )


class ToPassageView(SectionRepairView):
    title = _("Make the heading a passage")
    explanation = _(
        "The heading becomes a passage of the section before it, and this section's passages join it there."
    )
    button = _("Make a passage")

    def make(self, record, data, user):
        before = Section.objects.filter(thesis_id=record.thesis_id, order__lt=record.order).order_by("-order").first()
        passage = repair.unmake_heading(record.pk, **checked(data, user))
        return passage or before

    def done_message(self, done) -> str:
        return gettext("The heading is a passage now.")

    def next_url(self, record, done) -> str:
        name = "passage" if isinstance(done, Passage) else "section"
        return reverse(f"admin:thesis_{name}_change", args=[done.pk])


class AddSectionView(SectionRepairView):
    form_class = AddSectionForm
    title = _("Add an empty section after this one")
    explanation = _("The new section follows this one and the sections under it, at its level.")
    button = _("Add")

    def initial(self, request, record) -> dict:
        return {"kind": record.kind}

    def make(self, record, data, user):
        reason = data["change_reason"]
        return repair.add_section(record.pk, kind=data["kind"], title=data["title"], user=user, reason=reason)

    def done_message(self, done) -> str:
        return gettext("Section added.")


class RemoveSectionView(SectionRepairView):
    title = _("Remove the empty section")
    explanation = _("Only a section that holds no passage and prints no heading of the transcription can be removed.")
    button = _("Remove")

    def make(self, record, data, user):
        repair.remove_section(record.pk, **checked(data, user))
        return None

    def done_message(self, done) -> str:
        return gettext("Section removed.")

    def next_url(self, record, done) -> str:
        return f"{reverse('admin:thesis_section_changelist')}?thesis__id__exact={record.thesis_id}"


class LineBreaksView(RepairView):
    model = Thesis
    form_class = LineBreaksForm
    title = _("Read the line breaks another way")
    explanation = _(
        "Every passage no editor has changed is derived again from its transcription in the new reading, and "
        "its citations, people and suspects with it. A passage an editor has changed keeps its text and goes to "
        "review, with the new reading beside it on its page."
    )
    button = _("Read them this way")

    def initial(self, request, record) -> dict:
        return {**super().initial(request, record), "line_breaks": record.line_breaks}

    def preview(self, request, record, form):
        shown = [(gettext("Read now as"), str(Thesis.LineBreaks(record.line_breaks).label))]
        for layout, label in Thesis.LineBreaks.choices:
            if layout != record.line_breaks:
                shown.append(
                    (
                        gettext("Read as: %(reading)s") % {"reading": label},
                        outcome_text(relayout.preview(record, Layout(layout))),
                    )
                )
        return shown

    def make(self, record, data, user):
        return relayout.change_line_breaks(record.pk, Layout(data["line_breaks"]), **checked(data, user))

    def done_message(self, done) -> str:
        return gettext("The line breaks are read the new way. %(outcome)s") % {"outcome": outcome_text(done)}

    def next_url(self, record, done) -> str:
        return reverse("admin:thesis_thesis_change", args=[record.pk])


def outcome_text(outcome: relayout.Relayout) -> str:
    """What a new reading of the line breaks does, in words."""
    return gettext(
        "%(rederived)s passages derived again; %(to_review)s changed by editors, kept and in review; "
        "%(unchanged)s read as before."
    ) % vars(outcome)


PASSAGE_VIEWS = {"split": SplitView, "merge": MergeView, "heading": HeadingView}
THESIS_VIEWS = {"line_breaks": LineBreaksView}
SECTION_VIEWS = {
    "structure": SectionStructureView,
    "to_passage": ToPassageView,
    "insert": AddSectionView,
    "remove": RemoveSectionView,
}


def repair_urls(model_admin, views: dict) -> list:
    """The repair pages of a model admin, named admin:thesis_<model>_<what>."""
    wrap = model_admin.admin_site.admin_view
    name = model_admin.model._meta.model_name
    return [
        path(f"<int:pk>/{what}/", wrap(view.as_view(model_admin=model_admin)), name=f"thesis_{name}_{what}")
        for what, view in views.items()
    ]


def section_repairs(section: Section) -> list[tuple[str, str]]:
    """The repairs a section's page links to, (URL, what it does): removing only an empty one."""
    links = [
        ("structure", gettext("Change its kind and level")),
        ("to_passage", gettext("Make its heading a passage")),
        ("insert", gettext("Add an empty section after it")),
    ]
    if not section.heading_original and not Passage.objects.filter(section=section).exists():
        links.append(("remove", gettext("Remove this empty section")))
    return [(reverse(f"admin:thesis_section_{what}", args=[section.pk]), label) for what, label in links]
