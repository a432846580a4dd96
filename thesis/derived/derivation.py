"""Keeping what is derived from a passage's text (citations, sources, mentions) in step with it."""

import re
import threading
from collections import defaultdict
from contextlib import contextmanager

from thesis.history import record, system_reason

from ..models import Author, Citation, Mention, Passage, Section, Source
from ..text.citations import derive_citations
from ..text.names import every_name


def refresh_derived(passage: Passage) -> None:
    """Derive the passage's citations and mentions again from its current text."""
    refresh_citations(passage)
    refresh_mentions(passage)


def refresh_citations(passage: Passage) -> None:
    # A reference list's entries are the sources themselves: its "[1]" labels cite nothing.
    listing = passage.section.kind == Section.Kind.BIBLIOGRAPHY
    derived = [] if listing else derive_citations(passage.text)
    sources = sources_for(passage.thesis_id, {c.number for c in derived})
    passage.citations.all().delete()
    Citation.objects.bulk_create(citation_rows(passage, derived, sources))


def citation_rows(passage: Passage, derived, sources: dict[int, Source]) -> list[Citation]:
    """The rows of a passage's derived citations, in order, each pointing at its source by number."""
    return [
        Citation(
            passage=passage,
            source=sources[c.number],
            order=order,
            marker_start=c.marker_start,
            marker_end=c.marker_end,
            sentence=c.sentence,
            sentence_start=c.sentence_start,
            sentence_end=c.sentence_end,
            locator=c.locator,
        )
        for order, c in enumerate(derived)
    ]


def sources_for(thesis_id: int, numbers: set[int]) -> dict[int, Source]:
    """The thesis's sources with these numbers, creating the missing ones (needing bibliographic data)."""
    existing = {s.number: s for s in Source.objects.filter(thesis_id=thesis_id, number__in=numbers)}
    for number in sorted(numbers - existing.keys()):
        source = Source(thesis_id=thesis_id, number=number)
        record(source, None, system_reason("cited", number=number)).save()
        existing[number] = source
    return existing


_local = threading.local()
# A word as the boundaries of a mention see it: a run of letters and digits.
WORD_RE = re.compile(r"[^\W_]+")


@contextmanager
def shared_authors():
    """Within the block, each thesis's people are read once for all its passages derived, not once a passage."""
    _local.finders = {}
    try:
        yield
    finally:
        del _local.finders


def refresh_mentions(passage: Passage) -> None:
    finders = getattr(_local, "finders", None)
    finder = finders.get(passage.thesis_id) if finders is not None else None
    if finder is None:
        authors = Author.objects.filter(thesis_id=passage.thesis_id).prefetch_related("aliases")
        finder = MentionFinder(list(authors))
        if finders is not None:
            finders[passage.thesis_id] = finder
    passage.mentions.all().delete()
    Mention.objects.bulk_create(
        Mention(author=author, passage=passage, form=form, start=start, end=end)
        for author, form, start, end in finder.find(passage.text)
    )


def find_mentions(text: str, authors) -> list[tuple[Author, str, int, int]]:
    """Where `text` names one of `authors`: by initials and family name, or by a recorded alias."""
    return MentionFinder(authors).find(text)


class MentionFinder:
    """The people of a thesis, ready to be found in its passages.

    A recorded alias is looked up where each word of the text starts, by that word and then by the
    text of each length an alias starting with it has, so that finding every alias costs one pass
    over the text however many people there are (many share a first word: the initial "Н")."""

    def __init__(self, authors):
        self.by_key = {a.key: a for a in authors}
        # first word -> alias length -> alias -> the people it names
        self.by_first_word = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        self.unworded = []  # aliases that start with no letter or digit, looked for one by one
        for author in authors:
            for alias in author.aliases.all():
                first = WORD_RE.match(alias.form)
                if first:
                    self.by_first_word[first.group()][len(alias.form)][alias.form].append(author)
                else:
                    self.unworded.append((author, alias.form))

    def find(self, text: str) -> list[tuple[Author, str, int, int]]:
        found = []
        for name in every_name(text):
            author = self.by_key.get(name.key)
            if author is not None:
                found.append((author, name.form, name.start, name.end))
        found.extend(self._aliases(text))
        for author, form in self.unworded:
            found.extend(_literal_mentions(text, author, form))
        return _without_overlaps(found)

    def _aliases(self, text: str):
        for word in WORD_RE.finditer(text):
            start = word.start()
            for length, forms in self.by_first_word.get(word.group(), {}).items():
                form, end = text[start : start + length], start + length
                if form in forms and _is_word_boundary(text, end):
                    yield from ((author, form, start, end) for author in forms[form])


def _literal_mentions(text, author, form):
    start = text.find(form)
    while start != -1:
        end = start + len(form)
        if _is_word_boundary(text, start - 1) and _is_word_boundary(text, end):
            yield author, form, start, end
        start = text.find(form, end)


def _is_word_boundary(text: str, index: int) -> bool:
    return index < 0 or index >= len(text) or not text[index].isalnum()


def _without_overlaps(found):
    kept: list = []
    for item in sorted(found, key=lambda m: (m[2], -m[3])):
        if not kept or item[2] >= kept[-1][3]:
            kept.append(item)
    return kept
