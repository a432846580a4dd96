"""An editor in a real browser: fixes a misspelling from the suspects page, sees the diff, meets a stale tab and
carries its change onto the version saved meanwhile; edits a passage with the reason and Save beside the text and
the keyboard's shortcuts."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from thesis.models import Passage
from thesis.proofing import progress

from .browser import launch, sync_playwright
from .conftest import ensure_groups

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"
PASSWORD = "Қазақ-тілі-2024"
ADDED = " Екінші қойындыдан."


def submit(page, target):
    """Click and wait for the page it leads to."""
    with page.expect_navigation():
        (page.locator(target) if isinstance(target, str) else target).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_fixes_a_misspelling_meets_a_stale_tab_and_reverts(live_server, seed_thesis, monkeypatch):
    ensure_groups()
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

        # The stale tab's save is refused and shows the other change, and its own carried onto it, which
        # one click saves; the draft the stale tab kept is forgotten with it, never offered over the merge.
        stale.fill("#id_text", stale.input_value("#id_text") + ADDED)
        stale.fill("#id_change_reason", "Ескі қойынды")
        submit(stale, "input[name=_save]")
        assert "Not saved" in stale.content()
        assert stale.locator(".conflict").is_visible()
        assert stale.locator(f'.conflict-fields ins:text-is("{RIGHT}")').count() == 1
        assert stale.locator(f'.carried-edit .compact ins:text-is("{ADDED}")').count() == 1
        assert stale.locator(".carried-edit mark").count() == 0
        submit(stale, "input[form=carried-edit].default")
        assert "Saved as version 3" in stale.locator(".messagelist").inner_text()
        assert stale.input_value("#id_text") == corrected + ADDED
        assert stale.evaluate("Object.keys(localStorage).filter(key => key.startsWith('thesis-draft:'))") == []

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
    assert passage.text == original and passage.version == 4
    reasons = list(passage.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[1:] == ["Қайталанған буын", "Ескі қойынды", "Reverted to version 1: Түпнұсқаға қайтару"]


def in_view(box, viewport) -> bool:
    return (
        box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] + box["width"] <= viewport["width"]
    )


def assert_reason_and_save_beside(page, viewport):
    text, reason, save = (
        page.locator(s).bounding_box() for s in ("#id_text", "#id_change_reason", "input[name=_save]")
    )
    assert in_view(reason, viewport) and in_view(save, viewport), (text, reason, save)
    assert reason["x"] >= text["x"] + text["width"] and save["x"] >= text["x"] + text["width"]  # beside, not below


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_saves_with_the_keyboard_and_goes_to_the_next_passage(live_server, seed_thesis, monkeypatch, tmp_path):
    ensure_groups()
    call_command("create_editor", "aigul", password=PASSWORD)
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    following = progress.next_to_check(seed_thesis, exclude=passage.pk)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    viewport = {"width": 1280, "height": 800}

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(locale="en-GB", viewport=viewport).new_page()
        base = live_server.url
        page.goto(base + reverse("admin:login"))
        page.fill("#id_username", "aigul")
        page.fill("#id_password", PASSWORD)
        submit(page, "input[type=submit]")

        page.goto(base + reverse("admin:thesis_passage_change", args=[passage.pk]))
        page.locator("#id_text").scroll_into_view_if_needed()
        assert_reason_and_save_beside(page, viewport)
        page.screenshot(path=tmp_path / "passage.png")
        # Scrolled down to the end of the text, the reason and Save are still in view.
        page.evaluate("document.getElementById('id_text').scrollIntoView({block: 'end'})")
        assert_reason_and_save_beside(page, viewport)
        assert page.locator(".shortcuts").is_visible() and "Ctrl" in page.locator(".shortcuts").inner_text()

        # The suspect listed beside the text is selected in it.
        page.locator('a.select-suspect[data-found="ХХI"]').click()
        selected = page.evaluate(
            "(t => t.value.slice(t.selectionStart, t.selectionEnd))(document.getElementById('id_text'))"
        )
        assert selected == "ХХI"
        page.keyboard.type("XXI")
        page.fill("#id_change_reason", "Рим цифры латынша")
        with page.expect_navigation():
            page.keyboard.press("Control+s")
        assert "Saved as version 2" in page.locator(".messagelist").inner_text()
        assert page.url.endswith(reverse("admin:thesis_passage_change", args=[passage.pk]))
        assert "XXI" in page.input_value("#id_text") and "ХХI" not in page.input_value("#id_text")
        assert page.locator(".field-diff_against_previous ins").first.inner_text() == "XXI"
        page.screenshot(path=tmp_path / "saved.png", full_page=True)

        # Save and go to the next passage: a new reason, Ctrl+Enter, and the next passage to check opens.
        page.fill("#id_change_reason", "Қарап шықтым")
        page.focus("#id_text")
        with page.expect_navigation():
            page.keyboard.press("Control+Enter")
        assert page.url.endswith(reverse("admin:thesis_passage_change", args=[following.passage_id]))
        page.screenshot(path=tmp_path / "next.png")
        browser.close()

    passage.refresh_from_db()
    assert passage.version == 3 and "XXI" in passage.text and passage.status == Passage.Status.CORRECTED
    assert list(passage.history.order_by("history_date").values_list("history_change_reason", flat=True))[1:] == [
        "Рим цифры латынша",
        "Қарап шықтым",
    ]
