"""Finding records: case-folded Kazakh text search on SQLite and PostgreSQL.

`kk_icontains` is `icontains` that folds Kazakh Cyrillic case on both databases: PostgreSQL's
lower() does (the databases are created with LC_CTYPE C.UTF-8), SQLite's LIKE folds ASCII
only, so on SQLite both sides are folded by Python's str.lower, registered on every connection.
Passage search on SQLite uses a trigram FTS5 index instead, which folds case the same way; on
PostgreSQL it compares a case-folded copy of the text, which has a trigram index (migration 0015).
Both indexes hold the text as `fold_text` folds it (migration 0022): a Cyrillic word's Latin
look-alikes read as the Kazakh letters they stand for, so "әлемдік" finds "Əлемдік" typed with a Latin Ə.

Passage search matches the query's analysed words (thesis.text.analysis) against the passages'.
Only when no passage's words match does a plain query look for `query_terms` inside words: the
term, its Cyrillic readings when it is written in the 2021 Latin alphabet or holds Latin letters
inside a Cyrillic word, and the other forms of its last word (thesis.text.morphology). A form whose
stem is no substring to search by (a short stem, an elided one) is a whole word checked in each
passage that holds the stem (`term_tiers`). Those passages are listed in the order they were stored,
which is their order in each thesis, so that the first page is found without finding every match. On
PostgreSQL a term that no passage contains is looked for again as a near miss, by trigram word
similarity (pg_trgm's `%>` operator at its default threshold of 0.6), best match first: so a
misspelt word still finds its passage, and so does a correct one that the text only misspells.
A query that finds nothing may have been typed on a Russian keyboard: `did_you_mean` reads it so."""

import json
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Case, CharField, Func, IntegerField, Lookup, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.dispatch import receiver

from .models import Passage, PassageTextIndex, PassageWordsIndex
from .text.alphabet import CYRILLIC_RE, LATIN_RE, cyrillic_lookalikes
from .text.analysis import lexicon_knows, word_spans
from .text.keyboard import keyboard_readings
from .text.morphology import WordForm, phrase_forms, phrase_word_forms
from .text.query_language import Query, fts_match, marked, parse, tsquery
from .text.snippets import MAX_MARKS, match_spans, merge
from .text.transliteration import cyrillic_readings

LIKE_ESCAPES = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})
# On SQLite, passages are searched through the trigram FTS5 index of migration 0005, which folds
# case as kk_fold does and finds any run of three or more characters; a shorter term is looked
# for with kk_icontains, over every row.
FTS_MIN_LENGTH = 3
# How many matches a search lists and counts: past it, a count would cost as much as the corpus is large.
SEARCH_RESULT_LIMIT = 1000
# What a heading's words weigh in a passage's rank against its own words' 1 (SQLite's bm25 weights
# are migration 0026's, PostgreSQL's here).
HEADING_WEIGHT = 0.3
ID = '"thesis_passage"."id"'


def fold_case(value: str | None) -> str | None:
    """The case-folded form both sides of a Kazakh search are compared in (Қ→қ, Ә→ә, І→і …)."""
    return None if value is None else str(value).lower()


def fold_text(value: str | None) -> str | None:
    """A passage's text as its search index holds it: each Cyrillic word's Latin look-alikes read as
    the Kazakh letters they stand for ("Əлемдік" → "Әлемдік", `cyrillic_lookalikes`), then case
    folded. PostgreSQL's kk_fold_text (migration 0022) is this function in SQL."""
    return None if value is None else fold_case(cyrillic_lookalikes(str(value)))


def json_strings(value: str | None) -> str | None:
    """Every string inside a JSON document, one a line; SQLite stores non-ASCII JSON escaped."""
    if value is None:
        return None
    return "\n".join(_strings_in(json.loads(value)))


def _strings_in(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for item in data.values():
            yield from _strings_in(item)
    elif isinstance(data, list):
        for item in data:
            yield from _strings_in(item)


@receiver(connection_created, dispatch_uid="thesis_search_sqlite_functions")
def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("kk_fold", 1, fold_case, deterministic=True)
        connection.connection.create_function("kk_fold_text", 1, fold_text, deterministic=True)
        connection.connection.create_function("kk_json_strings", 1, json_strings, deterministic=True)


@CharField.register_lookup
@TextField.register_lookup
class KazakhIContains(Lookup):
    """Case-insensitive containment that folds Kazakh Cyrillic too; % and _ in the term are literal."""

    lookup_name = "kk_icontains"

    def get_db_prep_lookup(self, value, connection):
        return "%s", [f"%{str(value).translate(LIKE_ESCAPES)}%"]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        fold = "kk_fold" if connection.vendor == "sqlite" else "LOWER"
        return f"{fold}({lhs}) LIKE {fold}({rhs}) ESCAPE '\\'", [*lhs_params, *rhs_params]


class FullTextMatch(Lookup):
    """An FTS5 index column MATCHing a query (see `fts_phrase`)."""

    lookup_name = "fts_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FoldedContains(Lookup):
    """The folded text index's column containing a term, folded as the copy was (PostgreSQL's lower()):
    `lower(text) LIKE lower(term)` with the left side folded once, when the passage was saved."""

    lookup_name = "folded_contains"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [f"%{str(value).translate(LIKE_ESCAPES)}%"]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE LOWER({rhs}) ESCAPE '\\'", [*lhs_params, *rhs_params]


PassageTextIndex._meta.get_field("text").register_lookup(FullTextMatch)
PassageTextIndex._meta.get_field("text").register_lookup(FoldedContains)
PassageWordsIndex._meta.get_field("match").register_lookup(FullTextMatch)


class JSONStrings(Func):
    """The strings inside a JSON value as text, so that names stored in JSON can be searched."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="kk_json_strings", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "CAST(jsonb_path_query_array(%(expressions)s, 'strict $.** ? (@.type() == \"string\")') AS text)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class FoldedText(Func):
    """A text folded as `fold_text` folds it, by the kk_fold_text function of either database."""

    function = "kk_fold_text"
    output_field = TextField()


def text_matches(term: str, *fields: str) -> Q:
    """Records where any of `fields` (text fields or JSONStrings aliases) contains `term`, case folded."""
    return Q.create([(f"{field}__kk_icontains", term) for field in fields], connector=Q.OR)


def query_terms(term: str) -> list[str]:
    """The case-folded strings whose occurrences in a passage's text match `term`, best first:
    the term itself, its Cyrillic readings when it is written in the 2021 Latin alphabet
    ("sayasat" → "саясат"), then the other forms of its last word ("саясатының" → "саясат"),
    a whole-word form by the stem it holds ("кезде" → "кез"): the strings a result marks."""
    spellings, others, word_forms = term_tiers(term)
    return list(dict.fromkeys([*spellings, *others, *(form.text for form in word_forms)]))


def term_tiers(term: str) -> tuple[list[str], list[str], list[WordForm]]:
    """`query_terms` in two ranks: the term as spelt (in either script), and its other forms,
    those that are substrings and those that must be whole words (`WordForm`)."""
    folded = fold_case(term.strip())
    if not folded:
        return [], [], []
    spellings = [folded]
    if LATIN_RE.search(folded) and not CYRILLIC_RE.search(folded):
        spellings += [fold_case(reading) for reading in cyrillic_readings(term.strip())]
    spellings = list(dict.fromkeys([*spellings, fold_case(cyrillic_lookalikes(term.strip()))]))
    others = [form for spelling in spellings for form in phrase_forms(spelling) if form not in spellings]
    others = list(dict.fromkeys(others))
    # A whole word whose stem another term already holds is found by that term.
    word_forms = [
        form
        for spelling in spellings
        for form in phrase_word_forms(spelling, _known)
        if not any(found in form.text for found in spellings + others)
    ]
    return spellings, others, list(dict.fromkeys(word_forms))


_known = lexicon_knows


def did_you_mean(term: str) -> list[str]:
    """`term` read as typed on a Russian keyboard ("Казакстан" → "Қазақстан"), each reading a query
    to offer when `term` finds nothing; none when no word of it reads as a word the lexicon knows."""
    return keyboard_readings(term.strip(), _known)


SORTS = ("relevance", "order")


def parse_query(term: str) -> Query:
    """`term` in the query language (thesis.text.query_language), its words analysed; a QueryError
    when it cannot be searched (an unclosed quote, exclusions alone, OR at an end)."""
    return parse(term.strip(), lexicon_knows)


def search_passages(queryset, term: str, order: str = "relevance"):
    """Passages matching `term` (see the module's docstring), most relevant first, or in stored order
    with `order="order"`; each with its `form_rank`: 0 when its analysed words match, 1 when it only
    holds the query as typed inside a word, which is looked for only when no passage's analysed words
    match. On PostgreSQL, when a plain query matches nothing, its near misses instead, best first (each
    with its `search_rank`). A QueryError for a malformed query.

    Each kind of match is read up to SEARCH_RESULT_LIMIT + 1, so that a search reads a bounded
    number of rows whatever the corpus; those are all a search lists."""
    query = parse_query(term)
    if not term.strip():
        return queryset
    vendor = connections[queryset.db].vendor
    # Each kind's ids are read once, here: otherwise the count and the page would each search again.
    ranked = _word_matches(queryset, query, vendor, order) if query.clauses else []
    # The letters typed are looked for inside words only when no passage holds the query's analysed
    # words: beside them, a short word's letters inside longer words (ел in әйелдер) find mostly wrongly.
    fallback = query.plain and not ranked
    spellings, others, _word_forms = term_tiers(term) if fallback else ([], [], [])
    rest = _first(_matches(queryset, spellings + others, vendor)) if spellings else []
    if ranked or rest or vendor != "postgresql" or not spellings:
        return _ranked(queryset, ranked, rest, order)
    return _near_misses(queryset, spellings)


@dataclass(frozen=True)
class Marks:
    """What a result marks of `term`: the strings found inside words (the query as typed and its other
    forms, when it is plain), and the words whose analysed form a query's word or prefix matches."""

    strings: tuple[str, ...]
    words: frozenset[str]
    prefixes: tuple[str, ...]

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = match_spans(text, list(self.strings)) + word_spans(text, self.words, self.prefixes, lexicon_knows)
        return merge(found)[:MAX_MARKS]


def search_marks(term: str) -> Marks:
    """The marks of a query that `parse_query` accepts."""
    query = parse_query(term)
    words, prefixes = marked(query)
    return Marks(tuple(query_terms(term)) if query.plain else (), words, prefixes)


def near_misses(found) -> bool:
    """Whether `found`, a `search_passages` result, lists near misses: the term itself is nowhere."""
    return "search_rank" in found.query.annotations


def _word_matches(queryset, query: Query, vendor: str, order: str) -> list[int]:
    """The ids of the first passages whose analysed words (or heading's) match `query`, best first:
    by bm25 on SQLite, by ts_rank_cd on PostgreSQL, in stored order among equals."""
    passage = f'"{Passage._meta.db_table}"."id"'
    if vendor == "postgresql":
        compiled, document = tsquery(query), "to_tsquery('simple'::regconfig, %s)"
        found = f"SELECT passage_id FROM thesis_passagewords WHERE document @@ {document}"
        score = f"""SELECT -ts_rank_cd('{{{HEADING_WEIGHT}, {HEADING_WEIGHT}, {HEADING_WEIGHT}, 1.0}}', document,
            {document}) FROM thesis_passagewords WHERE passage_id = {passage}"""
    else:
        # Joined, so that each match is ranked once, as FTS5 reads it, not looked up again by id.
        matches = queryset.filter(words_index__match__fts_match=fts_match(query))
        # In stored order the index hands its rowids over in order, and the read stops once it has enough.
        ranking = ("words_index__passage_id",) if order == "order" else ("words_index__rank", "pk")
        return _first(matches.order_by(*ranking))
    matches = queryset.filter(pk__in=RawSQL(found, [compiled])).annotate(words_score=RawSQL(score, [compiled]))
    return _first(matches.order_by("words_score", "pk"))


def _ranked(queryset, ranked: list[int], rest: list[int], order: str):
    """The passages of `ranked` in their order, then those of `rest` in stored order, each with its
    `form_rank`; with `order="order"` all in stored order."""
    found = queryset.filter(id__in_ids=ranked + rest)
    if not ranked or not rest:
        # One rank: a constant to sort by would read as a column's position on PostgreSQL.
        found = found.annotate(form_rank=Value(0 if ranked else 1))
    elif len(rest) < len(ranked):
        # The rank names the shorter of the two lists: each id is a value the query carries.
        found = found.annotate(form_rank=Case(When(id__in_ids=rest, then=1), default=0))
    else:
        found = found.annotate(form_rank=Case(When(id__in_ids=ranked, then=0), default=1))
    if order == "order" or not ranked:
        return found.order_by("pk")
    return found.annotate(search_position=ListPosition(ranked + rest)).order_by("search_position")


class ListPosition(Func):
    """Where a passage's id stands in a list of ids, as one string parameter (not a value per id)."""

    output_field = IntegerField()

    def __init__(self, ids: list[int]):
        super().__init__(Value("," + ",".join(map(str, ids)) + ","), output_field=IntegerField())

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=f"instr(%(expressions)s, ',' || {ID} || ',')")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=f"strpos(%(expressions)s, ',' || {ID}::text || ',')")


def _near_misses(queryset, spellings: list[str]):
    """On PostgreSQL, the passages with a word like the query's, best first: a Latin query's near
    misses are those of its likeliest Cyrillic reading."""
    folded = next((spelling for spelling in spellings if _cyrillic_only(spelling)), spellings[0])
    # lower(text) is what the trigram index holds.
    return (
        queryset.alias(folded_text=Lower("text"))
        .filter(folded_text__trigram_word_similar=folded)
        .annotate(search_rank=TrigramWordSimilarity(folded, Lower("text")))
        .order_by("-search_rank", "pk")
    )


def _cyrillic_only(spelling: str) -> bool:
    """A spelling in Cyrillic with no Latin letter in its words."""
    return bool(CYRILLIC_RE.search(spelling)) and cyrillic_lookalikes(spelling) == spelling


def _folded_contains(terms: list[str]) -> Q:
    """On PostgreSQL, passages whose folded text (migration 0015) contains any of `terms`."""
    return Q.create([("text_index__text__folded_contains", term) for term in terms], connector=Q.OR)


def _first(matches) -> list[int]:
    """The ids of the first matches, one more than a search lists."""
    return list(matches.values_list("pk", flat=True)[: SEARCH_RESULT_LIMIT + 1])


def _matches(queryset, terms: list[str], vendor: str):
    """The passages containing any of `terms`, in stored order."""
    if vendor == "sqlite" and min(len(term) for term in terms) >= FTS_MIN_LENGTH:
        # Joined rather than asked for a list of ids, so that the index hands over its rows in
        # rowid order and a page stops reading it once full.
        query = " OR ".join(fts_phrase(term) for term in terms)
        return queryset.filter(text_index__text__fts_match=query).order_by("text_index__passage_id")
    if vendor == "postgresql":
        return queryset.filter(_folded_contains(terms)).order_by("pk")
    # A term too short for the index is looked for in every text, folded as the index folds it.
    folded = [fold_text(term) for term in terms]
    contained = Q.create([("folded_text__contains", term) for term in folded], connector=Q.OR)
    return queryset.alias(folded_text=FoldedText("text")).filter(contained).order_by("pk")


def fts_phrase(term: str) -> str:
    """`term` as one FTS5 string: with the trigram tokenizer, the rows containing it, case folded."""
    return '"' + term.replace('"', '""') + '"'
