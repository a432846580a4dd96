"""Workers killed outright while editors save, as the kernel's OOM killer or a worker timeout would:
no acknowledged save is lost, none is half-written, and the service goes on answering."""

import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
from dataclasses import dataclass, field

from tests.admin_forms import form_data
from tests.app_server import gunicorn
from tests.conftest import EDITOR_PASSWORD, UNLIMITED
from tests.reliability import report
from tests.test_faults_workers import Database
from tests.test_response_cache_workers import Browser, get_json
from thesis.text.citations import derive_citations

KILLS = int(os.environ.get("WORKER_KILLS", "12"))
EDITORS = 2
# How long after a save is acknowledged a worker is killed: inside the next save, or between saves.
KILL_AFTER = (0.05, 0.2, 0.0, 0.4, 0.1)
REASON = re.compile(r"^kill test (\d+)-(\d+)$")


@dataclass
class Saves:
    acknowledged: list[str] = field(default_factory=list)
    cut: int = 0
    refused: int = 0
    server_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int | None, reason: str, page: str = "") -> None:
        with self.lock:
            if status is None:
                self.cut += 1
            elif status == 302:
                self.acknowledged.append(reason)
            elif status >= 500:
                self.server_errors.append(f"{status}: {page[:300]}")
            else:
                self.refused += 1


def workers_of(port: int) -> list[int]:
    """The pids of the gunicorn workers serving on `port`: the children of its master."""
    found = subprocess.run(["pgrep", "-f", "--", f"--bind 127.0.0.1:{port}"], capture_output=True, text=True)
    pids = {int(pid) for pid in found.stdout.split()}
    return [pid for pid in pids if parent_of(pid) in pids]


def parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def attempt(browser: Browser, path: str, fields: dict | None = None) -> tuple[int | None, str]:
    """A request whose connection a killed worker may cut: no status then."""
    try:
        return browser.request(path, fields)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None, ""


def log_in(port: int) -> Browser:
    browser = Browser(port)
    for _ in range(20):
        status, page = attempt(browser, "/admin/login/")
        if status == 200:
            fields = form_data(page) | {"username": ["aigul"], "password": [EDITOR_PASSWORD], "next": ["/admin/"]}
            if attempt(browser, "/admin/login/", fields)[0] == 302:
                return browser
        time.sleep(0.2)
    raise AssertionError("the editor could not log in")


def keep_saving(port: int, passage_id: int, editor: int, stop: threading.Event, saves: Saves) -> None:
    browser, path, number = log_in(port), f"/admin/thesis/passage/{passage_id}/change/", 0
    while not stop.is_set():
        status, page = attempt(browser, path)
        if status != 200:
            if status is not None and status >= 500:
                saves.add(status, "", page)
            continue
        number += 1
        reason = f"kill test {editor}-{number}"
        fields = form_data(page)
        fields.update(text=[f"{fields['text'][0]} ⟨{editor}-{number}⟩"], change_reason=[reason])
        status, page = attempt(browser, path, fields)
        saves.add(status, reason, page)


def wait_for_saves(saves: Saves, count: int) -> None:
    """Until the editors are saving: logging in and the first saves take a while on a busy machine."""
    deadline = time.monotonic() + 60
    while len(saves.acknowledged) < count and time.monotonic() < deadline:
        time.sleep(0.1)


def kill_workers(port: int, count: int, saves: Saves) -> int:
    """SIGKILL a worker `count` times, each time once the workers have come back and taken a save
    since the last kill, so that most kills land on a worker that is serving; how many were killed."""
    killed, deadline = 0, time.monotonic() + 30 * count
    while killed < count and time.monotonic() < deadline:
        wait_for_saves(saves, len(saves.acknowledged) + 1)
        time.sleep(KILL_AFTER[killed % len(KILL_AFTER)])
        workers = workers_of(port)
        if workers:
            os.kill(workers[killed % len(workers)], signal.SIGKILL)
            killed += 1
    return killed


def half_saves(database: Database, passage_ids: list[int]) -> list[str]:
    """Passages whose row, history and derived citations do not agree with each other."""
    found = []
    for pk in passage_ids:
        ((text, version),) = database.rows("SELECT text, version FROM thesis_passage WHERE id = %s", (pk,))
        history = database.rows(
            "SELECT version, text FROM thesis_historicalpassage WHERE id = %s ORDER BY history_id", (pk,)
        )
        citations = database.rows("SELECT COUNT(*) FROM thesis_citation WHERE passage_id = %s", (pk,))[0][0]
        if history[-1] != (version, text) or len(history) != version:
            found.append(f"passage {pk}: version {version}, history {[v for v, _ in history][-3:]}")
        if citations != len(derive_citations(text)):
            found.append(f"passage {pk}: {citations} citations for {len(derive_citations(text))} markers")
    return found


def test_killed_workers_lose_no_acknowledged_save(deployment, tmp_path):
    env = {**deployment, **UNLIMITED, "CACHE_DIR": str(tmp_path / "cache")}
    url = env["DATABASE_URL"]
    saves, stop = Saves(), threading.Event()
    with gunicorn(env, tmp_path / "access.log", workers=2) as port:
        passage_ids = [p["id"] for p in get_json(port, f"/api/passages/?page_size={EDITORS}")["results"]]
        editors = [
            threading.Thread(target=keep_saving, args=(port, pk, n, stop, saves)) for n, pk in enumerate(passage_ids)
        ]
        for thread in editors:
            thread.start()
        wait_for_saves(saves, EDITORS)
        started = time.monotonic()
        killed = kill_workers(port, KILLS, saves)
        killing = time.monotonic() - started
        recovered = time.monotonic()
        after = get_json(port, f"/api/passages/{passage_ids[0]}/")
        recovered = time.monotonic() - recovered
        stop.set()
        for thread in editors:
            thread.join(timeout=60)

    database = Database(url)
    in_history = [
        reason for (reason,) in database.rows("SELECT history_change_reason FROM thesis_historicalpassage", ())
    ]
    lost = [reason for reason in saves.acknowledged if reason not in in_history]
    twice = [reason for reason in set(in_history) if REASON.match(reason or "") and in_history.count(reason) > 1]
    half = half_saves(database, passage_ids)
    integrity = database.rows("PRAGMA integrity_check", ())[0][0] if url.startswith("sqlite") else "ok"
    report(
        f"workers killed mid-save ({'sqlite' if url.startswith('sqlite') else 'postgresql'})",
        kills=killed,
        seconds=round(killing, 1),
        saves_acknowledged=len(saves.acknowledged),
        saves_cut=saves.cut,
        saves_refused=saves.refused,
        server_errors=len(saves.server_errors),
        acknowledged_lost=len(lost),
        half_saves=len(half),
        recover_seconds=round(recovered, 2),
    )
    assert killed == KILLS and saves.acknowledged, (killed, saves)
    assert saves.server_errors == []
    assert lost == [] and twice == []
    assert half == []
    assert integrity == "ok"
    assert after["id"] == passage_ids[0]
