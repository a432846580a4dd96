"""A passage's analysed words, stored beside it for the search index: derived from its text and its
section's heading whenever either changes (changes.py), each word analysed once, here."""

from ..models import Passage, PassageWords, Section
from ..text.analysis import analyse, lexicon_knows
from ..text.headings import heading_of

# Rows written by one statement: SQLite allows so many parameters to one.
BATCH = 1000


def heading_words(section: Section) -> str:
    return analyse(heading_of(section.kind, section.number, section.label, section.title) or "", lexicon_knows)


def refresh_search_words(passages, using: str | None = None) -> None:
    """Store the analysed words of `passages` (each with its section read) in one statement."""
    passages = list(passages)
    rows = [
        PassageWords(passage_id=p.pk, words=analyse(p.text, lexicon_knows), heading=heading_words(p.section))
        for p in passages
    ]
    if rows:
        manager = PassageWords.objects.using(using or passages[0]._state.db)
        fields = {"update_fields": ["words", "heading"], "unique_fields": ["passage"]}
        manager.bulk_create(rows, batch_size=BATCH, update_conflicts=True, **fields)


def refresh_headings(section_ids, using: str) -> None:
    """Store again the analysed heading of each section's passages: one statement a section."""
    for section in Section.objects.using(using).filter(pk__in=sorted(section_ids)):
        words = PassageWords.objects.using(using).filter(passage__in=Passage.objects.filter(section_id=section.pk))
        words.update(heading=heading_words(section))
