"""The import rules of docs/architecture.md hold: every import of the project's code is read and
checked against the table there, and the rules of the text import no Django."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGES = ("project", "api", "reading", "harvest", "thesis", "synthetic")
ROW_RE = re.compile(r"^\| `(?P<package>[\w.]+)` \| (?P<allowed>.+) \|$", re.M)


def rules() -> dict[str, set[str]]:
    """The table of docs/architecture.md: each package and the packages it may import."""
    return {row["package"]: set(re.findall(r"`([\w.]+)`", row["allowed"])) for row in ROW_RE.finditer(DOC.read_text())}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """The absolute names of the modules a file imports, relative imports resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is None:
            # "from . import editing" imports the module editing of the package.
            base = package[: len(package) - node.level + 1]
            names.update(".".join([*base, alias.name]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            names.add(".".join([*base, node.module]))
    return names


def layer(module: str, layers) -> str | None:
    """The most specific package of the table that holds this module."""
    holders = [name for name in layers if module == name or module.startswith(name + ".")]
    return max(holders, key=len) if holders else None


def project_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_table_names_every_package_of_the_project():
    table = rules()
    expected = {
        "thesis.text",
        "thesis.history",
        "thesis.derived",
        "thesis.ingest",
        "thesis.editorial",
        "thesis.proofing",
        "thesis.editions",
        "thesis.internals",
        "thesis.models",
        "thesis",
        "api",
        "reading",
        "harvest",
        "project",
        "synthetic",
    }
    assert expected <= set(table)
    assert all(layer(module_name(path), table) for path in project_files())


def test_every_import_keeps_to_the_table():
    table = rules()
    broken = []
    for path in project_files():
        importer = layer(module_name(path), table)
        for module in imported_modules(path):
            if not allowed(module, table[importer], table):
                broken.append(f"{path.relative_to(ROOT)} ({importer}) imports {module}")
    assert broken == []


def allowed(module: str, may_import: set[str], table) -> bool:
    """Outside the project, or in a package of the importer's list (a module the list names, such as
    project.clients, counts on its own)."""
    target = layer(module, table)
    return target is None or target in may_import or layer(module, may_import) is not None


def private_names_imported(source: str, package: list[str]) -> set[str]:
    """The names starting with "_" that the source imports from another of the project's modules."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.level or node.module.split(".")[0] in PACKAGES):
            names.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name.startswith("_"))
    return names


def test_no_module_imports_a_private_name_of_another():
    # The synthetic corpus, above all, calls the importer's public functions, not its insides.
    found = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in project_files()
        for name in private_names_imported(path.read_text(encoding="utf-8"), module_name(path).split("."))
    }
    assert found == set()


def test_the_private_name_check_sees_relative_and_absolute_imports():
    source = "from ..ingest.importer import _headline\nfrom thesis.text.dates import _sign, find_dates\n"
    assert private_names_imported(source, ["synthetic"]) == {"ingest.importer._headline", "thesis.text.dates._sign"}


def test_the_rules_of_the_text_import_no_django():
    for path in sorted((ROOT / "thesis" / "text").glob("*.py")):
        assert not {m for m in imported_modules(path) if m.split(".")[0] == "django"}, path.name


def test_the_checker_resolves_relative_imports_as_python_does():
    source = "from ..editorial import editing\nfrom ..models import Passage\nfrom .alphabet import UPPER\nimport re\n"
    imports = imports_in(source, ["thesis", "text"])
    assert imports == {"thesis.editorial", "thesis.models", "thesis.text.alphabet", "re"}
    assert [layer(m, rules()) for m in sorted(imports)] == [None, "thesis.editorial", "thesis.models", "thesis.text"]
