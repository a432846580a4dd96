"""Backup and restore: everything survives SQLite → PostgreSQL → SQLite, row for row; a backup taken
during edits is one moment's; a file cut short, altered or foreign is refused with nothing written."""

import gzip
import hashlib
import json
import os
import random
import re
import stat
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.serializers import python
from django.db import connection, transaction

from thesis import serialization as archive_json
from thesis.editorial import editing
from thesis.editorial.backup import RestoreRefused, restore_backup, write_backup
from thesis.editorial.backup_file import read_rows
from thesis.ingest.importer import import_file
from thesis.models import IgnoredWord, Passage

from .conftest import SEED, account
from .database_state import changed_tables, every_row
from .reliability import report

POSTGRES = os.environ.get("BACKUP_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
EDIT = """
from django.contrib.auth.models import User
from thesis.models import IgnoredWord, Passage, Thesis
editor = User.objects.create_user("editor", password="x-unused-x", first_name="Айгүл")
passage = Passage.objects.get(order=2)
passage.text = passage.text.replace("қауіпсіздіздігі", "қауіпсіздігі")
passage.status = "corrected"
passage.version += 1
passage._change_reason = "Түзету: қайталанған буын"
passage._history_user = editor
passage.save()
IgnoredWord.objects.create(thesis=Thesis.objects.get(), word="ОА", added_by=editor)
"""


def manage(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def postgres_database():
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES} ({error}); the round trip needs it")
    name = f"backup_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0")
    try:
        yield POSTGRES.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def rows(path: Path) -> list[dict]:
    return read_rows(path)


# What a freshly migrated database holds already, and a backup leaves out or matches by name.
MADE_BY_MIGRATIONS = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "auth.group_permissions",
    "thesis.dataversion",
}


def empty_the_database() -> None:
    """Delete every row a restore brings back, leaving what migrations made, as in a new database."""
    with transaction.atomic():  # the foreign keys are checked when every table is empty
        for model in apps.get_models(include_auto_created=True):
            if model._meta.managed and model._meta.label_lower not in MADE_BY_MIGRATIONS:
                model._base_manager.all()._raw_delete(model._base_manager.db)


def test_round_trip_sqlite_postgresql_sqlite_loses_nothing(tmp_path, postgres_database):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    last = f"sqlite:///{tmp_path / 'last.sqlite3'}"
    manage(first, "migrate", "-v0")
    manage(first, "import_thesis", str(SEED))
    manage(first, "shell", "-c", EDIT)
    manage(first, "backup", str(tmp_path / "from-sqlite.json"))

    manage(postgres_database, "migrate", "-v0")
    manage(postgres_database, "restore", str(tmp_path / "from-sqlite.json"))
    manage(postgres_database, "backup", str(tmp_path / "from-postgresql.json"))

    manage(last, "migrate", "-v0")
    manage(last, "restore", str(tmp_path / "from-postgresql.json"))
    manage(last, "backup", str(tmp_path / "back-in-sqlite.json"))

    original = rows(tmp_path / "from-sqlite.json")
    assert rows(tmp_path / "from-postgresql.json") == original
    assert rows(tmp_path / "back-in-sqlite.json") == original
    models = {row["model"] for row in original}
    assert {"thesis.passage", "thesis.historicalpassage", "thesis.ignoredword", "auth.user"} <= models
    reasons = [r["fields"]["history_change_reason"] for r in original if r["model"] == "thesis.historicalpassage"]
    assert "Түзету: қайталанған буын" in reasons
    assert manage(last, "export_thesis", "original").encode() == SEED.read_bytes()


@pytest.fixture
def usual_umask():
    """The common umask 022, under which a file created plainly is readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.django_db
def test_a_backup_is_readable_by_its_owner_only_from_the_moment_it_is_created(tmp_path, usual_umask, monkeypatch):
    # When the first row is written, every file in the directory must already be the owner's alone.
    seen = {}
    start = archive_json.Serializer.start_serialization

    def note_the_modes(serializer):
        seen.update({file.name: mode(file) for file in tmp_path.iterdir()})
        start(serializer)

    monkeypatch.setattr(archive_json.Serializer, "start_serialization", note_the_modes)
    call_command("backup", str(tmp_path / "archive.json"))
    assert seen and set(seen.values()) == {0o600}, {name: oct(bits) for name, bits in seen.items()}
    assert mode(tmp_path / "archive.json") == 0o600


@pytest.mark.django_db
def test_a_backup_over_an_existing_file_narrows_it_to_its_owner(tmp_path, usual_umask):
    path = tmp_path / "archive.json"
    path.write_text("[]", encoding="utf-8")
    path.chmod(0o644)
    call_command("backup", str(path))
    assert mode(path) == 0o600
    assert rows(path) != []  # written anew, not only narrowed


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_data(seed_thesis, tmp_path):
    backup = tmp_path / "backup.json"
    write_backup(backup)
    before = every_row()
    with pytest.raises(RestoreRefused, match="not empty"):
        restore_backup(backup)
    assert changed_tables(before) == []


@pytest.mark.django_db
def test_restore_into_an_empty_database(seed_thesis, tmp_path):
    IgnoredWord.objects.create(thesis=seed_thesis, word="ОА")
    account("aigul")
    backup = tmp_path / "backup.jsonl"
    counts = write_backup(backup)
    before = rows(backup)
    assert counts == {label: sum(row["model"] == label for row in before) for label in counts}
    for model in ("thesis.thesis", "thesis.passage", "auth.user"):
        assert counts[model] >= 1
    empty_the_database()
    call_command("restore", str(backup))
    write_backup(tmp_path / "again.jsonl")
    assert rows(tmp_path / "again.jsonl") == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["x.bak", "archive", "x.json", "x.json.gz", "x.bz2", "x.tar.xz"])
def test_restore_reads_whatever_name_backup_wrote(seed_thesis, tmp_path, name):
    call_command("backup", str(tmp_path / name))
    compressed = name.endswith((".gz", ".bz2", ".xz"))
    assert (tmp_path / name).read_bytes().startswith(b'{"backup"') is not compressed
    empty_the_database()
    call_command("restore", str(tmp_path / name))
    write_backup(tmp_path / "again")
    assert rows(tmp_path / "again") == rows(tmp_path / name)


@pytest.mark.django_db
def test_a_compressed_backup_restores_under_another_name(seed_thesis, tmp_path):
    write_backup(tmp_path / "archive.jsonl.gz")
    (tmp_path / "archive.jsonl.gz").rename(tmp_path / "archive.bak")
    empty_the_database()
    restore_backup(tmp_path / "archive.bak")
    write_backup(tmp_path / "again")
    assert rows(tmp_path / "again") == rows(tmp_path / "archive.bak")


def lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")[:-1]


def forged(header: dict, rows: list) -> bytes:
    """A file laid out as the backup command lays one out, its checksum right: what only a forger makes."""
    content = (json.dumps(header) + "\n" + "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)).encode()
    return content + json.dumps({"rows": len(rows), "sha256": hashlib.sha256(content).hexdigest()}).encode() + b"\n"


def one_letter_changed(data: bytes) -> bytes:
    """One byte of a passage's text changed: its first "а" made a "б" (UTF-8 d0 b0 to d0 b1)."""
    row = next(line for line in lines(data) if b'"model": "thesis.passage"' in line)
    start = data.index(row)
    at = data.index("а".encode(), start + row.index(b'"text": "'))
    return data[: at + 1] + b"\xb1" + data[at + 2 :]


def made_superuser(data: bytes) -> bytes:
    row = next(line for line in lines(data) if b'"username": "aigul"' in line)
    assert b'"is_superuser": false' in row
    return data.replace(row, row.replace(b'"is_superuser": false', b'"is_superuser": true'))


HEADER = {"backup": "thesis-archive-backup", "version": 2}
FOREIGN = "not a file written by the backup"
# Each way a file can be wrong, and what the refusal must say.
TAMPERINGS = {
    "cut at a row boundary": (lambda data: b"\n".join(lines(data)[:5]) + b"\n", "incomplete"),
    "cut before its trailer": (lambda data: b"\n".join(lines(data)[:-1]) + b"\n", "incomplete"),
    "cut inside a row": (lambda data: data[: len(data) // 2], "incomplete"),
    "one byte of text altered": (one_letter_changed, "checksum does not match"),
    "is_superuser set": (made_superuser, "checksum does not match"),
    "a row taken out": (lambda data: data.replace(lines(data)[3] + b"\n", b""), "checksum does not match"),
    "the old format, a JSON array": (lambda data: json.dumps(rows_of(data)).encode(), FOREIGN),
    "random bytes": (lambda data: random.Random(7).randbytes(4096), FOREIGN),
    "an empty file": (lambda data: b"", FOREIGN),
    "a damaged gzip": (lambda data: gzip.compress(data)[:-12], "compressed .*damaged"),
    "an unknown format version": (lambda data: forged({**HEADER, "version": 3}, rows_of(data)), "format version 3"),
    "a row of an unknown model": (lambda data: forged(HEADER, [{"model": "no.where", "fields": {}}]), "unknown model"),
    "an unknown field": (lambda data: forged(HEADER, [{"model": "auth.user", "fields": {"x": 1}}]), "field 'x'"),
    "a line that is not a row": (lambda data: forged(HEADER, [[1, 2]]), "row 1 is not a JSON object"),
    "a row without fields": (lambda data: forged(HEADER, [{"model": "auth.user"}]), "row 1 is not a row"),
    "a row the database refuses": (
        lambda data: forged(HEADER, [{"model": "auth.user", "fields": {"username": None}}]),
        "does not fit this database",
    ),
}


def rows_of(data: bytes) -> list[dict]:
    return [json.loads(line) for line in lines(data)[1:-1]]


@pytest.mark.django_db
def test_a_backup_cut_altered_or_foreign_is_refused_and_nothing_is_written(seed_thesis, tmp_path):
    account("aigul")
    genuine = tmp_path / "genuine.bak"
    write_backup(genuine)
    data = genuine.read_bytes()
    empty_the_database()
    before = every_row()
    wrong, changed = {}, 0
    for name, (tamper, message) in TAMPERINGS.items():
        path = tmp_path / f"{name}.bak"
        path.write_bytes(tamper(data))
        try:
            restore_backup(path)
            wrong[name] = "restored"
        except RestoreRefused as refusal:
            if not re.search(message, str(refusal)):
                wrong[name] = f"refused as {refusal}"
        if changed_tables(before):
            wrong[name], changed = f"changed {changed_tables(before)}", changed + len(changed_tables(before))
            empty_the_database()
    refused = len(TAMPERINGS) - sum(outcome == "restored" for outcome in wrong.values())
    report(f"backup tamper ({connection.vendor})", files=len(TAMPERINGS), refused=refused, changed_tables=changed)
    assert wrong == {}
    restore_backup(genuine)  # the database the files were tried on takes a good one
    assert changed_tables(before) != []


@pytest.mark.django_db
def test_the_restore_command_says_why_it_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"model": "thesis.passage"}]', encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written: it is not a file written by the backup command"):
        call_command("restore", str(path))


def test_backups_keep_times_to_the_microsecond():
    from datetime import UTC, datetime

    from thesis.serialization import LosslessJSONEncoder

    moment = datetime(2026, 3, 2, 10, 0, 0, 456, tzinfo=UTC)
    assert json.dumps(moment, cls=LosslessJSONEncoder) == '"2026-03-02T10:00:00.000456Z"'


class Editor(threading.Thread):
    """An editor saving one passage again and again through the editing service, as fast as it can."""

    def __init__(self, passage: Passage, user):
        super().__init__(daemon=True)
        self.passage, self.user = passage, user
        self.saved = threading.Event()
        self.stop = threading.Event()
        self.saves = 0
        self.error: BaseException | None = None

    def run(self):
        try:
            while not self.stop.is_set():
                version = self.passage.version + self.saves
                text = f"{self.passage.text} {self.saves}"
                editing.save_passage(self.passage.pk, text=text, expected_version=version, user=self.user, reason="r")
                self.saves += 1
                self.saved.set()
        except BaseException as error:  # the test reports it
            self.error = error
        finally:
            connection.close()


def versions_out_of_step() -> list[str]:
    """Each versioned record whose version is not its latest history record's."""
    wrong = []
    for model in apps.get_app_config("thesis").get_models():
        if not hasattr(model, "history") or "version" not in {field.name for field in model._meta.fields}:
            continue
        latest = dict(model.history.order_by("history_id").values_list("id", "version"))
        for pk, version in model._base_manager.values_list("pk", "version"):
            if latest.get(pk, version) != version:
                wrong.append(f"{model._meta.label} {pk} at version {version}, its history at {latest[pk]}")
    return wrong


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_taken_during_edits_is_one_moment(tmp_path, monkeypatch):
    import_file(SEED)
    editor = Editor(Passage.objects.order_by("pk").first(), account("aigul"))
    # Between one model's rows and the next, the editor saves at least once more: a dump that does
    # not read in one snapshot then finds a record and its history at different versions.
    start_object, models_read = python.Serializer.start_object, []

    def after_a_save(serializer, instance):
        if not models_read or models_read[-1] is not type(instance):
            models_read.append(type(instance))
            editor.saved.clear()
            assert editor.saved.wait(10), f"the editor stopped saving: {editor.error!r}"
        start_object(serializer, instance)

    monkeypatch.setattr(python.Serializer, "start_object", after_a_save)
    editor.start()
    try:
        write_backup(tmp_path / "during-edits.bak")
    finally:
        editor.stop.set()
        editor.join(30)
    assert editor.error is None and editor.saves >= len(models_read) > 10
    empty_the_database()
    restore_backup(tmp_path / "during-edits.bak")
    report(f"backup during edits ({connection.vendor})", saves=editor.saves, out_of_step=len(versions_out_of_step()))
    assert versions_out_of_step() == []
