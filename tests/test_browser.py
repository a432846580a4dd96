"""An editor in a real browser: fixes a misspelling from the suspects page, sees the diff, meets a stale tab."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from thesis.models import Passage

from .browser import launch, sync_playwright

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"
PASSWORD = "Қазақ-тілі-2024"


def ensure_editors_group():
    """The group its migration made, should a transactional test before this one have flushed it unrestored."""
    if not Group.objects.filter(name="Editors").exists():
        import_module("thesis.migrations.0004_editors_group").create_group(django_apps, None)


def submit(page, target):
    """Click and wait for the page it leads to."""
    with page.expect_navigation():
        (page.locator(target) if isinstance(target, str) else target).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_fixes_a_misspelling_meets_a_stale_tab_and_reverts(live_server, seed_thesis, monkeypatch):
    ensure_editors_group()
    call_command("create_editor", "aigul", password=PASSWORD)
    passage = Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()
    original = passage.text
    corrected = original.replace(WRONG, RIGHT, 1)
    # Playwright's sync API keeps an event loop on this thread; the ORM is only used outside the browser block.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        base = live_server.url

        page.goto(base + reverse("admin:login"))
        page.fill("#id_username", "aigul")
        page.fill("#id_password", PASSWORD)
        submit(page, "input[type=submit]")
        assert page.locator("#user-tools").is_visible()

        # The suspects page lists the misspelling with its correction and links to the passage.
        page.goto(base + reverse("admin:thesis_thesis_suspects", args=[seed_thesis.pk]))
        row = page.locator(f'#spelling tr.suspect[data-found="{WRONG}"]').first
        assert row.locator(f'button.apply-suggestion:text-is("{RIGHT}")').count() == 1
        submit(page, row.locator("td a").first)
        assert page.url.endswith(reverse("admin:thesis_passage_change", args=[passage.pk]))

        # A second tab opens the same passage before the first one saves.
        stale = context.new_page()
        stale.goto(page.url)

        text = page.input_value("#id_text")
        page.fill("#id_text", text.replace(WRONG, RIGHT, 1))
        page.fill("#id_change_reason", "Қайталанған буын")
        page.select_option("#id_status", "corrected")
        submit(page, "input[name=_save]")
        assert "Saved as version 2" in page.locator(".messagelist").inner_text()
        assert page.input_value("#id_text") == corrected

        # The history page shows the word diff.
        page.goto(base + reverse("admin:thesis_passage_history", args=[passage.pk]))
        assert page.locator(f'del:text-is("{WRONG}")').count() >= 1
        assert page.locator(f'ins:text-is("{RIGHT}")').count() >= 1
        assert "Қайталанған буын" in page.content()

        # The public API gives the corrected text ("text" in the passage detail).
        detail = page.request.get(f"{base}/api/passages/{passage.pk}/")
        assert detail.ok and detail.json()["text"] == corrected

        # The stale tab's save is refused and shows the other change.
        stale.fill("#id_text", "Басқа біреудің нұсқасы")
        stale.fill("#id_change_reason", "Ескі қойынды")
        submit(stale, "input[name=_save]")
        assert "Not saved" in stale.content()
        assert stale.locator(".conflict").is_visible()
        assert stale.locator(f'.conflict ins:text-is("{RIGHT}")').count() == 1

        # Restoring version 1 brings the original back, as a new, recorded version.
        page.goto(base + reverse("admin:thesis_passage_history", args=[passage.pk]))
        submit(page, page.locator('a[title="Restore this version"]:text-is("1")'))
        page.fill("#id_change_reason", "Түпнұсқаға қайтару")
        submit(page, "input[type=submit].default")
        assert "Version 1 restored." in page.locator(".messagelist").inner_text()
        assert page.input_value("#id_text") == original
        assert page.request.get(f"{base}/api/passages/{passage.pk}/").json()["text"] == original

        # The header's language selector switches the admin to Kazakh.
        with page.expect_navigation():
            page.select_option("#admin-language", "kk")
        assert page.locator("html").get_attribute("lang") == "kk"
        assert "Өзгерту себебі" in page.content()
        browser.close()

    passage.refresh_from_db()
    assert passage.text == original and passage.version == 3
    reasons = list(passage.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[1:] == ["Қайталанған буын", "Reverted to version 1: Түпнұсқаға қайтару"]
