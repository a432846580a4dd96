"""The search query language: parsing a query into analysed terms and compiling it for either database."""

import pytest

from thesis.text.query_language import (
    MISPLACED_OR,
    ONLY_EXCLUDED,
    UNBALANCED,
    Query,
    QueryError,
    Term,
    fts_match,
    marked,
    parse,
    tsquery,
)


def known(word: str) -> bool:
    # A lexicon of a few words, so that the analysis is the same wherever the tests run.
    return word in {"саясат", "саясаты", "саясатының", "ядролық", "қару", "қаруды", "әлем", "кез", "кезде"}


def test_words_in_any_order_are_each_a_clause_of_their_analysed_form():
    query = parse("Саясатының  ЯДРОЛЫҚ", known)
    assert query == Query(((Term(("саясат",)),), (Term(("ядролық",)),)), (), plain=True)
    assert fts_match(query) == '("саясат") AND ("ядролық")'
    assert tsquery(query) == "('саясат') & ('ядролық')"


def test_a_phrase_or_an_exclusion_and_a_prefix_compile_for_either_database():
    query = parse('"ядролық қаруды" OR саясат -әлем кез*', known)
    assert not query.plain
    assert query.clauses == ((Term(("ядролық", "қару")), Term(("саясат",))), (Term(("кез",), prefix=True),))
    assert query.excluded == (Term(("әлем",)),)
    assert fts_match(query) == '("ядролық қару" OR "саясат") AND ("кез"*) NOT "әлем"'
    assert tsquery(query) == "('ядролық' <-> 'қару' | 'саясат') & ('кез':*) & !('әлем')"


def test_a_prefix_is_not_cut_to_a_stem_and_a_latin_word_is_read_in_cyrillic():
    assert parse("саясаты*", known).clauses == ((Term(("саясаты",), prefix=True),),)
    assert parse("sayasat", known).clauses == ((Term(("саясат",)),),)


def test_a_hyphenated_compound_is_a_phrase_whose_first_part_keeps_its_form():
    assert parse("қарым-қатынас", known).clauses == ((Term(("қарым", "қатынас")),),)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('"ядролық қару', UNBALANCED),
        ('саясат "', UNBALANCED),
        ("-саясат", ONLY_EXCLUDED),
        ('-"ядролық қару" -әлем', ONLY_EXCLUDED),
        ("OR саясат", MISPLACED_OR),
        ("саясат OR", MISPLACED_OR),
        ("саясат OR OR әлем", MISPLACED_OR),
        ("саясат OR -әлем", MISPLACED_OR),
    ],
)
def test_a_malformed_query_is_refused_saying_why(text, code):
    with pytest.raises(QueryError) as refused:
        parse(text, known)
    assert refused.value.code == code and str(refused.value)


def test_no_character_a_reader_types_reaches_the_database_as_syntax():
    # Only letters and digits become lexemes, each quoted: quotes, colons, bars and parentheses are
    # dropped, and the words one run of characters holds are a phrase, as a compound's are.
    query = parse("саясат'):1 | !әлем (NEAR)", known)
    assert fts_match(query) == '("саясат 1") AND ("әлем") AND ("неар")'
    assert tsquery(query) == "('саясат' <-> '1') & ('әлем') & ('неар')"


def test_a_query_of_punctuation_alone_has_no_clause_and_stays_plain():
    assert parse("50%", known).clauses == ((Term(("50",)),),)
    assert parse("%", known) == Query((), (), plain=True)


def test_marked_lists_the_analysed_words_and_prefixes():
    words, prefixes = marked(parse('саясатының "ядролық қару" кез*', known))
    assert words == {"саясат", "ядролық", "қару"} and prefixes == ("кез",)
