"""`export_dump DIR`: write a dump of the whole archive into DIR, which must be absent or empty."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.dump import DumpRefused, export_dump


class Command(BaseCommand):
    help = (
        "Write the archive's dump into DIR (absent or empty): a folder named by the day and data version, "
        "holding a Frictionless data package of the API's tables, each thesis's TEI and original text, a "
        "SQLite file for Datasette, the reading site as files (site/index.html) and SHA256SUMS, and a zip of "
        "that folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", help="where to write the dump: a folder that does not exist or is empty")
        parser.add_argument(
            "--base-url",
            help=(
                "the site's root, e.g. https://archive.example.org/, for the TEI's absolute addresses and "
                "for the site copy's links to what only the server answers (search, the API)"
            ),
        )

    def handle(self, dir, base_url=None, **options):
        try:
            name = export_dump(dir, timezone.now(), base_url)
        except DumpRefused as error:
            raise CommandError(f"DIR: {error}") from None
        self.stdout.write(f"Wrote {name} and {name}.zip into {dir}")
