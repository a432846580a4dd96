"""The site's error pages (400, 404, 500) inside its own layout, in the reader's language.

Django calls these handlers when a view fails, so none of them may fail itself: the 500 page reads
nothing from the database (a failing database may be why it is shown) and renders without the
request's context, and if even that fails it falls back to a page written out in full."""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from project.languages import public_language

logger = logging.getLogger("reading.errors")
FALLBACK = (
    '<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><main><h1>{title}</h1><p>{message}</p></main></body></html>"
)


def texts(status: int) -> tuple[str, str]:
    """The title and message of an error page, in the active language."""
    if status == 400:
        return _("Bad request"), _("The archive cannot answer this request as it was sent.")
    if status == 404:
        return _("Page not found"), _("The archive has no page at this address. It may have been mistyped.")
    return _("Something went wrong"), _(
        "The archive could not show this page because of an error of its own. It has been recorded; "
        "please try again later."
    )


def error_page(request, status: int) -> HttpResponse:
    """The page for `status` in the reader's language, in the site's layout: with the request (its
    language and script links) except for a 500, which uses none of it."""
    # The language the middleware chose, or, for a fault before it ran, the public pages' own rule.
    language = getattr(request, "LANGUAGE_CODE", None) or public_language(request)
    with translation.override(language):
        title, message = texts(status)
        try:
            context = {"title": title, "message": message, "bare": status >= 500, "status": status}
            html = render_to_string("reading/error.html", context, None if status >= 500 else request)
        except Exception:  # noqa: BLE001 - an error page must answer whatever failed
            logger.exception("The %s page could not be rendered", status)
            html = FALLBACK.format(language=escape(language), title=escape(title), message=escape(message))
        response = HttpResponse(html, status=status)
        response["Content-Language"] = language
    return response


def bad_request(request, exception=None):
    return error_page(request, 400)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)
