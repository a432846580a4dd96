"""What every page of the reading site's base template needs: the script asked for and the links to each."""

from django.http import QueryDict

from thesis.text.transliteration import CYRILLIC, LATIN, SCRIPTS


def script(request) -> dict:
    """The page's script (an unknown one reads as Cyrillic here; the view answers it with a 400) and
    the same page's address in the other script, every other parameter kept."""
    asked = request.GET.get("script") or CYRILLIC
    return {
        "script": asked if asked in SCRIPTS else CYRILLIC,
        "latin_url": with_parameter(request, "script", LATIN),
        # Named rather than left out: on a Latin page every link to the site without a script gains Latin's.
        "cyrillic_url": with_parameter(request, "script", CYRILLIC),
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
