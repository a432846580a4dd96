"""Search support on PostgreSQL: the pg_trgm extension and trigram indexes on folded text.

SQLite needs neither; the operations do nothing there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

TRIGRAM_INDEXES = [
    ("thesis_passage_text_trgm", "thesis_passage", "lower(text)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("thesis", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
