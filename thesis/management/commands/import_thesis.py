"""`import_thesis PATH`: import a transcribed thesis, atomically and idempotently."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thesis.services.exceptions import ImportRefused
from thesis.services.importer import import_file


class Command(BaseCommand):
    help = "Import a transcribed thesis text (UTF-8) with its curated data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the thesis text, UTF-8")
        parser.add_argument(
            "--curation", type=Path, help="a curation file (default: the one in fixtures/ for this text)"
        )
        parser.add_argument("--no-curation", action="store_true", help="import only what the parser derives")

    def handle(self, path, curation, no_curation, **options):
        try:
            result = import_file(path, curation_path=curation, use_curation=not no_curation)
        except ImportRefused as error:
            raise CommandError(f"{path}: not imported, nothing was written: {error}") from None
        thesis = result.thesis
        if result.created:
            summary = ", ".join(f"{count} {name}" for name, count in result.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Imported thesis {thesis.pk} «{thesis.title}»: {summary}."))
        else:
            added = sum(result.counts.values())
            self.stdout.write(
                f"Thesis {thesis.pk} «{thesis.title}» was already imported from this file; "
                + (f"added {added} missing curated records." if added else "nothing changed.")
            )
