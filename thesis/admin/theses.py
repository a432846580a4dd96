"""The thesis admin and its tools: the suspected-errors page and find-and-replace, with batches that can be undone."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thesis.editorial import editing, replace

from ..forms import ReplaceForm, ThesisForm, UndoBatchForm
from ..models import ReplaceBatch, ReplaceBatchItem, Thesis
from .base import EditorialAdmin, ReadOnlyInline, render_text_diff, yes_no_icon
from .files import ThesisFilesAdmin
from .import_jobs import ImportJobView
from .queue import ClaimNextView
from .review import ReviewView
from .structure import THESIS_VIEWS, repair_urls
from .suspects import SuspectViews


@admin.register(Thesis)
class ThesisAdmin(ThesisFilesAdmin, SuspectViews, EditorialAdmin):
    change_form_template = "admin/thesis/thesis/change_form.html"
    list_display = ["title", "kind", "language", "complete", "tools"]
    form = ThesisForm
    readonly_fields = ["source_document", "declared_structure", "created_at"]

    def has_add_permission(self, request):
        return False  # a thesis is made by importing its file

    @admin.display(description=_("complete"), ordering="is_complete")
    def complete(self, obj):
        return yes_no_icon(obj.is_complete)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "complete"] if self._viewing_only(request, obj) else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._viewing_only(request, obj):
            return fieldsets
        # Django's readonly icon for is_complete would be titled "False"; ours is translated.
        swap = lambda fields: ["complete" if f == "is_complete" else f for f in fields]  # noqa: E731
        return [(name, {**options, "fields": swap(options["fields"])}) for name, options in fieldsets]

    def _viewing_only(self, request, obj) -> bool:
        return obj is not None and not self.has_change_permission(request, obj)

    @admin.display(description=_("tools"))
    def tools(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:thesis_thesis_suspects", args=[obj.pk]),
            gettext("Suspected errors"),
            reverse("admin:thesis_thesis_replace", args=[obj.pk]),
            gettext("Find and replace"),
            reverse("admin:thesis_thesis_review", args=[obj.pk]),
            gettext("Review"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            *self.suspect_urls(),
            *repair_urls(self, THESIS_VIEWS),
            path("<int:thesis_id>/replace/", view(self.replace_view), name="thesis_thesis_replace"),
            path("<int:thesis_id>/review/", view(ReviewView.as_view(model_admin=self)), name="thesis_thesis_review"),
            path(
                "<int:thesis_id>/claim-next/",
                view(ClaimNextView.as_view(model_admin=self)),
                name="thesis_thesis_claim_next",
            ),
            path(
                "import/job/<int:job_id>/",
                view(ImportJobView.as_view(model_admin=self)),
                name="thesis_thesis_import_job",
            ),
            *super().get_urls(),
        ]

    def _thesis(self, request, thesis_id, perm="thesis.view_thesis"):
        thesis = get_object_or_404(Thesis, pk=thesis_id)
        if not request.user.has_perm(perm):
            raise PermissionDenied
        return thesis

    def _context(self, request, thesis, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": thesis,
            "thesis": thesis,
            "title": title,
            **extra,
        }

    # --- find and replace ----------------------------------------------------------------------------

    def replace_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.change_passage")
        form = ReplaceForm(request.POST or None)
        previews, ticked = None, None  # None ticks every match, as a fresh preview does
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            options = {"whole_word": data["whole_word"], "case_sensitive": data["case_sensitive"]}
            previews = replace.preview(thesis, data["pattern"], data["replacement"], **options)
            if not previews:
                form.add_error("pattern", gettext("Nothing in the thesis matches."))
            elif "apply" in request.POST:
                # What the editor left ticked stays ticked if the page comes back with an error.
                ticked = set(request.POST.getlist("match"))
                response = self._apply_batch(request, thesis, data, options, ticked) if form.require_reason() else None
                if response is not None:
                    return response
        context = self._context(
            request,
            thesis,
            gettext("Find and replace"),
            form=form,
            previews=previews,
            token=replace.versions_token(previews or []),
            match_count=sum(len(p.matches) for p in previews or []),
            ticked=ticked,
            batches=ReplaceBatch.objects.filter(thesis=thesis)[:20],
        )
        return TemplateResponse(request, "admin/thesis/thesis/replace.html", context)

    def _apply_batch(self, request, thesis, data, options, ticked):
        try:
            batch = replace.apply(
                thesis,
                data["pattern"],
                data["replacement"],
                reason=data["change_reason"],
                user=request.user,
                seen=request.POST.get("seen"),
                ticked=ticked,
                **options,
            )
        except editing.EditRefused as refused:
            self.message_user(request, gettext("Nothing was replaced: %(why)s.") % {"why": refused}, messages.ERROR)
            return None
        self.message_user(
            request,
            gettext("Replaced in %(count)s passages as batch #%(batch)s.")
            % {"count": batch.items.count(), "batch": batch.pk},
        )
        return HttpResponseRedirect(reverse("admin:thesis_replacebatch_change", args=[batch.pk]))


class BatchItemInline(ReadOnlyInline):
    model = ReplaceBatchItem
    fields = ["passage", "matches", "change", "version_after", "undone"]
    readonly_fields = fields

    @admin.display(description=_("change"))
    def change(self, obj):
        return render_text_diff(obj.text_before, obj.text_after)


@admin.register(ReplaceBatch)
class ReplaceBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "thesis", "reason", "user", "created_at", "undone_at"]
    list_filter = ["thesis"]
    readonly_fields = [
        "thesis",
        "pattern",
        "replacement",
        "whole_word",
        "case_sensitive",
        "reason",
        "user",
        "created_at",
        "undone_at",
        "undone_by",
        "undo_reason",
    ]
    inlines = [BatchItemInline]
    change_form_template = "admin/thesis/replacebatch/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of what a batch did is what makes it undoable

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:batch_id>/undo/", view(self.undo_view), name="thesis_replacebatch_undo"),
            *super().get_urls(),
        ]

    def undo_view(self, request, batch_id):
        batch = get_object_or_404(ReplaceBatch, pk=batch_id)
        if not request.user.has_perm("thesis.change_passage"):
            raise PermissionDenied
        form = UndoBatchForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = replace.undo(batch, reason=form.cleaned_data["change_reason"], user=request.user)
            except editing.EditRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
            else:
                self._report_undo(request, report)
            return HttpResponseRedirect(reverse("admin:thesis_replacebatch_change", args=[batch.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": batch,
            "batch": batch,
            "form": form,
            "title": gettext("Undo batch #%(batch)s") % {"batch": batch.pk},
        }
        return TemplateResponse(request, "admin/thesis/replacebatch/undo.html", context)

    def _report_undo(self, request, report):
        self.message_user(request, gettext("Restored %(count)s passages.") % {"count": len(report.restored)})
        for passage, why in report.skipped:
            self.message_user(
                request,
                gettext("Skipped passage §%(order)s: %(why)s.") % {"order": passage.order, "why": why},
                messages.WARNING,
            )
