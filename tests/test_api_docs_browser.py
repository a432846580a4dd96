"""The interactive API docs in a real browser: Swagger UI renders under the content security policy, offline."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
ZERO_WIDTH_SPACE = "\u200b"


def sync_playwright():
    """Playwright's sync API, or a skip (a failure on CI) saying what is missing."""
    problem = None
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        problem = f"{CHROMIUM} is missing: install Debian's chromium package"
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        problem = "the playwright package is missing: pip install -r requirements-dev.txt"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"BROWSER TEST NOT RUN: {problem}")
        pytest.skip(f"BROWSER TEST NOT RUN: {problem}")
    return start()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_swagger_ui_renders_every_endpoint_without_other_hosts(live_server, monkeypatch):
    # Playwright's sync API keeps an event loop on this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    requested, problems = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{live_server.url}/api/docs/")
        page.wait_for_selector(".opblock-summary-path", timeout=20_000)
        paths = [text.replace(ZERO_WIDTH_SPACE, "") for text in page.locator(".opblock-summary-path").all_inner_texts()]
        browser.close()

    assert {"/api/passages/", "/api/timeline/timelinejs/", "/api/theses/{id}/sources.csl.json"} <= set(paths)
    assert not problems, problems
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
