"""An editor works through the suspects page in a real browser: fixes two suspects of one passage in
place without the page reloading, undoes one, fixes every missing space from a preview, dismisses one."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse

from thesis.models import DismissedSuspect, Passage, ReplaceBatch

from .browser import launch, sync_playwright
from .conftest import ensure_groups
from .test_browser import PASSWORD, submit


def row(page, kind, found):
    return page.locator(f'#{kind} tr.suspect[data-found="{found}"]').first


def passage_text(page, base, pk) -> str:
    return page.request.get(f"{base}/api/passages/{pk}/").json()["text"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_fixes_in_place_undoes_fixes_a_kind_and_dismisses(live_server, seed_thesis, monkeypatch, tmp_path):
    ensure_groups()
    import_module("thesis.migrations.0012_dismissed_suspects").grant(django_apps, None)
    call_command("create_editor", "aigul", password=PASSWORD)
    passage = Passage.objects.get(thesis=seed_thesis, text__contains="аймақққа")
    original = passage.text
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    suspects = reverse("admin:thesis_thesis_suspects", args=[seed_thesis.pk])

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(locale="en-GB").new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
        base = live_server.url
        page.goto(base + reverse("admin:login"))
        page.fill("#id_username", "aigul")
        page.fill("#id_password", PASSWORD)
        submit(page, "input[type=submit]")

        page.goto(base + suspects)
        page.evaluate("window.stillHere = true")  # gone if the page reloads or navigates
        navigations = []
        page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)

        # A missing space, then a tripled letter further on in the same passage: the second form was
        # moved by the first fix, or the server would refuse it as stale.
        space = row(page, "missing_space", "жатыр.Екі")
        space.locator('button.apply-suggestion:text-is("жатыр. Екі")').click()
        page.wait_for_selector('#missing_space tr.suspect.fixed[data-found="жатыр.Екі"]')
        assert "Corrected “жатыр.Екі” to “жатыр. Екі”." in space.inner_text()
        tripled = row(page, "tripled", "аймақққа")
        tripled.locator('button.apply-suggestion:text-is("аймаққа")').click()
        page.wait_for_selector('#tripled tr.suspect.fixed[data-found="аймақққа"]')
        page.screenshot(path=str(tmp_path / "fixed-in-place.png"), full_page=True)
        text = passage_text(page, base, passage.pk)
        assert "жатыр. Екі" in text and "аймаққа қатысуы" in text and "аймақққа" not in text

        # Undo the tripled letter's fix from its row: the row offers its suggestions again.
        tripled.locator("button.undo-fix").click()
        page.wait_for_selector('#tripled tr.suspect:not(.fixed)[data-found="аймақққа"] button.apply-suggestion')
        assert "Undone" in tripled.inner_text()
        assert "аймақққа" in passage_text(page, base, passage.pk)
        assert page.evaluate("window.stillHere === true") and not navigations and page.url == base + suspects
        page.screenshot(path=str(tmp_path / "undone.png"), full_page=True)

        # Every other missing space at once, from a preview.
        submit(page, "#missing_space .bulk-fix a")
        ticked = page.locator('input[name="picked"]:checked').count()
        assert ticked == 24 and page.locator("del:text-is('жатыр.Бүгінгі')").count() == 1
        assert "No space after a period" in page.input_value("#id_change_reason")
        page.screenshot(path=str(tmp_path / "bulk-preview.png"), full_page=True)
        submit(page, "input[name=apply]")
        assert "Fixed 24 suspects" in page.locator(".messagelist").inner_text()
        assert page.locator("#missing_space").count() == 0

        # A quotation mark left open is the author's: dismissed, in place.
        page.evaluate("window.stillHere = true")
        unbalanced = page.locator("#unbalanced tr.suspect").first
        unbalanced.locator("button.dismiss-suspect").click()
        page.wait_for_selector("#unbalanced tr.suspect.dismissed")
        assert "is dismissed" in unbalanced.inner_text() and page.evaluate("window.stillHere === true")
        page.screenshot(path=str(tmp_path / "dismissed.png"), full_page=True)
        browser.close()

    assert not refused, refused
    passage.refresh_from_db()
    assert passage.text != original and "аймақққа" in passage.text and "жатыр. Екі" in passage.text
    reasons = list(passage.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[1:4] == [
        "Transcription check: жатыр.Екі → жатыр. Екі",
        "Transcription check: аймақққа → аймаққа",
        "Undo of version 3: Transcription check: аймақққа → аймаққа",
    ]
    assert ReplaceBatch.objects.get().suspect_kind == "missing_space" and DismissedSuspect.objects.count() == 1
