"""How import time grows with the input: generated worst cases imported at 1x, 2x and 4x their size.

Each case is a text that piles up one thing the importer must read (citation markers, lines,
headings, one giant line, names and dates). Each size is imported as the admin's preview does,
inside a transaction that is rolled back, so that every size meets the same empty archive; the
preview's suspected-error report is timed apart. The ratio to linear is time(kx) / (k * time(1x)),
taken on the process's CPU time, which other work on a shared machine disturbs far less than the
wall clock (on SQLite the database works in the same process): 1 is linear, and the target is at
most 2 (time(4x) / time(1x) <= 8).

Run with the database in DATABASE_URL (default: a fresh SQLite file, migrated first):
    python bench/imports.py                        every case from 256 kB, as a Markdown table
    python bench/imports.py --base 1048576 --case markers --case lines
    python bench/imports.py --limit                each case once at IMPORT_MAX_BYTES
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/imports.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import router, transaction  # noqa: E402

from thesis.ingest import uploads  # noqa: E402
from thesis.ingest.exceptions import ImportRefused  # noqa: E402
from thesis.models import Thesis  # noqa: E402

HEAD = "КІРІСПЕ\n  "
FACTORS = (1, 2, 4)


def unit_markers(i: int) -> str:
    """Markers with numbers of their own, all in one paragraph: one sentence and one source each."""
    return f"Дипломатия сөзі [{i % 999_999 + 1}] "


def unit_lines(i: int) -> str:
    """Short lines with no closing punctuation: one paragraph of many lines joined by the normalisation."""
    return f"Сөз {i}\n"


def unit_paragraphs(i: int) -> str:
    """Short indented paragraphs: a passage each."""
    return f"  Сөйлем {i}.\n"


def unit_headings(i: int) -> str:
    """Numbered headings, each with a line of text: a section and a passage each."""
    return f"{i % 99 + 1}.{i % 97 + 1} Тақырып\n  Мәтін.\n"


def unit_giant_line(i: int) -> str:
    """One line with no break: sentences, abbreviations and initials."""
    return f"Бұл т.б. сөйлем {i}. А.Б. Сөз. "


def unit_names(i: int) -> str:
    """People named with initials, each one other, and dates, in one paragraph."""
    family = "".join("абвгдежзиклмнопрстуфхцшыэюя"[int(d)] for d in f"{i:06d}")
    return f"Н.Ә.{family.capitalize()} {1000 + i % 999} ж. айтты [{i % 50 + 1}] "


CASES = {
    "markers": unit_markers,
    "lines": unit_lines,
    "paragraphs": unit_paragraphs,
    "headings": unit_headings,
    "giant-line": unit_giant_line,
    "names-dates": unit_names,
}


def generate(case: str, size: int) -> bytes:
    """A text of about `size` bytes (never more) of the case's units after a heading."""
    unit = CASES[case]
    parts, total, i = [HEAD], len(HEAD.encode()), 0
    while True:
        piece = unit(i)
        length = len(piece.encode())
        if total + length > size:
            break
        parts.append(piece)
        total += length
        i += 1
    return "".join(parts).encode()


def measure(data: bytes) -> tuple[float, float, float]:
    """Seconds to import `data` (wall clock and this process's CPU) and to report its suspects, rolled
    back like a preview."""
    using = router.db_for_write(Thesis)
    with transaction.atomic(using=using):
        started, cpu = time.perf_counter(), time.process_time()
        result = uploads.run(uploads.Upload("bench.txt", data))
        imported, cpu = time.perf_counter(), time.process_time() - cpu
        uploads.describe(result)
        described = time.perf_counter()
        transaction.set_rollback(True, using=using)
    return imported - started, cpu, described - imported


def growth_rows(cases, base: int) -> list[list[str]]:
    rows = []
    for case in cases:
        first = None
        for factor in FACTORS:
            data = generate(case, base * factor)
            seconds, cpu, suspects = measure(data)
            first = first or cpu
            ratio = cpu / (factor * first)
            row = [case, f"{len(data):,}", f"{seconds:.2f}", f"{cpu:.2f}", f"{ratio:.2f}", f"{suspects:.2f}"]
            rows.append(row)
            print(" | ".join(rows[-1]), file=sys.stderr)
    return rows


def limit_rows(cases) -> list[list[str]]:
    rows = []
    for case in cases:
        data = generate(case, settings.IMPORT_MAX_BYTES)
        try:
            seconds, cpu, suspects = measure(data)
        except ImportRefused as refusal:
            rows.append([case, f"{len(data):,}", f"refused: {refusal}", "", ""])
            continue
        rows.append([case, f"{len(data):,}", f"{seconds:.2f}", f"{cpu:.2f}", f"{suspects:.2f}"])
        print(" | ".join(rows[-1]), file=sys.stderr)
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=256 * 1024, help="bytes of the 1x input (default 256 kB)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases (default all)")
    parser.add_argument("--limit", action="store_true", help="each case once at IMPORT_MAX_BYTES instead")
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    cases = options.case or list(CASES)
    if options.limit:
        print(table(["input", "bytes", "import s", "import CPU s", "suspects s"], limit_rows(cases)))
    else:
        header = ["input", "bytes", "import s", "import CPU s", "ratio to linear (CPU)", "suspects s"]
        print(table(header, growth_rows(cases, options.base)))


if __name__ == "__main__":
    main()
