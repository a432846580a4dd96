"""The page of an import running in the background: its stage and progress, then the thesis or the refusal."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from thesis.ingest import import_jobs
from thesis.ingest.exceptions import ImportRefused
from thesis.ingest.importer import STAGES, ImportResult

from ..models import ImportJob
from .files import IMPORT_PERMISSION, imported_message, refusal_message

STAGE_LABELS = {
    "reading": _("reading the file"),
    "parsing": _("parsing the text"),
    "sections": _("sections"),
    "people": _("people"),
    "passages": _("passages"),
    "events": _("events"),
    "sources": _("sources and citations"),
    "history": _("history records"),
}
# How often the page of a job still running reloads itself.
REFRESH_SECONDS = 2


class ImportJobView(PermissionRequiredMixin, View):
    """A job's page (GET), and running a failed job again or dismissing a finished one (POST)."""

    model = ImportJob  # the record its URL names
    permission_required = IMPORT_PERMISSION
    raise_exception = True  # the admin already sends the anonymous to its login page
    model_admin = None

    def get(self, request, job_id):
        job = import_jobs.refresh(get_object_or_404(ImportJob, pk=job_id))
        context = {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.model_admin.model._meta,
            "title": gettext("Import of %(name)s") % {"name": job.file_name},
            "job": job,
            "refresh_seconds": REFRESH_SECONDS if job.is_open else None,
            **self._outcome(job),
        }
        return TemplateResponse(request, "admin/thesis/thesis/import_job.html", context)

    def post(self, request, job_id):
        job = import_jobs.refresh(get_object_or_404(ImportJob, pk=job_id))
        action = request.POST.get("action")
        if job.is_open or action not in ("retry", "dismiss") or (action == "retry" and job.status != job.Status.FAILED):
            return HttpResponseBadRequest(
                "action: " + gettext("Only a finished job may be dismissed, and only a failed one run again."),
                content_type="text/plain; charset=utf-8",
            )
        if action == "retry":
            again = import_jobs.retry(job, request.user)
            return HttpResponseRedirect(reverse("admin:thesis_thesis_import_job", args=[again.pk]))
        import_jobs.dismiss(job)
        return HttpResponseRedirect(reverse("admin:thesis_thesis_import"))

    def _outcome(self, job):
        if job.status == job.Status.FAILED:
            return {"refusal": refusal_message(ImportRefused(job.error))}
        if job.status == job.Status.DONE:
            done = job.thesis is not None
            return {"summary": imported_message(ImportResult(job.thesis, job.created, job.counts)) if done else ""}
        found = import_jobs.progress_of(job)
        return {
            "progress": found,
            "stage": STAGE_LABELS.get(found.stage, found.stage) if found else gettext("waiting to start"),
            "stage_count": len(STAGES),
        }
