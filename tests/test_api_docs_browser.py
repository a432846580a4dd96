"""The interactive API docs in a real browser: Swagger UI renders under the content security policy, offline."""

import pytest

from .browser import launch, sync_playwright

ZERO_WIDTH_SPACE = "\u200b"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_swagger_ui_renders_every_endpoint_without_other_hosts(live_server, monkeypatch):
    # Playwright's sync API keeps an event loop on this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    requested, problems = [], []
    with sync_playwright() as playwright:
        browser = launch(playwright)
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
