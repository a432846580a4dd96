"""What every endpoint shares: the root, no public writes, conditional GETs, CORS, the schema and offline docs."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings
from django.utils.http import http_date

from thesis.models import Author, Passage, Source, TimelineEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]


def endpoints(thesis) -> list[str]:
    passage = thesis.passages.get(order=8)
    return [
        "/api/",
        "/api/theses/",
        f"/api/theses/{thesis.pk}/",
        f"/api/theses/{thesis.pk}/text/",
        f"/api/theses/{thesis.pk}/sources.csl.json",
        f"/api/theses/{thesis.pk}/tei.xml",
        f"/api/theses/{thesis.pk}/suspects/",
        "/api/sections/",
        f"/api/sections/{passage.section_id}/",
        "/api/passages/",
        f"/api/passages/{passage.pk}/",
        f"/api/passages/{passage.pk}/history/",
        "/api/sources/",
        f"/api/sources/{thesis.sources.get(number=3).pk}/",
        "/api/authors/",
        f"/api/authors/{thesis.authors.get(family_name='Назарбаев').pk}/",
        "/api/timeline/",
        f"/api/timeline/{thesis.events.first().pk}/",
        "/api/timeline/timelinejs/",
        "/api/schema/",
        "/api/docs/",
    ]


def snapshot(thesis):
    return (
        list(Passage.objects.values_list("pk", "text", "status", "version")),
        list(Source.objects.values_list("pk", "number", "title")),
        list(Author.objects.values_list("pk", "display_name")),
        list(TimelineEvent.objects.values_list("pk", "headline")),
        list(thesis.sections.values_list("pk", "title")),
        thesis.title,
    )


def test_the_root_lists_every_endpoint(client, seed_thesis):
    root = client.get("/api/").json()
    assert {url.removeprefix("http://testserver") for url in root.values()} == {
        "/api/theses/",
        "/api/theses/{id}/",
        "/api/theses/{id}/text/",
        "/api/theses/{id}/sources.csl.json",
        "/api/theses/{id}/tei.xml",
        "/api/theses/{id}/suspects/",
        "/api/sections/",
        "/api/sections/{id}/",
        "/api/passages/",
        "/api/passages/{id}/",
        "/api/passages/{id}/history/",
        "/api/sources/",
        "/api/sources/{id}/",
        "/api/authors/",
        "/api/authors/{id}/",
        "/api/timeline/",
        "/api/timeline/{id}/",
        "/api/timeline/timelinejs/",
        "/api/schema/",
        "/api/docs/",
    }
    assert root["passage_history"] == "http://testserver/api/passages/{id}/history/"
    for url in endpoints(seed_thesis):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_there_are_no_public_writes(client, seed_thesis, method):
    before = snapshot(seed_thesis)
    for url in endpoints(seed_thesis):
        response = getattr(client, method)(url, data={"text": "x", "title": "x"}, content_type="application/json")
        assert response.status_code in (401, 403, 405), (method, url, response.status_code)
    seed_thesis.refresh_from_db()
    assert snapshot(seed_thesis) == before


def test_if_none_match_gives_a_304_until_an_edit_changes_the_etag(client, seed_thesis):
    passage = seed_thesis.passages.get(order=5)
    for url in (f"/api/passages/{passage.pk}/", "/api/passages/", f"/api/theses/{seed_thesis.pk}/text/"):
        first = client.get(url)
        etag = first["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        passage.text = f"{passage.text} {url}"
        passage.save()
        changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200
        assert changed["ETag"] != etag


def test_an_edit_elsewhere_changes_what_shows_it(client, seed_thesis):
    author = seed_thesis.authors.get(family_name="Назарбаев")
    passage = author.mentions.first().passage
    url = f"/api/passages/{passage.pk}/"
    etag = client.get(url)["ETag"]
    author.display_name = "Нұрсұлтан Назарбаев"
    author.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_every_get_carries_an_etag(client, seed_thesis):
    for url in endpoints(seed_thesis):
        assert client.get(url).has_header("ETag"), url


def test_passages_carry_last_modified(client, seed_thesis):
    passage = seed_thesis.passages.get(order=5)
    for url in (f"/api/passages/{passage.pk}/", "/api/passages/"):
        response = client.get(url)
        last_modified = response["Last-Modified"]
        assert last_modified.endswith(" GMT")
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
        assert client.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_reads_are_allowed_from_any_origin_by_default(client, seed_thesis):
    response = client.get("/api/passages/", HTTP_ORIGIN="https://reader.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/passages/", HTTP_ORIGIN="https://reader.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://reader.example"], CORS_ALLOW_ALL_ORIGINS=False)
def test_a_configured_list_of_origins_is_enforced(client, seed_thesis):
    allowed = client.get("/api/passages/", HTTP_ORIGIN="https://reader.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://reader.example"
    other = client.get("/api/passages/", HTTP_ORIGIN="https://elsewhere.example")
    assert not other.has_header("Access-Control-Allow-Origin")


def test_origins_are_read_from_the_environment():
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CORS_ALLOWED_ORIGINS)"
    env = {**os.environ, "CORS_ALLOWED_ORIGINS": "https://a.example, https://b.example"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['https://a.example', 'https://b.example']"


def test_the_schema_validates_without_warnings(tmp_path):
    schema = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema))
    text = schema.read_text(encoding="utf-8")
    for path in ("/api/timeline/timelinejs/", "/api/theses/{id}/sources.csl.json", "/api/passages/{id}/history/"):
        assert f"{path}:" in text


def test_the_schema_is_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Thesis archive API"


def test_the_docs_page_is_served_without_other_hosts(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html), "the page must not load anything from another host"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    static = [asset for asset in assets if asset.startswith("/static/")]
    assert len(static) == 4
    for asset in static:
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not among the static files"
    # The content security policy allows scripts from this host only, none inline.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="/' in attributes for attributes in scripts)
    [start_up] = [asset for asset in assets if asset.startswith("/api/docs/")]
    script = client.get(start_up)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert not re.search(r"https?://", script.content.decode())
    assert '"validatorUrl": null' in script.content.decode()


def test_a_passage_is_modified_when_a_name_it_shows_changes(client, seed_thesis):
    author = seed_thesis.authors.get(family_name="Назарбаев")
    url = f"/api/passages/{author.mentions.first().passage_id}/"
    author.display_name = "Нұрсұлтан Назарбаев"
    author.save()
    assert client.get(url)["Last-Modified"] == http_date(author.history.latest().history_date.timestamp())
