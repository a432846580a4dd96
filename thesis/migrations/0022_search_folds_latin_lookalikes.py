"""Passages' search index holds each text with its Cyrillic words' Latin look-alikes read as Kazakh
letters (thesis.search.fold_text): "әлемдік" finds "Əлемдік" typed with a Latin Ə, "жəне" is "және".

On SQLite the FTS5 index is fed the folded text by its triggers, which call kk_fold_text, the Python
fold registered on every connection. On PostgreSQL kk_fold_text is the same rule in SQL: each run of
letters holding a Cyrillic one has the look-alikes of thesis.text.alphabet translated, then all is
lower-cased; the folded copy of migration 0015 is made with it."""

from django.db import migrations

from thesis.text.alphabet import LOOKALIKE_CYRILLIC, LOOKALIKE_LATIN

from ._passage_search import DROP_TRIGGERS, refill, triggers

TABLE = "thesis_passage_fts"

POSTGRES_FOLD = f"""CREATE OR REPLACE FUNCTION kk_fold_text(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(coalesce(string_agg(
        CASE WHEN piece[1] ~ '[\\u0400-\\u04FF]'
            THEN translate(piece[1], '{LOOKALIKE_LATIN}', '{LOOKALIKE_CYRILLIC}') ELSE piece[1] END,
        '' ORDER BY n), ''))
    FROM regexp_matches(value, '[[:alpha:]]+|[^[:alpha:]]+', 'g') WITH ORDINALITY AS pieces(piece, n)
$$"""


def sync(fold: str) -> str:
    """Migration 0015's trigger function, folding with `fold`."""
    return f"""CREATE OR REPLACE FUNCTION thesis_passage_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {TABLE} WHERE rowid = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
            DELETE FROM {TABLE} WHERE rowid = OLD.id;
        END IF;
        INSERT INTO {TABLE} (rowid, text) VALUES (NEW.id, {fold}(NEW.text))
            ON CONFLICT (rowid) DO UPDATE SET text = EXCLUDED.text;
        RETURN NEW;
    END $$"""


def refold(fold: str) -> str:
    return f"UPDATE {TABLE} SET text = {fold}(p.text) FROM thesis_passage p WHERE p.id = {TABLE}.rowid"


FORWARD = {
    "postgresql": [POSTGRES_FOLD, sync("kk_fold_text"), refold("kk_fold_text"), f"ANALYZE {TABLE}"],
    "sqlite": [*DROP_TRIGGERS, *triggers("kk_fold_text"), *refill("kk_fold_text")],
}
BACKWARD = {
    "postgresql": [sync("lower"), refold("lower"), "DROP FUNCTION IF EXISTS kk_fold_text(text)"],
    # As before: the text as written, which the index folds for case only.
    "sqlite": [*DROP_TRIGGERS, *triggers(""), *refill("")],
}


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("thesis", "0021_author_authority_ids")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
