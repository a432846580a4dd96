"""`generate_corpus`: a deterministic synthetic corpus at a chosen scale, made from the seed's words."""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries

from synthetic.corpus import DEFAULT_COUNTS, Counts, load_vocabulary, plan_corpus
from synthetic.store import analyse, clear_synthetic, synthetic_theses, write_plans

SEED_TEXT = Path(settings.BASE_DIR) / "fixtures" / "diplomacy-thesis.kk.txt"
PROGRESS_EVERY = 2.0


class Command(BaseCommand):
    help = (
        "Build a synthetic corpus from the seed thesis's words and patterns: by default 1,000 theses, "
        "200,000 passages, 50,000 events, 20,000 sources and 5,000 authors. The same --seed gives the same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
        parser.add_argument("--scale", type=float, default=1.0, help="multiply every default count, e.g. 0.1")
        for name in ("theses", "passages", "events", "sources", "authors"):
            parser.add_argument(f"--{name}", type=int, help=f"how many {name} in all (overrides --scale)")
        parser.add_argument("--clear", action="store_true", help="remove earlier synthetic theses first")
        parser.add_argument("--clear-only", action="store_true", help="remove earlier synthetic theses and stop")
        parser.add_argument("--history", action="store_true", help="also write a history record of each row")
        parser.add_argument("--batch", type=int, default=20, help="theses per transaction (default 20)")
        parser.add_argument("--vocabulary", type=Path, default=SEED_TEXT, help="the text whose words are used")

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["clear"] or options["clear_only"]:
            removed = clear_synthetic()
            self.stdout.write(f"Removed {removed} synthetic theses.")
            if options["clear_only"]:
                return
        existing = synthetic_theses().count()
        if existing:
            raise CommandError(f"the database already holds {existing} synthetic theses: pass --clear to replace them")
        counts = self._counts(options)
        written = self._generate(counts, options)
        analyse()
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{count:,} {name}" for name, count in written.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {elapsed:.1f} s (seed {options['seed']})."))

    def _counts(self, options) -> Counts:
        scaled = DEFAULT_COUNTS.scaled(options["scale"])
        given = {name: options[name] for name in ("theses", "passages", "events", "sources", "authors")}
        counts = Counts(**{name: given[name] if given[name] is not None else getattr(scaled, name) for name in given})
        if counts.theses < 1 or counts.passages < counts.theses or min(vars(counts).values()) < 0:
            raise CommandError("need at least one thesis, a passage per thesis, and no negative count")
        return counts

    def _generate(self, counts: Counts, options):
        vocabulary = load_vocabulary(options["vocabulary"])
        plans = plan_corpus(vocabulary, options["seed"], counts)
        written = {}
        started = last_report = time.monotonic()
        done = 0
        while done < counts.theses:
            batch = [next(plans) for _ in range(min(options["batch"], counts.theses - done))]
            for name, count in write_plans(batch, history=options["history"]).items():
                written[name] = written.get(name, 0) + count
            # Under DEBUG every statement is kept, bulk inserts and all: drop them as we go.
            reset_queries()
            done += len(batch)
            now = time.monotonic()
            if now - last_report >= PROGRESS_EVERY or done == counts.theses:
                last_report = now
                self._progress(done, counts.theses, written.get("passages", 0), now - started, options)
        return written

    def _progress(self, done, total, passages, elapsed, options):
        if options["verbosity"] < 1:
            return
        left = elapsed / done * (total - done)
        sys.stderr.write(
            f"generate_corpus: {done:,}/{total:,} theses ({done / total:.0%}), {passages:,} passages, "
            f"{elapsed:.1f} s, about {left:.0f} s left\n"
        )
        sys.stderr.flush()
