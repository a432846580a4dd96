"""`export_thesis`: write a thesis's original (byte for byte), its current reading text, or its TEI edition."""

import sys

from django.core.management.base import BaseCommand, CommandError

from thesis.editions import tei
from thesis.editions.export import RebuildError, current_text, rebuild_original
from thesis.models import Thesis


class Command(BaseCommand):
    help = "Write the original text rebuilt from its spans, the current reading text, or the TEI edition."

    def add_arguments(self, parser):
        parser.add_argument("--thesis", type=int, help="thesis id (default: the only thesis)")
        parser.add_argument(
            "text_version",
            nargs="?",
            choices=["original", "current", "tei"],
            default="current",
            help="original: the imported file byte for byte; current: the reading text (default); "
            "tei: the TEI P5 edition",
        )
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--base-url", help="for tei: the site's root, e.g. https://archive.example.org/, for an absolute address"
        )

    def handle(self, thesis, text_version, output, base_url=None, **options):
        chosen = self._thesis(thesis)
        data = self._data(chosen, text_version, base_url)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    def _data(self, thesis, text_version, base_url) -> bytes:
        if text_version == "tei":
            return tei.serialize(tei.edition(thesis, base_url=base_url))
        try:
            text = rebuild_original(thesis) if text_version == "original" else current_text(thesis)
        except RebuildError as error:
            raise CommandError(str(error)) from None
        return text.encode("utf-8")

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
