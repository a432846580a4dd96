"""`refresh_markup`: build every passage's stored markup whose inputs changed, as migration 0031 does once."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from thesis.derived import changes
from thesis.derived.markup import refresh_markup
from thesis.models import Thesis


class Command(BaseCommand):
    help = (
        "Build again the stored markup (TEI and HTML) of every passage whose text or links changed since "
        "it was built: after a bulk load or a restore, which bypass the archive's services. A read finds "
        "markup missing or stale and builds it itself, only more slowly."
    )

    def handle(self, **options):
        with changes.atomic(DEFAULT_DB_ALIAS):
            built = refresh_markup(Thesis.objects.values_list("pk", flat=True), DEFAULT_DB_ALIAS)
        if options["verbosity"]:
            self.stdout.write(f"Built the markup of {built} passages.")
