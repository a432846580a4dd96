"""The passage page: the original beside the editable text, diffs, a required reason, conflicts refused, reverts."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..forms import PassageForm, RevertForm, stale_message
from ..models import Passage
from ..services import editing
from .base import EditorialAdmin, existing_ids, render_text_diff


@admin.register(Passage)
class PassageAdmin(EditorialAdmin):
    form = PassageForm
    list_display = ["order", "excerpt", "section", "status", "version", "changed_at"]
    list_display_links = ["order", "excerpt"]
    list_filter = ["status", "thesis", "section"]
    search_fields = ["text"]
    readonly_fields = [
        "original",
        "diff_against_original",
        "diff_against_previous",
        "derived_citations",
        "version",
        "changed_at",
    ]
    fieldsets = [
        (None, {"fields": [("original", "text")], "classes": ["side-by-side"]}),
        (_("Changes"), {"fields": ["diff_against_original", "diff_against_previous"]}),
        (_("Save"), {"fields": ["status", "change_reason", "opened_version"]}),
        (_("Derived from the text"), {"fields": ["derived_citations", "version", "changed_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # passages come from an import, with their spans in the source

    @admin.display(description=_("text"))
    def excerpt(self, obj):
        return obj.text[:90] + ("…" if len(obj.text) > 90 else "")

    @admin.display(description=_("original text"))
    def original(self, obj):
        return format_html('<div class="original-text" lang="kk">{}</div>', obj.original_text)

    @admin.display(description=_("against the original"))
    def diff_against_original(self, obj):
        return render_text_diff(obj.original_text, obj.text)

    @admin.display(description=_("against the previous version"))
    def diff_against_previous(self, obj):
        latest = obj.history.order_by("-history_date", "-history_id").first()
        previous = latest.prev_record if latest else None
        if previous is None:
            return gettext("There is no previous version.")
        return render_text_diff(previous.text, obj.text)

    @admin.display(description=_("citations"))
    def derived_citations(self, obj):
        citations = obj.citations.select_related("source").order_by("order")
        if not citations:
            return gettext("No citation markers in the text.")
        rows = ((c.source.number, c.sentence) for c in citations)
        return format_html('<ol class="citations">{}</ol>', format_html_join("", "<li>[{}] {}</li>", rows))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        editing.save_passage(
            obj.pk,
            text=data["text"],
            status=data["status"],
            expected_version=data["opened_version"],
            user=request.user,
            reason=data["change_reason"],
        )

    def response_change(self, request, obj):
        obj.refresh_from_db()
        self.message_user(
            request,
            gettext("Saved as version %(version)s; %(count)s citations derived again from the new text.")
            % {"version": obj.version, "count": obj.citations.count()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:thesis_passage_change", args=[obj.pk]))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a version: a confirmation with the diff and a reason; the revert is a new version."""
        existing_ids(Passage, object_id, version_id)
        passage = get_object_or_404(Passage, pk=object_id)
        old = get_object_or_404(Passage.history, id=passage.pk, history_id=version_id)
        if not self.has_change_permission(request, passage):
            raise PermissionDenied
        form = RevertForm(request.POST or None, initial={"opened_version": passage.version})
        if request.method == "POST" and form.is_valid():
            return self._revert(request, passage, old, form)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Restore version %(version)s") % {"version": old.version},
            "passage": passage,
            "old": old,
            "form": form,
            "diff": render_text_diff(passage.text, old.text),
        }
        return TemplateResponse(request, "admin/thesis/passage/revert.html", context)

    def _revert(self, request, passage, old, form):
        try:
            editing.revert_passage(
                passage.pk,
                history_id=old.history_id,
                expected_version=form.cleaned_data["opened_version"],
                user=request.user,
                reason=form.cleaned_data["change_reason"],
            )
        except editing.StaleEdit as stale:
            self.message_user(request, stale_message(stale.conflict), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(request, gettext("Version %(version)s restored.") % {"version": old.version})
        return HttpResponseRedirect(reverse("admin:thesis_passage_change", args=[passage.pk]))
