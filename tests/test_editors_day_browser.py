"""An editor's day in a real browser, in Kazakh, as two editors: the work queue, the suspects page, a
passage's draft recovered after a reload and, after the session ended, after login, and saved from the
keyboard, a two-tab conflict merged and saved, a self-verification refused, the second editor's approval
and a send-back seen on the queue and the passage, the two offered different passages and a note thread
between them, the public history under display names, a thesis imported from the admin, a passage split
at the cursor and merged again, and a passage made a heading and raised a level, which the TEI, DTS and
the reading site follow; every page screenshotted and checked for English left in it."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from lxml import etree

from thesis.derived.suspects import find_suspects
from thesis.editorial import editing
from thesis.models import DismissedSuspect, Passage, ReplaceBatch, Thesis
from thesis.proofing import progress

from .browser import launch, sync_playwright
from .conftest import SEED, ensure_groups
from .test_admin_translations import english_left, english_notes, visible_text
from .test_browser import PASSWORD, submit

TEI = "http://www.tei-c.org/ns/1.0"
CHANGED = "таңда, халықаралық"  # a word changed in the seed, so that the file is a thesis of its own
WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"
SLIP, SLIP_FIXED = "халытың", "халықтың"
SEND_BACK = "Басқа сөздерді де тексеріңіз"
FIRST_TAB, SECOND_TAB = " Бірінші қосымша.", "Екінші қосымша. "
KAZAKH = {
    "locale": "kk-KZ",
    "extra_http_headers": {"Accept-Language": "kk"},
    "viewport": {"width": 1280, "height": 800},
}
ENGLISH = {"locale": "en-GB", "extra_http_headers": {"Accept-Language": "en"}}
NAMES = {"aigul": ("Айгүл", "Сейітова"), "berik": ("Берік", "Омаров")}


def artefacts(tmp_path) -> Path:
    """Where the screenshots go: TEST_ARTEFACTS, which CI keeps per database, or the test's own directory."""
    where = Path(os.environ.get("TEST_ARTEFACTS") or tmp_path) / "editors-day"
    where.mkdir(parents=True, exist_ok=True)
    print(f"screenshots of the editor's day: {where}")
    return where


def make_editor(username: str, *groups: str) -> User:
    call_command("create_editor", username, password=PASSWORD)
    user = User.objects.get(username=username)
    user.first_name, user.last_name = NAMES[username]
    user.save()
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def in_kazakh(message: str, **values) -> str:
    with translation.override("kk"):
        text = translation.gettext(message)
    return text % values if values else text


class Editor:
    """One editor's two browser contexts: the Kazakh one they work in, and an English one that renders the
    same pages, so that whatever a Kazakh page shows unchanged from the English one is found."""

    def __init__(self, browser, base: str, username: str, shots: Path, notes: set[str]):
        self.base, self.username, self.shots, self.notes = base, username, shots, notes
        self.page = browser.new_context(**KAZAKH).new_page()
        self.english = browser.new_context(**ENGLISH).new_page()
        self.page.goto(base + reverse("admin:login"))
        self.check("login")
        for page in (self.page, self.english):
            page.goto(base + reverse("admin:login"))
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            submit(page, "input[type=submit]")

    def go(self, url: str, name: str):
        response = self.page.goto(self.base + url)
        self.check(name)
        return response

    def check(self, name: str, english=None, data: frozenset[str] = frozenset()):
        """Screenshot the Kazakh page, then fail on any English phrase of the page left in it: the English
        rendering is the same URL, or what `english` does in the English context to reach the same page;
        `data` is text that is the same in every language."""
        self.page.screenshot(path=self.shots / f"{self.username}-{name}.png", full_page=True)
        assert self.page.locator("html").get_attribute("lang") == "kk", name
        if english is None:
            self.english.goto(self.page.url)
        else:
            english(self.english)
        assert self.english.locator("html").get_attribute("lang") == "en", name  # or nothing would be compared
        left = english_left(visible_text(self.english.content()), visible_text(self.page.content()), self.notes | data)
        assert left == set(), (name, self.page.url, sorted(left))


def suspect_row(page, kind: str, found: str):
    return page.locator(f'#{kind} tr.suspect[data-found="{found}"]').first


def api_suspects(page, base: str, thesis_id: int, kind: str) -> list[dict]:
    answer = page.request.get(f"{base}/api/theses/{thesis_id}/suspects/?kind={kind}&page_size=100").json()
    return answer["results"]


def preview_file(page, path: Path, url: str | None = None):
    """Upload a thesis file on the import page and ask for its preview."""
    if url:
        page.goto(url)
    page.set_input_files("#id_source", str(path))
    submit(page, "input[name=preview]")


def refuse_verification(page, url: str):
    """Open the passage and ask for it to be verified with its text unchanged."""
    page.goto(url)
    page.select_option("#id_status", "verified")
    page.fill("#id_change_reason", "Тексердім")
    submit(page, "input[name=_save]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editors_day_in_kazakh_as_two_editors(live_server, seed_thesis, monkeypatch, tmp_path):
    ensure_groups()
    aigul = make_editor("aigul")
    berik = make_editor("berik", "Reviewers")
    # A passage Aigul corrected before the day began, which Berik sends back to her.
    sent = Passage.objects.filter(thesis=seed_thesis, text__contains=SLIP).exclude(text__contains=WRONG).first()
    editing.save_passage(
        sent.pk, text=sent.text.replace(SLIP, SLIP_FIXED), expected_version=sent.version, user=aigul, reason="Әріп"
    )
    first_to_check = progress.next_to_check(seed_thesis)
    corrected = Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()
    passage_url = reverse("admin:thesis_passage_change", args=[corrected.pk])
    import_url = reverse("admin:thesis_thesis_import")
    suspects_url = reverse("admin:thesis_thesis_suspects", args=[seed_thesis.pk])
    unbalanced_before = len(find_suspects(seed_thesis).by_kind.get("unbalanced", []))
    tripled_at = Passage.objects.get(thesis=seed_thesis, text__contains="аймақққа").pk
    shots = artefacts(tmp_path)
    # The notes' English, shown beside their Kazakh in any language; read here, as the ORM is not used
    # inside the browser block (Playwright's event loop would give it a connection of its own).
    notes = english_notes()
    binary, second = tmp_path / "scan.txt", tmp_path / "diplomacy-thesis-second.kk.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    second.write_text(
        SEED.read_text(encoding="utf-8").replace("Бүгінгі таңда, халықаралық", "Қазіргі таңда, халықаралық", 1),
        encoding="utf-8",
    )
    passages_in_seed = seed_thesis.passages.count()
    to_split = Passage.objects.filter(thesis=seed_thesis, role="text", text__contains=". ")
    to_split = to_split.exclude(pk__in=[corrected.pk, sent.pk]).order_by("order").last()
    # A line short enough to be a heading, in a subsection, with passages after it there.
    lines = Passage.objects.filter(thesis=seed_thesis, role="text", section__parent__isnull=False).order_by("order")
    lines = lines.exclude(pk=sent.pk)
    to_heading = next(p for p in lines if len(p.text) <= 200 and lines.filter(section=p.section, order__gt=p.order))
    heading_start = to_heading.text[:30]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = launch(playwright)
        base = live_server.url
        a = Editor(browser, base, "aigul", shots, notes)
        page = a.page

        # 1. The index shows the work queue; its "next passage to check" opens that passage.
        a.go(reverse("admin:index"), "1-index")
        queue = page.locator(f"#progress-{seed_thesis.pk}")
        assert queue.is_visible() and queue.locator(".progress-table").is_visible()
        submit(page, queue.locator(".next-passage a"))
        assert page.url.endswith(reverse("admin:thesis_passage_change", args=[first_to_check.passage_id]))
        a.check("1-next-passage")

        # 2. The suspects page: a fix in place and its undo without the page navigating, every missing
        # space from a preview, and a quotation mark left open dismissed.
        a.go(suspects_url, "2-suspects")
        navigations = []
        page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
        page.evaluate("window.stillHere = true")
        tripled = suspect_row(page, "tripled", "аймақққа")
        tripled.locator('button.apply-suggestion:text-is("аймаққа")').click()
        page.wait_for_selector('#tripled tr.suspect.fixed[data-found="аймақққа"]')
        assert "аймақққа" not in page.request.get(f"{base}/api/passages/{tripled_at}/").json()["text"]
        tripled.locator("button.undo-fix").click()
        page.wait_for_selector('#tripled tr.suspect:not(.fixed)[data-found="аймақққа"] button.apply-suggestion')
        assert page.evaluate("window.stillHere === true") and not navigations and page.url == base + suspects_url
        a.check("2-fixed-and-undone", english=lambda english: english.goto(base + suspects_url))

        submit(page, "#missing_space .bulk-fix a")
        ticked = page.locator('input[name="picked"]:checked').count()
        assert ticked == 25 and page.locator("del:text-is('жатыр.Бүгінгі')").count() == 1
        a.check("2-bulk-preview")
        submit(page, "input[name=apply]")
        assert page.locator("#missing_space").count() == 0
        a.check("2-bulk-applied", english=lambda english: english.goto(base + suspects_url))

        page.evaluate("window.stillHere = true")
        unbalanced = page.locator("#unbalanced tr.suspect").first
        found = unbalanced.get_attribute("data-found")
        listed = api_suspects(page, base, seed_thesis.pk, "unbalanced")
        assert len(listed) == unbalanced_before
        unbalanced.locator("button.dismiss-suspect").click()
        page.wait_for_selector("#unbalanced tr.suspect.dismissed")
        assert page.evaluate("window.stillHere === true")
        a.check("2-dismissed", english=lambda english: english.goto(base + suspects_url))
        assert len(api_suspects(page, base, seed_thesis.pk, "unbalanced")) == len(listed) - 1
        page.reload()
        assert (
            page.locator(f'#unbalanced tr.suspect[data-found="{found}"]').count()
            == sum(item["found"] == found for item in listed) - 1
        )

        # 3. A passage corrected, its draft offered back after a reload (which warned first), and saved
        # with Ctrl+S, which forgets the draft.
        a.go(passage_url, "3-passage")
        opened = int(page.input_value("#id_opened_version"))
        page.click("#id_text")
        page.fill("#id_text", page.input_value("#id_text").replace(WRONG, RIGHT, 1))
        page.fill("#id_change_reason", "Қайталанған буын")
        warnings = []
        page.once("dialog", lambda dialog: warnings.append(dialog.type) or dialog.accept())
        page.reload()
        assert warnings == ["beforeunload"] and WRONG in page.input_value("#id_text")
        banner = page.locator("#draft-banner")
        assert banner.is_visible()
        a.check("3-draft-offered")
        banner.locator("[data-draft=restore]").click()
        assert banner.is_hidden() and page.input_value("#id_change_reason") == "Қайталанған буын"
        assert RIGHT in page.input_value("#id_text") and WRONG not in page.input_value("#id_text")
        # Her session ends before she saves: Ctrl+S leads to the login page, and after it the
        # passage offers her change back.
        page.context.clear_cookies(name="sessionid")
        page.focus("#id_text")
        with page.expect_navigation():
            page.keyboard.press("Control+s")
        assert page.locator("#id_password").is_visible()
        page.fill("#id_username", "aigul")
        page.fill("#id_password", PASSWORD)
        submit(page, "input[type=submit]")
        assert page.url.endswith(passage_url) and WRONG in page.input_value("#id_text")
        a.check("3-draft-after-login")
        banner.locator("[data-draft=restore]").click()
        assert RIGHT in page.input_value("#id_text") and page.input_value("#id_change_reason") == "Қайталанған буын"
        page.check("#id_ready")  # else it would stay in progress while suspects are left in it
        page.focus("#id_text")
        with page.expect_navigation():
            page.keyboard.press("Control+s")
        assert page.url.endswith(passage_url) and int(page.input_value("#id_opened_version")) == opened + 1
        assert str(opened + 1) in page.locator(".messagelist").inner_text()
        assert page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('thesis-draft:'))") == []
        a.check("3-saved")

        # 3b. The same passage in two tabs: the second tab's save is refused, and its change, merged onto
        # the first's, is shown and saved with one click; both changes are in the text.
        split_url = reverse("admin:thesis_passage_change", args=[to_split.pk])
        second_tab = page.context.new_page()
        second_tab.goto(base + split_url)
        a.go(split_url, "3b-first-tab")
        page.fill("#id_text", page.input_value("#id_text") + FIRST_TAB)
        page.fill("#id_change_reason", "Бірінші қойынды")
        submit(page, "input[name=_save]")
        second_tab.fill("#id_text", SECOND_TAB + second_tab.input_value("#id_text"))
        second_tab.fill("#id_change_reason", "Екінші қойынды")
        submit(second_tab, "input[name=_save]")
        assert second_tab.locator(".conflict").is_visible()
        assert second_tab.locator(f'.carried-edit .compact ins:text-is("{SECOND_TAB.strip()}")').count() == 1
        submit(second_tab, "input[form=carried-edit].default")
        assert second_tab.locator(".messagelist .success").count() == 1
        merged = page.request.get(f"{base}/api/passages/{to_split.pk}/").json()["text"]
        assert merged.startswith(SECOND_TAB) and merged.endswith(FIRST_TAB)
        second_tab.close()

        # 4. Aigul cannot verify it: the review page is closed to her, and the form refuses "verified" in Kazakh.
        response = a.go(reverse("admin:thesis_thesis_review", args=[seed_thesis.pk]), "4-review-refused")
        assert response.status == 403
        refuse_verification(page, base + passage_url)
        error = page.locator(".field-status .errorlist").inner_text()
        assert (
            error == in_kazakh("Only a reviewer can verify a passage.")
            and error != "Only a reviewer can verify a passage."
        )
        a.check("4-verification-refused", english=lambda english: refuse_verification(english, base + passage_url))

        # 5. Berik, a reviewer, approves it on the review page.
        b = Editor(browser, base, "berik", shots, notes)
        b.go(reverse("admin:thesis_thesis_review", args=[seed_thesis.pk]), "5-review")
        item = b.page.locator(f"#passage-{corrected.pk}")
        assert item.locator(f'ins:text-is("{RIGHT}")').count() >= 1
        submit(b.page, item.locator("button[name=decision][value=approve]"))
        assert f"§{corrected.order}" in b.page.locator(".messagelist").inner_text()
        assert b.page.locator(f"#passage-{corrected.pk}").count() == 0
        b.check("5-approved")

        # 5b. Berik takes the next passage from the queue, never the one Aigul holds, and asks her about it
        # in a note; she answers in its thread.
        b.go(reverse("admin:index"), "5-index")
        submit(b.page, b.page.locator(f"#progress-{seed_thesis.pk} .next-passage a"))
        berik_url = b.page.url
        assert "/change/" in berik_url and f"/{first_to_check.passage_id}/change/" not in berik_url
        b.page.fill("#id_note_body", "@aigul бұл сөйлем дұрыс па?")
        submit(b.page, "#notes .new-note input[type=submit]")
        page.goto(berik_url)
        thread = page.locator("#notes .note-thread").first
        assert "@aigul бұл сөйлем дұрыс па?" in thread.locator(".note-body").first.inner_text()
        thread.locator("summary").click()
        thread.locator("textarea[name=body]").fill("Иә, дұрыс.")
        submit(page, thread.locator(".note-reply-form input[type=submit]"))
        assert page.locator("#notes .note-thread .note-reply .note-body").inner_text() == "Иә, дұрыс."
        notes.add("@aigul бұл сөйлем дұрыс па?")  # the same in every language: a username is data
        a.check("5-note-thread")

        # 5c. Berik sends back the passage Aigul corrected earlier; her queue shows it first with his
        # comment, and its page opens under the comment.
        b.go(reverse("admin:thesis_thesis_review", args=[seed_thesis.pk]), "5-review-again")
        item = b.page.locator(f"#passage-{sent.pk}")
        item.locator("input[name=comment]").fill(SEND_BACK)
        submit(b.page, item.locator("button[name=decision][value=send_back]"))
        assert b.page.locator(f"#passage-{sent.pk}").count() == 0
        notes.add(SEND_BACK)  # a reviewer's words, the same in every language
        a.go(reverse("admin:index"), "5-sent-back-index")
        waiting = page.locator(f"#own-work #sent-back-{sent.pk}")
        assert SEND_BACK in waiting.inner_text()
        submit(page, waiting.locator("a"))
        assert page.url.endswith(reverse("admin:thesis_passage_change", args=[sent.pk]))
        assert SEND_BACK in page.locator(".sent-back").inner_text()
        a.check("5-sent-back-page")

        # 6. The public history names both editors by the names they gave, never by their logins.
        history = page.request.get(f"{base}/api/passages/{corrected.pk}/history/").json()["results"]
        assert [(h["user"], h["status"]) for h in history[:2]] == [
            ("Берік Омаров", "verified"),
            ("Айгүл Сейітова", "corrected"),
        ]
        assert history[1]["reason"] == "Қайталанған буын"
        assert not {"aigul", "berik"} & {h["user"] for h in history}

        # 7. The import page: a binary file refused with its reason and nothing written; a new thesis
        # previewed with its counts, then imported on confirmation.
        a.go(reverse("admin:thesis_thesis_changelist"), "7-theses")
        submit(page, f"a[href='{import_url}']")
        a.check("7-import")
        preview_file(page, binary)
        assert page.locator(".errorlist").inner_text().strip() and page.locator("#import-preview").count() == 0
        assert in_kazakh("the file is binary (it contains NUL bytes), not text") in page.content()
        assert page.request.get(base + "/api/theses/").json()["count"] == 1
        a.check("7-refused", english=lambda english: preview_file(english, binary, base + import_url))

        preview_file(page, second)
        preview = page.locator("#import-preview")
        passages_label = in_kazakh("passages")
        assert preview.locator(f"tr:has(th:text-is('{passages_label.capitalize()}')) td").inner_text() == str(
            passages_in_seed
        )
        assert page.request.get(base + "/api/theses/").json()["count"] == 1
        a.check("7-preview", english=lambda english: preview_file(english, second, base + import_url))
        submit(page, "input[name=confirm]")
        assert page.locator(".messagelist .success").count() == 1 and page.locator("#downloads").is_visible()
        # The new thesis is titled after its file's name until an editor gives it a title: data, not English.
        title = second.name.removesuffix(".kk.txt")
        a.check("7-imported", data=frozenset({title, f"› {title}"}))
        assert page.request.get(base + "/api/theses/").json()["count"] == 2

        # 8. A passage split at the cursor: the caret's place goes to the split page, which shows both parts.
        a.go(reverse("admin:thesis_passage_change", args=[to_split.pk]), "8-passage-to-split")
        text = page.input_value("#id_text")
        cut = page.evaluate(
            "(t => { const i = t.value.indexOf('. ') + 1; t.focus(); t.setSelectionRange(i, i); return i; })"
            "(document.getElementById('id_text'))"
        )
        submit(page, "a.split-at-caret")
        assert f"offset={cut}" in page.url and page.locator(".repair-preview dd").count() == 2
        a.check("8-split")
        page.fill("#id_change_reason", "Екі абзац бірігіп кеткен")
        submit(page, "input[type=submit].default")
        assert page.locator(".messagelist .success").count() == 1
        assert page.request.get(f"{base}/api/passages/{to_split.pk}/").json()["text"] == text[:cut]
        assert page.input_value("#id_text") == text[cut + 1 :]
        a.check("8-split-done")
        second_part = int(page.url.rstrip("/").split("/")[-2])

        # 9. The two parts merged again: one passage with the whole text, and the second part's
        # permanent address on the reading site leads to it.
        a.go(reverse("admin:thesis_passage_merge", args=[to_split.pk]), "9-merge")
        assert page.locator(".repair-preview dd").count() == 2
        page.fill("#id_change_reason", "Бөлу қате болды")
        submit(page, "input[type=submit].default")
        assert page.locator(".messagelist .success").count() == 1
        assert page.request.get(f"{base}/api/passages/{to_split.pk}/").json()["text"] == text
        reading = page.request.get(base + reverse("reading:passage_address", args=[second_part]))
        assert reading.ok and reading.url.endswith(reverse("reading:passage", args=[seed_thesis.pk, to_split.order]))
        a.check("9-merged")

        # 10. A passage made a heading at level 2, then raised to level 1: the TEI, DTS and the reading
        # site show it as a part of the thesis at the top.
        a.go(reverse("admin:thesis_passage_heading", args=[to_heading.pk]), "10-heading")
        page.fill("#id_level", "2")
        page.fill("#id_change_reason", "Бұл тақырып, абзац емес")
        submit(page, "input[type=submit].default")
        assert page.locator(".messagelist .success").count() == 1
        section = int(page.url.rstrip("/").split("/")[-2])
        a.go(reverse("admin:thesis_section_structure", args=[section]), "10-relevel")
        assert page.input_value("#id_level") == "2"
        page.fill("#id_level", "1")
        page.fill("#id_change_reason", "Бөлім деңгейі")
        submit(page, "input[type=submit].default")
        assert page.locator(".messagelist .success").count() == 1
        a.check("10-relevelled")
        tei = etree.fromstring(page.request.get(f"{base}/api/theses/{seed_thesis.pk}/tei.xml").body())
        top_heads = tei.xpath("//tei:body/tei:div/tei:head", namespaces={"tei": TEI})
        assert sum("".join(head.itertext()).startswith(heading_start) for head in top_heads) == 1
        dts = f"{base}/api/dts/navigation/?resource=thesis/{seed_thesis.pk}&down=1"
        titles = [m["dublinCore"]["title"][0]["value"] for m in page.request.get(dts).json()["member"]]
        assert sum(title.startswith(heading_start) for title in titles) == 1
        page.goto(base + reverse("reading:thesis", args=[seed_thesis.pk]) + "?section=all")
        assert page.locator("h2", has_text=heading_start).count() == 1
        browser.close()

    corrected.refresh_from_db()
    assert corrected.status == Passage.Status.VERIFIED and RIGHT in corrected.text and corrected.version == opened + 2
    latest = corrected.history.order_by("-history_date")[:2]
    assert [(h.history_user, h.version) for h in latest] == [(berik, opened + 2), (aigul, opened + 1)]
    assert ReplaceBatch.objects.get().suspect_kind == "missing_space" and DismissedSuspect.objects.count() == 1
    imported = Thesis.objects.exclude(pk=seed_thesis.pk).get()
    assert (
        imported.passages.count() == passages_in_seed
        and imported.passages.filter(text__contains=f"Қазіргі {CHANGED}").exists()
    )
    assert all(shot.stat().st_size > 0 for shot in shots.glob("*.png"))
