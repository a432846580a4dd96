"""Each passage's words and its section heading's, analysed once as search reads them (stems, in
Cyrillic, case folded: thesis.text.analysis), stored beside the passage and indexed natively.

SQLite: an FTS5 table over them (external content, kept in step by triggers), tokenized by unicode61
with remove_diacritics 0, since removing them would make ә and а, ө and о, ү and у one letter; its
rank is bm25 with a heading's words worth 0.3 of the passage's. PostgreSQL: a generated tsvector of
the `simple` configuration (the words are stems already), the heading's words weighted D and kept
apart by a lexeme no query can name, so that no phrase runs from a passage into its heading; a GIN index."""

import django.db.models.deletion
from django.db import migrations, models

from thesis.text.analysis import analyse, lexicon_knows
from thesis.text.headings import heading_of

FTS = "thesis_passagewords_fts"
SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(words, heading, content='thesis_passagewords', "
    "content_rowid='passage_id', tokenize='unicode61 remove_diacritics 0')",
    f"INSERT INTO {FTS}({FTS}, rank) VALUES ('rank', 'bm25(1.0, 0.3)')",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON thesis_passagewords BEGIN
        INSERT INTO {FTS}(rowid, words, heading) VALUES (new.passage_id, new.words, new.heading);
    END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON thesis_passagewords BEGIN
        INSERT INTO {FTS}({FTS}, rowid, words, heading) VALUES ('delete', old.passage_id, old.words, old.heading);
    END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE ON thesis_passagewords BEGIN
        INSERT INTO {FTS}({FTS}, rowid, words, heading) VALUES ('delete', old.passage_id, old.words, old.heading);
        INSERT INTO {FTS}(rowid, words, heading) VALUES (new.passage_id, new.words, new.heading);
    END""",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {FTS}_{event}" for event in ("insert", "delete", "update")]
SQLITE_DROP.append(f"DROP TABLE IF EXISTS {FTS}")
# The heading's positions start after a "|" at 1: no analysed word is "|", so no query names it.
SEPARATOR = "'''|'':1'::tsvector"
POSTGRES = [
    f"""ALTER TABLE thesis_passagewords ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, words), 'A')
        || setweight({SEPARATOR} || to_tsvector('simple'::regconfig, heading), 'D')) STORED""",
    "CREATE INDEX thesis_passagewords_document ON thesis_passagewords USING gin (document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS thesis_passagewords_document",
    "ALTER TABLE thesis_passagewords DROP COLUMN IF EXISTS document",
]


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


def fill(apps, schema_editor):
    """Every passage's words analysed, as the passage's next change would store them."""
    Passage = apps.get_model("thesis", "Passage")
    PassageWords = apps.get_model("thesis", "PassageWords")
    database = schema_editor.connection.alias
    passages = Passage.objects.using(database).select_related("section").order_by("pk")
    rows = []
    for passage in passages.iterator(chunk_size=1000):
        section = passage.section
        heading = heading_of(section.kind, section.number, section.label, section.title) or ""
        words = analyse(passage.text, lexicon_knows)
        rows.append(PassageWords(passage_id=passage.pk, words=words, heading=analyse(heading, lexicon_knows)))
    PassageWords.objects.using(database).bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("thesis", "0025_thesis_front_matter"),
    ]

    operations = [
        migrations.CreateModel(
            name="PassageWords",
            fields=[
                (
                    "passage",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_words",
                        serialize=False,
                        to="thesis.passage",
                        verbose_name="passage",
                    ),
                ),
                ("words", models.TextField(blank=True, editable=False, verbose_name="analysed words")),
                ("heading", models.TextField(blank=True, editable=False, verbose_name="analysed heading")),
            ],
            options={
                "verbose_name": "passage's analysed words",
                "verbose_name_plural": "passages' analysed words",
            },
        ),
        # SQLite's FTS5 table, for the ORM to join: the RunPython below makes it there.
        migrations.CreateModel(
            name="PassageWordsIndex",
            fields=[
                (
                    "passage",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="words_index",
                        serialize=False,
                        to="thesis.passage",
                    ),
                ),
                ("match", models.TextField(db_column="thesis_passagewords_fts")),
                ("rank", models.FloatField()),
            ],
            options={"db_table": "thesis_passagewords_fts", "managed": False},
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}), run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
