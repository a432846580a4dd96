"""How well the spell-check does on a reference list of a thesis's misspellings, beside Hunspell alone."""

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from thesis.derived.suspects import DICTIONARY_KINDS, find_suspects

MISSPELLING = "misspelling"


@dataclass(frozen=True)
class Listed:
    """One occurrence of an error a proofreader listed: the word as found, its passage, the fix."""

    found: str
    passage: int
    correct: str
    kind: str
    note: str = ""


@dataclass
class Figures:
    """The measures, each a count of listed misspellings (or of suspects, for the false alarms)."""

    listed: int
    flagged: int
    first: int
    top3: int
    suspects: int
    false_alarms: int
    hunspell_flagged: int
    hunspell_first: int

    def share(self, count: int) -> float:
        return count / self.listed if self.listed else 0.0

    @property
    def false_alarm_share(self) -> float:
        return self.false_alarms / self.suspects if self.suspects else 0.0

    def summary(self) -> str:
        return (
            f"{self.listed} misspellings listed; the checker flags {self.flagged}, the right correction first "
            f"for {self.first} ({self.share(self.first):.0%}), in the top 3 for {self.top3} "
            f"({self.share(self.top3):.0%}); {self.false_alarms} false alarms of {self.suspects} dictionary "
            f"suspects ({self.false_alarm_share:.0%}). Hunspell alone flags {self.hunspell_flagged}, "
            f"first {self.hunspell_first}."
        )


def read_reference(path: Path) -> list[Listed]:
    """The rows of a tab-separated reference list; lines starting with # are its description."""
    with open(path, encoding="utf-8") as file:
        lines = [line for line in file if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return [Listed(r["found"], int(r["passage"]), r["correct"], r["kind"], r.get("note") or "") for r in rows]


def measure(thesis, reference: list[Listed], speller) -> Figures:
    """The checker's figures on `reference` over the thesis's suspects, and Hunspell's alone (its
    check and its first suggestion for each listed word). A suspect of a dictionary kind whose word
    (in its passage) is in no row of the reference is a false alarm; the rows of other kinds are real
    errors, neither measured nor false alarms."""
    report = find_suspects(thesis, speller=speller)
    suspects = [s for kind in DICTIONARY_KINDS for s in report.by_kind[kind]]
    by_place: dict[tuple[str, int], list] = {}
    for suspect in suspects:
        by_place.setdefault((suspect.found, suspect.passage_order), []).append(suspect)
    misspellings = [row for row in reference if row.kind == MISSPELLING]
    flagged = first = top3 = 0
    for row in misspellings:
        found = by_place.get((row.found, row.passage))
        if found:
            flagged += 1
            first += found[0].suggestions[:1] == [row.correct]
            top3 += row.correct in found[0].suggestions[:3]
    listed = Counter((row.found, row.passage) for row in reference)
    alarms = sum(max(0, len(items) - listed[place]) for place, items in by_place.items())
    return Figures(
        listed=len(misspellings),
        flagged=flagged,
        first=first,
        top3=top3,
        suspects=len(suspects),
        false_alarms=alarms,
        hunspell_flagged=sum(not speller.dictionary.check(row.found) for row in misspellings),
        hunspell_first=sum(
            not speller.dictionary.check(row.found) and speller.hunspell_suggestions(row.found)[:1] == [row.correct]
            for row in misspellings
        ),
    )
