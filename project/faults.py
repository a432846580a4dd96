"""A database that is busy, full or out of reach: a refusal in the reader's language, never a 500.

A view's failure reaches DatabaseFaultMiddleware; a failure in a middleware (the session or the
user read from the database before any view runs) reaches Django's handler500, `server_error`.
Both answer through `refusal_response`: a 503 with Retry-After, JSON under the API and HTML
elsewhere, and for a form posted in vain the fields sent, ready to be sent again.
"""

import logging
import sys

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from reading import errors
from thesis.editorial.editing import DatabaseBusy, DatabaseUnavailable, DiskFull, EditRefused, as_refusal

RETRY_AFTER_SECONDS = 2
# Fields never written back into a page.
SECRET_FIELDS = ("password",)
logger = logging.getLogger("project.faults")


class DatabaseFaultMiddleware:
    """A view that met a busy, full or unreachable database: the admin's tool pages get their page
    back with the refusal as a message, while the database can still be read; anyone else a 503.
    (Change forms answer these themselves, keeping the editor's text: thesis/admin/base.py.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        refusal = database_fault(exception)
        if refusal is None:
            return None
        logger.warning("%s %s refused: %s", request.method, request.path, refusal, extra={"request": request})
        return refusal_response(request, refusal)


def server_error(request):
    """Django's handler500: a database fault outside any view is a refusal too; anything else the
    site's 500 page."""
    refusal = database_fault(sys.exc_info()[1])
    if refusal is None:
        return errors.server_error(request)
    return refusal_response(request, refusal)


def database_fault(error: BaseException | None) -> EditRefused | None:
    refusal = as_refusal(error) if error is not None else None
    return refusal if isinstance(refusal, DatabaseBusy | DatabaseUnavailable | DiskFull) else None


def refusal_response(request, refusal: EditRefused) -> HttpResponse:
    with translation.override(translation.get_language_from_request(request)):
        if not isinstance(refusal, DatabaseUnavailable) and posted_by_staff(request) and told(request, refusal):
            return HttpResponseRedirect(request.get_full_path(), status=303)
        response = (api_refusal if is_api(request) else page_refusal)(request, refusal)
        response["Content-Language"] = translation.get_language()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def posted_by_staff(request) -> bool:
    """Whether an editor posted the request, when who it is can still be read."""
    if request.method != "POST":
        return False
    try:
        user = getattr(request, "user", None)
        return user is not None and user.is_staff
    except DatabaseError:
        return False


def told(request, refusal: EditRefused) -> bool:
    """Whether the refusal could be left as a message for the page the editor goes back to (not when
    the failure came before the messages' middleware)."""
    try:
        messages.error(request, refusal_message(refusal))
    except messages.MessageFailure:
        return False
    return True


def refusal_message(refusal: EditRefused) -> str:
    if isinstance(refusal, DatabaseBusy):
        return _(
            "Not saved: another change was being written and the archive stayed busy for longer than a "
            "request may wait. Nothing was written or overwritten. Try again."
        )
    if isinstance(refusal, DiskFull):
        return _(
            "Not saved: the archive's disk is full (the database says “database or disk is full”). "
            "Nothing was written or overwritten. Try again once room has been made."
        )
    return _("The archive's database cannot be reached just now. Try again in a few seconds.")


def api_refusal(request, refusal: EditRefused) -> JsonResponse:
    return JsonResponse({"detail": refusal_message(refusal)}, status=503, json_dumps_params={"ensure_ascii": False})


def page_refusal(request, refusal: EditRefused) -> HttpResponse:
    title = _("The archive cannot answer just now")
    page = format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title></head>'
        "<body><main><h1>{}</h1><p>{}</p>{}</main></body></html>",
        translation.get_language(),
        title,
        title,
        refusal_message(refusal),
        resend_form(request),
    )
    return HttpResponse(page, status=503, content_type="text/html; charset=utf-8")


def resend_form(request) -> str:
    """What a form posted in vain sent, to be sent again as it was: an editor's text is not lost
    with the database out of reach (no field of the form can be read from it to show the form again)."""
    if request.method != "POST":
        return ""
    try:
        fields = [(name, value) for name, values in request.POST.lists() for value in values]
    except Exception:  # noqa: BLE001 - a body that cannot be read again has nothing to keep
        return ""
    kept = [(name, value) for name, value in fields if not any(secret in name for secret in SECRET_FIELDS)]
    if not kept:
        return ""
    inputs = format_html_join("", "{}", ((field_input(name, value),) for name, value in kept))
    return format_html(
        '<form method="post" action="{}"><p>{}</p>{}<p><button type="submit">{}</button></p></form>',
        request.get_full_path(),
        _("What you sent is kept here: send it again once the archive answers."),
        inputs,
        _("Send again"),
    )


def field_input(name: str, value: str) -> str:
    """A long or multi-line value in a box the editor can read and copy; any other one hidden."""
    if len(value) > 80 or "\n" in value:
        return format_html(
            '<p><label>{}<br><textarea name="{}" rows="12" cols="80">{}</textarea></label></p>', name, name, value
        )
    return format_html('<input type="hidden" name="{}" value="{}">', name, value)


def is_api(request) -> bool:
    return request.path.startswith(settings.API_RESPONSE_CACHE_PREFIX)
