"""Across gunicorn's workers, each with a response cache of its own: an edit through one is seen by the next request."""

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.admin_forms import form_data
from tests.app_server import gunicorn, serving_workers
from tests.conftest import EDITOR_PASSWORD, UNLIMITED
from tests.test_api_throttling import redis_url

# What the proxy in front of production sends with every request it forwards.
PROXIED = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


@pytest.mark.parametrize("shared_cache", ["files", "redis"])
def test_an_edit_through_one_worker_is_seen_by_the_next_request_to_any_worker(deployment, tmp_path, shared_cache):
    env = {
        **deployment,
        **UNLIMITED,
        "CACHE_DIR": str(tmp_path / "cache"),
        "CACHE_URL": redis_url() if shared_cache == "redis" else "",
        "REDIS_URL": "",
    }
    log = tmp_path / "access.log"
    # Sync workers: a request is sent to a chosen worker by holding the other with an idle connection,
    # which a sync worker waits on and a threaded one does not.
    with gunicorn(env, log, arguments=("--worker-class", "sync", "--threads", "1")) as port:
        passage = get_json(port, "/api/passages/?page_size=1")["results"][0]
        detail = f"/api/passages/{passage['id']}/"
        before = answers_from_both_workers(port, detail)
        assert [answer["text"] for answer in before] == [passage["text"]] * 2

        edited_text = passage["text"] + " Түзетілді."
        editing_worker = edit_passage(port, log, passage["id"], edited_text)

        after = answers_from_both_workers(port, detail)
    workers = serving_workers(log, detail)
    assert len(set(workers[:2])) == len(set(workers[2:])) == 2, workers
    assert editing_worker in set(workers)
    assert [answer["text"] for answer in after] == [edited_text] * 2
    assert [answer["version"] for answer in after] == [passage["version"] + 1] * 2


def answers_from_both_workers(port: int, path: str) -> list[dict]:
    """The API's answer to `path` from each of the two workers, the one that answers second first.

    Which worker takes a connection is the kernel's choice, and nothing makes it alternate. So the first
    connection is opened and left without a request: the sync worker that takes it waits for one, and
    the second connection can only go to the other worker. Then the first request is sent too.
    """
    held = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    held.connect()
    try:
        answers = [get_json(port, path)]
        held.request("GET", path, headers=PROXIED)
        with held.getresponse() as answer:
            assert answer.status == 200, answer.status
            answers.append(json.loads(answer.read()))
    finally:
        held.close()
    return answers


def get_json(port: int, path: str) -> dict:
    """An anonymous reader's request, over https as the proxy in front forwards it: what the response cache serves."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=PROXIED)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def edit_passage(port: int, log, passage_id: int, text: str) -> str:
    """Log in as the editor and save the passage's new text through the admin; the pid of the worker that saved it."""
    browser = Browser(port)
    login = "/admin/login/"
    fields = form_data(browser.request(login)[1])
    fields.update(username=["aigul"], password=[EDITOR_PASSWORD], next=["/admin/"])
    status, page = browser.request(login, fields)
    assert status == 302, page
    change = f"/admin/thesis/passage/{passage_id}/change/"
    fields = form_data(browser.request(change)[1])
    fields.update(text=[text], change_reason=["Сөйлемнің соңы қосылды"])
    status, page = browser.request(change, fields)
    assert status == 302, page
    return serving_workers(log, change)[-1]


class Browser:
    """An editor's browser at the site over https through its proxy: it keeps the secure cookies it is given."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirects)

    def request(self, path: str, fields: dict | None = None) -> tuple[int, str]:
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, headers=headers)
        try:
            answer = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as refused:
            answer = refused
        with answer:
            for cookie in answer.headers.get_all("Set-Cookie") or []:
                name, value = cookie.split(";", 1)[0].split("=", 1)
                self.cookies[name] = value
            return answer.status, answer.read().decode("utf-8")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to check, not one to follow."""

    def redirect_request(self, *args, **kwargs):
        return None
