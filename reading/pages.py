"""What every page of the reading site shares: its parameters checked, its ETag, its script."""

import datetime
import hashlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.http import condition

from project.languages import language_codes
from project.version_scope import scope
from thesis.derived import dataversion
from thesis.editions.snapshots import snapshot
from thesis.models import Thesis
from thesis.query_fields import MAX_ID
from thesis.text.transliteration import CYRILLIC, LATIN, SCRIPTS
from thesis.year_fields import WholeNumberField

from .links import LANGUAGE, SCRIPT, keep_choices, reader_choices
from .scripts import latin_html


class BadParameter(ValueError):
    """A query parameter the page cannot honour: answered with a 400 page naming it."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


def page_etag(request, *args, **kwargs) -> str:
    """The data version (a thesis's own, for its pages: the one the response cache keys them on) and
    everything else a page's body depends on besides its address: the language and the day (a citation
    gives the date accessed). Checked before the view runs, so that a revalidation renders nothing."""
    scoped = scope(request.path_info, request.META.get("QUERY_STRING", ""), settings.API_RESPONSE_CACHE_PREFIX)
    parts = (
        dataversion.current(scope=scoped),
        request.get_full_path(),
        get_language(),
        datetime.date.today().isoformat(),
        settings.READING_EDITOR_NAMES,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def parameter(request, name: str, field: forms.Field):
    """A query parameter read by `field` (the API's own for the same kind of value), or a BadParameter
    naming it with the field's message, in the reader's language."""
    try:
        return field.clean(request.GET.get(name, ""))
    except ValidationError as error:
        raise BadParameter(name, " ".join(error.messages)) from None


def integer(request, name: str, default: int | None = None, minimum: int = 1, maximum: int = MAX_ID):
    """A whole-number query parameter, or a BadParameter naming it."""
    value = parameter(request, name, WholeNumberField(required=False, min_value=minimum, max_value=maximum))
    return default if value is None else value


def choice(request, name: str, choices: tuple[str, ...], default: str) -> str:
    value = request.GET.get(name) or default
    if value not in choices:
        raise BadParameter(name, f"{name} must be one of: {', '.join(choices)}.")
    return value


# A page depends on its address, the browser's languages and the day alone (no cookie, no session), so
# that the response cache (project/response_cache.py) keeps it like the API's answers; where it does
# not, a revalidated page costs the data version's query alone.
@method_decorator(condition(etag_func=page_etag), name="get")
class Page(View):
    """A page: `context()` reads what it shows (raising BadParameter for a parameter it cannot honour),
    its template lays it out, and with script=latn the whole of it is transliterated."""

    template_name = ""
    # The model whose ids the page's URL holds (the URL walk of tests/test_http_methods.py reads it).
    model = None

    def get(self, request, *args, **kwargs):
        try:
            script = choice(request, SCRIPT, SCRIPTS, CYRILLIC)
            choice(request, LANGUAGE, language_codes(), get_language())
            # A page reads its rows in several queries (a passage, then its citations); one snapshot
            # keeps them from two states of the archive.
            with snapshot(self.model or Thesis):
                html = render_to_string(self.template_name, self.context(request, **kwargs), request)
        except BadParameter as error:
            return self.bad_request(request, error)
        choices = reader_choices(request)
        return HttpResponse(latin_html(html, choices) if script == LATIN else keep_choices(html, choices))

    def context(self, request, **kwargs) -> dict:
        return {}

    @staticmethod
    def bad_request(request, error: BadParameter) -> HttpResponse:
        html = render_to_string("reading/bad_request.html", {"error": error}, request)
        return HttpResponse(html, status=400)
