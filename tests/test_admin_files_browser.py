"""An editor imports a thesis in a real browser: a refused file, a preview that writes nothing, then the import."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from thesis.models import Passage, Thesis

from .browser import launch, sync_playwright
from .conftest import SEED, ensure_groups

PASSWORD = "Қазақ-тілі-2024"


def submit(page, target):
    with page.expect_navigation():
        page.locator(target).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_is_refused_a_binary_file_previews_the_thesis_and_imports_it(live_server, tmp_path, monkeypatch):
    ensure_groups()
    call_command("create_editor", "aigul", password=PASSWORD)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(locale="en-GB").new_page()
        base = live_server.url
        page.goto(base + reverse("admin:login"))
        page.fill("#id_username", "aigul")
        page.fill("#id_password", PASSWORD)
        submit(page, "input[type=submit]")

        # The theses list offers the import where "Add" would be.
        page.goto(base + reverse("admin:thesis_thesis_changelist"))
        submit(page, "a:text-is('Import a thesis')")

        page.set_input_files("#id_source", str(binary))
        submit(page, "input[name=preview]")
        page.screenshot(path=tmp_path / "refused.png", full_page=True)
        assert "the file is binary (it contains NUL bytes), not text" in page.locator(".errorlist").inner_text()
        assert page.locator("#import-preview").count() == 0

        page.set_input_files("#id_source", str(SEED))
        submit(page, "input[name=preview]")
        page.screenshot(path=tmp_path / "preview.png", full_page=True)
        preview = page.locator("#import-preview")
        assert "nothing has been written yet" in preview.inner_text()
        assert preview.locator("tr:has(th:text-is('Passages')) td").inner_text() == "11"
        # Nothing written between preview and confirmation, as the API sees it (the ORM is used outside the
        # browser block only: inside it, Playwright's event loop would give it a connection of its own).
        assert page.request.get(base + "/api/theses/").json()["count"] == 0

        submit(page, "input[name=confirm]")
        page.screenshot(path=tmp_path / "imported.png", full_page=True)
        assert "Imported thesis" in page.locator(".messagelist").inner_text()
        assert page.locator("#downloads").is_visible()
        browser.close()

    assert Thesis.objects.count() == 1 and Passage.objects.count() == 11
    assert all((tmp_path / name).stat().st_size > 0 for name in ("refused.png", "preview.png", "imported.png"))
