"""`backup FILE`: write every row the archive holds (texts, edits, history, accounts) to one checksummed file."""

from pathlib import Path

from django.core.management.base import BaseCommand

from thesis.editorial.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write everything (theses, editors' changes, history, ignore lists, accounts), as of one moment, to a "
        "checksummed backup readable by its owner only; a name ending in .gz, .bz2 or .xz is compressed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup file to write")

    def handle(self, path, **options):
        counts = write_backup(path)
        self.stdout.write(self.style.SUCCESS(f"Wrote {sum(counts.values())} rows of {len(counts)} models to {path}."))
