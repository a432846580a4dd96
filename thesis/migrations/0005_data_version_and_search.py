"""The data version row; on SQLite a trigram FTS5 index of passages' text kept in step by triggers;
a narrow index of passages' positions; and an index in the timeline's own order on both databases."""

import time

from django.db import migrations, models

from ._passage_search import SQLITE_FTS, SQLITE_FTS_DROP

# The timeline's ordering (NULLs first) as an index. PostgreSQL sorts NULLs last unless told, and
# SQLite, which sorts them first anyway, refuses NULLS FIRST in an index: hence SQL per database.
CHRONOLOGY = {
    "postgresql": "CREATE INDEX IF NOT EXISTS event_chronology ON thesis_timelineevent "
    "(start_year, start_month NULLS FIRST, start_day NULLS FIRST, end_year, id)",
    "sqlite": "CREATE INDEX IF NOT EXISTS event_chronology ON thesis_timelineevent "
    "(start_year, start_month, start_day, end_year, id)",
}


def create_search_and_order(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in (SQLITE_FTS if vendor == "sqlite" else []) + [CHRONOLOGY.get(vendor, "")]:
        if statement:
            schema_editor.execute(statement)


def drop_search_and_order(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in SQLITE_FTS_DROP if vendor == "sqlite" else []:
        schema_editor.execute(statement)
    if vendor in CHRONOLOGY:
        schema_editor.execute("DROP INDEX IF EXISTS event_chronology")


def create_version_row(apps, schema_editor):
    # As thesis.derived.dataversion.first_number(): the time, so that a database made again starts past the old.
    number = time.time_ns() // 1000
    apps.get_model("thesis", "DataVersion").objects.using(schema_editor.connection.alias).create(pk=1, number=number)


class Migration(migrations.Migration):
    dependencies = [("thesis", "0004_editors_group")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "data version", "verbose_name_plural": "data versions"},
        ),
        migrations.RunPython(create_version_row, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="passage",
            index=models.Index(fields=["id", "thesis", "order"], name="passage_position"),
        ),
        migrations.RunPython(create_search_and_order, drop_search_and_order),
    ]
