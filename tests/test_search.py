"""Kazakh case-folded search and timeline year ranges, through the ORM on whichever database runs the tests."""

import pytest
from django.db import connection
from django.db.models import Q

from thesis.models import Author, Passage, Source, TimelineEvent
from thesis.search import (
    JSONStrings,
    containing_year,
    fold_case,
    in_century,
    json_strings,
    overlapping_years,
    search_passages,
    text_matches,
    validate_year,
    validate_year_range,
)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="trigram similarity needs PostgreSQL's pg_trgm; SQLite search matches substrings only",
)


def orders(queryset) -> list[int]:
    return [passage.order for passage in queryset]


def event_keys(queryset) -> set[str]:
    return set(queryset.values_list("key", flat=True))


def test_fold_case_folds_every_kazakh_letter():
    assert fold_case("ӘҒҚҢӨҰҮҺІ") == "әғқңөұүһі"
    assert fold_case("ҚАЗАҚСТАН Republic") == "қазақстан republic"
    assert fold_case(None) is None


def test_json_strings_reads_escaped_json():
    assert json_strings('[{"family": "\\u0422\\u043e\\u049b\\u0430\\u0435\\u0432", "given": "Қ.К."}]') == "Тоқаев\nҚ.К."
    assert json_strings("[]") == ""
    assert json_strings(None) is None


def test_year_rules():
    with pytest.raises(ValueError, match="no year 0"):
        validate_year(0)
    with pytest.raises(ValueError, match="after it ends"):
        validate_year_range(1995, 1990)
    validate_year_range(-5, 5)
    validate_year_range(None, 1990)
    assert overlapping_years(None, None) == Q()


@pytest.mark.django_db
def test_kazakh_search_folds_case_both_ways(seed_thesis):
    upper = Passage.objects.filter(text__kk_icontains="ҚАЗАҚСТАН")
    assert orders(upper) == [2, 3, 7, 8, 9]
    assert orders(Passage.objects.filter(text__kk_icontains="назарбаев")) == [1, 3, 8]
    assert orders(Passage.objects.filter(text__kk_icontains="НАЗАРБАЕВ")) == [1, 3, 8]


@pytest.mark.django_db
def test_plain_icontains_on_sqlite_misses_kazakh_capitals(seed_thesis):
    # The reason for kk_icontains: SQLite's LIKE folds ASCII letters only.
    found = Passage.objects.filter(text__icontains="ҚАЗАҚСТАН").count()
    assert found == (0 if connection.vendor == "sqlite" else 5)


@pytest.mark.django_db
def test_like_wildcards_in_the_term_are_literal(seed_thesis):
    assert not Passage.objects.filter(text__kk_icontains="%").exists()
    assert not Passage.objects.filter(text__kk_icontains="_").exists()
    assert Passage.objects.filter(text__kk_icontains="[3]").exists()


@pytest.mark.django_db
def test_search_over_several_fields_and_json(seed_thesis):
    source = seed_thesis.sources.get(number=3)
    source.authors = [{"family": "Тоқаев", "given": "Қ.К."}]
    source.save()
    found = Source.objects.alias(names=JSONStrings("authors")).filter(text_matches("тоҚАЕВ", "title", "names"))
    assert list(found) == [source]
    keys = Source.objects.alias(names=JSONStrings("authors")).filter(text_matches("family", "names"))
    assert not keys.exists(), "JSON keys are not searched, only the strings they hold"
    assert Author.objects.filter(text_matches("тоқаев", "display_name", "family_name")).count() == 1


@pytest.mark.django_db
def test_search_passages_finds_exact_words_on_every_database(seed_thesis):
    # The same passages in stored order on both databases: near misses only come when nothing matches.
    assert orders(search_passages(Passage.objects.all(), "  ҚАЗАҚСТАН  ")) == [2, 3, 7, 8, 9]
    assert orders(search_passages(Passage.objects.filter(order__gte=5), "қазақстан")) == [7, 8, 9]
    assert search_passages(Passage.objects.all(), "   ").count() == 11


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db
def test_trigram_search_finds_a_misspelt_occurrence_from_the_correct_spelling(seed_thesis):
    # The text misspells "қауіпсіздігі" as "қауіпсіздіздігі" in §2 and in its repetition, §10.
    phrase = "басқалардың қауіпсіздігі есебінен"
    assert not Passage.objects.filter(text__kk_icontains=phrase).exists()
    found = orders(search_passages(Passage.objects.all(), phrase))
    assert set(found[:2]) == {2, 10}


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db
def test_trigram_search_finds_a_passage_from_a_misspelt_word_best_first(seed_thesis):
    found = list(search_passages(Passage.objects.all(), "ҚАУІПСІЗДІЗДІГІН"))
    assert not Passage.objects.filter(text__kk_icontains="қауіпсіздіздігін").exists()
    assert {p.order for p in found[:2]} == {2, 10}
    assert [p.search_rank for p in found] == sorted((p.search_rank for p in found), reverse=True)


@pytest.mark.django_db
def test_year_ranges_on_the_seed_timeline(seed_thesis):
    events = TimelineEvent.objects.all()
    assert event_keys(events.filter(containing_year(1992))) == {
        "stated:1992ж#1",
        "stated:1992 ж 2 наурызда#1",
        "inferred:unga-47-cica",
    }
    assert event_keys(events.filter(in_century(17))) == {
        "stated:XVI-XVII ғғ.#1",
        "stated:XVII ғ.#1",
        "inferred:wotton-ambassador",
    }
    assert event_keys(events.filter(overlapping_years(2000, None))) == {"stated:ХХI ғасырда#1"}
    assert event_keys(events.filter(overlapping_years(None, 1600))) == {"stated:XVI-XVII ғғ.#1"}
    assert events.filter(overlapping_years(1991, 1992)).count() == 5


@pytest.mark.django_db
def test_year_ranges_before_the_common_era(seed_thesis):
    events = TimelineEvent.objects.all()
    common = {"thesis": seed_thesis, "precision": "year", "headline": "б.з.д."}
    TimelineEvent.objects.create(key="bce:5th", start_year=-500, end_year=-401, **common)
    TimelineEvent.objects.create(key="bce:44", start_year=-44, end_year=-44, **common)
    assert event_keys(events.filter(in_century(-5))) == {"bce:5th"}
    assert event_keys(events.filter(in_century(-1))) == {"bce:44"}
    assert event_keys(events.filter(containing_year(-450))) == {"bce:5th"}
    assert event_keys(events.filter(overlapping_years(-450, -1))) == {"bce:5th", "bce:44"}
    assert event_keys(events.filter(overlapping_years(None, -1))) == {"bce:5th", "bce:44"}


@pytest.mark.django_db
def test_year_ranges_find_events_longer_than_any_before(seed_thesis):
    # Ranges read start years from the target less the longest span: a new longest event widens it.
    events = TimelineEvent.objects.all()
    common = {"thesis": seed_thesis, "precision": "year", "headline": "ұзақ"}
    TimelineEvent.objects.create(key="long", start_year=-3000, end_year=1995, **common)
    assert "long" in event_keys(events.filter(containing_year(1994)))
    assert "long" in event_keys(events.filter(overlapping_years(1990, 2000)))
    assert "long" in event_keys(events.filter(overlapping_years(1995, None)))
    assert "long" not in event_keys(events.filter(overlapping_years(1996, None)))
    assert "long" in event_keys(events.filter(in_century(-30)))


SEARCH_TERMS = ["ҚАЗАҚСТАН", "назарбаев", "ӘЛЕМ", "іле", "[3]", "50%", "ядролық қару", "Республика", "xyz-none"]


@pytest.mark.django_db
@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_passage_search_finds_exactly_what_kk_icontains_finds(seed_thesis, term):
    # On SQLite through the trigram index; the same passages as the scan it replaces.
    found = set(search_passages(Passage.objects.all(), term).values_list("pk", flat=True))
    scanned = set(Passage.objects.filter(text__kk_icontains=term).values_list("pk", flat=True))
    # PostgreSQL lists near misses for a term found nowhere; otherwise both list exactly the matches.
    if scanned or connection.vendor == "sqlite":
        assert found == scanned


@pytest.mark.django_db
def test_passage_search_follows_every_edit_of_the_text(seed_thesis):
    passage = Passage.objects.get(thesis=seed_thesis, order=1)
    assert not search_passages(Passage.objects.all(), "ЖАҢАСӨЗҚҰРАМА").exists()
    passage.text += " жаңасөзқұрама"
    passage.save()
    assert list(search_passages(Passage.objects.all(), "ЖАҢАСӨЗҚҰРАМА")) == [passage]
    passage.text = passage.text.replace(" жаңасөзқұрама", "")
    passage.save()
    assert not search_passages(Passage.objects.all(), "жаңасөзқұрама").exists()


@pytest.mark.django_db
def test_short_terms_are_still_found_on_every_database(seed_thesis):
    # Under three letters the trigram index cannot answer; the scan does.
    scanned = set(Passage.objects.filter(text__kk_icontains="ҚА").values_list("pk", flat=True))
    assert scanned
    assert scanned <= set(search_passages(Passage.objects.all(), "ҚА").values_list("pk", flat=True))


@pytest.mark.django_db
def test_quotes_in_a_search_term_are_literal(seed_thesis):
    assert not search_passages(Passage.objects.all(), 'a" OR "b').exists()
    assert list(search_passages(Passage.objects.all(), '"')) == list(Passage.objects.filter(text__kk_icontains='"'))
