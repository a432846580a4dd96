"""SQLite's trigram index of passages' text and the triggers that keep it in step, for the migrations.

A name starting with "_" keeps this module out of the migration graph. SQLite cannot add every kind
of column in place: Django then makes the passage table again and drops the old one, and the
triggers go with it, so a migration that changes thesis_passage that way restores them here.

The index holds each text as kk_fold_text folds it (thesis.search.fold_text, registered on every
connection; migration 0022): the index's own folding reads case, not a Latin letter for a Kazakh one.
It is filled from the folded texts, never rebuilt from thesis_passage, whose text is not folded."""

FTS_TABLE = "thesis_passage_fts"


def triggers(fold: str = "kk_fold_text") -> list[str]:
    """The triggers that index each written text as `fold` folds it."""
    return [
        f"""CREATE TRIGGER thesis_passage_fts_insert AFTER INSERT ON thesis_passage BEGIN
            INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, {fold}(new.text));
        END""",
        f"""CREATE TRIGGER thesis_passage_fts_delete AFTER DELETE ON thesis_passage BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, {fold}(old.text));
        END""",
        f"""CREATE TRIGGER thesis_passage_fts_update AFTER UPDATE OF text ON thesis_passage BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, {fold}(old.text));
            INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, {fold}(new.text));
        END""",
    ]


def refill(fold: str = "kk_fold_text") -> list[str]:
    """The index emptied and filled again from every passage's text, as `fold` folds it."""
    return [
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')",
        f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT id, {fold}(text) FROM thesis_passage",
    ]


TRIGGERS = triggers()
DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS thesis_passage_fts_update",
    "DROP TRIGGER IF EXISTS thesis_passage_fts_delete",
    "DROP TRIGGER IF EXISTS thesis_passage_fts_insert",
]
# External content: the index holds trigrams only, the text stays in thesis_passage.
SQLITE_FTS = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "text, content='thesis_passage', content_rowid='id', tokenize='trigram')",
    *refill(),
    *TRIGGERS,
]
SQLITE_FTS_DROP = [*DROP_TRIGGERS, f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def restore_triggers(apps, schema_editor):
    """The triggers made again, and the index filled again from the passages, whatever was written meanwhile."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [*DROP_TRIGGERS, *TRIGGERS, *refill()]:
        schema_editor.execute(statement)
