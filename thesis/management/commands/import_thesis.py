"""`import_thesis PATH`: import a transcribed thesis, atomically and idempotently (`--job ID`: an admin's upload;
`--line-breaks`: what a line break inside a paragraph stands for, when not as the text decides)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thesis.ingest import import_jobs
from thesis.ingest.exceptions import ImportRefused
from thesis.ingest.importer import import_file
from thesis.text.line_breaks import Decision
from thesis.text.normalisation import Layout

AUTO = "auto"


class Command(BaseCommand):
    help = "Import a transcribed thesis text (UTF-8) with its curated data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs="?", help="the thesis text, UTF-8")
        parser.add_argument(
            "--curation", type=Path, help="a curation file (default: the one in fixtures/ for this text)"
        )
        parser.add_argument("--no-curation", action="store_true", help="import only what the parser derives")
        parser.add_argument("--job", type=int, help="run the import job of this number, uploaded in the admin")
        parser.add_argument(
            "--line-breaks",
            choices=[AUTO, *(layout.value for layout in Layout)],
            default=AUTO,
            help="what a line break inside a paragraph stands for: a lost '. ' (lost-period), a hard wrap "
            "(wrap) or a line of its own (line); by default (auto) the text decides",
        )

    def handle(self, path, curation, no_curation, job, line_breaks, **options):
        if job is not None:
            return self.run_job(job)
        if path is None:
            raise CommandError("name a thesis text to import, or an import job with --job")
        try:
            chosen = None if line_breaks == AUTO else Layout(line_breaks)
            result = import_file(path, curation_path=curation, use_curation=not no_curation, line_breaks=chosen)
        except ImportRefused as error:
            raise CommandError(f"{path}: not imported, nothing was written: {error}") from None
        thesis = result.thesis
        if result.decision is not None:
            self.stdout.write(decision_line(result.decision, thesis.line_breaks))
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


def decision_line(decision: Decision, used: str) -> str:
    """What the text's line breaks were read as, and the evidence the text gave."""
    e = decision.evidence
    evidence = (
        f"{e.breaks} line breaks inside paragraphs; the next line starts with a capital after "
        f"{e.capital_next} of {e.judged} ({e.capital_share:.0%}), with a list marker after {e.list_next}; "
        f"{e.terminal_end} lines end in terminal punctuation ({e.terminal_share:.0%}); {e.inline_ends} "
        f"sentences end inside a line ({e.inline_ends_per_line:.2f} a line); median line {e.median_length} "
        f"characters, {e.width_share:.0%} near the width"
    )
    read = f"Line breaks read as {used}" + ("" if used == decision.layout else f" (the text says {decision.layout})")
    return f"{read}; rule '{decision.rule}': {evidence}."
