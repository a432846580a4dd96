"""What the site asks search engines to crawl: robots.txt, and the sitemaps of every thesis and passage."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse

from thesis.models import Passage, Thesis

# The sitemap protocol's most URLs in one sitemap; a longer list is paged, and the index names each page.
SITEMAP_LIMIT = 50_000
# The admin at its well-known address hides nothing by being named; moved elsewhere (ADMIN_PATH),
# naming it here would show scanners where it went.
WELL_KNOWN_ADMIN = "admin/"
# Not to be crawled: the API (each thesis's whole CSV and TEI, and every list page by page), the
# search (a page for every query) and the language switch (a form's target, not a page).
DISALLOWED = ("/api/", "/search/", "/i18n/")


class ThesisSitemap(Sitemap):
    """Each thesis's reading page."""

    limit = SITEMAP_LIMIT

    def items(self):
        return Thesis.objects.order_by("pk").values_list("pk", flat=True)

    def location(self, item):
        return reverse("reading:thesis", args=[item])


class PassageSitemap(Sitemap):
    """Each passage's page, thesis by thesis in the text's order."""

    limit = SITEMAP_LIMIT

    def items(self):
        return Passage.objects.order_by("thesis_id", "order").values_list("thesis_id", "order")

    def location(self, item):
        return reverse("reading:passage", args=item)


SITEMAPS = {"theses": ThesisSitemap, "passages": PassageSitemap}


def robots_lines(admin_path: str, sitemap_url: str) -> list[str]:
    """robots.txt: everything but what DISALLOWED names (and the admin, at its well-known address), and
    where the sitemap is."""
    disallowed = [*DISALLOWED, *([f"/{admin_path}"] if admin_path == WELL_KNOWN_ADMIN else [])]
    return [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "Allow: /",
        "",
        f"Sitemap: {sitemap_url}",
    ]


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("reading:sitemap"))
    body = "\n".join(robots_lines(settings.ADMIN_PATH, sitemap_url)) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
