"""Every passage's analysed words stored again: the analysis now cuts two-letter stems the lexicon
knows (үйде: үй), a plural before a short stem (жылдары: жыл), and leaves a hyphen's particle out
(заманнан-ақ: заман), so the words 0026 stored would no longer meet a query's. Each passage is
analysed as `thesis.derived.search_words.refresh_search_words` does, a thousand at a time."""

from django.db import migrations

# The rule itself, which reads only a section's heading fields, so a historical section serves as well.
from thesis.derived.search_words import BATCH, heading_words
from thesis.text.analysis import analyse, lexicon_knows


def analyse_again(apps, schema_editor):
    """Each passage's words and heading analysed again and stored over the old ones (the FTS5
    triggers and PostgreSQL's generated tsvector follow the rows)."""
    Passage = apps.get_model("thesis", "Passage")
    PassageWords = apps.get_model("thesis", "PassageWords")
    database = schema_editor.connection.alias
    passages = Passage.objects.using(database).select_related("section").order_by("pk")
    rows = []
    for passage in passages.iterator(chunk_size=BATCH):
        rows.append(
            PassageWords(
                passage_id=passage.pk,
                words=analyse(passage.text, lexicon_knows),
                heading=heading_words(passage.section),
            )
        )
        if len(rows) == BATCH:
            store(PassageWords, database, rows)
            rows = []
    store(PassageWords, database, rows)


def store(PassageWords, database: str, rows: list) -> None:
    if rows:
        PassageWords.objects.using(database).bulk_create(
            rows, batch_size=BATCH, update_conflicts=True, update_fields=["words", "heading"], unique_fields=["passage"]
        )


class Migration(migrations.Migration):
    dependencies = [("thesis", "0029_editors_day")]

    # Going back leaves the newer words: the older analysis finds less in them, never an error.
    operations = [migrations.RunPython(analyse_again, migrations.RunPython.noop)]
