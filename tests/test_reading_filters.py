"""reading/filters.py: the archive page's theses narrowed by kind, language, completeness and year, and sorted."""

import pytest

from reading.filters import ArchiveFilter
from thesis.models import SourceDocument, Thesis


@pytest.fixture
def theses(db) -> dict[str, Thesis]:
    """Four theses that differ in every way the archive page filters and sorts by."""
    made = {}
    for n, (title, kind, language, complete, year) in enumerate(
        [
            ("Бейбітшілік", Thesis.Kind.DIPLOMA, "kk", True, 2010),
            ("Айбын", Thesis.Kind.MASTER, "kk", False, 1998),
            ("Вектор", Thesis.Kind.DIPLOMA, "ru", True, None),
            ("Әлем", Thesis.Kind.ARTICLE, "kk", True, 2021),
        ]
    ):
        document = SourceDocument.objects.create(file_name=f"{n}.txt", sha256=f"{n:064d}", content="x", size_bytes=1)
        made[title] = Thesis.objects.create(
            title=title, source_document=document, kind=kind, language=language, is_complete=complete, year=year
        )
    return made


def titles(data: dict) -> list[str]:
    found = ArchiveFilter(data, queryset=Thesis.objects.all())
    assert found.is_valid(), found.errors
    return [thesis.title for thesis in found.qs]


def test_without_choices_every_thesis_comes_in_the_order_added(theses):
    assert titles({}) == ["Бейбітшілік", "Айбын", "Вектор", "Әлем"]


def test_each_choice_narrows_and_they_combine(theses):
    assert titles({"kind": "diploma"}) == ["Бейбітшілік", "Вектор"]
    assert titles({"language": "kk", "complete": "true"}) == ["Бейбітшілік", "Әлем"]
    assert titles({"complete": "false"}) == ["Айбын"]
    # A thesis whose year is unknown is outside any range of years.
    assert titles({"year_from": "2000", "year_to": "2015"}) == ["Бейбітшілік"]
    assert titles({"year_to": "2000"}) == ["Айбын"]


def test_sorts_go_both_ways(theses):
    # By code point on both databases (their collation is C): Ә comes after the Russian alphabet.
    assert titles({"sort": "title"}) == ["Айбын", "Бейбітшілік", "Вектор", "Әлем"]
    assert titles({"sort": "-added"}) == ["Әлем", "Вектор", "Айбын", "Бейбітшілік"]
    assert titles({"sort": "year", "language": "kk"}) == ["Айбын", "Бейбітшілік", "Әлем"]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ({"kind": "essay"}, "kind"),
        ({"complete": "maybe"}, "complete"),
        ({"year_from": "2010.5"}, "year_from"),
        ({"year_to": "0"}, "year_to"),
        ({"sort": "size"}, "sort"),
        ({"language": "x" * 9}, "language"),
    ],
)
def test_a_value_it_cannot_honour_is_an_error_of_its_own_parameter(db, data, name):
    found = ArchiveFilter(data, queryset=Thesis.objects.all())
    assert not found.is_valid() and set(found.errors) == {name}
