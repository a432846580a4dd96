"""Links to the site's own pages that keep the reader's choices: the script and the interface language."""

import functools
import html as html_escapes
import re
from urllib.parse import parse_qs, urlsplit

from django.urls import Resolver404, resolve

from project.languages import LANGUAGE_PARAMETER as LANGUAGE
from project.languages import address_language
from thesis.text.transliteration import LATIN

TAG_RE = re.compile(r"<[a-zA-Z][^>]*>")
HREF_RE = re.compile(r'(\shref=")([^"]*)(")')
ACTION_RE = re.compile(r'\saction="([^"]*)"')
# The site's pages that take the choices; the rest (robots.txt, sitemaps, the API) do not.
CHOICELESS = {"reading:robots", "reading:sitemap", "reading:sitemap-section"}
SCRIPT = "script"


def reader_choices(request) -> dict[str, str]:
    """The choices this page's address makes that its links keep: Latin script, and a language named in
    the address (one the reader's browser asked for is asked again on the next page, so it need not be)."""
    choices = {}
    if language := address_language(request):
        choices[LANGUAGE] = language
    if request.GET.get(SCRIPT) == LATIN:
        choices[SCRIPT] = LATIN
    return choices


def keep_choices(page: str, choices: dict[str, str]) -> str:
    """The page with every link and search form leading to one of the site's pages carrying the choices."""
    if not choices:
        return page
    return TAG_RE.sub(lambda tag: kept_tag(tag[0], choices), page)


def kept_tag(tag: str, choices: dict[str, str]) -> str:
    """One opening tag with its link, or its search form's hidden fields, carrying the choices."""
    tag = HREF_RE.sub(lambda m: m[1] + kept_href(m[2], choices) + m[3], tag)
    if tag.startswith("<form") and 'method="get"' in tag:
        action = ACTION_RE.search(tag)
        if action and takes_choices(html_escapes.unescape(action[1])):
            tag += "".join(f'<input type="hidden" name="{name}" value="{value}">' for name, value in choices.items())
    return tag


def kept_href(href: str, choices: dict[str, str]) -> str:
    """An (HTML-escaped) address with each choice added when it leads to one of the site's pages that
    does not already name it."""
    address = html_escapes.unescape(href)
    if not takes_choices(address):
        return href
    named = parse_qs(urlsplit(address).query, keep_blank_values=True)
    added = "&amp;".join(f"{name}={value}" for name, value in choices.items() if name not in named)
    if not added:
        return href
    before, hash_mark, fragment = href.partition("#")
    joiner = "" if before.endswith("?") else "&amp;" if "?" in before else "?"
    return f"{before}{joiner}{added}{hash_mark}{fragment}"


def takes_choices(address: str) -> bool:
    """Whether the address is a page of this site that can be read with the choices: this page with
    another query, or a path the site's reading pages answer. A fragment on this page needs nothing, and
    an address with a host is left as written (a citation's permanent address names no choice)."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not address or address.startswith("#"):
        return False
    return not parts.path or reading_path(parts.path)


@functools.lru_cache(maxsize=4096)
def reading_path(path: str) -> bool:
    if not path.startswith("/"):
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace == "reading" and match.view_name not in CHOICELESS
