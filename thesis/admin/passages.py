"""The passage page: the original beside the editable text, the reason and Save beside them with the passage's
suspects, compact diffs, save and go to the next passage; conflicts refused, the editor's change carried onto the
version saved meanwhile; reverts; the list with open suspects
(stored with each passage, so that neither page checks the thesis)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thesis import history
from thesis.derived.stored_suspects import passage_suspects, speller_problem
from thesis.derived.suspects import Kind
from thesis.editorial import discussion, editing, review
from thesis.proofing import claims, progress

from ..forms import NoteForm, PassageForm, RevertForm, stale_message
from ..models import Passage, Section
from ..text.normalisation import reading_text
from .base import (
    EditorialAdmin,
    existing_ids,
    folded_search,
    render_compact_diff,
    render_merge_diff,
    render_text_diff,
)
from .queue import ClaimView, NoteView
from .structure import PASSAGE_VIEWS, REPAIR_PERMISSION, repair_urls


class SectionOfThesisFilter(admin.RelatedFieldListFilter):
    """Sections of the thesis the list is filtered to, and none before one is chosen: every section of a
    large archive (ten thousand and more) would make the list's sidebar longer than the list."""

    def field_choices(self, field, request, model_admin):
        thesis = request.GET.get("thesis__id__exact", "")
        if not thesis.isdigit():
            return []
        sections = Section.objects.filter(thesis_id=int(thesis)).order_by("order")
        return [(section.pk, str(section)) for section in sections]


# The button of a refused save's conflict box that puts the merge in the form instead of saving it.
ADJUST_MERGE = "_adjust_merge"
MERGE_IN_FORM = _(
    "The merged text is in the form, at the current version, with your reason. Check it, above all where "
    "you and the other editor changed the same words, and save."
)


def carried_edit(form) -> dict:
    """What the conflict box of a refused passage save offers: the editor's text carried onto the
    version saved meanwhile, to save in one click or to put in the form, with the editor's reason."""
    conflict = getattr(form, "conflict", None)
    data = getattr(form, "cleaned_data", {})
    if conflict is None or "text" not in data or "status" not in data:
        return {}
    carried = editing.carried_onto_current(conflict, data["text"], data["status"])
    if carried is None:
        return {}
    return {
        "carried": carried,
        "carried_diff": render_merge_diff(carried.diff, gettext("The text stays as it is now.")),
        "carried_reason": form.data.get("change_reason", ""),
        "adjust_merge": ADJUST_MERGE,
    }


@admin.register(Passage)
class PassageAdmin(EditorialAdmin):
    form = PassageForm
    change_form_template = "admin/thesis/passage/change_form.html"
    list_display = ["order", "excerpt", "section", "status", "open_suspects", "version", "changed_at"]
    list_display_links = ["order", "excerpt"]
    list_filter = ["status", "thesis", ("section", SectionOfThesisFilter)]
    search_fields = folded_search("text")
    # Counting every passage of a large archive for "(N total)" costs more than the page itself.
    show_full_result_count = False
    # Down the (thesis, order) index: ordering by "thesis" would join the theses for their own ordering,
    # and Django's default select_related() would follow every foreign key, theses' documents included.
    ordering = ["thesis_id", "order"]
    list_select_related = ["section"]
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
        # Shown beside the text by the page's template, the submit buttons with it.
        (_("Save"), {"fields": ["change_reason", "ready", "status", "opened_version"], "classes": ["edit-panel"]}),
        (_("Derived from the text"), {"fields": ["derived_citations", "version", "changed_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # passages come from an import, with their spans in the source; a split makes more

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            *repair_urls(self, PASSAGE_VIEWS),
            path("<int:pk>/claim/", view(ClaimView.as_view(model_admin=self)), name="thesis_passage_claim"),
            path("<int:pk>/notes/", view(NoteView.as_view(model_admin=self)), name="thesis_passage_notes"),
            *super().get_urls(),
        ]

    @admin.display(description=_("text"))
    def excerpt(self, obj):
        return obj.text[:90] + ("…" if len(obj.text) > 90 else "")

    @admin.display(description=_("open suspects"), ordering="open_suspects")
    def open_suspects(self, obj):
        return obj.open_suspects

    @admin.display(description=_("original text"))
    def original(self, obj):
        return format_html('<div class="original-text" lang="kk">{}</div>', obj.original_text)

    @admin.display(description=_("against the reading text of the original"))
    def diff_against_original(self, obj):
        # Against what the normalisation makes of the transcription, so that only editors' changes show.
        unchanged = gettext("No change: the text is the reading text of the original.")
        return render_compact_diff(reading_text(obj.original_text, obj.thesis.line_breaks), obj.text, unchanged)

    @admin.display(description=_("against the previous version"))
    def diff_against_previous(self, obj):
        latest = obj.history.order_by("-history_date", "-history_id").first()
        previous = latest.prev_record if latest else None
        if previous is None:
            return gettext("There is no previous version.")
        return render_compact_diff(previous.text, obj.text, gettext("The text did not change in the last save."))

    @admin.display(description=_("citations"))
    def derived_citations(self, obj):
        citations = obj.citations.select_related("source").order_by("order")
        if not citations:
            return gettext("No citation markers in the text.")
        rows = ((c.source.number, c.sentence) for c in citations)
        return format_html('<ol class="citations">{}</ol>', format_html_join("", "<li>[{}] {}</li>", rows))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        adjusting = request.method == "POST" and ADJUST_MERGE in request.POST
        return type(form.__name__, (form,), {"user": request.user, "adjusting": adjusting})

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        editing.save_passage(
            obj.pk,
            text=data["text"],
            status=data["status"],
            expected_version=data["opened_version"],
            user=request.user,
            reason=data["change_reason"],
            ready=data.get("ready", False),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form if context.get("adminform") else None
        context.update(carried_edit(form))
        if getattr(form, "adjusting", False) and not form.errors:
            self.message_user(request, MERGE_IN_FORM, messages.INFO)
        if obj is not None:
            context["suspects"] = [(s, Kind(s.kind).label) for s in passage_suspects(obj)]
            context["speller_problem"] = speller_problem()
            context["next_passage"] = progress.next_to_check(obj.thesis_id, exclude=obj.pk, user=request.user)
            context["threads"] = discussion.threads(obj)
            context["note_form"] = NoteForm()
            context["can_repair"] = request.user.has_perm(REPAIR_PERMISSION)
            if obj.status == Passage.Status.UNREVIEWED and (sent_back := review.standing_send_back(obj)):
                context["sent_back"] = sent_back
                context["when"] = history.change_time(sent_back.when)
        # The page needs its width for the original, the text and the panel beside them.
        context["is_nav_sidebar_enabled"] = False
        context["show_save_and_continue"] = False  # Save already brings the editor back to the passage
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        obj.refresh_from_db()
        self.message_user(
            request,
            gettext("Saved as version %(version)s; %(count)s citations derived again from the new text.")
            % {"version": obj.version, "count": obj.citations.count()},
            messages.SUCCESS,
        )
        if "_savenext" in request.POST:
            return self._to_next_passage(request, obj)
        return HttpResponseRedirect(reverse("admin:thesis_passage_change", args=[obj.pk]))

    def _to_next_passage(self, request, obj):
        following = claims.claim_next(obj.thesis_id, request.user, exclude=obj.pk)
        if following is None:
            self.message_user(request, gettext("No unreviewed passage is left to check in this thesis."))
            changelist = reverse("admin:thesis_passage_changelist")
            return HttpResponseRedirect(f"{changelist}?thesis__id__exact={obj.thesis_id}")
        return HttpResponseRedirect(reverse("admin:thesis_passage_change", args=[following.passage_id]))

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
            self.message_user(request, stale_message(stale.conflict, in_form=False), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(request, gettext("Version %(version)s restored.") % {"version": old.version})
        return HttpResponseRedirect(reverse("admin:thesis_passage_change", args=[passage.pk]))
