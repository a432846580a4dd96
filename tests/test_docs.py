"""The README and docs/ hold together: every relative link reaches a file (and its heading, when it names
one), and CI finds the README's set-up commands where it looks for them."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "bench" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
CODE_RE = re.compile(r"```.*?```", re.S)


def anchor(heading: str) -> str:
    """The anchor a heading gets, as the code host renders Markdown: lower case, punctuation dropped."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = CODE_RE.sub("", path.read_text(encoding="utf-8"))
    return {anchor(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def broken_links(path: Path) -> list[str]:
    broken = []
    for target in LINK_RE.findall(CODE_RE.sub("", path.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, fragment = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        if not linked.exists() or (fragment and fragment not in anchors(linked)):
            broken.append(target)
    return broken


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_resolves(path):
    assert broken_links(path) == []


def test_the_anchors_are_those_of_the_headings():
    assert anchor("1. One machine, production settings") == "1-one-machine-production-settings"
    assert anchor("PostgreSQL instead of SQLite") == "postgresql-instead-of-sqlite"


@pytest.mark.parametrize("marker", ["test-command", "serve-command"])
def test_ci_finds_each_set_up_command_on_one_line(marker):
    # The same extraction as .ci/run's, so that moving the README's text around cannot leave CI without a command.
    script = f"/<!-- {marker} -->/ {{getline; getline; print; exit}}"
    command = subprocess.run(["awk", script, "README.md"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert command.startswith("python3 -m venv .venv && ")
    assert command.count("\n") == 1
