"""The editorial admin's site: its names, an index with each thesis's progress and the next passage to
check, and a login page that answers HEAD as it answers GET.

It stands outside thesis/admin, whose modules register their model admins with this site as they
are imported: the site must exist before they are."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Thesis
from .proofing import progress


class ArchiveAdminSite(admin.AdminSite):
    site_header = _("Thesis archive: editorial desk")
    site_title = _("Thesis archive")
    index_title = _("Texts, sources, people and events")
    index_template = "admin/thesis/index.html"

    def index(self, request, extra_context=None):
        context = dict(extra_context or {})
        if request.user.has_perm("thesis.view_passage"):
            context["progress"] = progress.progress()
            context["theses_count"] = Thesis.objects.count()
        return super().index(request, context)

    def login(self, request, extra_context=None):
        # Django sends someone already logged in on to the index only for GET; HEAD must get
        # the same answer without its body.
        if request.method == "HEAD" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        return super().login(request, extra_context)
