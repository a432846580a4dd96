"""The site's icon at /favicon.ico, where every browser asks for it whatever the page says."""

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.views.decorators.http import require_safe

ICON = "thesis/favicon.ico"
# A day: long enough to spare a request on every page view, short enough to see a new icon soon.
MAX_AGE = 24 * 3600


@lru_cache(maxsize=1)
def icon_bytes() -> bytes:
    # From the app's static folder, which is there with or without collectstatic.
    with open(finders.find(ICON), "rb") as icon:
        return icon.read()


@require_safe
def favicon(request):
    """The icon itself rather than a redirect, so that the browser's one request is answered at once."""
    response = HttpResponse(icon_bytes(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
