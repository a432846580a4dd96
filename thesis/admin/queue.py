"""The work queue's pages that write: claiming a passage opened from the queue, or the next one free,
and a note added to a passage's conversation."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.views import View

from thesis.editorial import discussion
from thesis.editorial.editing import EditRefused
from thesis.history import public_name
from thesis.proofing import claims

from ..forms import NoteForm
from ..models import Passage, Thesis

CHANGE_PASSAGE = "thesis.change_passage"


def passage_page(passage_id: int, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:thesis_passage_change", args=[passage_id]) + anchor)


def bad_request(form) -> HttpResponseBadRequest:
    """A 400 naming each parameter that was wrong, and why."""
    named = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
    return HttpResponseBadRequest(named, content_type="text/plain; charset=utf-8")


class ClaimView(PermissionRequiredMixin, View):
    """Open a passage from the queue: it is held for the editor for an hour; if another editor holds it,
    the editor is given the next passage free instead."""

    model = Passage  # the record its URL names
    permission_required = CHANGE_PASSAGE
    raise_exception = True
    model_admin = None

    def get(self, request, pk):
        passage = get_object_or_404(Passage.objects.only("pk", "thesis_id", "order"), pk=pk)
        if claims.claim(passage.pk, request.user):
            return passage_page(passage.pk)
        holder = claims.holder(passage.pk)
        messages.warning(
            request,
            gettext("%(who)s is working on §%(order)s; here is another passage.")
            % {"who": public_name(holder) if holder else gettext("Another editor"), "order": passage.order},
        )
        return HttpResponseRedirect(reverse("admin:thesis_thesis_claim_next", args=[passage.thesis_id]))


class ClaimNextView(PermissionRequiredMixin, View):
    """Claim the thesis's next passage to check that no other editor holds, and open it."""

    model = Thesis  # the record its URL names
    permission_required = CHANGE_PASSAGE
    raise_exception = True
    model_admin = None

    def get(self, request, thesis_id):
        thesis = get_object_or_404(Thesis.objects.only("pk"), pk=thesis_id)
        following = claims.claim_next(thesis.pk, request.user, exclude=_int(request.GET.get("after")))
        if following is None:
            messages.info(request, gettext("No unreviewed passage is left to check in this thesis."))
            return HttpResponseRedirect(reverse("admin:thesis_passage_changelist") + f"?thesis__id__exact={thesis.pk}")
        return passage_page(following.passage_id)


def _int(value) -> int | None:
    return int(value) if value and value.isdigit() else None


class NoteView(PermissionRequiredMixin, View):
    """Add a note, or a reply, to a passage's conversation; its page shows the thread."""

    model = Passage  # the record its URL names
    permission_required = "thesis.view_passage"
    raise_exception = True
    model_admin = None

    def post(self, request, pk):
        passage = get_object_or_404(Passage.objects.only("pk"), pk=pk)
        form = NoteForm(request.POST)
        if not form.is_valid():
            return bad_request(form)
        data = form.cleaned_data
        try:
            note = discussion.add_note(
                passage.pk, author=request.user, body=data["body"], kind=data["kind"], parent_id=data["parent"]
            )
        except EditRefused as refused:
            messages.error(request, str(refused))
            return passage_page(passage.pk, "#notes")
        messages.success(request, gettext("Your note is added."))
        return passage_page(passage.pk, f"#note-{note.pk}")
