"""Finding records: case-folded Kazakh text search on SQLite and PostgreSQL.

`kk_icontains` is `icontains` that folds Kazakh Cyrillic case on both databases: PostgreSQL's
lower() does (the databases are created with LC_CTYPE C.UTF-8), SQLite's LIKE folds ASCII
only, so on SQLite both sides are folded by Python's str.lower, registered on every connection.
Passage search on SQLite uses a trigram FTS5 index instead, which folds case the same way.

Passage search lists the passages containing the term in the order they were stored, which is
their order in each thesis, so that the first page is found without finding every match. On
PostgreSQL a term that no passage contains is looked for again as a near miss, by trigram word
similarity (pg_trgm's `%>` operator at its default threshold of 0.6), best match first: so a
misspelt word still finds its passage, and so does a correct one that the text only misspells."""

import json

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import CharField, Func, Lookup, Q, TextField
from django.db.models.functions import Lower
from django.dispatch import receiver

from .models import PassageTextIndex

LIKE_ESCAPES = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})
# On SQLite, passages are searched through the trigram FTS5 index of migration 0005, which folds
# case as kk_fold does and finds any run of three or more characters; a shorter term is looked
# for with kk_icontains, over every row.
FTS_MIN_LENGTH = 3
# How many matches a search lists and counts: past it, a count would cost as much as the corpus is large.
SEARCH_RESULT_LIMIT = 1000


def fold_case(value: str | None) -> str | None:
    """The case-folded form both sides of a Kazakh search are compared in (Қ→қ, Ә→ә, І→і …)."""
    return None if value is None else str(value).lower()


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


PassageTextIndex._meta.get_field("text").register_lookup(FullTextMatch)


class JSONStrings(Func):
    """The strings inside a JSON value as text, so that names stored in JSON can be searched."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="kk_json_strings", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "CAST(jsonb_path_query_array(%(expressions)s, 'strict $.** ? (@.type() == \"string\")') AS text)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def text_matches(term: str, *fields: str) -> Q:
    """Records where any of `fields` (text fields or JSONStrings aliases) contains `term`, case folded."""
    return Q.create([(f"{field}__kk_icontains", term) for field in fields], connector=Q.OR)


def search_passages(queryset, term: str):
    """Passages whose current text contains `term`, in stored order; on PostgreSQL, when none
    does, the near misses instead, best first (each with its `search_rank`)."""
    term = term.strip()
    if not term:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite" and len(term) >= FTS_MIN_LENGTH:
        # Joined rather than asked for a list of ids, so that the index hands over its rows in
        # rowid order and a page stops reading it once full.
        return queryset.filter(text_index__text__fts_match=fts_phrase(term)).order_by("text_index__passage_id")
    exact = queryset.filter(text_matches(term, "text")).order_by("pk")
    if vendor != "postgresql" or exact.exists():
        return exact
    # lower(text) is what the trigram index holds.
    return (
        queryset.alias(folded_text=Lower("text"))
        .filter(folded_text__trigram_word_similar=term)
        .annotate(search_rank=TrigramWordSimilarity(term, Lower("text")))
        .order_by("-search_rank", "pk")
    )


def fts_phrase(term: str) -> str:
    """`term` as one FTS5 string: with the trigram tokenizer, the rows containing it, case folded."""
    return '"' + term.replace('"', '""') + '"'
