"""Editors colliding through the admin, on SQLite and on PostgreSQL, over real parallel connections to
a live server: no 500, no lost edit, every refusal shows the other change, history holds each save once."""

import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from thesis.ingest.importer import import_file
from thesis.models import Passage, Source, TimelineEvent
from thesis.text.citations import derive_citations

from .admin_forms import form_data
from .conftest import SEED
from .reliability import report

ROUNDS = 8
LOAD_EDITORS = 8
LOAD_SECONDS = float(os.environ.get("EDITOR_LOAD_SECONDS", "5"))
READERS = 2
REFUSED = "Not saved:"
STAMP = re.compile(r"⟨(\d+)⟩$")

# Serialized rollback puts back what migrations made (content types, the Editors group) for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a save's 302 is its answer: it is read, not followed


class EditorBrowser:
    """One editor's browser: its cookies (the session, then CSRF's), and forms posted as they were shown."""

    def __init__(self, base_url: str, user: User):
        client = Client()
        client.force_login(user)
        self.opener = urllib.request.build_opener(NoRedirects)
        self.base_url = base_url
        self.cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        try:
            with self.opener.open(request, timeout=60) as response:
                return self._answer(response)
        except urllib.error.HTTPError as answer:
            return self._answer(answer)

    def _answer(self, response) -> tuple[int, str]:
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return response.status, response.read().decode(errors="replace")

    def open_form(self, path: str) -> dict:
        status, page = self.request(path)
        assert status == 200, f"opening {path} gave {status}"
        return form_data(page)


@dataclass
class Outcomes:
    accepted: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, item) -> None:
        with self.lock:
            getattr(self, kind).append(item)


def change_path(obj) -> str:
    return reverse(f"admin:thesis_{obj._meta.model_name}_change", args=[obj.pk])


def save(browser: EditorBrowser, path: str, form: dict, changes: dict, reason: str, outcomes: Outcomes):
    """Post a form opened earlier; sort the answer into accepted, refused with the conflict shown, or failed."""
    status, page = browser.request(path, {**form, **changes, "change_reason": [reason]})
    if status == 302:
        outcomes.add("accepted", (path, reason))
    elif status == 200 and REFUSED in page and 'id="conflict"' in page and changes_kept(page, changes):
        outcomes.add("refused", (path, reason))
    else:
        outcomes.add("failures", f"{reason}: {status} {page[:300]!r}")


def changes_kept(page: str, changes: dict) -> bool:
    """The refused editor's own change is still in the form they see again (as the page escapes it)."""
    shown = page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'")
    return all(value[0] in shown for value in changes.values())


def editors(count: int) -> list[User]:
    call_command("create_editor", "editor0", password="Қазақ-тілі-2024", verbosity=0)
    for number in range(1, count):
        call_command("create_editor", f"editor{number}", password="Қазақ-тілі-2024", verbosity=0)
    return list(User.objects.filter(username__startswith="editor").order_by("username"))


def history_reasons(*models) -> Counter:
    return Counter(
        reason for model in models for reason in model.history.values_list("history_change_reason", flat=True)
    )


def test_two_editors_pressing_save_at_once_one_wins_the_other_sees_the_conflict(live_server):
    thesis = import_file(SEED).thesis
    passage = thesis.passages.order_by("order").first()
    first, second = (EditorBrowser(live_server.url, user) for user in editors(2))
    path, outcomes = change_path(passage), Outcomes()

    for number in range(ROUNDS):
        forms = [browser.open_form(path) for browser in (first, second)]
        barrier = threading.Barrier(2)

        def press_save(browser, form, who, number=number, barrier=barrier):
            barrier.wait()
            text = f"{STAMP.sub('', form['text'][0])}⟨{number}{who}⟩"
            save(browser, path, form, {"text": [text]}, f"round {number} by {who}", outcomes)

        threads = [
            threading.Thread(target=press_save, args=(browser, form, who))
            for browser, form, who in ((first, forms[0], "a"), (second, forms[1], "b"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert outcomes.failures == []
    assert len(outcomes.accepted) == ROUNDS and len(outcomes.refused) == ROUNDS  # one of each, every round
    assert {reason.split(" by ")[0] for _, reason in outcomes.accepted} == {f"round {n}" for n in range(ROUNDS)}
    passage.refresh_from_db()
    assert passage.version == 1 + ROUNDS
    reasons = history_reasons(Passage)
    assert all(reasons[reason] == 1 for _, reason in outcomes.accepted)
    assert not any(reasons[reason] for _, reason in outcomes.refused)
    report(f"simultaneous saves, admin ({connection.vendor})", rounds=ROUNDS, saved=ROUNDS, refused=ROUNDS)


def edit_for(browser: EditorBrowser, pool: list, deadline: float, name: str, outcomes: Outcomes):
    """One editor's half-minute: open a record, change it, press Save; again and again until the deadline."""
    attempt = 0
    while time.monotonic() < deadline and len(outcomes.failures) < 5:
        record, field_name = pool[attempt % len(pool)]
        path = change_path(record)
        try:
            form = browser.open_form(path)
            value = f"{STAMP.sub('', form[field_name][0])}⟨{attempt}⟩"
            save(browser, path, form, {field_name: [value]}, f"{name} #{attempt}", outcomes)
        except Exception as error:  # noqa: BLE001 - any failure is what this test counts
            outcomes.add("failures", f"{name} #{attempt}: {error!r}")
        attempt += 1


def read_for(base_url: str, passage_ids: list, stop: threading.Event, reads: list, outcomes: Outcomes):
    """A reader of the public API during the saves: a passage's text and version always agree."""
    while not stop.is_set():
        for passage_id in passage_ids:
            try:
                with urllib.request.urlopen(f"{base_url}/api/passages/{passage_id}/", timeout=30) as response:
                    body = json.loads(response.read())
            except Exception as error:  # noqa: BLE001
                outcomes.add("failures", f"reader: {error!r}")
                return
            reads.append((passage_id, body["version"], body["text"]))


def test_eight_editors_saving_through_the_admin_lose_nothing(live_server, settings):
    settings.API_ANON_RATE = "off"
    thesis = import_file(SEED).thesis
    passages = list(thesis.passages.order_by("order")[:3])
    pool = [(p, "text") for p in passages] + [
        (Source.objects.filter(thesis=thesis).first(), "title"),
        (TimelineEvent.objects.filter(thesis=thesis).first(), "headline"),
    ]
    users = editors(LOAD_EDITORS)
    outcomes, reads, stop = Outcomes(), [], threading.Event()
    deadline = time.monotonic() + LOAD_SECONDS
    # Each editor starts on another record, so that some saves collide and some do not.
    writers = [
        threading.Thread(
            target=edit_for,
            args=(EditorBrowser(live_server.url, user), pool[n % len(pool) :] + pool[: n % len(pool)], deadline),
            kwargs={"name": user.username, "outcomes": outcomes},
        )
        for n, user in enumerate(users)
    ]
    readers = [
        threading.Thread(target=read_for, args=(live_server.url, [p.pk for p in passages], stop, reads, outcomes))
        for _ in range(READERS)
    ]
    for thread in writers + readers:
        thread.start()
    for thread in writers:
        thread.join(timeout=LOAD_SECONDS + 120)
    stop.set()
    for thread in readers:
        thread.join(timeout=60)

    assert outcomes.failures == []
    assert outcomes.accepted and outcomes.refused and reads
    reasons = history_reasons(Passage, Source, TimelineEvent)
    assert all(reasons[reason] == 1 for _, reason in outcomes.accepted)  # each accepted save once in history
    assert not any(reasons[reason] for _, reason in outcomes.refused)  # no refused one at all
    for record, _ in pool:
        record.refresh_from_db()
        saved_here = sum(1 for path, _ in outcomes.accepted if path == change_path(record))
        assert record.version == 1 + saved_here  # every accepted save made one version; none was lost
    for passage in passages:
        assert passage.citations.count() == len(derive_citations(passage.text))
    # No torn read: each text the API served is the text of the version it said it was.
    versions = {(v.id, v.version): v.text for v in Passage.history.filter(id__in=[p.pk for p in passages])}
    assert [(pk, version) for pk, version, text in reads if versions.get((pk, version)) != text] == []
    report(
        f"editors saving through the admin ({connection.vendor})",
        editors=LOAD_EDITORS,
        seconds=LOAD_SECONDS,
        accepted=len(outcomes.accepted),
        refused_with_conflict=len(outcomes.refused),
        server_errors=0,
        api_reads=len(reads),
    )
