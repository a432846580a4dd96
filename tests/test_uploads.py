"""Importing an upload (thesis/ingest/uploads.py): a preview writing nothing, a held file brought back unchanged."""

import json

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.core.cache import cache

from thesis.ingest import uploads
from thesis.ingest.curation import from_bytes
from thesis.ingest.exceptions import CurationError, ImportRefused
from thesis.ingest.importer import check_size
from thesis.models import Thesis

from .conftest import SEED
from .database_state import changed_tables, every_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return User.objects.create_user("aigul", password="unused-password-1")


def seed_upload(name=SEED.name) -> uploads.Upload:
    return uploads.Upload(name, SEED.read_bytes())


def test_a_preview_reports_what_the_import_makes_and_leaves_every_table_as_it_was():
    before = every_row()
    found = uploads.preview(seed_upload())
    assert changed_tables(before) == []
    assert found.created and found.thesis_id is None and found.title.startswith("Дипломатиялық")
    assert found.counts["passages"] == 11 and found.counts["citations"] > found.counts["sources"] > 0
    assert set(found.counts) == {"sections", "passages", "citations", "sources", "authors", "events"}
    assert dict(found.suspects)["Words mixing Latin and Cyrillic letters"] > 0
    # Running it for real makes what the preview said.
    made = uploads.run(seed_upload()).thesis
    assert made.passages.count() == found.counts["passages"] and made.events.count() == found.counts["events"]


def test_a_file_imported_before_is_previewed_as_the_repeat_import_it_would_be(seed_thesis):
    before = every_row()
    found = uploads.preview(seed_upload("renamed.txt"))
    assert not found.created and found.thesis_id == seed_thesis.pk
    assert found.counts == {"authors": 0, "events": 0} and found.suspects == []
    assert changed_tables(before) == []


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00binary", b"\xff\xfe\x00K", b"text with a bell \x07", b"\n \n", "КІРІСПЕ\n".encode("utf-16")],
)
def test_a_preview_refuses_what_the_import_refuses(data):
    before = every_row()
    with pytest.raises(ImportRefused):
        uploads.preview(uploads.Upload("bad.txt", data))
    assert changed_tables(before) == []


def test_the_size_rule_is_the_importer_s(settings):
    settings.IMPORT_MAX_BYTES = 10
    check_size(10)
    with pytest.raises(ImportRefused, match="the file is 11 bytes; the limit is 10"):
        check_size(11)
    with pytest.raises(ImportRefused, match="empty"):
        check_size(0)


def test_an_uploaded_curation_must_be_a_json_object_for_this_text():
    sha = "a" * 64
    assert from_bytes(json.dumps({"source_sha256": sha}).encode(), "c.json", sha) == {"source_sha256": sha}
    for raw in (b"[1, 2]", b"{not json", b"\xff", json.dumps({"source_sha256": "b" * 64}).encode()):
        with pytest.raises(CurationError, match="c.json"):
            from_bytes(raw, "c.json", sha)
    broken = {"source_sha256": sha, "people": [{"group": "domestic"}]}
    with pytest.raises(CurationError, match="family_name is required"):
        from_bytes(json.dumps(broken).encode(), "c.json", sha)


def test_a_held_upload_comes_back_to_its_account_only(user):
    upload = seed_upload()
    token = uploads.hold(upload, user)
    assert uploads.held(token, user) == upload
    other = User.objects.create_user("berik", password="unused-password-1")
    with pytest.raises(ImportRefused, match="no longer held"):
        uploads.held(token, other)
    with pytest.raises(ImportRefused, match="not valid"):
        uploads.held(token + "x", user)
    uploads.release(token)
    with pytest.raises(ImportRefused, match="no longer held"):
        uploads.held(token, user)


def test_other_bytes_under_a_held_digest_are_not_imported(user):
    token = uploads.hold(seed_upload(), user)
    digest = signing.loads(token, salt=uploads.SALT)["digest"]
    cache.set(f"thesis-upload:{digest}", uploads.Upload(SEED.name, b"other text"))
    with pytest.raises(ImportRefused, match="no longer held"):
        uploads.held(token, user)
    assert not Thesis.objects.exists()


def test_a_token_expires(user, monkeypatch):
    token = uploads.hold(seed_upload(), user)
    monkeypatch.setattr(uploads, "HOLD_SECONDS", -1)
    with pytest.raises(ImportRefused, match="expired"):
        uploads.held(token, user)


def test_the_digest_covers_every_part():
    base = uploads.Upload("a.txt", b"text", "c.json", b"{}")
    others = [
        uploads.Upload("b.txt", b"text", "c.json", b"{}"),
        uploads.Upload("a.txt", b"text!", "c.json", b"{}"),
        uploads.Upload("a.txt", b"text", "d.json", b"{}"),
        uploads.Upload("a.txt", b"text", "c.json", None),
        uploads.Upload("a.tx", b"ttext", "c.json", b"{}"),
    ]
    assert len({base.digest, *(other.digest for other in others)}) == 6
