"""The reading site as files that open with no server: its pages rendered by its own views, each link led to
the copied file it names, to the live site, or nowhere."""

import html as html_escapes
import posixpath
import re
import shutil
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from thesis.models import Author, Passage, Source, Thesis
from thesis.text.transliteration import CYRILLIC

from . import sections
from .contents import section_counts
from .links import LANGUAGE, SCRIPT
from .views import ArchiveView

# The host the copy's requests are made for. No client asks for them, and a page that gives its own
# absolute address (a citation's, a version's) gives it on this host, which the copy then replaces by
# the live site's root, or drops, leaving the path (.invalid is reserved: it names no real site).
RENDER_HOST = "offline-copy.invalid"
RENDER_ORIGIN = f"http://{RENDER_HOST}"
# The attributes that lead somewhere; the site's templates and its SVG write every one in double quotes.
LINK_RE = re.compile(r'\s(href|src|action)="([^"]*)"')
TAG_RE = re.compile(r"<[a-zA-Z][^>]*>")
FORM_RE = re.compile(r"<form\b[^>]*>.*?</form>", re.S)
# What a link the copy cannot follow says instead.
UNAVAILABLE = gettext_noop("Not in this copy: it needs the archive's server")


# The rule: where a link of the copy leads.


@dataclass(frozen=True)
class Copy:
    """What a copy holds and where the live site is: the site's paths of its pages and files, the live
    site's root (None when it is not known), and the query parameters that name what every page of the
    copy is anyway (its language and script)."""

    paths: Container[str]
    base_url: str | None = None
    choices: Mapping[str, str] = field(default_factory=dict)


def page_file(path: str) -> str:
    """The file of the copy that holds the site's `path`: a page's folder's index.html, a static file
    under its own name, a page of a paged list (`/?page=2`) beside its first page (`page-2.html`)."""
    parts = urlsplit(path)
    relative = parts.path.lstrip("/")
    if parts.query:
        return relative + parts.query.replace("=", "-").replace("&", "-") + ".html"
    return f"{relative}index.html" if relative == "" or relative.endswith("/") else relative


def offline_link(address: str, page: str, copy: Copy) -> str | None:
    """Where `address`, a link on the copy of the site's page at `page`, leads in the copy.

    A page or file the copy holds, asked for with no query but the copy's own choices, is named by its
    file, relative to the page's own, so that the copy opens from any folder; an address the copy cannot
    answer (another query: a search, another language or script, an older version; the API) leads to the
    live site when its root is known, and to nothing (None) when it is not. A fragment stays on whatever
    it leads to; an address on another host and a fragment on this page stay as they are."""
    parts = urlsplit(address)
    if not address or address.startswith("#") or parts.scheme or parts.netloc:
        return address
    target = urlsplit(urljoin(page, address))
    fragment = f"#{target.fragment}" if target.fragment else ""
    asked = parse_qsl(target.query, keep_blank_values=True)
    # The copy's own choices name every page of it; what else the query asks names one of its pages or none.
    other = urlencode([(name, value) for name, value in asked if copy.choices.get(name) != value])
    held = f"{target.path}?{other}" if other else target.path
    if held in copy.paths:
        here = posixpath.dirname(page_file(page)) or "."
        return posixpath.relpath(page_file(held), here) + fragment
    if copy.base_url:
        return copy.base_url.rstrip("/") + urlunsplit(("", "", target.path, target.query, target.fragment))
    return None


def offline_page(page_html: str, page: str, copy: Copy) -> str:
    """The page rendered at `page` as the copy holds it: its own absolute addresses on the live site's
    root (or as bare paths, with no root), each link led where offline_link says, a form that leads
    nowhere left out and a link that leads nowhere kept as its text, saying why."""
    page_html = page_html.replace(RENDER_ORIGIN, copy.base_url.rstrip("/") if copy.base_url else "")
    page_html = FORM_RE.sub(lambda form: form[0] if form_leads(form[0], page, copy) else "", page_html)
    return TAG_RE.sub(lambda tag: offline_tag(tag[0], page, copy), page_html)


def form_leads(form: str, page: str, copy: Copy) -> bool:
    action = LINK_RE.search(form)
    return action is None or offline_link(html_escapes.unescape(action[2]), page, copy) is not None


def offline_tag(tag: str, page: str, copy: Copy) -> str:
    """One opening tag with its link led into the copy; with nowhere to lead, the link is taken off
    and a link element says why."""

    def led(attribute: re.Match) -> str:
        target = offline_link(html_escapes.unescape(attribute[2]), page, copy)
        if target is None:
            return f' title="{html_escapes.escape(gettext(UNAVAILABLE))}"' if tag[:3] in ("<a ", "<a>") else ""
        return f' {attribute[1]}="{html_escapes.escape(target)}"'

    return LINK_RE.sub(led, tag)


# The pages and files.


def page_paths() -> Iterator[str]:
    """Every page the copy holds, by its path on the site: the archive, about, people and the timeline,
    then each thesis (each of its sections' pages and the whole), its passages, each person and each source."""
    for name in ("archive", "about", "people", "timeline"):
        yield reverse(f"reading:{name}")
    # The archive lists its theses a page at a time: its other pages too.
    pages = -(-Thesis.objects.count() // ArchiveView.page_size)
    for number in range(2, pages + 1):
        yield f"{reverse('reading:archive')}?page={number}"
    counts = section_counts()
    for pk in Thesis.objects.order_by("pk").values_list("pk", flat=True):
        path = reverse("reading:thesis", args=[pk])
        yield path
        # A thesis is read a top-level section a page: its other sections' pages, and the whole thesis on
        # one, which each of them links to.
        for number in [*range(2, counts.get(pk, 0) + 1), None]:
            yield sections.address(path, number)
    for place in Passage.objects.order_by("thesis_id", "order").values_list("thesis_id", "order"):
        yield reverse("reading:passage", args=place)
    for pk in Author.objects.order_by("pk").values_list("pk", flat=True):
        yield reverse("reading:person", args=[pk])
    for pk in Source.objects.order_by("pk").values_list("pk", flat=True):
        yield reverse("reading:source", args=[pk])


def static_files() -> dict[str, Path]:
    """The reading site's static files by the address its pages name them at (the hashed name, where
    the deployment's storage hashes them), each with the file it is read from."""
    folder = Path(apps.get_app_config("reading").path) / "static"
    return {static(path.relative_to(folder).as_posix()): path for path in sorted(folder.rglob("*")) if path.is_file()}


def rendered(path: str) -> str:
    """The page at `path` as its view answers it, in the language active."""
    match = resolve(urlsplit(path).path)
    response = match.func(RequestFactory(SERVER_NAME=RENDER_HOST).get(path), *match.args, **match.kwargs)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: the reading site answered {response.status_code}")
    return response.content.decode(response.charset)


def write_site(folder: Path, base_url: str | None = None) -> int:
    """Write the copy into `folder` (made here): each page in the site's default language as
    <path>/index.html, and the static files they name. Returns how many pages it wrote."""
    statics = static_files()
    pages = list(page_paths())
    copy = Copy(frozenset(pages) | statics.keys(), base_url, {LANGUAGE: settings.LANGUAGE_CODE, SCRIPT: CYRILLIC})
    folder.mkdir()
    # The copy's requests are made for RENDER_HOST, which no deployment's ALLOWED_HOSTS names; a page
    # that builds its own absolute address checks its host against them.
    with override_settings(ALLOWED_HOSTS=[RENDER_HOST]), translation.override(settings.LANGUAGE_CODE):
        for path in pages:
            target = folder / page_file(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(offline_page(rendered(path), path, copy), encoding="utf-8")
    for address, source in statics.items():
        target = folder / page_file(urlsplit(address).path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return len(pages)
