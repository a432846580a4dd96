"""`import_thesis PATH`: import a transcribed thesis, atomically and idempotently (`--job ID`: an admin's upload)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thesis.ingest import import_jobs
from thesis.ingest.exceptions import ImportRefused
from thesis.ingest.importer import import_file


class Command(BaseCommand):
    help = "Import a transcribed thesis text (UTF-8) with its curated data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs="?", help="the thesis text, UTF-8")
        parser.add_argument(
            "--curation", type=Path, help="a curation file (default: the one in fixtures/ for this text)"
        )
        parser.add_argument("--no-curation", action="store_true", help="import only what the parser derives")
        parser.add_argument("--job", type=int, help="run the import job of this number, uploaded in the admin")

    def handle(self, path, curation, no_curation, job, **options):
        if job is not None:
            return self.run_job(job)
        if path is None:
            raise CommandError("name a thesis text to import, or an import job with --job")
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

    def run_job(self, job_id):
        try:
            job = import_jobs.run(job_id)
        except import_jobs.ImportJob.DoesNotExist:
            raise CommandError(f"there is no import job {job_id}") from None
        self.stdout.write(f"Import job {job.pk}: {job.status}. {job.error}".strip())
