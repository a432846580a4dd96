"""The benchmark's databases, built with generate_corpus and kept between runs: a SQLite file, a
PostgreSQL database, and Datasette's copy of the SQLite file with a full-text index on passages."""

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "results" / "tmp"
BIN = Path(sys.executable).parent
SEED = ROOT / "fixtures" / "diplomacy-thesis.kk.txt"
# A change to any of these makes a kept corpus stale: the generator reads the text with thesis/text's rules.
GENERATOR_FILES = [
    "synthetic/corpus.py",
    "synthetic/store.py",
    "thesis/models.py",
    "fixtures/diplomacy-thesis.kk.txt",
    "bench/inprocess.py",
    # The corpus stores each passage's suspects as these find them.
    "thesis/derived/suspects.py",
    "thesis/derived/stored_suspects.py",
]
GENERATOR_FOLDERS = ["thesis/text", "thesis/migrations"]
SECRET_KEY = secrets.token_urlsafe(40)


def production_env(database_url: str) -> dict:
    """The settings the service runs with in production, on this database."""
    env = dict(os.environ)
    env.update(
        PRODUCTION="1",
        DEBUG="0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="600",
        # wrk is one address asking thousands of times a minute: throttled, it would measure 429s.
        API_ANON_RATE="off",
        READING_RATE="off",
        READING_BURST="off",
        ADMIN_RATE="off",
    )
    return env


def tag(scale: float, seed: int) -> str:
    return f"s{scale:g}-seed{seed}".replace(".", "_")


def fingerprint(scale: float, seed: int) -> str:
    digest = hashlib.sha256(f"{scale}:{seed}".encode())
    modules = sorted(str(p.relative_to(ROOT)) for folder in GENERATOR_FOLDERS for p in (ROOT / folder).glob("*.py"))
    for name in GENERATOR_FILES + modules:
        digest.update(name.encode())
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def populate(database_url: str, scale: float, seed: int) -> float:
    """Migrate, import the seed, generate the corpus and add the large thesis (bench/inprocess.py);
    returns generate_corpus's wall time."""
    env = production_env(database_url)
    manage(env, "migrate", "--verbosity=0")
    manage(env, "import_thesis", str(SEED))
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "generate_corpus", f"--scale={scale}", f"--seed={seed}"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seconds = round(time.monotonic() - started, 1)
    inprocess = [sys.executable, str(ROOT / "bench" / "inprocess.py"), "large-thesis"]
    subprocess.run(inprocess, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return seconds


def _kept(marker: Path, expected: str) -> dict | None:
    if marker.exists():
        data = json.loads(marker.read_text())
        if data.get("fingerprint") == expected:
            return data
    return None


def sqlite_corpus(scale: float, seed: int, rebuild: bool = False) -> tuple[str, dict]:
    """The SQLite corpus's DATABASE_URL, and how it was built (kept from an earlier run or not)."""
    TMP.mkdir(parents=True, exist_ok=True)
    path = TMP / f"corpus-{tag(scale, seed)}.sqlite3"
    marker = path.with_suffix(".json")
    expected = fingerprint(scale, seed)
    kept = None if rebuild else _kept(marker, expected)
    url = f"sqlite:///{path}"
    if kept and path.exists():
        return url, {**kept, "kept": True}
    path.unlink(missing_ok=True)
    seconds = populate(url, scale, seed)
    info = {"fingerprint": expected, "generate_seconds": seconds, "path": str(path.relative_to(ROOT))}
    marker.write_text(json.dumps(info))
    return url, {**info, "kept": False}


def postgres_corpus(admin_url: str, scale: float, seed: int, rebuild: bool = False) -> tuple[str, dict]:
    """The PostgreSQL corpus's DATABASE_URL (a database of its own), and how it was built."""
    name = f"bench_{tag(scale, seed)}".replace("-", "_")
    marker = TMP / f"{name}.json"
    expected = fingerprint(scale, seed)
    kept = None if rebuild else _kept(marker, expected)
    url = f"{admin_url}/{name}"
    if kept and database_exists(admin_url, name):
        return url, {**kept, "kept": True}
    create_database(admin_url, name)
    info = {"fingerprint": expected, "generate_seconds": populate(url, scale, seed), "database": name}
    marker.write_text(json.dumps(info))
    return url, {**info, "kept": False}


def database_exists(admin_url: str, name: str) -> bool:
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def create_database(admin_url: str, name: str) -> None:
    """A new, empty UTF-8 database that folds Cyrillic case (LC_CTYPE C.UTF-8), replacing any of that name."""
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(
            f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
        )


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_version(admin_url: str) -> str:
    with psycopg.connect(f"{admin_url}/postgres") as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def datasette_copy(sqlite_url: str) -> tuple[Path, Path]:
    """A copy of the SQLite corpus for Datasette alone, with an FTS5 index of passages' text (which
    Datasette finds by itself and uses for `_search`), and its `datasette inspect` file."""
    source = Path(sqlite_url.removeprefix("sqlite:///"))
    folder = source.with_suffix(".datasette")
    database, inspect_file, marker = folder / "corpus.db", folder / "inspect.json", folder / "source.json"
    stamp = {"source": str(source), "size": source.stat().st_size, "mtime": source.stat().st_mtime}
    if database.exists() and inspect_file.exists() and marker.exists() and json.loads(marker.read_text()) == stamp:
        return database, inspect_file
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copyfile(source, database)
    with sqlite3.connect(database) as connection:
        _index_words(connection)
    connection.close()
    inspect = [str(BIN / "datasette"), "inspect", database.name, f"--inspect-file={inspect_file.name}"]
    subprocess.run(inspect, cwd=folder, check=True)
    marker.write_text(json.dumps(stamp))
    return database, inspect_file


def _index_words(connection: sqlite3.Connection) -> None:
    """Datasette's usual full-text index (FTS5, word tokens, as `sqlite-utils enable-fts` makes it)
    in place of any index the project keeps on passages, whose triggers a read-only copy never fires."""
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'thesis_passage'"
    for (name,) in connection.execute(triggers).fetchall():
        connection.execute(f'DROP TRIGGER "{name}"')
    connection.executescript(
        """
        DROP TABLE IF EXISTS thesis_passage_fts;
        CREATE VIRTUAL TABLE thesis_passage_fts USING fts5(text, content='thesis_passage', content_rowid='id');
        INSERT INTO thesis_passage_fts(thesis_passage_fts) VALUES ('rebuild');
        """
    )


@contextmanager
def empty_database(backend: str, admin_url: str | None):
    """The DATABASE_URL of a new empty SQLite file or PostgreSQL database, removed afterwards."""
    TMP.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        path = TMP / "import-seed.sqlite3"
        path.unlink(missing_ok=True)
        try:
            yield f"sqlite:///{path}"
        finally:
            path.unlink(missing_ok=True)
        return
    create_database(admin_url, "bench_import_seed")
    try:
        yield f"{admin_url}/bench_import_seed"
    finally:
        drop_database(admin_url, "bench_import_seed")
