"""A search query's language: words in any order, "a phrase", OR, -exclusion and prefix*, parsed into
a `Query` and compiled to SQLite FTS5's MATCH syntax and to PostgreSQL's tsquery.

Each word goes through `analysis.analyse`, as the passages' words did when they were indexed; a
prefix is folded and read in Cyrillic but not cut to a stem, since it is a part of a word already.
What reaches either database is made of the analysed words alone (letters and digits), each quoted,
so no character a reader types is read as the database's own syntax."""

import re
from dataclasses import dataclass

from .analysis import lemma, tokens

# A phrase in quotes or a bare run of characters, either one excluded by a leading minus.
ITEM_RE = re.compile(r'(-?)(?:"([^"]*)"|([^\s"]+))')
OR = "OR"


class QueryError(ValueError):
    """A query that cannot be searched; `code` names why (UNBALANCED, ONLY_EXCLUDED, MISPLACED_OR)."""

    def __init__(self, code: str):
        super().__init__(MESSAGES[code])
        self.code = code


UNBALANCED = "unbalanced"
ONLY_EXCLUDED = "only_excluded"
MISPLACED_OR = "misplaced_or"
MESSAGES = {
    UNBALANCED: "A phrase's quotation mark is not closed: put a \" at its end too.",
    ONLY_EXCLUDED: "A query of exclusions alone finds nothing: add a word to look for.",
    MISPLACED_OR: "OR stands between two words or phrases, not at either end of the query or beside a -.",
}


@dataclass(frozen=True)
class Term:
    """Words to find next to each other (one word, or a phrase's), the last a prefix when `prefix`."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """Every clause must match (each clause one term or several joined by OR), no excluded term may;
    `plain` when the reader used none of the operators, so that the query is also a string to find."""

    clauses: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()
    plain: bool = True

    @property
    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]


def parse(text: str, known) -> Query:
    """`text` as a Query of analysed words (`known`, the lexicon, guards their stems), or a QueryError.
    A query with no word to index (only punctuation, "50%") has no clause and is still plain."""
    if text.count('"') % 2:
        raise QueryError(UNBALANCED)
    clauses, excluded, plain, joining = [], [], True, False
    for minus, phrase, bare in ITEM_RE.findall(text):
        if not minus and bare == OR:
            if not clauses or joining:
                raise QueryError(MISPLACED_OR)
            plain, joining = False, True
            continue
        plain = plain and not minus and phrase == "" and not bare.endswith("*") and '"' not in text
        if minus and joining:
            raise QueryError(MISPLACED_OR)
        term = _term(phrase if bare == "" else bare, known, prefix=bare.endswith("*"))
        joining = _place(term, bool(minus), joining, clauses, excluded)
    if joining:
        raise QueryError(MISPLACED_OR)
    if excluded and not clauses:
        raise QueryError(ONLY_EXCLUDED)
    return Query(tuple(clauses), tuple(excluded), plain)


def _place(term: Term | None, minus: bool, joining: bool, clauses: list, excluded: list) -> bool:
    """Put `term` among the exclusions, beside the clause before it (after OR) or in a clause of its own."""
    if term is None:
        return joining
    if minus:
        excluded.append(term)
    elif joining:
        clauses[-1] = (*clauses[-1], term)
    else:
        clauses.append((term,))
    return False


def _term(text: str, known, prefix: bool) -> Term | None:
    found = tokens(text.rstrip("*") if prefix else text)
    if not found:
        return None
    words = [word if head else lemma(word, known) for word, head in found]
    if prefix:
        # A prefix is a part of a word: folded and in Cyrillic, not cut to a stem.
        words[-1] = found[-1][0]
    return Term(tuple(words), prefix)


def fts_match(query: Query) -> str:
    """The query in SQLite FTS5's MATCH syntax, for an index of analysed words."""
    found = " AND ".join("(" + " OR ".join(_fts_term(term) for term in clause) + ")" for clause in query.clauses)
    return "".join([found, *(f" NOT {_fts_term(term)}" for term in query.excluded)])


def _fts_term(term: Term) -> str:
    return '"' + " ".join(term.words).replace('"', '""') + '"' + ("*" if term.prefix else "")


def tsquery(query: Query) -> str:
    """The query as the text of a PostgreSQL tsquery, for to_tsquery('simple', …): each lexeme quoted."""
    found = " & ".join("(" + " | ".join(_ts_term(term) for term in clause) + ")" for clause in query.clauses)
    return "".join([found, *(f" & !({_ts_term(term)})" for term in query.excluded)])


def _ts_term(term: Term) -> str:
    lexemes = [_lexeme(word) for word in term.words]
    if term.prefix:
        lexemes[-1] += ":*"
    return " <-> ".join(lexemes)


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def marked(query: Query) -> tuple[frozenset[str], tuple[str, ...]]:
    """The analysed words a result marks, and the prefixes whose words it marks."""
    words = {word for term in query.terms for word in (term.words[:-1] if term.prefix else term.words)}
    prefixes = tuple(term.words[-1] for term in query.terms if term.prefix)
    return frozenset(words), prefixes
