"""The archive's dump (api/dump.py) and the export_dump command."""

import asyncio
import csv
import hashlib
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frictionless
import pytest
from datasette.app import Datasette
from django.core.management import CommandError, call_command
from lxml import etree

from api import dump
from api.serializers import SectionSerializer
from thesis.derived import dataversion
from thesis.models import Author, Citation, Mention, Passage, Section, Source, Thesis, TimelineEvent

from .conftest import SEED, assert_valid_tei

MOMENT = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)
MODELS = {
    "theses": Thesis,
    "sections": Section,
    "passages": Passage,
    "sources": Source,
    "authors": Author,
    "timeline": TimelineEvent,
    "citations": Citation,
    "mentions": Mention,
}
API_LISTS = {"theses", "sections", "passages", "sources", "authors", "timeline"}
# A word of the seed: the API's passage search finds it in several passages, and in no other form.
WORD = "келіссөз"


@pytest.fixture
def built(seed_thesis, tmp_path) -> Path:
    """The seed's dump written into tmp_path/out: the dump's own folder."""
    name = dump.export_dump(tmp_path / "out", MOMENT)
    return tmp_path / "out" / name


def rows_of(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def test_dump_is_named_by_day_and_data_version_and_is_a_valid_package_of_the_api_tables(built, client):
    assert built.name == f"thesis-archive-2026-12-07-v{dataversion.current()}"
    assert (built.parent / f"{built.name}.zip").is_file()
    report = frictionless.validate(str(built / dump.DESCRIPTOR))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((built / dump.DESCRIPTOR).read_text(encoding="utf-8"))
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["title"] == "Thesis archive"
    assert {resource["name"] for resource in package["resources"]} == set(MODELS)
    for name, model in MODELS.items():
        assert len(rows_of(built / "data" / f"{name}.csv")) == model.objects.count() > 0, name
    for name in API_LISTS:
        path = "timeline" if name == "timeline" else name
        answer = client.get(f"/api/{path}/?format=csv")
        assert b"".join(answer.streaming_content) == (built / "data" / f"{name}.csv").read_bytes(), name


def test_the_descriptor_gives_types_keys_and_references():
    package = dump.descriptor(7, MOMENT)
    sections = next(resource for resource in package["resources"] if resource["name"] == "sections")
    types = {field["name"]: field["type"] for field in sections["schema"]["fields"]}
    assert types["id"] == types["span.start"] == types["passage_count"] == "integer"
    assert types["title"] == "string"
    assert [field["name"] for field in sections["schema"]["fields"]][:3] == ["id", "thesis", "parent"]
    assert sections["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["parent"], "reference": {"resource": "sections", "fields": ["id"]}} in sections["schema"][
        "foreignKeys"
    ]
    assert package["version"] == "2026-12-07.7"
    assert package["created"] == "2026-12-07T05:00:00Z"
    assert dump.field_types(SectionSerializer())["span.end"] == "integer"


def test_a_cell_becomes_the_value_sqlite_stores():
    assert dump.cell_value("", "string") is None
    assert dump.cell_value("-12", "integer") == -12
    assert dump.cell_value("true", "boolean") == 1
    assert dump.cell_value("false", "boolean") == 0
    assert dump.cell_value("'=1+2", "string") == "=1+2"
    assert dump.cell_value("қазақ", "string") == "қазақ"


def test_tei_is_valid_originals_are_byte_equal_and_the_checksums_hold(built, tei_schema):
    for thesis in Thesis.objects.all():
        assert_valid_tei(tei_schema, etree.parse(str(built / "tei" / f"{thesis.pk}.xml")))
        original = (built / "original" / f"{thesis.pk}.txt").read_bytes()
        assert original == SEED.read_bytes()
        assert hashlib.sha256(original).hexdigest() == thesis.source_document.sha256
    listed = {}
    for line in (built / dump.SUMS).read_text(encoding="utf-8").splitlines():
        digest, path = line.split("  ", 1)
        listed[path] = digest
        assert hashlib.sha256((built / path).read_bytes()).hexdigest() == digest, path
    on_disk = {path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file()}
    assert set(listed) == on_disk - {dump.SUMS}
    pk = Thesis.objects.get().pk
    assert {
        "datapackage.json",
        "metadata.json",
        "archive.db",
        "data/passages.csv",
        f"tei/{pk}.xml",
        f"original/{pk}.txt",
        "site/index.html",
        "site/static/reading/site.css",
    } <= set(listed)
    with zipfile.ZipFile(built.parent / f"{built.name}.zip") as archive:
        zipped = {name.removeprefix(f"{built.name}/") for name in archive.namelist() if not name.endswith("/")}
        assert zipped == on_disk
        assert archive.read(f"{built.name}/original/{pk}.txt") == SEED.read_bytes()


def test_datasette_opens_the_database_and_its_search_finds_what_the_api_finds(built, client):
    found = client.get("/api/passages/", {"q": WORD, "page_size": 200}).json()
    api_ids = [row["id"] for row in found["results"]]
    assert len(api_ids) > 1

    async def ask():
        datasette = Datasette([str(built / dump.DATABASE)])
        described = Datasette(
            [str(built / dump.DATABASE)], metadata=json.loads((built / dump.DATASETTE_METADATA).read_text())
        )
        front = await described.client.get("/")
        assert "Creative Commons Attribution 4.0" in front.text and "Thesis archive" in front.text
        theses = await datasette.client.get("/archive/theses.json?_shape=array")
        passages = await datasette.client.get("/archive/passages.json?_shape=array&_size=max")
        searched = await datasette.client.get(f"/archive/passages.json?_search={WORD}&_shape=array&_size=max")
        return theses, passages, searched

    theses, passages, searched = asyncio.run(ask())
    assert theses.status_code == passages.status_code == searched.status_code == 200
    assert [row["title"] for row in theses.json()] == list(Thesis.objects.values_list("title", flat=True))
    assert len(passages.json()) == Passage.objects.count()
    assert sorted(row["id"] for row in searched.json()) == sorted(api_ids)
    assert all(WORD in row["text"].lower() for row in searched.json())


def test_the_database_is_plain_sqlite_with_the_csv_values(built):
    connection = sqlite3.connect(built / dump.DATABASE)
    try:
        complete = connection.execute("SELECT is_complete FROM theses").fetchone()[0]
        text = connection.execute("SELECT text FROM passages ORDER BY id LIMIT 1").fetchone()[0]
        matches = connection.execute(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", [f'"{WORD}"']
        ).fetchone()[0]
    finally:
        connection.close()
    assert complete in (0, 1)
    assert text == Passage.objects.order_by("id").first().text
    assert matches == Passage.objects.filter(text__icontains=WORD).count() > 0


def test_a_failed_dump_leaves_nothing_behind(seed_thesis, tmp_path, monkeypatch):
    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(dump, "write_database", broken)
    with pytest.raises(OSError):
        dump.export_dump(tmp_path / "out", MOMENT)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_the_command_refuses_a_folder_with_something_in_it_and_leaves_it_untouched(tmp_path):
    target = tmp_path / "dumps"
    target.mkdir()
    (target / "notes.txt").write_bytes(b"keep me")
    with pytest.raises(CommandError, match="DIR: .* is not an empty folder"):
        call_command("export_dump", str(target))
    assert [path.name for path in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_bytes() == b"keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dumps"]


@pytest.mark.django_db
def test_the_command_writes_into_an_empty_folder(tmp_path, settings):
    # The API's lists are read as a deployment serves them, whatever host names it answers to.
    settings.ALLOWED_HOSTS, settings.DEBUG = ["archive.example.org"], False
    target = tmp_path / "dumps"
    target.mkdir()
    out = io.StringIO()
    call_command("export_dump", str(target), stdout=out)
    written = sorted(path.name for path in target.iterdir())
    assert len(written) == 2 and written[1] == f"{written[0]}.zip"
    assert f"Wrote {written[0]}" in out.getvalue()
    assert frictionless.validate(str(target / written[0] / dump.DESCRIPTOR)).valid


class Links(HTMLParser):
    """Every address an HTML page leads to (href, src, form action), and the ids of its elements."""

    def __init__(self):
        super().__init__()
        self.addresses, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.addresses.append(value)
            elif name == "id":
                self.ids.add(value)


def links_of(path: Path) -> Links:
    parsed = Links()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def test_the_site_copy_holds_every_page_and_no_link_leads_to_a_missing_file(built):
    site = built / dump.SITE
    thesis = Thesis.objects.get()
    expected = {"index.html", "about/index.html", "people/index.html", "timeline/index.html"}
    # The seed is read in two sections, a page each, and whole on a third.
    expected.update(f"theses/{thesis.pk}/{page}.html" for page in ("index", "section-2", "section-all"))
    expected.update(
        f"theses/{thesis.pk}/passages/{n}/index.html" for n in thesis.passages.values_list("order", flat=True)
    )
    expected.update(f"people/{pk}/index.html" for pk in Author.objects.values_list("pk", flat=True))
    expected.update(f"sources/{pk}/index.html" for pk in Source.objects.values_list("pk", flat=True))
    pages = {path.relative_to(site).as_posix(): links_of(path) for path in site.rglob("*.html")}
    assert set(pages) == expected
    followed = 0
    for name, page in pages.items():
        for address in page.addresses:
            parts = urlsplit(address)
            if parts.scheme:
                # Without --base-url nothing leads off the files but a vocabulary's own address.
                assert parts.netloc == "purl.org", (name, address)
            elif address.startswith("#"):
                assert address[1:] in page.ids, (name, address)
            else:
                target = (site / name).parent / unquote(parts.path)
                assert not parts.query and target.resolve().is_relative_to(site.resolve()), (name, address)
                assert target.is_file(), (name, address)
                if parts.fragment:
                    assert parts.fragment in pages[target.resolve().relative_to(site.resolve()).as_posix()].ids
                followed += 1
    assert followed > len(pages) * 10
    home = links_of(site / "index.html").addresses
    assert "static/reading/site.css" in home and f"theses/{thesis.pk}/index.html" in home
