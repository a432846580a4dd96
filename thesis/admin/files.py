"""A thesis's files in the admin: importing one from an upload, after a preview, and downloading its texts."""

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from thesis.editions import tei
from thesis.editions.export import RebuildError, current_text, rebuild_original
from thesis.editorial.backup import write_backup
from thesis.ingest import import_jobs, uploads
from thesis.ingest.exceptions import CurationError, ImportRefused
from thesis.ingest.limits import check_size, read_limited

from ..models import Thesis

IMPORT_PERMISSION = "thesis.add_thesis"
TEXT_TYPE = "text/plain; charset=utf-8"
# The multipart form's own bytes around the two files: boundaries, headers, the CSRF token.
FORM_OVERHEAD_BYTES = 64 * 1024
COUNT_LABELS = {
    "sections": _("sections"),
    "passages": _("passages"),
    "citations": _("citations"),
    "sources": _("sources"),
    "authors": _("people"),
    "events": _("events"),
}
# Why the text's line breaks were read as they were, by the rule that decided (thesis.text.line_breaks).
LINE_BREAK_RULES = {
    "too-few-breaks": _("Too few line breaks to tell: they are read as a hard wrap, which adds no period."),
    "list": _("Most lines open with a list marker: each line is kept as a line of its own."),
    "verse": _("Short lines that each start with a capital: each line is kept as a line of its own."),
    "cut": _(
        "Nearly every line starts with a capital, lines seldom end with a period and no sentence ends inside a "
        "line: the transcription was cut at every “. ”, which is restored."
    ),
    "wrap": _(
        "Lines go on in lower case, or sentences end inside them, or they share one width: the lines were "
        "wrapped and are joined with a space."
    ),
}


class ImportForm(forms.Form):
    source = forms.FileField(label=_("Thesis text"), help_text=_("The transcription as a UTF-8 text file."))
    curation = forms.FileField(
        label=_("Curation (JSON)"),
        required=False,
        help_text=_(
            "Optional: the reviewed curation file for this text. Without one, the file in fixtures/ that "
            "names the text's SHA-256 is used, as by the import_thesis command."
        ),
    )

    def clean_source(self):
        return read_upload(self.cleaned_data["source"])

    def clean_curation(self):
        upload = self.cleaned_data.get("curation")
        return None if upload is None else read_upload(upload)

    def upload(self) -> uploads.Upload:
        source, curation = self.cleaned_data["source"], self.cleaned_data["curation"]
        return uploads.Upload(source[0], source[1], *(curation if curation else ("", None)))


def read_upload(upload) -> tuple[str, bytes]:
    """The name and bytes of an uploaded file, refused unread when it is empty or over the importer's limit."""
    try:
        check_size(upload.size)
        return Path(upload.name).name, read_limited(upload)
    except ImportRefused as refusal:
        raise forms.ValidationError(refusal_message(refusal)) from None


def oversized_refusal(request) -> ImportRefused | None:
    """Why a request is too large to be read at all: more than a thesis and its curation at the limit,
    with room for the form around them. Django reads no more of a body than its declared length."""
    allowed = 2 * settings.IMPORT_MAX_BYTES + FORM_OVERHEAD_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= allowed:
        return None
    return ImportRefused(
        gettext("the upload is %(size)s bytes; a thesis and its curation may have %(limit)s together")
        % {"size": f"{length:,}", "limit": f"{allowed:,}"}
    )


def refusal_message(refusal: ImportRefused) -> str:
    return gettext("Not imported, nothing was written: %(why)s.") % {"why": refusal}


class ThesisFilesAdmin:
    """What ThesisAdmin gains: the import page in place of "Add", and the downloads of each thesis."""

    change_list_template = "admin/thesis/thesis/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(csrf_exempt(self.bounded_import_view)), name="thesis_thesis_import"),
            path("backup/", view(self.backup_view), name="thesis_thesis_backup"),
            path("<int:thesis_id>/download/<str:kind>/", view(self.download_view), name="thesis_thesis_download"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {**(extra_context or {}), "can_import": request.user.has_perm(IMPORT_PERMISSION)}
        return super().changelist_view(request, extra)

    # --- import -------------------------------------------------------------------------------------

    def bounded_import_view(self, request):
        """The import page, once the request is known to be small enough to read: the CSRF check reads
        the whole body, uploads included, so it comes after the size is checked."""
        if (refusal := oversized_refusal(request)) is not None:
            form = ImportForm()
            form.errors["source"] = form.error_class([refusal_message(refusal)])
            return self._import_page(request, form, None, None)
        return csrf_protect(self.import_view)(request)

    def import_view(self, request):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        found, token = None, None
        if request.method == "POST" and form.is_valid():
            if len(form.cleaned_data["source"][1]) > settings.IMPORT_BACKGROUND_BYTES:
                return self._start_job(form, request.user)
            found, token = self._preview(form, request.user)
        return self._import_page(request, form, found, token)

    def _start_job(self, form, user):
        # A file this large may take longer to preview or import than a worker may hold a request.
        job = import_jobs.create(form.upload(), user, get_language())
        return HttpResponseRedirect(reverse("admin:thesis_thesis_import_job", args=[job.pk]))

    def _preview(self, form, user):
        upload = form.upload()
        try:
            found = uploads.preview(upload)
        except ImportRefused as refusal:
            form.add_error("curation" if isinstance(refusal, CurationError) else "source", refusal_message(refusal))
            return None, None
        return found, uploads.hold(upload, user)

    def _confirm(self, request):
        token = request.POST["token"]
        try:
            layout = uploads.chosen_layout(request.POST.get("line_breaks", ""))
            result = uploads.run(uploads.held(token, request.user), layout)
        except ImportRefused as refusal:
            form = ImportForm()
            form.errors["source"] = form.error_class([refusal_message(refusal)])
            return self._import_page(request, form, None, None)
        uploads.release(token)
        thesis = result.thesis
        self.message_user(request, imported_message(result), messages.SUCCESS if result.created else messages.INFO)
        return HttpResponseRedirect(reverse("admin:thesis_thesis_change", args=[thesis.pk]))

    def _import_page(self, request, form, found, token):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import a thesis"),
            "form": form,
            "preview": found,
            "counts": [(COUNT_LABELS[name], count) for name, count in found.counts.items()] if found else [],
            "token": token,
            "max_bytes": settings.IMPORT_MAX_BYTES,
            **line_breaks_context(found.line_breaks if found else None),
        }
        return TemplateResponse(request, "admin/thesis/thesis/import.html", context)

    # --- downloads ----------------------------------------------------------------------------------

    def download_view(self, request, thesis_id, kind):
        if kind not in ("original", "current", "tei"):
            raise Http404
        thesis = get_object_or_404(Thesis.objects.select_related("source_document"), pk=thesis_id)
        if not self.has_view_permission(request, thesis):
            raise PermissionDenied
        if kind == "tei":
            data = tei.serialize(tei.edition(thesis, base_url=request.build_absolute_uri("/")))
            return attachment(data, f"{tei.MEDIA_TYPE}; charset=utf-8", f"thesis-{thesis.pk}.tei.xml")
        try:
            text = rebuild_original(thesis) if kind == "original" else current_text(thesis)
        except RebuildError as error:
            self.message_user(
                request, gettext("The original cannot be rebuilt: %(why)s.") % {"why": error}, messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:thesis_thesis_change", args=[thesis.pk]))
        name = thesis.source_document.file_name if kind == "original" else f"thesis-{thesis.pk}-current.txt"
        return attachment(text.encode("utf-8"), TEXT_TYPE, name)

    def backup_view(self, request):
        # The backup holds every account's password hash: the whole archive, for its administrators only.
        if not request.user.is_superuser:
            raise PermissionDenied
        with tempfile.TemporaryDirectory() as directory:
            written = Path(directory) / "backup.jsonl"
            write_backup(written)
            handle = written.open("rb")  # still readable once the directory is gone
        name = f"archive-backup-{timezone.localtime():%Y%m%d-%H%M%S}.jsonl"
        return FileResponse(handle, as_attachment=True, filename=name, content_type="application/jsonl")


def attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def imported_message(result) -> str:
    thesis = result.thesis
    if result.created:
        summary = ", ".join(f"{count} {label}" for label, count in counted(result.counts))
        return gettext("Imported thesis “%(title)s”: %(summary)s.") % {"title": thesis.title, "summary": summary}
    added = sum(result.counts.values())
    if not added:
        return gettext("“%(title)s” was already imported from this file; nothing changed.") % {"title": thesis.title}
    return gettext("“%(title)s” was already imported from this file; added %(count)s missing curated records.") % {
        "title": thesis.title,
        "count": added,
    }


def counted(counts: dict) -> list[tuple[str, int]]:
    return [(COUNT_LABELS[name], counts[name]) for name in COUNT_LABELS if name in counts]


def line_breaks_context(decision) -> dict:
    """What the preview shows of the text's line breaks: the reading decided, why, and the figures."""
    if decision is None:
        return {}
    evidence = decision.evidence
    return {
        "line_breaks": decision,
        "line_breaks_label": Thesis.LineBreaks(decision.layout).label,
        "line_breaks_choices": Thesis.LineBreaks.choices,
        "line_breaks_why": LINE_BREAK_RULES[decision.rule],
        "line_breaks_evidence": [
            (_("line breaks inside a paragraph"), f"{evidence.breaks}"),
            (_("the next line starts with a capital"), share(evidence.capital_next, evidence.judged)),
            (_("the next line starts with a list marker"), share(evidence.list_next, evidence.breaks)),
            (_("the line ends in terminal punctuation"), share(evidence.terminal_end, evidence.breaks)),
            (_("the line reaches near the width"), share(evidence.near_width, evidence.breaks)),
            (_("sentences ending inside a line, per line"), f"{evidence.inline_ends_per_line:.2f}"),
            (_("median line length, in characters"), f"{evidence.median_length}"),
        ],
    }


def share(part: int, whole: int) -> str:
    return f"{part} / {whole} ({part / whole:.0%})" if whole else "0"
