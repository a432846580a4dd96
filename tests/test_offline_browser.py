"""The site's copy in a real browser, from file:// with no server: home, a thesis, a passage, each styled."""

import pytest

from reading.offline import write_site

from .browser import launch, sync_playwright
from .test_reading_browser import follow

# site.css's colour for the page's paper in light mode; the browser's own is white.
PAPER = "rgb(253, 252, 248)"


@pytest.mark.browser
def test_a_reader_opens_the_copy_from_files_and_follows_home_thesis_passage(seed_thesis, tmp_path):
    write_site(tmp_path / "site")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(color_scheme="light")
        page.goto((tmp_path / "site" / "index.html").as_uri())
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == PAPER
        follow(page, page.locator(f'a[href="theses/{seed_thesis.pk}/index.html"]'))
        assert page.url.endswith(f"/site/theses/{seed_thesis.pk}/index.html")
        assert page.locator("h1").inner_text() == seed_thesis.title
        follow(page, page.locator('a[href="passages/1/index.html"]'))
        assert page.url.startswith("file://") and page.url.endswith(f"/theses/{seed_thesis.pk}/passages/1/index.html")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == PAPER
        assert page.locator(".site-header a").first.evaluate("a => getComputedStyle(a).color") == "rgb(255, 255, 255)"
        browser.close()
