"""Passage search tried on a treebank's sentences: imported as one thesis, a passage a sentence, each
query searched as the API's `q` and the reading site search, scored against the gold lemmas
(thesis.text.search_evaluation), and the import undone, so that the archive is left as it was."""

from dataclasses import dataclass
from time import perf_counter

from django.db import connections, router, transaction

from .ingest.exceptions import ImportRefused
from .ingest.importer import import_bytes
from .models import Passage, Thesis
from .search import near_misses, search_passages
from .text.query_language import QueryError
from .text.search_evaluation import Query, Score, Sentence, exact_form

# What a query found, each a way of finding: all a search lists (as a reader sees it), the part of it
# its analysed words matched (form_rank 0, before the query's letters found inside other words), and
# the baseline, the sentences that write the query's form as a whole word.
METHODS = ("search", "analysed_words", "exact_form")
# The name the scratch thesis is imported under.
FILE_NAME = "search-evaluation.txt"


@dataclass(frozen=True)
class Trial:
    """The scores of each of METHODS (one per query, in the queries' order), the database, and the
    seconds the import and the searches took."""

    vendor: str
    scores: dict[str, list[Score]]
    seconds: dict[str, float]


class Rollback(Exception):
    """Raised to undo the trial's import: measuring search must leave the archive as it was."""


def document(sentences: list[Sentence]) -> str:
    """The sentences as a text the importer reads as one paragraph each."""
    return "\n\n".join(sentence.text for sentence in sentences) + "\n"


def run(sentences: list[Sentence], queries: list[Query]) -> Trial:
    """Import `sentences` as a thesis, score every query's search and the baseline, and undo the
    import; ImportRefused when the importer does not read one passage for each sentence."""
    using = router.db_for_write(Passage)
    started = perf_counter()
    try:
        with transaction.atomic(using=using):
            thesis = import_sentences(sentences)
            imported = perf_counter()
            found = search_all(Passage.objects.using(using).filter(thesis=thesis), queries)
            searched = perf_counter()
            raise Rollback
    except Rollback:
        pass
    baseline = exact_form(sentences)
    found["exact_form"] = [baseline.get(query.text, frozenset()) for query in queries]
    scores = {method: [Score(q, hits) for q, hits in zip(queries, found[method], strict=True)] for method in METHODS}
    seconds = {"import": imported - started, "search": searched - imported}
    return Trial(connections[using].vendor, scores, seconds)


def import_sentences(sentences: list[Sentence]) -> Thesis:
    """The thesis the importer makes of the sentences, checked to hold one passage each, in order."""
    result = import_bytes(document(sentences).encode("utf-8"), FILE_NAME, use_curation=False)
    if not result.created:
        raise ImportRefused(f"the archive already holds these sentences, as thesis {result.thesis.pk}")
    texts = list(result.thesis.passages.order_by("order").values_list("text", flat=True))
    for index, (text, sentence) in enumerate(zip(texts, sentences, strict=False)):
        if text.split() != sentence.text.split():
            raise ImportRefused(f"sentence {index + 1} ({sentence.id}) was not imported as a passage of its own")
    if len(texts) != len(sentences):
        raise ImportRefused(f"{len(sentences)} sentences were imported as {len(texts)} passages")
    return result.thesis


def search_all(passages, queries: list[Query]) -> dict[str, list[frozenset[int]]]:
    """For each query, the sentences (by index, the passages' order) the search lists, and those of
    them its analysed words matched."""
    index = {pk: position for position, pk in enumerate(passages.order_by("order").values_list("pk", flat=True))}
    listed, analysed = [], []
    for query in queries:
        rows = found_rows(passages, query.text)
        listed.append(frozenset(index[pk] for pk, _rank in rows))
        analysed.append(frozenset(index[pk] for pk, rank in rows if rank == 0))
    return {"search": listed, "analysed_words": analysed}


def found_rows(passages, term: str) -> list[tuple[int, int]]:
    """(id, form_rank) of each passage `search_passages` lists for `term`: a near miss (PostgreSQL's
    answer when nothing holds the term) ranks as 1, a query the language refuses finds nothing."""
    try:
        found = search_passages(passages, term)
    except QueryError:
        return []
    if near_misses(found):
        return [(pk, 1) for pk in found.values_list("pk", flat=True)]
    return list(found.values_list("pk", "form_rank"))
