"""`export_thesis`: write a thesis's original (byte for byte) or its current reading text."""

import sys

from django.core.management.base import BaseCommand, CommandError

from thesis.models import Thesis
from thesis.services.export import RebuildError, current_text, rebuild_original


class Command(BaseCommand):
    help = "Write the original text rebuilt from its spans, or the current reading text."

    def add_arguments(self, parser):
        parser.add_argument("--thesis", type=int, help="thesis id (default: the only thesis)")
        parser.add_argument(
            "text_version",
            nargs="?",
            choices=["original", "current"],
            default="current",
            help="original: the imported file byte for byte; current: the reading text (default)",
        )
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, thesis, text_version, output, **options):
        chosen = self._thesis(thesis)
        try:
            text = rebuild_original(chosen) if text_version == "original" else current_text(chosen)
        except RebuildError as error:
            raise CommandError(str(error)) from None
        data = text.encode("utf-8")
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    def _thesis(self, thesis_id):
        if thesis_id is not None:
            try:
                return Thesis.objects.select_related("source_document").get(pk=thesis_id)
            except Thesis.DoesNotExist:
                raise CommandError(f"--thesis: no thesis with id {thesis_id}") from None
        theses = list(Thesis.objects.select_related("source_document")[:2])
        if len(theses) != 1:
            raise CommandError(f"--thesis is required: there are {'no' if not theses else 'several'} theses")
        return theses[0]
