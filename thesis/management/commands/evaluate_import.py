"""`evaluate_import GOLD…`: how well the importer reads documents checked by hand, per document and per kind of
fact (right, missed, wrong), with nothing left in the archive; `--min-recall`/`--max-wrong` make it a gate."""

import json

from django.core.management.base import BaseCommand, CommandError

from thesis.ingest.evaluation import KINDS, Score, evaluate, gold_files, read_gold
from thesis.ingest.exceptions import ImportRefused


class Command(BaseCommand):
    help = "Import documents with gold files, compare what was derived with the gold, and undo the imports."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="gold files (NAME.gold.json beside NAME.txt) or directories of them"
        )
        parser.add_argument("--json", dest="print_json", action="store_true", help="print the scores as JSON")
        parser.add_argument("--min-recall", type=float, help="fail when a kind's total derives less of the text right")
        parser.add_argument("--max-wrong", type=float, help="fail when more of a kind's total derived facts are wrong")

    def handle(self, paths, print_json, min_recall, max_wrong, **options):
        try:
            documents = [read_gold(path) for path in gold_files(paths)]
        except ImportRefused as error:
            raise CommandError(f"nothing was evaluated: {error}") from None
        if not documents:
            raise CommandError(f"no gold files in {' '.join(paths)}")
        found = {document.name: evaluate(document, gold) for document, gold in documents}
        scores = {name: {kind: row[0] for kind, row in by_kind.items()} for name, by_kind in found.items()}
        totals = total(scores)
        if options["verbosity"] > 1:
            self.stdout.write(differences_text(found))
        self.stdout.write(as_json(scores, totals) if print_json else table(scores, totals))
        failing = [kind for kind, score in totals.items() if not passes(score, min_recall, max_wrong)]
        if failing:
            raise CommandError(f"below the bar in {', '.join(failing)}")


def differences_text(found: dict) -> str:
    """What each document's import missed (-) and derived wrong (+), kind by kind."""
    lines = []
    for name, by_kind in found.items():
        for kind, (_score, missed, wrong) in by_kind.items():
            lines += [f"{name} {kind} - {fact}" for fact in missed] + [f"{name} {kind} + {fact}" for fact in wrong]
    return "\n".join(lines)


def total(scores: dict[str, dict[str, Score]]) -> dict[str, Score]:
    """Each kind's score summed over the documents that give it."""
    totals: dict[str, Score] = {}
    for by_kind in scores.values():
        for kind, score in by_kind.items():
            totals[kind] = totals.get(kind, Score(0, 0, 0)) + score
    return {kind: totals[kind] for kind in KINDS if kind in totals}


def passes(score: Score, min_recall: float | None, max_wrong: float | None) -> bool:
    return (min_recall is None or score.recall >= min_recall) and (max_wrong is None or score.wrong_share <= max_wrong)


def table(scores: dict[str, dict[str, Score]], totals: dict[str, Score]) -> str:
    """One line per document and kind: right/expected, wrong/derived, and the shares."""
    lines = [f"{'document':40} {'kind':10} {'right':>12} {'wrong':>12}"]
    for name, by_kind in [*scores.items(), ("TOTAL", totals)]:
        for kind, score in by_kind.items():
            right = f"{score.right}/{score.expected} {score.recall:4.0%}"
            wrong = f"{score.wrong}/{score.derived} {score.wrong_share:4.0%}"
            lines.append(f"{name[:40]:40} {kind:10} {right:>12} {wrong:>12}")
    return "\n".join(lines)


def as_json(scores: dict[str, dict[str, Score]], totals: dict[str, Score]) -> str:
    rows = {name: {kind: vars(score) for kind, score in by_kind.items()} for name, by_kind in scores.items()}
    return json.dumps({"documents": rows, "total": {kind: vars(s) for kind, s in totals.items()}}, ensure_ascii=False)
