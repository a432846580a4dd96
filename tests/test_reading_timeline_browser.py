"""A reader in a real browser opens the timeline, narrows it to 1992 by its form, sees the UN membership,
reaches it by keyboard and follows it to its passage; axe-core checks every state of the page."""

import re

import pytest

from thesis.models import TimelineEvent

from .browser import launch, sync_playwright
from .test_reading_browser import assert_accessible, axe_source, follow

UN = "Қазақстан Республикасы БҰҰ-ға мүше болды"


def focus_event(page, headline: str) -> None:
    """Tab, as a keyboard user would, until the picture's link to the event has the focus."""
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
        if headline in label:
            return
    raise AssertionError(f"no link to «{headline}» is reached by the keyboard")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reader_narrows_the_timeline_to_1992_and_reaches_the_un_membership(
    live_server, seed_thesis, tmp_path, monkeypatch
):
    axe = axe_source()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    event = TimelineEvent.objects.get(headline=UN)
    passage_path = f"/theses/{seed_thesis.pk}/passages/{event.passage.order}/"
    base = live_server.url

    with sync_playwright() as playwright:
        browser = launch(playwright)
        # With scripts off: the form, the picture and its links work without any.
        context = browser.new_context(locale="kk", java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "/timeline/")
        assert page.locator("svg.timeline-picture a").count() == TimelineEvent.objects.count()
        page.screenshot(path=str(tmp_path / "01-timeline-kk.png"), full_page=True)

        page.fill("#year", "1992")
        follow(page, page.locator(".timeline-filter button"))
        assert re.search(r"[?&]year=1992(&|$)", page.url)
        picture = page.locator("svg.timeline-picture")
        assert picture.locator(f'a[href="{passage_path}"][aria-label*="{UN}"]').count() == 1
        assert page.locator(f'.timeline-list a[href="{passage_path}"]', has_text=UN).count() == 1
        assert picture.locator("a").count() == 3
        page.screenshot(path=str(tmp_path / "02-timeline-1992-kk.png"), full_page=True)
        context.close()

        # With scripts on, for axe: the same page in Kazakh, in Latin script, in English, and a bad year.
        context = browser.new_context(locale="kk")
        page = context.new_page()
        page.goto(base + "/timeline/?year=1992")
        assert UN in page.locator(".timeline-list").inner_text()
        assert_accessible(page, axe, tmp_path, "03-timeline-1992-axe")
        focus_event(page, UN)
        page.screenshot(path=str(tmp_path / "04-timeline-1992-focus.png"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(passage_path)

        for path, name in (
            ("/timeline/?century=17&script=latn", "05-timeline-century-latin"),
            ("/timeline/?year_from=2000&year_to=1990", "06-timeline-bad-range"),
        ):
            page.goto(base + path)
            assert_accessible(page, axe, tmp_path, name)
        assert "year_from" in page.locator("main").inner_text()
        context.close()

        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.goto(base + "/timeline/")
        assert_accessible(page, axe, tmp_path, "07-timeline-en")
        browser.close()
    assert len(list(tmp_path.glob("*.png"))) == 7
