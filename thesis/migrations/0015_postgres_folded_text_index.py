"""On PostgreSQL, passages' text stored case folded in thesis_passage_fts, with a trigram index,
kept in step by triggers: the table that SQLite's trigram FTS5 index is there (migration 0005).

Searching lower(text) made PostgreSQL fold every row it read at search time, which cost more than
anything else in a search; the folded copy is compared as it is, and its trigram index finds the
rows that can match. SQLite needs none of it; the operations do nothing there."""

from django.db import migrations

TABLE = "thesis_passage_fts"

CREATE = [
    f"CREATE TABLE {TABLE} (rowid bigint PRIMARY KEY, text text NOT NULL)",
    f"CREATE INDEX thesis_passage_fts_trgm ON {TABLE} USING gin (text gin_trgm_ops)",
    f"""CREATE FUNCTION thesis_passage_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {TABLE} WHERE rowid = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
            DELETE FROM {TABLE} WHERE rowid = OLD.id;
        END IF;
        INSERT INTO {TABLE} (rowid, text) VALUES (NEW.id, lower(NEW.text))
            ON CONFLICT (rowid) DO UPDATE SET text = EXCLUDED.text;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER thesis_passage_fts_sync AFTER INSERT OR DELETE OR UPDATE OF id, text
        ON thesis_passage FOR EACH ROW EXECUTE FUNCTION thesis_passage_fts_sync()""",
    # A flush (as the tests' transactional cases do) truncates passages without row triggers.
    f"""CREATE FUNCTION thesis_passage_fts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {TABLE};
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER thesis_passage_fts_truncate AFTER TRUNCATE ON thesis_passage
        FOR EACH STATEMENT EXECUTE FUNCTION thesis_passage_fts_truncate()""",
    f"INSERT INTO {TABLE} (rowid, text) SELECT id, lower(text) FROM thesis_passage",
    f"ANALYZE {TABLE}",
]
DROP = [
    "DROP TRIGGER IF EXISTS thesis_passage_fts_truncate ON thesis_passage",
    "DROP TRIGGER IF EXISTS thesis_passage_fts_sync ON thesis_passage",
    "DROP FUNCTION IF EXISTS thesis_passage_fts_truncate()",
    "DROP FUNCTION IF EXISTS thesis_passage_fts_sync()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("thesis", "0014_editors_import_theses")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
