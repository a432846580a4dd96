"""Backup and restore of everything the archive holds, as one JSON fixture portable between backends.

Content types and permissions are left out: migrations create them, and the backup refers to
them, to accounts and to groups by natural key, so a restore works whatever ids the target
database gave them. The archive's own rows keep their ids, which the API publishes.
"""

import json
import os
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.test.utils import override_settings

from . import changes

# The data version is not data: a restore starts the new database's own (services/dataversion.py).
# The search index is SQLite's alone and follows the passages through triggers, so it is rebuilt.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "thesis.dataversion", "thesis.passagetextindex"]
# Migrations create these (the Editors group); a restore matches them by name instead.
MADE_BY_MIGRATIONS = {"auth.group"}


class RestoreRefused(Exception):
    """The backup cannot be restored here; nothing was written."""


def write_backup(path: Path) -> dict[str, int]:
    """Dump every row to `path`, readable by its owner only; return the number of rows per model.

    The file holds password hashes and the login-attempt log. A failed dump leaves no file; a
    finished one replaces an existing file whole, so that file is narrowed to the owner too.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        _create_private(partial)
        call_command(
            "dumpdata",
            format="archive-json",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=True,
            output=str(partial),
            verbosity=0,
        )
        counts = count_rows(json.loads(partial.read_text(encoding="utf-8")))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return counts


def _create_private(path: Path) -> None:
    """Create `path` empty with mode 0600, so that no row is ever readable by others; dumpdata keeps the mode."""
    # A file left by a killed run may be readable by others; O_EXCL then refuses anything put in its place.
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(descriptor, 0o600)  # the umask may have taken the owner's own bits away
    finally:
        os.close(descriptor)


def restore_backup(path: Path) -> dict[str, int]:
    """Load a backup into an empty database, all or nothing; return the number of rows per model."""
    rows = _read(path)
    labels = sorted(count_rows(rows).keys() - MADE_BY_MIGRATIONS)
    occupied = [label for label in labels if _model(label).objects.exists()]
    if occupied:
        raise RestoreRefused(f"the database is not empty ({', '.join(occupied)} already hold rows)")
    # Histories are restored as they were; loading must not record the load itself as changes.
    with override_settings(SIMPLE_HISTORY_ENABLED=False), changes.atomic():
        call_command("loaddata", str(path), verbosity=0)
    return count_rows(rows)


def count_rows(rows: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    return counts


def _read(path: Path) -> list[dict]:
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RestoreRefused(f"cannot read {path}: {error}") from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "model" in r for r in rows):
        raise RestoreRefused(f"{path} is not a backup written by the backup command")
    for label in count_rows(rows):
        _model(label)
    return rows


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        raise RestoreRefused(f"the backup holds rows of an unknown model {label!r}") from None
