"""The review page of a thesis: passages corrected but not verified, with their diffs, to approve or send back."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views import View

from thesis.derived.suspects import Kind
from thesis.editorial import editing, review
from thesis.editorial.verification import VERIFY_PERMISSION
from thesis.history import shown_reason

from ..forms import ReviewDecisionForm, stale_message
from ..models import Passage, Thesis
from .base import render_compact_diff


class ReviewView(PermissionRequiredMixin, View):
    """The queue (GET) and a decision on one passage of it (POST), for reviewers only."""

    model = Thesis  # the record its URL names
    permission_required = VERIFY_PERMISSION
    raise_exception = True  # the admin already sends the anonymous to its login page
    model_admin = None

    def get(self, request, thesis_id):
        thesis = get_object_or_404(Thesis, pk=thesis_id)
        found = review.queue(thesis)
        items = [
            (
                item,
                render_compact_diff(item.state.base_text, item.passage.text, gettext("The text is as it was.")),
                item.state.last_editor_id != request.user.pk,
                [suspect_line(suspect) for suspect in item.open_suspects],
                [(who, shown_reason(why)) for who, why in item.state.changes],
            )
            for item in found.items
        ]
        context = {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.model_admin.model._meta,
            "original": thesis,
            "thesis": thesis,
            "title": gettext("Review of corrected passages"),
            "items": items,
            "total": found.total,
        }
        return TemplateResponse(request, "admin/thesis/thesis/review.html", context)

    def post(self, request, thesis_id):
        thesis = get_object_or_404(Thesis, pk=thesis_id)
        form = ReviewDecisionForm(request.POST)
        if not form.is_valid():
            named = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
            return HttpResponseBadRequest(named, content_type="text/plain; charset=utf-8")
        if not Passage.objects.filter(pk=form.cleaned_data["passage"], thesis=thesis).exists():
            return HttpResponseBadRequest(
                "passage: " + gettext("No such passage in this thesis."), content_type="text/plain; charset=utf-8"
            )
        self._decide(request, thesis, form.cleaned_data)
        return HttpResponseRedirect(reverse("admin:thesis_thesis_review", args=[thesis.pk]))

    def _decide(self, request, thesis, data):
        decide = review.approve if data["decision"] == "approve" else review.send_back
        try:
            passage = decide(
                data["passage"], expected_version=data["version"], user=request.user, comment=data["comment"]
            )
        except editing.StaleEdit as stale:
            messages.error(request, stale_message(stale.conflict, in_form=False))
            return
        except editing.EditRefused as refused:
            messages.error(request, str(refused))
            return
        done = gettext("§%(order)s approved.") if data["decision"] == "approve" else gettext("§%(order)s sent back.")
        messages.success(request, done % {"order": passage.order})


def suspect_line(suspect) -> dict:
    """An open suspect as the review page lists it: its kind's name, the text found and the best suggestion."""
    kind = Kind(suspect.kind).label if suspect.kind in Kind.values else suspect.kind
    return {"kind": kind, "found": suspect.found, "suggestion": (suspect.suggestions or [""])[0]}
