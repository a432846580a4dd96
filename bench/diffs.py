"""How a word diff's time grows with the passage: generated worst cases diffed at 1x, 2x and 4x their size.

Each case is a pair of texts that piles up one thing the matching must work through: line breaks that
all became spaces (the import of a passage of one-word lines), a word changed every hundred in a text
of five words repeated (no word is found once, so the fewest edits are searched for), two unrelated
texts of those five words (the most edits there can be), and the thesis's own text with a word in
every ten changed. The ratio to linear is time(kx) / (k * time(1x)), on the process's CPU time: 1 is
linear, and the target is at most 2.

    python bench/diffs.py                  every case from 5,000 words, as a Markdown table
    python bench/diffs.py --base 20000 --case joints
"""

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thesis.text.diffs import compact_diff, word_diff  # noqa: E402

FACTORS = (1, 2, 4)
FIVE = "абвгд"
THESIS = ROOT / "fixtures" / "diplomacy-thesis.kk.txt"


def one_word_lines(words: int) -> list[str]:
    return [FIVE[i % 5] for i in range(words)]


def case_joints(words: int) -> tuple[str, str]:
    """Every line break a space: the import's first version of a passage of one-word lines."""
    lines = one_word_lines(words)
    return "\n".join(lines), " ".join(lines)


def case_scattered(words: int) -> tuple[str, str]:
    """A word in every hundred changed, in a text of five words repeated, its line breaks all spaces."""
    lines = one_word_lines(words)
    return "\n".join(lines), " ".join(w.upper() if i % 100 == 50 else w for i, w in enumerate(lines))


def case_unrelated(words: int) -> tuple[str, str]:
    """Two texts of five words in random order: no word found once, and an edit every other word."""
    chosen = random.Random(words)
    return tuple(" ".join(chosen.choice(FIVE) for _ in range(words)) for _ in range(2))


def case_thesis(words: int) -> tuple[str, str]:
    """The thesis's own words, repeated to the size, with one word in ten changed."""
    text = THESIS.read_text(encoding="utf-8").split()
    old = [text[i % len(text)] for i in range(words)]
    return " ".join(old), " ".join(w + "ы" if i % 10 == 5 else w for i, w in enumerate(old))


CASES = {"joints": case_joints, "scattered": case_scattered, "unrelated": case_unrelated, "thesis": case_thesis}


def measure(old: str, new: str) -> tuple[float, float, int]:
    """Seconds and CPU seconds of the diff a reader is shown, and the number of its pieces."""
    start, cpu = time.perf_counter(), time.process_time()
    shown = compact_diff(word_diff(old, new, spacing=False))
    return time.perf_counter() - start, time.process_time() - cpu, len(shown)


def growth_rows(cases, base: int) -> list[list[str]]:
    rows = []
    for case in cases:
        first = None
        for factor in FACTORS:
            seconds, cpu, pieces = measure(*CASES[case](base * factor))
            first = first or cpu
            row = [case, f"{base * factor:,}", f"{seconds:.3f}", f"{cpu:.3f}", f"{cpu / (factor * first):.2f}"]
            rows.append([*row, f"{pieces:,}"])
            print(" | ".join(rows[-1]), file=sys.stderr)
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=5000, help="words at 1x (default 5,000)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="a case to run (default: all)")
    options = parser.parse_args()
    header = ["case", "words", "diff s", "diff CPU s", "ratio to linear (CPU)", "pieces shown"]
    print(table(header, growth_rows(options.case or list(CASES), options.base)))


if __name__ == "__main__":
    main()
