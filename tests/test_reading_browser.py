"""A reader in a real browser: searches for an inflected form, opens a result, follows a citation to its
source, reads in Latin script, switches the interface language, copies a passage's citation and, after an
editor has changed the passage, opens the citation's version link and sees the text as it was cited.
axe-core checks every page; on a phone, a thesis's contents are a drawer that leads to another section,
and the timeline runs down the page in words no smaller than 12 px."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from thesis.editorial.editing import save_passage
from thesis.models import Author, Passage, Source

from .browser import launch, sync_playwright
from .conftest import ensure_groups, skip_or_fail

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# An inflected form: its search finds "саясат", "саясаты", "саясатын" too.
WORD = "саясатының"
# axe's impact levels that fail the test: all of them, now that the site has none.
BLOCKING = {"minor", "moderate", "serious", "critical"}
# A phone held upright, in dark mode and Russian, and a laptop in light mode and Kazakh: each colour
# scheme checked once, and Latin script under an interface in another alphabet as well as in its own.
SCREENS = (({"width": 390, "height": 844}, "dark", "ru"), ({"width": 1366, "height": 768}, "light", "kk"))


def axe_source() -> str:
    if not AXE.exists():
        skip_or_fail(f"ACCESSIBILITY CHECK: {AXE.relative_to(settings.BASE_DIR)} is missing: run npm ci")
    return AXE.read_text(encoding="utf-8")


def assert_accessible(page, axe: str, shots: Path, name: str):
    """No axe violation on the page as it is now; a screenshot of it either way."""
    blocking = axe_violations(page, axe, shots, name)
    assert blocking == [], f"{name}: {page.url}\n" + "\n".join(blocking)


def axe_violations(page, axe: str, shots: Path, name: str) -> list[str]:
    """The page's axe violations of a BLOCKING impact, each with where it is; a screenshot of the page."""
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    # Evaluated through the browser's debugging protocol, which the page's script-src 'self' does not govern.
    page.evaluate(axe)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    # An axe that did not run would pass: it reports the rules it checked.
    assert result["testEngine"]["name"] == "axe-core"
    return [
        f"{name}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def main_pages(thesis) -> dict[str, str]:
    return {
        "archive": "/",
        "thesis": f"/theses/{thesis.pk}/",
        "thesis-latin": f"/theses/{thesis.pk}/?script=latn&view=original&section=2",
        "passage": f"/theses/{thesis.pk}/passages/2/",
        "search": f"/search/?q={WORD}",
        "timeline": "/timeline/",
        "people": "/people/",
        "person": f"/people/{Author.objects.filter(thesis=thesis).first().pk}/",
        "source": f"/sources/{Source.objects.filter(thesis=thesis).first().pk}/",
        "about": "/about/",
    }


def fits_every_screen(page, axe: str, shots: Path, base: str, pages: dict[str, str]):
    """On a phone and a laptop, every main page is no wider than the screen and passes axe."""
    # Every page is seen before the test fails, so that one run names every problem.
    problems = []
    for viewport, scheme, language in SCREENS:
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        for name, path in pages.items():
            page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={language}")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"{path} at {viewport['width']} px is {width} px wide")
            assert page.locator("html").get_attribute("lang").startswith(language)
            problems += axe_violations(page, axe, shots, f"screen-{viewport['width']}-{name}")
            problems += PHONE_CHECKS.get(name, lambda *_: [])(page, viewport["width"] < PHONE_WIDTH)
            # Each interface language's words have their own lengths: the page fits in every one of them.
            for other in (code for code in INTERFACE_LANGUAGES if code != language):
                page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={other}")
                width = page.evaluate("() => document.documentElement.scrollWidth")
                if width > viewport["width"]:
                    problems.append(f"{path} in {other} at {viewport['width']} px is {width} px wide")
    assert problems == [], "\n".join(problems)


INTERFACE_LANGUAGES = ("kk", "ru", "en")


# Below this width the thesis's contents are a drawer and the timeline a list down the page (site.css,
# timeline.css: 44rem).
PHONE_WIDTH = 704
# The smallest text the timeline shows, in CSS pixels as drawn: the picture's text scaled as the picture
# is, and the list's as styled; an element hidden, or holding no text of its own, is not counted.
SMALLEST_TIMELINE_TEXT = """() => {
  const sizes = [];
  const texts = "svg.timeline-picture text, .timeline-list li, .timeline-list li *";
  for (const element of document.querySelectorAll(texts)) {
    const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!own || !element.getClientRects().length) continue;
    const svg = element.closest("svg");
    const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    sizes.push(parseFloat(getComputedStyle(element).fontSize) * scale);
  }
  return Math.min(...sizes);
}"""


def timeline_fits(page, phone: bool) -> list[str]:
    """On a phone the picture gives way to the list, whose words stay readable; elsewhere the picture shows."""
    picture = page.locator("svg.timeline-picture").is_visible()
    smallest = page.evaluate(SMALLEST_TIMELINE_TEXT)
    if not phone:
        return [] if picture else ["the timeline's picture is hidden on a wide screen"]
    return [
        *(["the timeline's picture is shown on a phone"] if picture else []),
        *([f"the timeline's text is {smallest:.1f} px on a phone"] if smallest < 12 else []),
    ]


def contents_fit(page, phone: bool) -> list[str]:
    """On a phone a thesis's contents are a closed drawer, which opens and leads to another section; on a
    wider screen they are a list."""
    entry = page.locator(".toc li a").nth(2)
    if not phone:
        return [] if entry.is_visible() else ["the contents are hidden on a wide screen"]
    if entry.is_visible() or not page.locator(".toc summary").is_visible():
        return ["the contents are not a closed drawer on a phone"]
    page.locator(".toc summary").click()
    follow(page, entry)
    return [] if "section=2" in page.url and page.locator("h2", has_text="1 ТАРАУ").is_visible() else [page.url]


PHONE_CHECKS = {"timeline": timeline_fits, "thesis": contents_fit}


def follow(page, locator):
    with page.expect_navigation():
        locator.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reader_searches_reads_cites_and_finds_the_cited_version(
    live_server, seed_thesis, admin_user, tmp_path, monkeypatch
):
    ensure_groups()
    axe = axe_source()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_server.url

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(locale="en-GB", permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()

        page.goto(base + "/")
        assert_accessible(page, axe, tmp_path, "01-archive")
        page.fill("#q", WORD)
        follow(page, page.locator(".search-form button"))
        marks = page.locator("mark").all_inner_texts()
        assert WORD in [m.lower() for m in marks] and "саясат" in [m.lower() for m in marks]
        assert_accessible(page, axe, tmp_path, "02-search")

        # The first result's passage; a passage that cites a source is taken from there to its source.
        follow(page, page.locator(".hit a").first)
        assert re.search(r"/theses/\d+/passages/\d+/$", page.url)
        assert_accessible(page, axe, tmp_path, "03-passage")
        page.goto(base + f"/theses/{seed_thesis.pk}/")
        assert_accessible(page, axe, tmp_path, "04-thesis")
        marker = page.locator("a.citation-marker").first
        number = marker.inner_text()
        follow(page, marker)
        assert re.search(r"/sources/\d+/$", page.url)
        assert number in page.locator("h1").inner_text()
        assert page.locator("text=Bibliographic data").count() >= 1
        assert_accessible(page, axe, tmp_path, "05-source")

        # The reading view in Latin script, then with the editors' changes and beside the original.
        page.goto(base + f"/theses/{seed_thesis.pk}/")
        follow(page, page.locator("a.script-link"))
        assert "script=latn" in page.url and "Qazaqstan" in page.locator("main").inner_text()
        assert_accessible(page, axe, tmp_path, "06-thesis-latin")
        follow(page, page.locator(".view-links a").nth(1))
        # The first section's passages: the introduction's seven.
        assert "script=latn" in page.url and page.locator(".original").count() == 7
        assert_accessible(page, axe, tmp_path, "07-original-latin")

        for url, name in (("/people/", "08-people"), ("/search/?q=x&page=0", "09-bad-request")):
            page.goto(base + url)
            assert_accessible(page, axe, tmp_path, name)
        page.goto(base + "/people/")
        follow(page, page.locator("main li a").first)
        assert_accessible(page, axe, tmp_path, "10-person")

        # The interface in Kazakh, by the switcher (links, so that the choice is in the address), kept
        # as the reader moves on.
        page.goto(base + "/")
        follow(page, page.locator(".language-switcher a[lang=kk]"))
        assert page.locator("html").get_attribute("lang") == "kk" and "lang=kk" in page.url
        assert "lang=kk" in page.locator(".site-header nav a").first.get_attribute("href")
        assert_accessible(page, axe, tmp_path, "11-archive-kk")

        # The reader copies a passage's citation.
        passage = Passage.objects.get(thesis=seed_thesis, order=2)
        cited_text = passage.text
        page.goto(base + f"/theses/{seed_thesis.pk}/passages/2/")
        page.locator("#cite-apa").select_text()
        page.keyboard.press("Control+C")
        citation = page.evaluate("() => navigator.clipboard.readText()")
        assert "Version 1" in citation
        version_url = re.search(r"(https?://\S+?\?version=1)", citation)[1]

        # An editor changes the passage.
        first_word = cited_text.split()[0]
        save_passage(
            passage.pk,
            text=cited_text.replace(first_word, "Өзгертілген", 1),
            expected_version=1,
            user=admin_user,
            reason="Сөз түзетілді",
        )
        page.goto(base + f"/theses/{seed_thesis.pk}/passages/2/")
        assert "Өзгертілген" in page.locator(".reading").inner_text()

        # The citation's link still shows the text as it was cited.
        page.goto(version_url)
        shown = page.locator(".reading").inner_text()
        assert "Өзгертілген" not in shown and shown.startswith(first_word)
        assert_accessible(page, axe, tmp_path, "12-cited-version")
        page.goto(base + f"/theses/{seed_thesis.pk}/?view=changes")
        change = page.locator("ins").first
        change.focus()
        assert "Сөз түзетілді" in change.get_attribute("title")
        assert_accessible(page, axe, tmp_path, "13-changes")
        fits_every_screen(page, axe, tmp_path, base, main_pages(seed_thesis))
        browser.close()
    assert len(list(tmp_path.glob("*.png"))) == 13 + len(SCREENS) * len(main_pages(seed_thesis))
    print("screenshots in", tmp_path)
