"""`evaluate_search [CONLLU…] [--held-out CONLLU…]`: how well passage search finds the forms of nouns and
adjectives in a treebank's sentences with gold lemmas (recall and precision, macro averaged, per part of
speech), beside matching the typed form alone, with nothing left in the archive: on a development set the
analysis may be tuned on and, apart, on a held-out set it never is; `--min-recall`/`--min-precision` make
it a gate on the held-out set."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thesis.ingest.exceptions import ImportRefused
from thesis.search import search_marks
from thesis.search_trial import METHODS, Trial, run
from thesis.text.search_evaluation import (
    GROUPS,
    CoNLLUError,
    Score,
    Sentence,
    lemma_forms,
    queries,
    read_conllu,
    summaries,
    worst,
)

# The treebank the command reads unless told otherwise (its README says where it comes from): its
# small "train" file is the development set, its "test" file the held-out one whose figures count.
DEFAULT = Path(settings.BASE_DIR) / "fixtures" / "search-evaluation"
DEFAULT_DEV = DEFAULT / "kk_ktb-ud-train.conllu"
DEFAULT_HELD_OUT = DEFAULT / "kk_ktb-ud-test.conllu"
DEV, HELD_OUT = "dev", "held out"
# What a set's heading says of it.
ROLES = {
    DEV: "the analysis may be tuned on these sentences",
    HELD_OUT: "never tuned on: these figures are the ones that count",
}
# The groups a gate holds the search to: the nouns' and adjectives' queries, all and the inflected ones.
GATED = ("NOUN+ADJ", "inflected NOUN+ADJ")
# How many of the worst queries `-v 2` lists, and how many sentences of each it shows.
WORST = 25
EXAMPLES = 3


class Command(BaseCommand):
    help = (
        "Import a treebank's sentences, search for the forms of its nouns and adjectives, score what is found "
        "against its lemmas, and undo the import."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="CoNLL-U files or directories of them, the development set (default: the treebank's train file)",
        )
        parser.add_argument(
            "--held-out",
            nargs="+",
            default=None,
            help="CoNLL-U files or directories of them never tuned on, scored apart "
            "(default, without paths: the treebank's test file)",
        )
        parser.add_argument("--json", dest="print_json", action="store_true", help="print the scores as JSON")
        parser.add_argument(
            "--min-recall", type=float, help="fail when the search's macro recall of nouns and adjectives is lower"
        )
        parser.add_argument(
            "--min-precision",
            type=float,
            help="fail when the search's macro precision of nouns and adjectives is lower",
        )

    def handle(self, paths, held_out, print_json, min_recall, min_precision, **options):
        # Every file is read before any import, so that a broken one stops the command with nothing done.
        sets = [(name, conllu_files(files)) for name, files in evaluation_sets(paths, held_out)]
        read = [(name, files, read_sentences(files)) for name, files in sets]
        reports = []
        for name, files, sentences in read:
            trial = evaluate(sentences)
            reports.append({"set": name, "files": [path.name for path in files], **summary(trial, len(sentences))})
            if options["verbosity"] > 1:
                self.stdout.write(worst_text(trial.scores["search"], sentences))
            if not print_json:
                self.stdout.write(heading(reports[-1]) + "\n" + table(reports[-1]))
        if print_json:
            self.stdout.write(json.dumps(reports, ensure_ascii=False))
        failing = below_bar(gated(reports), min_recall, min_precision)
        if failing:
            raise CommandError(f"below the bar in {', '.join(failing)}")


def evaluation_sets(paths: list[str], held_out: list[str] | None) -> list[tuple[str, list[str]]]:
    """The sets to score apart, each named: the development set (`paths`) and the held-out one; without
    paths, the treebank's train and test files; with paths and no held-out set, those paths alone."""
    if not paths:
        return [(DEV, [DEFAULT_DEV]), (HELD_OUT, held_out or [DEFAULT_HELD_OUT])]
    return [(DEV, paths)] + ([(HELD_OUT, held_out)] if held_out else [])


def evaluate(sentences: list[Sentence]) -> Trial:
    """The trial of every query of `sentences`; a CommandError when there is none or the import is refused."""
    asked = queries(sentences)
    if not asked:
        raise CommandError("nothing to search for: no noun, adjective or proper noun stands in two sentences")
    try:
        return run(sentences, asked)
    except ImportRefused as error:
        raise CommandError(f"nothing was evaluated: {error}") from None


def gated(reports: list[dict]) -> dict:
    """The report a gate holds to its bars: the held-out set's, or the only set's."""
    return next((report for report in reports if report["set"] == HELD_OUT), reports[-1])


def heading(report: dict) -> str:
    """Which set a table is of, its files, and whether it was tuned on."""
    return f"{report['set']} ({', '.join(report['files'])}): {ROLES[report['set']]}"


def conllu_files(paths) -> list[Path]:
    """The CoNLL-U files among `paths` and in the directories among them, in name order."""
    found = []
    for path in map(Path, paths):
        found += sorted(path.glob("*.conllu")) if path.is_dir() else [path]
    if not found:
        raise CommandError(f"no CoNLL-U files in {' '.join(map(str, paths))}")
    return found


def read_sentences(files: list[Path]) -> list[Sentence]:
    """The sentences of every file, in order; a CommandError naming the file that cannot be read."""
    sentences = []
    for path in files:
        try:
            sentences += read_conllu(path.read_text(encoding="utf-8"), path.name)
        except (OSError, UnicodeDecodeError, CoNLLUError) as error:
            raise CommandError(f"nothing was evaluated: {path.name}: {error}") from None
    return sentences


def summary(trial: Trial, sentences: int) -> dict:
    """The report: each method's macro averages by group, and what was measured on what, in how long."""
    groups = {method: summaries(scores) for method, scores in trial.scores.items()}
    return {
        "database": trial.vendor,
        "sentences": sentences,
        "queries": len(trial.scores["search"]),
        "seconds": {stage: round(seconds, 2) for stage, seconds in trial.seconds.items()},
        "groups": {
            group: {
                "queries": groups["search"][group].queries,
                **{method: _rounded(vars(groups[method][group])) for method in METHODS},
            }
            for group in GROUPS
        },
    }


def _rounded(figures: dict) -> dict:
    return {"recall": round(figures["recall"], 4), "precision": round(figures["precision"], 4)}


def below_bar(report: dict, min_recall: float | None, min_precision: float | None) -> list[str]:
    """The gated groups' figures below their bars, each named."""
    failing = []
    for group in GATED:
        found = report["groups"][group]["search"]
        for name, bar in (("recall", min_recall), ("precision", min_precision)):
            if bar is not None and found[name] < bar:
                failing.append(f"{group} {name} {found[name]:.3f} < {bar}")
    return failing


def table(report: dict) -> str:
    """One line per group: its queries, and each method's macro recall and precision."""
    lines = [f"{'group':20} {'queries':>7} " + " ".join(f"{method:>25}" for method in METHODS)]
    lines.append(f"{'':20} {'':>7} " + " ".join(f"{'recall':>12} {'precision':>12}" for _method in METHODS))
    for group, row in report["groups"].items():
        figures = " ".join(f"{row[m]['recall']:>12.3f} {row[m]['precision']:>12.3f}" for m in METHODS)
        lines.append(f"{group:20} {row['queries']:>7} {figures}")
    seconds = report["seconds"]
    lines.append(
        f"{report['sentences']} sentences, {report['queries']} queries on {report['database']}: "
        f"imported in {seconds['import']:.1f} s, searched in {seconds['search']:.1f} s"
    )
    return "\n".join(lines)


def worst_text(scores: list[Score], sentences: list[Sentence]) -> str:
    """The queries the search did worst on, each with the forms it missed and what it found instead."""
    lines = []
    for score in worst(scores, WORST):
        query = score.query
        lines.append(
            f"{query.text} ({query.upos} {query.lemma}) recall {len(score.right)}/{len(query.relevant)}"
            f" precision {len(score.right)}/{len(score.found)}"
        )
        missed = [form for index in sorted(score.missed) for form in lemma_forms(sentences[index], query.lemma)]
        if missed:
            lines.append("  - missed: " + ", ".join(dict.fromkeys(missed)))
        # Only a query the search took found anything wrongly, so only such a query's marks are asked for.
        marks = search_marks(query.text) if score.wrong else None
        for index in sorted(score.wrong)[:EXAMPLES]:
            text = sentences[index].text
            marked = ", ".join(dict.fromkeys(text[start:end] for start, end in marks.spans(text)))
            lines.append(f"  + found {marked or '?'} in: {text[:80]}")
    return "\n".join(lines)
