"""The interface's language: the admin's by Django's own rules, the rest's from the address and the
browser alone, so that a public answer depends on nothing a shared cache does not key on."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

LANGUAGE_PARAMETER = "lang"


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except outside the admin: there `?lang=` names the language, or else the
    request's Accept-Language does. The language cookie the admin's form sets is an editor's choice for
    the admin; were a public page to follow it, a cached copy would carry one reader's language to another."""

    def process_request(self, request):
        if request.path.startswith(f"/{settings.ADMIN_PATH}"):
            return super().process_request(request)
        translation.activate(public_language(request))
        request.LANGUAGE_CODE = translation.get_language()


def public_language(request) -> str:
    """The language of a public page or answer: the one its address names, or else the browser's."""
    return address_language(request) or browser_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def address_language(request) -> str | None:
    """The language the address names, when it is one of the site's (a page answers another with a 400)."""
    asked = request.GET.get(LANGUAGE_PARAMETER)
    return asked if asked in language_codes() else None


def browser_language(accept_language: str) -> str:
    """The first of the browser's languages the site speaks, or the site's own."""
    for asked, _quality in parse_accept_lang_header(accept_language):
        if asked == "*":
            break
        try:
            return translation.get_supported_language_variant(asked)
        except LookupError:
            continue
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)
