"""The archive's dump: its tables as a Frictionless data package, its TEI and originals, a SQLite copy and
the reading site as files."""

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils.text import slugify
from drf_spectacular.drainage import get_override
from rest_framework import serializers as drf
from rest_framework.relations import PrimaryKeyRelatedField

from reading.offline import write_site
from thesis.derived import dataversion
from thesis.editions import tei
from thesis.editions.snapshots import snapshot
from thesis.models import Citation, Mention, Thesis

from . import serializers, tables, views
from .scripts import CYRILLIC

SUMS = "SHA256SUMS"
DATABASE = "archive.db"
DESCRIPTOR = "datapackage.json"
# The reading site's static copy: open site/index.html in a browser.
SITE = "site"
# Datasette's metadata for the database: `datasette archive.db -m metadata.json`.
DATASETTE_METADATA = "metadata.json"
# What the passages' full-text index is named: Datasette finds it by its content table.
PASSAGE_INDEX = "passages_fts"
# The trigram tokenizer finds any run of three or more characters, case folded, as the API's search
# finds a substring (SQLite 3.34 or later).
INDEX_TOKENIZER = "trigram"
SQLITE_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


class CitationRowSerializer(serializers.SourceCitationSerializer):
    """A citation as a row of its own: the source it cites, then what a source's detail lists of it."""

    class Meta(serializers.SourceCitationSerializer.Meta):
        fields = ["source", *serializers.SourceCitationSerializer.Meta.fields]


class MentionRowSerializer(serializers.AuthorMentionSerializer):
    """A mention as a row of its own: the person named, then what a person's detail lists of it."""

    class Meta(serializers.AuthorMentionSerializer.Meta):
        fields = ["author", *serializers.AuthorMentionSerializer.Meta.fields]


@dataclass(frozen=True)
class Table:
    """One resource of the package: an API list (its viewset and route name under api:), or the rows
    of a list nested in the API's details (their serializer and records)."""

    name: str
    viewset: type | None = None
    route: str | None = None
    row_serializer: type | None = None
    records: object = None
    foreign_keys: dict = field(default_factory=dict)
    nested_in: str = ""

    @property
    def serializer_class(self) -> type:
        return self.viewset.serializer_class if self.viewset else self.row_serializer

    def description(self) -> str:
        if self.route:
            return f"As {reverse(f'api:{self.route}')}?format=csv gives it."
        return f"What {self.nested_in} lists, with the record it belongs to."


TABLES = (
    Table("theses", views.ThesisViewSet, "thesis-list"),
    Table("sections", views.SectionViewSet, "section-list", foreign_keys={"thesis": "theses", "parent": "sections"}),
    Table("passages", views.PassageViewSet, "passage-list", foreign_keys={"thesis": "theses", "section": "sections"}),
    Table("sources", views.SourceViewSet, "source-list", foreign_keys={"thesis": "theses"}),
    Table("authors", views.AuthorViewSet, "author-list", foreign_keys={"thesis": "theses"}),
    Table(
        "timeline",
        views.TimelineEventViewSet,
        "timelineevent-list",
        foreign_keys={"thesis": "theses", "passage": "passages"},
    ),
    Table(
        "citations",
        row_serializer=CitationRowSerializer,
        records=lambda: Citation.objects.select_related("passage").order_by("source_id", "passage_id", "order"),
        foreign_keys={"source": "sources", "passage": "passages"},
        nested_in="a source's detail (/api/sources/{id}/)",
    ),
    Table(
        "mentions",
        row_serializer=MentionRowSerializer,
        records=lambda: Mention.objects.select_related("passage").order_by("author_id", "passage_id", "start"),
        foreign_keys={"author": "authors", "passage": "passages"},
        nested_in="a person's detail (/api/authors/{id}/)",
    ),
)


# The rows.


def table_csv(table: Table) -> Iterator[bytes]:
    """The table as UTF-8 CSV: an API list's is what the list answers to ?format=csv, every row."""
    return api_csv(table) if table.route else nested_csv(table)


def api_csv(table: Table) -> Iterator[bytes]:
    # The list's own view, so that the file is the API's answer; no throttle, for it is no client.
    view = table.viewset.as_view({"get": "list"}, throttle_classes=[])
    response = view(RequestFactory().get(reverse(f"api:{table.route}"), {"format": "csv"}))
    if response.status_code != 200:
        raise RuntimeError(f"{table.name}: the API answered {response.status_code}")
    return response.streaming_content


def nested_csv(table: Table) -> Iterator[bytes]:
    """Rows of a nested list, serialized and flattened as the API's lists are, a chunk at a time."""
    context = {"script": CYRILLIC}
    chunks = (
        table.serializer_class(chunk, many=True, context=context).data
        for chunk in tables.chunked(table.records().iterator(chunk_size=tables.CHUNK_ROWS))
    )
    return tables.stream(tables.columns(table.serializer_class(context=context)), chunks)


# The descriptor.


def field_types(serializer: drf.Serializer, prefix: str = "") -> dict[str, str]:
    """The Frictionless type of each CSV column `serializer` writes, by column name."""
    types = {}
    for name, serializer_field in serializer.fields.items():
        if isinstance(serializer_field, drf.Serializer):
            types.update(field_types(serializer_field, f"{prefix}{name}."))
            continue
        schema = get_override(serializer_field, "field")
        if isinstance(schema, dict) and schema.get("type") == "object" and "properties" in schema:
            for member, member_schema in schema["properties"].items():
                types[f"{prefix}{name}.{member}"] = schema_type(member_schema)
            continue
        types[f"{prefix}{name}"] = field_type(serializer_field)
    return types


def schema_type(schema: dict) -> str:
    return {"integer": "integer", "number": "number", "boolean": "boolean"}.get(schema.get("type"), "string")


def field_type(serializer_field) -> str:
    if isinstance(serializer_field, drf.BooleanField):
        return "boolean"
    if isinstance(serializer_field, drf.IntegerField | PrimaryKeyRelatedField):
        return "integer"
    if isinstance(serializer_field, drf.FloatField):
        return "number"
    if isinstance(serializer_field, drf.DateTimeField):
        return "datetime"
    return "string"


def table_schema(table: Table) -> dict:
    """The Table Schema of a table: its columns' types, its key and the keys it refers by."""
    serializer = table.serializer_class(context={"script": CYRILLIC})
    types = field_types(serializer)
    schema = {"fields": [{"name": name, "type": types[name]} for name in tables.columns(serializer)]}
    if "id" in types:
        schema["primaryKey"] = ["id"]
    schema["foreignKeys"] = [
        {"fields": [column], "reference": {"resource": target, "fields": ["id"]}}
        for column, target in table.foreign_keys.items()
    ]
    return schema


def resource_path(table: Table) -> str:
    return f"data/{table.name}.csv"


def descriptor(version: int, moment: datetime) -> dict:
    """The data package's descriptor: the archive's name, the licence, the dump's version and each table."""
    title = settings.OAI_REPOSITORY_NAME
    return {
        "name": slugify(title) or "archive",
        "title": title,
        "version": f"{moment.date().isoformat()}.{version}",
        "created": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "description": (
            f"The archive's data at data version {version}: one CSV per table, as the API's lists give "
            "them; tei/<id>.xml is each thesis's TEI P5 edition, original/<id>.txt its imported text "
            f"byte for byte, {DATABASE} the tables in SQLite with a full-text index of the passages, "
            f"{SITE}/index.html the reading site as files that open with no server."
        ),
        "licenses": [{"path": settings.TEI_LICENCE_URL, "title": settings.TEI_LICENCE_TEXT}],
        "resources": [
            {
                "name": table.name,
                "path": resource_path(table),
                "description": table.description(),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in TABLES
        ],
    }


# The SQLite copy.


def datasette_metadata(package: dict) -> dict:
    """What Datasette shows of the database: the archive's name, the licence, each table's description,
    and the passages' full-text index."""
    licence = package["licenses"][0]
    tables_metadata = {resource["name"]: {"description": resource["description"]} for resource in package["resources"]}
    tables_metadata["passages"].update(fts_table=PASSAGE_INDEX, fts_pk="id")
    return {
        "title": package["title"],
        "description": package["description"],
        "license": licence["title"],
        "license_url": licence["path"],
        "databases": {Path(DATABASE).stem: {"tables": tables_metadata}},
    }


def cell_value(cell_text: str, kind: str):
    """A CSV cell as the value SQLite stores: empty is null, a defused text its value again."""
    if cell_text == "":
        return None
    if kind == "integer":
        return int(cell_text)
    if kind == "number":
        return float(cell_text)
    if kind == "boolean":
        return int(cell_text == "true")
    return tables.recovered(cell_text)


def create_table(connection: sqlite3.Connection, resource: dict) -> None:
    schema = resource["schema"]
    columns = [f"{quoted(f['name'])} {SQLITE_TYPES.get(f['type'], 'TEXT')}" for f in schema["fields"]]
    if schema.get("primaryKey"):
        columns.append(f"PRIMARY KEY ({', '.join(quoted(name) for name in schema['primaryKey'])})")
    for key in schema["foreignKeys"]:
        reference = key["reference"]
        columns.append(
            f"FOREIGN KEY ({quoted(key['fields'][0])}) "
            f"REFERENCES {quoted(reference['resource'])}({quoted(reference['fields'][0])})"
        )
    connection.execute(f"CREATE TABLE {quoted(resource['name'])} ({', '.join(columns)})")


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_table(connection: sqlite3.Connection, resource: dict, rows: Iterable[list[str]]) -> None:
    """Insert a table's CSV rows (without the header), each cell as its field's type says."""
    kinds = [f["type"] for f in resource["schema"]["fields"]]
    marks = ", ".join("?" for _ in kinds)
    connection.executemany(
        f"INSERT INTO {quoted(resource['name'])} VALUES ({marks})",
        ([cell_value(cell, kind) for cell, kind in zip(row, kinds, strict=True)] for row in rows),
    )


def write_database(path: Path, package: dict, folder: Path) -> None:
    """The package's tables in one SQLite file, with a full-text index of the passages' text."""
    connection = sqlite3.connect(path)
    try:
        for resource in package["resources"]:
            create_table(connection, resource)
            with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                next(reader)
                load_table(connection, resource, reader)
        index_passages(connection)
        connection.commit()
    finally:
        connection.close()


def index_passages(connection: sqlite3.Connection) -> None:
    connection.execute(
        f'CREATE VIRTUAL TABLE {PASSAGE_INDEX} USING fts5(text, content="passages", content_rowid="id", '
        f"tokenize={INDEX_TOKENIZER!r})"
    )
    connection.execute(f"INSERT INTO {PASSAGE_INDEX}({PASSAGE_INDEX}) VALUES ('rebuild')")


# The files.


def dump_name(version: int, moment: datetime) -> str:
    """What the dump's folder and zip are called: the archive, the day and the data version."""
    return f"{slugify(settings.OAI_REPOSITORY_NAME) or 'archive'}-{moment.date().isoformat()}-v{version}"


def write_texts(folder: Path, base_url: str | None) -> None:
    """Each thesis's TEI edition and its imported text, byte for byte."""
    (folder / "tei").mkdir()
    (folder / "original").mkdir()
    for pk in Thesis.objects.order_by("pk").values_list("pk", flat=True):
        thesis = Thesis.objects.select_related("source_document").get(pk=pk)
        (folder / "tei" / f"{pk}.xml").write_bytes(tei.serialize(tei.edition(thesis, base_url=base_url)))
        (folder / "original" / f"{pk}.txt").write_bytes(thesis.source_document.content.encode("utf-8"))


def write_tables(folder: Path) -> None:
    (folder / "data").mkdir()
    for table in TABLES:
        with open(folder / resource_path(table), "wb") as handle:
            for piece in table_csv(table):
                handle.write(piece)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def checksums(folder: Path) -> str:
    """SHA256SUMS of every file under `folder`, as `sha256sum -c` reads it."""
    files = sorted(path for path in folder.rglob("*") if path.is_file() and path.name != SUMS)
    return "".join(f"{file_sha256(path)}  {path.relative_to(folder).as_posix()}\n" for path in files)


def zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, Path(folder.name) / path.relative_to(folder))


def write_dump(folder: Path, moment: datetime, base_url: str | None = None) -> str:
    """Write the whole dump into the empty `folder`, read in one snapshot; returns its name."""
    with snapshot(Thesis):
        version = dataversion.current()
        name = dump_name(version, moment)
        root = folder / name
        root.mkdir()
        write_tables(root)
        write_texts(root, base_url)
        write_site(root / SITE, base_url)
    package = descriptor(version, moment)
    (root / DESCRIPTOR).write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_database(root / DATABASE, package, root)
    metadata = json.dumps(datasette_metadata(package), ensure_ascii=False, indent=2) + "\n"
    (root / DATASETTE_METADATA).write_text(metadata, encoding="utf-8")
    (root / SUMS).write_text(checksums(root), encoding="utf-8")
    zip_folder(root, folder / f"{name}.zip")
    return name


class DumpRefused(Exception):
    """The target is a file or a folder with something in it: nothing was written."""


def check_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DumpRefused(f"{target} exists and is not an empty folder")


def export_dump(target: Path, moment: datetime, base_url: str | None = None) -> str:
    """Write the dump into `target` (absent or empty), built beside it and renamed at the end, so
    that `target` holds a whole dump or nothing. Returns the dump's name."""
    target = Path(target)
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        name = write_dump(building, moment, base_url)
        os.chmod(building, 0o755)
        check_target(target)
        os.replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return name


def latest_zip(folder: Path) -> Path | None:
    """The newest dump's zip (by when it was written) in `folder` or a folder directly under it; None if
    there is none. A hidden folder is a dump still being built, and is passed over."""
    found = [
        path
        for path in (*folder.glob("*.zip"), *folder.glob("*/*.zip"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return max(found, key=lambda path: (path.stat().st_mtime, path.name), default=None)
