"""`refresh_suspects`: check every thesis and store its open suspects, as migration 0016 does once."""

from django.core.management.base import BaseCommand

from thesis.derived import changes, dataversion
from thesis.derived.stored_suspects import refresh_all


class Command(BaseCommand):
    help = (
        "Check every thesis's suspected errors again and store them with its passages: after the "
        "spell-checker or its dictionary changed, or a bulk load that bypassed the archive's services."
    )

    def handle(self, **options):
        with changes.atomic():
            changed = refresh_all()
            # Its rows are written in bulk, which no signal reports: the theses whose suspects changed
            # count a change, so that no cached answer keeps the suspects as they were.
            if changed:
                dataversion.bump(theses=changed)
        if options["verbosity"]:
            self.stdout.write(f"Checked the suspects of every thesis; those of {len(changed)} changed.")
