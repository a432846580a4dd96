"""URL routes: the admin, the API, OAI-PMH, the icon, the health check, the latest dump, and the reading site at /."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .dump_download import latest_dump
from .favicon import favicon
from .health import health

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/", include("api.urls")),
    path("oai/", include("harvest.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", favicon, name="favicon"),
    path("health/", health, name="health"),
    path("dump/latest.zip", latest_dump, name="latest-dump"),
    path("", include("reading.urls")),
]

# The site's own error pages, in the reader's language (reading/errors.py); a 403 keeps the editors'
# refusal page (thesis/templates/403.html), since only the admin refuses; a database fault outside any
# view (the session, the user) is a refusal, not a 500.
handler400 = "reading.errors.bad_request"
handler404 = "reading.errors.page_not_found"
handler500 = "project.faults.server_error"
