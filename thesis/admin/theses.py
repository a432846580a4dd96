"""The thesis admin and its tools: the suspected-errors page and find-and-replace, with batches that can be undone."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..forms import ApplySuggestionForm, IgnoreWordForm, ReplaceForm, ThesisForm, UndoBatchForm, stale_message
from ..models import IgnoredWord, ReplaceBatch, ReplaceBatchItem, Thesis
from ..services import editing, history, replace
from ..services.suspects import DICTIONARY_KINDS, Kind, find_suspects
from .base import EditorialAdmin, ReadOnlyInline, render_text_diff
from .files import ThesisFilesAdmin
from .review import ReviewView


@admin.register(Thesis)
class ThesisAdmin(ThesisFilesAdmin, EditorialAdmin):
    change_form_template = "admin/thesis/thesis/change_form.html"
    list_display = ["title", "kind", "language", "is_complete", "tools"]
    form = ThesisForm
    readonly_fields = ["source_document", "declared_structure", "created_at"]

    def has_add_permission(self, request):
        return False  # a thesis is made by importing its file

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
            path("<int:thesis_id>/suspects/", view(self.suspects_view), name="thesis_thesis_suspects"),
            path("<int:thesis_id>/suspects/apply/", view(self.apply_view), name="thesis_thesis_suspects_apply"),
            path("<int:thesis_id>/suspects/ignore/", view(self.ignore_view), name="thesis_thesis_suspects_ignore"),
            path("<int:thesis_id>/replace/", view(self.replace_view), name="thesis_thesis_replace"),
            path("<int:thesis_id>/review/", view(ReviewView.as_view(model_admin=self)), name="thesis_thesis_review"),
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

    # --- suspects -----------------------------------------------------------------------------------

    def suspects_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id)
        report = find_suspects(thesis)
        groups = [(kind, kind.label, report.by_kind[kind]) for kind in Kind if report.by_kind[kind]]
        context = self._context(
            request,
            thesis,
            gettext("Suspected transcription errors"),
            report=report,
            groups=groups,
            can_fix=request.user.has_perm("thesis.change_passage"),
            can_ignore=request.user.has_perm("thesis.add_ignoredword"),
            dictionary_kinds=DICTIONARY_KINDS,
        )
        return TemplateResponse(request, "admin/thesis/thesis/suspects.html", context)

    def apply_view(self, request, thesis_id):
        return require_POST(self._apply)(request, thesis_id)

    def _apply(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.change_passage")
        back = HttpResponseRedirect(reverse("admin:thesis_thesis_suspects", args=[thesis.pk]))
        form = ApplySuggestionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, gettext("The correction could not be read."), messages.ERROR)
            return back
        data = form.cleaned_data
        label = "Spell-check" if data["kind"] in DICTIONARY_KINDS else "Transcription check"
        try:
            editing.replace_occurrence(
                data["passage"],
                start=data["start"],
                found=data["found"],
                replacement=data["replacement"],
                expected_version=data["version"],
                user=request.user,
                reason=f"{label}: {data['found']} → {data['replacement']}",
            )
        except editing.StaleEdit as stale:
            self.message_user(request, stale_message(stale.conflict), messages.ERROR)
            return back
        except editing.EditRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return back
        self.message_user(
            request, gettext("Corrected “%(old)s” to “%(new)s”.") % {"old": data["found"], "new": data["replacement"]}
        )
        return back

    def ignore_view(self, request, thesis_id):
        return require_POST(self._ignore)(request, thesis_id)

    def _ignore(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.add_ignoredword")
        form = IgnoreWordForm(request.POST)
        if form.is_valid():
            word = form.cleaned_data["word"]
            try:
                with transaction.atomic():
                    ignored = IgnoredWord(thesis=thesis, word=word, added_by=request.user)
                    history.record(ignored, request.user, "Ignored on the suspected-errors page").save()
            except IntegrityError:
                pass  # already ignored
            self.message_user(request, gettext("“%(word)s” will no longer be flagged in this thesis.") % {"word": word})
        else:
            self.message_user(request, gettext("Only a single word can be ignored."), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:thesis_thesis_suspects", args=[thesis.pk]))

    # --- find and replace ----------------------------------------------------------------------------

    def replace_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.change_passage")
        form = ReplaceForm(request.POST or None)
        previews = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            options = {"whole_word": data["whole_word"], "case_sensitive": data["case_sensitive"]}
            previews = replace.preview(thesis, data["pattern"], data["replacement"], **options)
            if not previews:
                form.add_error("pattern", gettext("Nothing in the thesis matches."))
            elif "apply" in request.POST and form.require_reason():
                response = self._apply_batch(request, thesis, data, options)
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
            batches=ReplaceBatch.objects.filter(thesis=thesis)[:20],
        )
        return TemplateResponse(request, "admin/thesis/thesis/replace.html", context)

    def _apply_batch(self, request, thesis, data, options):
        try:
            batch = replace.apply(
                thesis,
                data["pattern"],
                data["replacement"],
                reason=data["change_reason"],
                user=request.user,
                seen=request.POST.get("seen"),
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
