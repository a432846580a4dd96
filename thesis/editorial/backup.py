"""Backup and restore of everything the archive holds, read in one snapshot, portable between backends.

Content types and permissions are left out: migrations create them, and the backup refers to
them, to accounts and to groups by natural key, so a restore works whatever ids the target
database gave them. The archive's own rows keep their ids, which the API publishes. The file's
format, and the checks a restore makes of it before it writes anything, are in backup_file.py.
"""

import json
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management import call_command
from django.core.management.utils import parse_apps_and_model_labels
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, router
from django.test.utils import override_settings

from thesis.derived import changes

from .backup_file import RestoreRefused, read_rows, writing

# The data version is not data: a restore starts the new database's own (derived/dataversion.py).
# The search indexes are not either: unmanaged models over tables that triggers keep in step with the
# passages, so a restore rebuilds them (and one database's index is no table of the other's). A
# passage's stored markup is built again from what it was built from (`manage.py refresh_markup`).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "thesis.dataversion", "thesis.passagemarkup"]
# Migrations create these (the Editors group); a restore matches them by name instead.
MADE_BY_MIGRATIONS = {"auth.group"}
FORMAT = "archive-jsonl"
# One read transaction for the whole dump, so that every row is read as of one moment: a record
# and its history agree however many saves editors make meanwhile.
BEGIN_SNAPSHOT = {
    "postgresql": "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    # Deferred, it only reads: with the write-ahead log, no save waits for it.
    "sqlite": "BEGIN DEFERRED",
}


def write_backup(path: Path) -> dict[str, int]:
    """Dump every row to `path`, readable by its owner only; return the number of rows per model.

    The file holds password hashes and the login-attempt log. A failed dump leaves no file; a
    finished one replaces an existing file whole, so that file is narrowed to the owner too.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    counts: Counter = Counter()
    try:
        with writing(partial, path.name) as stream, _snapshot(connections[DEFAULT_DB_ALIAS]):
            serializers.serialize(
                FORMAT,
                _counted(_every_row(), counts),
                stream=stream,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return dict(counts)


@contextmanager
def _snapshot(connection):
    """Read everything inside as of one moment, in one read-only transaction."""
    if connection.in_atomic_block:
        # The caller's transaction is the snapshot (a test's); the command and the admin open none.
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(BEGIN_SNAPSHOT[connection.vendor])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")  # it wrote nothing


def _every_row():
    """Every row to back up, the models ordered so that natural keys refer to rows already read."""
    excluded_models, excluded_apps = parse_apps_and_model_labels(EXCLUDED)
    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module is not None]
    for model in serializers.sort_dependencies(app_list, allow_cycles=True):
        kept = model not in excluded_models and model._meta.app_config not in excluded_apps
        stored = model._meta.managed and not model._meta.proxy
        if kept and stored and router.allow_migrate_model(DEFAULT_DB_ALIAS, model):
            yield from model._base_manager.using(DEFAULT_DB_ALIAS).order_by("pk").iterator()


def _counted(objects, counts: Counter):
    for instance in objects:
        counts[instance._meta.label_lower] += 1
        yield instance


def restore_backup(path: Path) -> dict[str, int]:
    """Load a backup into an empty database, all or nothing; return the number of rows per model.

    The whole file is checked first (its format, checksum, completeness and every row), so a
    damaged, cut or altered file is refused before anything is written."""
    rows = read_rows(path)
    for number, row in enumerate(rows, start=1):
        _check_row(number, row)
    labels = sorted(count_rows(rows).keys() - MADE_BY_MIGRATIONS)
    occupied = [label for label in labels if _model(label).objects.exists()]
    if occupied:
        raise RestoreRefused(f"the database is not empty ({', '.join(occupied)} already hold rows)")
    _load(path, rows)
    return count_rows(rows)


def _load(path: Path, rows: list[dict]) -> None:
    # Histories are restored as they were; loading must not record the load itself as changes.
    with tempfile.TemporaryDirectory() as directory, override_settings(SIMPLE_HISTORY_ENABLED=False):
        fixture = Path(directory) / "rows.jsonl"  # the rows checked, not the file, which may change meanwhile
        fixture.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        try:
            with changes.atomic():
                call_command("loaddata", str(fixture), verbosity=0)
        except (DatabaseError, DeserializationError, ValidationError, ValueError) as error:
            raise RestoreRefused(f"{path} does not fit this database: {error}") from None


def count_rows(rows: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    return counts


def _check_row(number: int, row: dict) -> None:
    well_formed = isinstance(row.get("model"), str) and isinstance(row.get("fields"), dict)
    if not well_formed or row.keys() - {"model", "pk", "fields"}:
        raise RestoreRefused(f"row {number} is not a row of a model")
    model = _model(row["model"])
    for name in row["fields"]:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            raise RestoreRefused(f"row {number} ({row['model']}) has a field {name!r} the model does not") from None


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        raise RestoreRefused(f"the backup holds rows of an unknown model {label!r}") from None
