"""The suspects page of the thesis admin and its actions: fix (in place with JavaScript), undo, fix a kind
at once, dismiss, ignore a word; each answers a plain form with a page and a script with JSON."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from thesis.derived.stored_suspects import stored_report
from thesis.derived.suspects import DICTIONARY_KINDS, Kind
from thesis.editorial import editing
from thesis.proofing import fixes

from ..forms import (
    ApplySuggestionForm,
    BulkFixForm,
    DismissSuspectForm,
    IgnoreWordForm,
    UndoFixForm,
    stale_message,
)
from ..models import DismissedSuspect, IgnoredWord, Passage

ANCHOR_RE = re.compile(r"[a-z_]+-\d+")


def wants_json(request) -> bool:
    """The page's script asks for JSON; a plain form (no script) gets a page."""
    return request.headers.get("Accept", "").startswith("application/json")


def refused(request, message: str, back: str, status: int = 409):
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    messages.error(request, message)
    return HttpResponseRedirect(back)


def posted_pk(request, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None


def refusal_message(error: editing.EditRefused) -> str:
    if isinstance(error, editing.StaleEdit):
        return stale_message(error.conflict, in_form=False)
    return str(error)


class SuspectViews:
    """The suspects page's views, mixed into the thesis admin (which gives `_thesis` and `_context`)."""

    def suspect_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:thesis_id>/suspects/", view(self.suspects_view), name="thesis_thesis_suspects"),
            path("<int:thesis_id>/suspects/apply/", view(self.apply_view), name="thesis_thesis_suspects_apply"),
            path("<int:thesis_id>/suspects/undo/", view(self.undo_view), name="thesis_thesis_suspects_undo"),
            path("<int:thesis_id>/suspects/bulk/<str:kind>/", view(self.bulk_view), name="thesis_thesis_suspects_bulk"),
            path(
                "<int:thesis_id>/suspects/dismiss/",
                view(self.dismiss_view),
                name="thesis_thesis_suspects_dismiss",
            ),
            path(
                "<int:thesis_id>/suspects/dismissed/",
                view(self.dismissed_view),
                name="thesis_thesis_suspects_dismissed",
            ),
            path("<int:thesis_id>/suspects/ignore/", view(self.ignore_view), name="thesis_thesis_suspects_ignore"),
            path("<int:thesis_id>/suspects/ignored/", view(self.ignored_view), name="thesis_thesis_suspects_ignored"),
        ]

    def _back(self, thesis, request) -> str:
        url = reverse("admin:thesis_thesis_suspects", args=[thesis.pk])
        anchor = request.POST.get("anchor") or request.GET.get("anchor") or ""
        return f"{url}#{anchor}" if ANCHOR_RE.fullmatch(anchor) else url

    # --- the page -------------------------------------------------------------------------------------

    def suspects_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id)
        report = stored_report(thesis)
        groups = [(kind, kind.label, self._rows(kind, report.by_kind[kind])) for kind in Kind if report.by_kind[kind]]
        bulk_kinds = {kind for kind in Kind if any(s.suggestions for s in report.by_kind[kind])}
        context = self._context(
            request,
            thesis,
            gettext("Suspected transcription errors"),
            report=report,
            groups=groups,
            bulk_kinds=bulk_kinds,
            can_fix=request.user.has_perm("thesis.change_passage"),
            can_ignore=request.user.has_perm("thesis.add_ignoredword"),
            can_dismiss=request.user.has_perm("thesis.add_dismissedsuspect"),
            dictionary_kinds=DICTIONARY_KINDS,
        )
        return TemplateResponse(request, "admin/thesis/thesis/suspects.html", context)

    @staticmethod
    def _rows(kind, suspects) -> list:
        """Each suspect with its suggestions as shown, its row's anchor, and where a form in it returns to:
        the row's own place, which the next suspect takes once this one is gone; the last row's returns
        to the one above it."""
        last = len(suspects) - 1
        return [
            (s, fixes.shown_suggestions(s), f"{kind}-{i}", f"{kind}-{i - 1 if i == last and i else i}")
            for i, s in enumerate(suspects)
        ]

    # --- one fix and its undo ---------------------------------------------------------------------------

    def apply_view(self, request, thesis_id):
        return require_POST(self._apply)(request, thesis_id)

    def _apply(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.change_passage")
        back = self._back(thesis, request)
        form = ApplySuggestionForm(request.POST)
        if not form.is_valid():
            return refused(request, gettext("The correction could not be read."), back, status=400)
        data = form.cleaned_data
        if not Passage.objects.filter(pk=data["passage"], thesis=thesis).exists():
            return refused(request, gettext("The correction could not be read."), back, status=400)
        try:
            fix = fixes.apply_fix(
                data["passage"],
                kind=data["kind"],
                start=data["start"],
                found=data["found"],
                replacement=data["replacement"],
                expected_version=data["version"],
                user=request.user,
            )
        except editing.EditRefused as error:
            return refused(request, refusal_message(error), back)
        done = gettext("Corrected “%(old)s” to “%(new)s”.") % {"old": data["found"], "new": data["replacement"]}
        undo = self._undo_url(thesis, fix, request)
        if wants_json(request):
            return JsonResponse(
                {"message": done, **self._fix_json(fix), "undo": {"url": undo, "version": fix.passage.version}}
            )
        messages.success(request, format_html('{} <a href="{}" class="undo-fix">{}</a>', done, undo, gettext("Undo")))
        return HttpResponseRedirect(back)

    def _undo_url(self, thesis, fix, request) -> str:
        url = reverse("admin:thesis_thesis_suspects_undo", args=[thesis.pk])
        anchor = request.POST.get("anchor", "")
        anchor = f"&anchor={anchor}" if ANCHOR_RE.fullmatch(anchor) else ""
        return f"{url}?passage={fix.passage.pk}&version={fix.passage.version}{anchor}"

    @staticmethod
    def _fix_json(fix) -> dict:
        return {
            "passage": fix.passage.pk,
            "version": fix.passage.version,
            "start": fix.start,
            "removed": fix.removed,
            "inserted": fix.inserted,
        }

    def undo_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.change_passage")
        back = self._back(thesis, request)
        form = UndoFixForm(request.POST if request.method == "POST" else request.GET)
        if not form.is_valid():
            return refused(request, gettext("The undo could not be read."), back, status=400)
        passage = Passage.objects.filter(pk=form.cleaned_data["passage"], thesis=thesis).first()
        if passage is None:
            return refused(request, gettext("The undo could not be read."), back, status=400)
        version = form.cleaned_data["version"]
        if request.method != "POST":
            revision = passage.history.filter(version=version).order_by("-history_date", "-history_id").first()
            context = self._context(
                request, thesis, gettext("Undo a correction"), passage=passage, version=version, revision=revision
            )
            return TemplateResponse(request, "admin/thesis/thesis/suspect_undo.html", context)
        try:
            fix = fixes.undo_fix(passage.pk, version=version, user=request.user)
        except editing.EditRefused as error:
            return refused(request, gettext("Not undone: %(why)s.") % {"why": refusal_message(error)}, back)
        done = gettext("Undone: §%(order)s is back as it was, as version %(version)s.") % {
            "order": passage.order,
            "version": fix.passage.version,
        }
        if wants_json(request):
            return JsonResponse({"message": done, **self._fix_json(fix)})
        messages.success(request, done)
        return HttpResponseRedirect(back)

    # --- a kind at once ---------------------------------------------------------------------------------

    def bulk_view(self, request, thesis_id, kind):
        thesis = self._thesis(request, thesis_id, "thesis.change_passage")
        if kind not in Kind.values:
            return refused(request, gettext("There is no such kind of suspect."), self._back(thesis, request), 400)
        offered = fixes.bulk_changes(thesis, kind)
        form = BulkFixForm(request.POST or None, initial={"change_reason": fixes.bulk_reason(kind, len(offered))})
        picked = request.POST.getlist("picked")
        if request.method == "POST" and form.is_valid():
            try:
                batch = fixes.apply_bulk(
                    thesis, kind, picked, reason=form.cleaned_data["change_reason"], user=request.user
                )
            except editing.EditRefused as error:
                messages.error(request, gettext("Nothing was changed: %(why)s.") % {"why": refusal_message(error)})
                offered = fixes.bulk_changes(thesis, kind)
            else:
                return self._bulk_done(request, batch)
        context = self._context(
            request,
            thesis,
            gettext("Fix at once: %(kind)s") % {"kind": Kind(kind).label},
            kind=kind,
            offered=offered,
            picked=set(picked) if request.method == "POST" else {c.key for c in offered if not c.overlaps},
            form=form,
        )
        return TemplateResponse(request, "admin/thesis/thesis/suspects_bulk.html", context)

    def _bulk_done(self, request, batch):
        items = list(batch.items.all())
        done = gettext("Fixed %(count)s suspects in %(passages)s passages as batch #%(batch)s.") % {
            "count": sum(item.matches for item in items),
            "passages": len(items),
            "batch": batch.pk,
        }
        undo = reverse("admin:thesis_replacebatch_undo", args=[batch.pk])
        messages.success(request, format_html('{} <a href="{}">{}</a>', done, undo, gettext("Undo the batch")))
        return HttpResponseRedirect(reverse("admin:thesis_thesis_suspects", args=[batch.thesis_id]))

    # --- dismissing -------------------------------------------------------------------------------------

    def dismiss_view(self, request, thesis_id):
        return require_POST(self._dismiss)(request, thesis_id)

    def _dismiss(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.add_dismissedsuspect")
        back = self._back(thesis, request)
        form = DismissSuspectForm(request.POST)
        if not form.is_valid() or not Passage.objects.filter(pk=form.cleaned_data["passage"], thesis=thesis).exists():
            return refused(request, gettext("The suspect could not be read."), back, status=400)
        data = form.cleaned_data
        try:
            fixes.dismiss(
                data["passage"],
                kind=data["kind"],
                found=data["found"],
                before=data["before"],
                after=data["after"],
                start=data["start"],
                user=request.user,
            )
        except editing.EditRefused as error:
            return refused(request, str(error), back, status=400)
        done = gettext("“%(found)s” is dismissed: it is no longer listed.") % {"found": data["found"]}
        listed = reverse("admin:thesis_thesis_suspects_dismissed", args=[thesis.pk])
        if wants_json(request):
            return JsonResponse({"message": done, "dismissed": listed})
        messages.success(request, format_html('{} <a href="{}">{}</a>', done, listed, gettext("Dismissed suspects")))
        return HttpResponseRedirect(back)

    def dismissed_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.view_dismissedsuspect")
        if request.method == "POST":
            if not request.user.has_perm("thesis.delete_dismissedsuspect"):
                raise PermissionDenied
            dismissal = get_object_or_404(DismissedSuspect, pk=posted_pk(request, "dismissal"), passage__thesis=thesis)
            fixes.undismiss(dismissal, user=request.user)
            messages.success(request, gettext("“%(found)s” is listed again.") % {"found": dismissal.found})
            return HttpResponseRedirect(request.path)
        dismissals = list(
            DismissedSuspect.objects.filter(passage__thesis=thesis).select_related("passage", "dismissed_by")
        )
        labels = dict(Kind.choices)
        for dismissal in dismissals:
            dismissal.kind_label = labels.get(dismissal.kind, dismissal.kind)
        context = self._context(
            request,
            thesis,
            gettext("Dismissed suspects"),
            dismissals=dismissals,
            can_undismiss=request.user.has_perm("thesis.delete_dismissedsuspect"),
        )
        return TemplateResponse(request, "admin/thesis/thesis/suspects_dismissed.html", context)

    # --- ignoring a word --------------------------------------------------------------------------------

    def ignore_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.add_ignoredword")
        form = IgnoreWordForm(request.POST if request.method == "POST" else request.GET)
        if not form.is_valid():
            return refused(request, gettext("Only a single word can be ignored."), self._back(thesis, request), 400)
        word = form.cleaned_data["word"]
        if request.method == "POST" and request.POST.get("confirm"):
            fixes.ignore_word(thesis, word, user=request.user)
            messages.success(request, gettext("“%(word)s” will no longer be flagged in this thesis.") % {"word": word})
            return HttpResponseRedirect(self._back(thesis, request))
        context = self._context(
            request,
            thesis,
            gettext("Ignore a word in the whole thesis"),
            word=word,
            count=fixes.occurrences(thesis, word),
            anchor=request.POST.get("anchor") or request.GET.get("anchor", ""),
        )
        return TemplateResponse(request, "admin/thesis/thesis/suspects_ignore.html", context)

    def ignored_view(self, request, thesis_id):
        thesis = self._thesis(request, thesis_id, "thesis.view_ignoredword")
        if request.method == "POST":
            if not request.user.has_perm("thesis.delete_ignoredword"):
                raise PermissionDenied
            ignored = get_object_or_404(IgnoredWord, pk=posted_pk(request, "ignored"), thesis=thesis)
            fixes.unignore_word(ignored, user=request.user)
            messages.success(request, gettext("“%(word)s” is flagged again.") % {"word": ignored.word})
            return HttpResponseRedirect(request.path)
        context = self._context(
            request,
            thesis,
            gettext("Ignored words"),
            ignored=IgnoredWord.objects.filter(thesis=thesis).select_related("added_by"),
            can_unignore=request.user.has_perm("thesis.delete_ignoredword"),
        )
        return TemplateResponse(request, "admin/thesis/thesis/suspects_ignored.html", context)
