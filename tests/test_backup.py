"""Backup and restore: everything survives SQLite → PostgreSQL → SQLite, row for row."""

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from thesis import serialization as archive_json
from thesis.models import IgnoredWord
from thesis.services.backup import RestoreRefused, restore_backup, write_backup

from .conftest import SEED
from .database_state import changed_tables, every_row

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
    return json.loads(path.read_text(encoding="utf-8"))


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
    backup = tmp_path / "backup.json"
    counts = write_backup(backup)
    before = rows(backup)
    for model in ("thesis", "passage"):
        assert counts[f"thesis.{model}"] >= 1
    from django.apps import apps

    # Empty the archive's tables, children first, as a fresh database would be.
    for model in reversed(list(apps.get_app_config("thesis").get_models())):
        if model._meta.managed:  # the SQLite search index empties itself through its triggers
            model._base_manager.all()._raw_delete(model._base_manager.db)
    call_command("restore", str(backup))
    write_backup(tmp_path / "again.json")
    assert rows(tmp_path / "again.json") == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [("{", "cannot read"), ('{"a": 1}', "not a backup"), ('[{"model": "nowhere.thing"}]', "unknown model")],
)
def test_a_bad_backup_file_is_refused(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=f"nothing was written: .*{message}"):
        call_command("restore", str(path))


def test_backups_keep_times_to_the_microsecond():
    from datetime import UTC, datetime

    from thesis.serialization import LosslessJSONEncoder

    moment = datetime(2026, 3, 2, 10, 0, 0, 456, tzinfo=UTC)
    assert json.dumps(moment, cls=LosslessJSONEncoder) == '"2026-03-02T10:00:00.000456Z"'
