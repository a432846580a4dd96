"""The thesis admin's files (thesis/admin/files.py): the import page (preview, refusal, import) and the downloads."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from lxml import html

from thesis.derived.suspects import Kind, find_suspects
from thesis.editions import tei
from thesis.editions.export import current_text
from thesis.editorial.backup_file import read_rows
from thesis.ingest.importer import import_file
from thesis.models import Citation, ImportJob, Passage, SourceDocument, Thesis

from . import layouts
from .conftest import SEED, account
from .database_state import changed_tables, every_row

pytestmark = pytest.mark.django_db
IMPORT = "admin:thesis_thesis_import"
COUNT_ROW = r'<th scope="row">([^<]+)</th><td class="count">(\d+)</td>'


@pytest.fixture
def editor(db):
    return account("aigul")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def upload(data: bytes, name: str = "thesis.kk.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def preview(client, data: bytes, name="thesis.kk.txt", **extra):
    return client.post(reverse(IMPORT), {"source": upload(data, name), "preview": "1", **extra})


def token_of(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def test_the_changelist_offers_the_import_page_to_editors(editor_client):
    page = editor_client.get(reverse("admin:thesis_thesis_changelist")).content.decode()
    assert reverse(IMPORT) in page and "Import a thesis" in page
    assert editor_client.get(reverse(IMPORT)).status_code == 200


def test_an_account_without_add_thesis_may_not_import(client):
    reader = User.objects.create_user("reader", password="unused-password-1", is_staff=True)
    client.force_login(reader)
    assert client.get(reverse(IMPORT)).status_code == 403
    assert client.post(reverse(IMPORT), {"source": upload(SEED.read_bytes())}).status_code == 403
    assert not Thesis.objects.exists()


def test_the_preview_shows_what_the_parser_found_and_writes_nothing(editor_client):
    before = every_row()
    page = preview(editor_client, SEED.read_bytes(), SEED.name).content.decode()
    assert changed_tables(before) == []
    assert "Preview: nothing has been written yet" in page
    found = {label: int(count) for label, count in re.findall(COUNT_ROW, page)}
    assert 'name="token"' in page
    thesis = import_file(SEED).thesis  # what the import makes is what the preview said it would
    assert found["Sections"] == thesis.sections.count() and found["Passages"] == thesis.passages.count() == 11
    assert found["Citations"] == Citation.objects.filter(passage__thesis=thesis).count() > 0
    assert found["Sources"] == thesis.sources.count() and found["People"] == thesis.authors.count()
    assert found["Events"] == thesis.events.count() > 0
    report = find_suspects(thesis)
    for kind in Kind:
        assert found[str(kind.label)] == len(report.by_kind[kind])
    assert found["Words mixing Latin and Cyrillic letters"] > 0


def test_a_confirmed_preview_imports_the_same_file(editor_client):
    token = token_of(preview(editor_client, SEED.read_bytes(), SEED.name).content.decode())
    response = editor_client.post(reverse(IMPORT), {"token": token}, follow=True)
    thesis = Thesis.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:thesis_thesis_change", args=[thesis.pk])
    assert "Imported thesis" in response.content.decode()
    assert thesis.source_document.sha256 == SourceDocument.digest(SEED.read_bytes())
    assert thesis.passages.count() == 11 and thesis.title.startswith("Дипломатиялық")  # from the curation
    history = Passage.history.filter(thesis_id=thesis.pk).first()
    assert history.history_change_reason == f"Imported from {SEED.name}"


def test_a_token_brings_back_only_the_previewed_file_and_only_for_its_account(editor_client, client):
    token = token_of(preview(editor_client, SEED.read_bytes(), SEED.name).content.decode())
    other = account("berik")
    client.force_login(other)
    page = client.post(reverse(IMPORT), {"token": token}).content.decode()
    assert "upload it again" in page and not Thesis.objects.exists()
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    page = editor_client.post(reverse(IMPORT), {"token": forged}).content.decode()
    assert "upload the file again" in page and not Thesis.objects.exists()


def test_a_file_imported_before_is_previewed_and_imported_as_the_command_does(editor_client, seed_thesis):
    before = every_row()
    page = preview(editor_client, SEED.read_bytes(), "again.txt").content.decode()
    assert "already imported" in page and changed_tables(before) == []
    response = editor_client.post(reverse(IMPORT), {"token": token_of(page)}, follow=True)
    assert "was already imported from this file; nothing changed." in response.content.decode()
    assert changed_tables(before) == [] and Thesis.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "The submitted file is empty."),
        (b"\x00\x01binary\x00", "the file is binary (it contains NUL bytes), not text"),
        ("Кіріспе".encode("cp1251"), "the file is not UTF-8 text (invalid byte at offset 2)"),
        (b"x" * 2001, "the file is 2,001 bytes; the limit is 2,000"),
        (b"   \n\n  ", "the file holds only whitespace"),
    ],
    ids=["empty", "binary", "wrong-encoding", "too-large", "whitespace"],
)
def test_a_refused_file_says_why_and_writes_nothing(editor_client, settings, data, reason):
    settings.IMPORT_MAX_BYTES = 2000
    before = every_row()
    response = preview(editor_client, data)
    page = response.content.decode()
    assert response.status_code == 200 and reason in page and 'name="token"' not in page
    assert changed_tables(before) == []


def test_a_curation_for_another_text_is_refused_on_its_field(editor_client):
    curation = SimpleUploadedFile("other.json", json.dumps({"source_sha256": "0" * 64}).encode())
    before = every_row()
    page = preview(editor_client, SEED.read_bytes(), SEED.name, curation=curation).content.decode()
    assert "other.json is for another source document" in page and 'name="token"' not in page
    assert changed_tables(before) == []


def test_an_uploaded_curation_is_what_the_import_applies(editor_client):
    curation = json.loads(next(SEED.parent.glob("*.curation.json")).read_text(encoding="utf-8"))
    curation["thesis"]["title"] = "Басқа атау"
    data = SimpleUploadedFile("mine.curation.json", json.dumps(curation, ensure_ascii=False).encode())
    token = token_of(preview(editor_client, SEED.read_bytes(), SEED.name, curation=data).content.decode())
    editor_client.post(reverse(IMPORT), {"token": token})
    assert Thesis.objects.get().title == "Басқа атау"


# --- downloads ---------------------------------------------------------------------------------------


def download(client, thesis, kind):
    return client.get(reverse("admin:thesis_thesis_download", args=[thesis.pk, kind]))


def test_the_thesis_page_has_a_downloads_box(editor_client, seed_thesis):
    page = editor_client.get(reverse("admin:thesis_thesis_change", args=[seed_thesis.pk])).content.decode()
    assert 'id="downloads"' in page
    for kind in ("original", "current", "tei"):
        assert reverse("admin:thesis_thesis_download", args=[seed_thesis.pk, kind]) in page
    for name in ("section", "passage", "source", "author", "timelineevent"):
        assert f"{reverse(f'api:{name}-list')}?thesis={seed_thesis.pk}&amp;format=csv" in page
    assert reverse("admin:thesis_thesis_backup") not in page  # administrators only


def test_the_original_is_the_imported_file_byte_for_byte(editor_client, seed_thesis):
    response = download(editor_client, seed_thesis, "original")
    assert response.content == SEED.read_bytes()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{SEED.name}"'


def test_the_current_text_and_the_tei_edition(editor_client, seed_thesis):
    current = download(editor_client, seed_thesis, "current")
    assert current.content.decode("utf-8") == current_text(seed_thesis)
    assert current["Content-Disposition"] == f'attachment; filename="thesis-{seed_thesis.pk}-current.txt"'
    edition = download(editor_client, seed_thesis, "tei")
    assert edition["Content-Type"] == "application/tei+xml; charset=utf-8"
    assert edition["Content-Disposition"] == f'attachment; filename="thesis-{seed_thesis.pk}.tei.xml"'
    expected = tei.serialize(tei.edition(seed_thesis, base_url="http://testserver/"))
    assert edition.content == expected


def test_downloads_need_the_view_permission(client, seed_thesis):
    client.force_login(User.objects.create_user("reader", password="unused-password-1", is_staff=True))
    for kind in ("original", "current", "tei"):
        assert download(client, seed_thesis, kind).status_code == 403
    assert client.get(reverse("admin:thesis_thesis_backup")).status_code == 403
    client.logout()
    assert download(client, seed_thesis, "original").status_code == 302  # to the login page


def test_an_unknown_download_or_thesis_is_a_404(editor_client, seed_thesis):
    assert download(editor_client, seed_thesis, "pdf").status_code == 404
    assert (
        editor_client.get(reverse("admin:thesis_thesis_download", args=[seed_thesis.pk + 99, "tei"])).status_code == 404
    )


def test_the_backup_is_for_administrators_and_is_what_the_command_writes(editor_client, client, seed_thesis, tmp_path):
    assert editor_client.get(reverse("admin:thesis_thesis_backup")).status_code == 403
    client.force_login(User.objects.create_superuser("root", password="unused-password-1"))
    response = client.get(reverse("admin:thesis_thesis_backup"))
    assert response["Content-Type"] == "application/jsonl"
    assert re.fullmatch(r'attachment; filename="archive-backup-\d{8}-\d{6}\.jsonl"', response["Content-Disposition"])
    (tmp_path / "downloaded").write_bytes(b"".join(response.streaming_content))
    rows = read_rows(tmp_path / "downloaded")  # whole, and its checksum right
    models = {row["model"] for row in rows}
    assert {"thesis.thesis", "thesis.passage", "auth.user"} <= models
    assert sum(row["model"] == "thesis.passage" for row in rows) == 11


@pytest.mark.parametrize(
    ("language", "title", "reason"),
    [
        ("kk", "Жұмысты импорттау", "Импортталмады, ештеңе жазылған жоқ: файл UTF-8 мәтіні емес"),
        ("ru", "Импортировать работу", "Не импортировано, ничего не записано: файл не является текстом в UTF-8"),
    ],
)
def test_the_import_page_and_its_reasons_in_kazakh_and_russian(editor_client, language, title, reason):
    editor_client.post("/i18n/setlang/", {"language": language})
    assert title in editor_client.get(reverse(IMPORT)).content.decode()
    assert reason in preview(editor_client, b"\xff\xfe text").content.decode()


def test_an_upload_too_large_to_read_is_refused_before_its_body_is_read(editor_client, settings, monkeypatch):
    settings.IMPORT_MAX_BYTES = 1000
    read = []
    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", lambda request: read.append(1))
    before = every_row()
    response = preview(editor_client, b"x" * 200_000)
    page = response.content.decode()
    assert response.status_code == 200 and "the upload is 200," in page and 'name="token"' not in page
    assert read == [] and changed_tables(before) == []


def test_the_import_page_still_checks_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    before = every_row()
    assert preview(client, SEED.read_bytes()).status_code == 403
    assert changed_tables(before) == []


def test_a_file_over_the_background_size_goes_to_a_job_unimported(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_BYTES = len(SEED.read_bytes()) - 1
    before = every_row()
    with django_capture_on_commit_callbacks() as started:
        response = preview(editor_client, SEED.read_bytes(), SEED.name)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:thesis_thesis_import_job", args=[job.pk])
    assert changed_tables(before) == ["thesis_importjob"] and not Thesis.objects.exists()
    assert (job.status, job.file_name, bytes(job.data), job.user.username) == (
        "queued",
        SEED.name,
        SEED.read_bytes(),
        "aigul",
    )
    assert len(started) == 1  # the job's process, started once the job is committed


def test_a_file_at_the_background_size_is_still_previewed(editor_client, settings):
    settings.IMPORT_BACKGROUND_BYTES = len(SEED.read_bytes())
    page = preview(editor_client, SEED.read_bytes(), SEED.name).content.decode()
    assert "Preview: nothing has been written yet" in page and not ImportJob.objects.exists()


def test_the_preview_shows_how_line_breaks_are_read_and_why(editor_client):
    page = preview(editor_client, layouts.word_processor().encode(), "wrapped.kk.txt").content.decode()
    decision = html.fromstring(page).get_element_by_id("line-breaks-decision").text_content()
    assert "a hard wrap" in decision and "joined with a space" in decision
    figures = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="count">([^<]+)</td>', page))
    assert figures["The next line starts with a capital"] == "3 / 16 (19%)"
    assert figures["Sentences ending inside a line, per line"] == "0.42"
    assert '<option value="wrap" selected>' in page
    assert not Thesis.objects.exists()


@pytest.mark.parametrize(("chosen", "stored"), [("wrap", "wrap"), ("lost-period", "lost-period"), ("", "wrap")])
def test_the_import_reads_line_breaks_as_the_confirmation_chose(editor_client, chosen, stored):
    token = token_of(preview(editor_client, layouts.word_processor().encode(), "wrapped.kk.txt").content.decode())
    editor_client.post(reverse(IMPORT), {"token": token, "line_breaks": chosen})
    thesis = Thesis.objects.get()
    assert thesis.line_breaks == stored
    first = thesis.passages.order_by("order").first().text
    assert first.startswith("Қазақ хандығының сыртқы саясаты XV ғасырдың екінші жартысында")
    assert ("қалыптаса. бастады" in first) == (stored == "lost-period")


def test_an_unknown_reading_of_line_breaks_is_refused_and_writes_nothing(editor_client):
    token = token_of(preview(editor_client, layouts.word_processor().encode(), "wrapped.kk.txt").content.decode())
    page = editor_client.post(reverse(IMPORT), {"token": token, "line_breaks": "period"}).content.decode()
    assert "“period” is not a reading of line breaks" in page
    assert not Thesis.objects.exists()
