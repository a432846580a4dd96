"""`restore FILE`: load a backup into an empty, migrated database, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thesis.editorial.backup import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database (run migrate first), once the whole file is checked: "
        "a damaged, cut or altered file is refused and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a file written by the backup command")

    def handle(self, path, **options):
        try:
            counts = restore_backup(path)
        except RestoreRefused as error:
            raise CommandError(f"not restored, nothing was written: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(counts.values())} rows of {len(counts)} models."))
