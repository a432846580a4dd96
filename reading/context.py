"""What every page of the reading site's base template needs: the script and language asked for, and links to each."""

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import get_language, get_language_info

from thesis.text.transliteration import CYRILLIC, LATIN, SCRIPTS

from .links import LANGUAGE


def script(request) -> dict:
    """The page's script (an unknown one reads as Cyrillic here; the view answers it with a 400) and
    the same page's address in the other script, every other parameter kept."""
    asked = request.GET.get("script") or CYRILLIC
    return {
        "script": asked if asked in SCRIPTS else CYRILLIC,
        "latin_url": with_parameter(request, "script", LATIN),
        # Named rather than left out: on a Latin page every link to the site without a script gains Latin's.
        "cyrillic_url": with_parameter(request, "script", CYRILLIC),
        "languages": [language_link(request, code) for code, _name in settings.LANGUAGES],
    }


def language_link(request, code: str) -> dict:
    """This page in another interface language: a link, so that the choice is in the address a cache keys on."""
    return {
        "code": code,
        "name": get_language_info(code)["name_local"],
        "url": with_parameter(request, LANGUAGE, code),
        "current": code == get_language(),
    }


def with_parameter(request, name: str, value: str | None, *dropped: str) -> str:
    """This page's path with one query parameter set (or removed, for None), and any `dropped` removed."""
    query: QueryDict = request.GET.copy()
    for gone in (name, *dropped):
        query.pop(gone, None)
    if value is not None:
        query[name] = value
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path
