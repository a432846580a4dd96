"""The editorial admin's site: its names, an index with the editor's own work, each thesis's progress and the
next passage to check, what changed since the editor was last here, and a login page that answers HEAD as
it answers GET.

It stands outside thesis/admin, whose modules register their model admins with this site as they
are imported: the site must exist before they are."""

from django.contrib import admin, messages
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import NoticesForm
from .models import EditorProfile, Thesis
from .proofing import activity, own_work, progress


def wants_notices(user) -> bool:
    """Whether the editor is sent e-mail notices: yes until they turn them off."""
    return EditorProfile.objects.filter(user=user, notify=False).first() is None


class ArchiveAdminSite(admin.AdminSite):
    site_header = _("Thesis archive: editorial desk")
    site_title = _("Thesis archive")
    index_title = _("Texts, sources, people and events")
    index_template = "admin/thesis/index.html"

    def index(self, request, extra_context=None):
        context = dict(extra_context or {})
        if request.user.has_perm("thesis.view_passage"):
            context["progress"] = progress.progress(user=request.user)
            context["theses_count"] = Thesis.objects.count()
            context["own_work"] = own_work.own_work(request.user)
            context["activity"] = activity.feed(request.user, activity.since_of(request.session))
            context["notices_form"] = NoticesForm(initial={"notify": wants_notices(request.user)})
        return super().index(request, context)

    def get_urls(self):
        return [path("notices/", self.admin_view(self.notices), name="notices"), *super().get_urls()]

    def notices(self, request):
        """An editor turns their e-mail notices on or off (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        form = NoticesForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(f"notify: {' '.join(form.errors.get('notify', []))}")
        notify = form.cleaned_data["notify"]
        EditorProfile.objects.update_or_create(user=request.user, defaults={"notify": notify})
        told = gettext("You will be told by e-mail when your work is sent back or a note mentions you.")
        messages.success(request, told if notify else gettext("You will not be sent e-mail notices."))
        return HttpResponseRedirect(reverse("admin:index", current_app=self.name))

    def login(self, request, extra_context=None):
        # Django sends someone already logged in on to the index only for GET; HEAD must get
        # the same answer without its body.
        if request.method == "HEAD" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        return super().login(request, extra_context)
