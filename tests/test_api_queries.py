"""No N+1: the queries a request makes do not grow with the number of results shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesis.models import (
    Author,
    AuthorAlias,
    Citation,
    Mention,
    Passage,
    Section,
    Source,
    SourceDocument,
    Thesis,
    TimelineEvent,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

EXTRA = 210
MAX_QUERIES = 8


@pytest.fixture(scope="module")
def crowd(shared_seed, django_db_blocker):
    """The module's seed with more than 200 of everything, made once, inside the module's transaction
    (shared_seed): making its 210 theses, each with its derived data, took most of the module's time."""
    with django_db_blocker.unblock():
        crowd_the_thesis(Thesis.objects.get(pk=shared_seed))


@pytest.fixture
def crowded_thesis(crowd, seed_thesis):
    """The seed thesis with more than 200 of everything, each with related records to show."""
    return seed_thesis


def crowd_the_thesis(seed_thesis) -> None:
    section = seed_thesis.sections.get(number="1.1")
    Section.objects.bulk_create(
        Section(
            thesis=seed_thesis,
            parent=section,
            kind="subsection",
            title=f"Бөлім {n}",
            order=100 + n,
            span_start=0,
            span_end=0,
        )
        for n in range(EXTRA)
    )
    passages = Passage.objects.bulk_create(
        Passage(
            thesis=seed_thesis,
            section=section,
            order=100 + n,
            original_text="Мәтін",
            text=f"Мәтін {n}",
            span_start=0,
            span_end=0,
        )
        for n in range(EXTRA)
    )
    sources = Source.objects.bulk_create(
        Source(thesis=seed_thesis, number=100 + n, authors=[{"family": "Тоқаев"}]) for n in range(EXTRA)
    )
    authors = Author.objects.bulk_create(
        Author(thesis=seed_thesis, key=f"extra|{n}", family_name=f"Автор{n}", display_name=f"Автор{n}")
        for n in range(EXTRA)
    )
    AuthorAlias.objects.bulk_create(AuthorAlias(author=author, form=author.display_name) for author in authors)
    Citation.objects.bulk_create(
        Citation(
            passage=passages[0],
            source=source,
            order=n,
            marker_start=0,
            marker_end=1,
            sentence="М",
            sentence_start=0,
            sentence_end=1,
        )
        for n, source in enumerate(sources)
    )
    Mention.objects.bulk_create(
        Mention(author=author, passage=passages[0], form="М", start=0, end=1) for author in authors
    )
    events = TimelineEvent.objects.bulk_create(
        TimelineEvent(
            thesis=seed_thesis,
            key=f"extra:{n}",
            passage=passages[n],
            headline=f"Оқиға {n}",
            start_year=1900 + n,
            end_year=1900 + n,
            precision="year",
        )
        for n in range(EXTRA)
    )
    TimelineEvent.authors.through.objects.bulk_create(
        TimelineEvent.authors.through(timelineevent=event, author=author)
        for event, author in zip(events, authors, strict=True)
    )
    for n in range(EXTRA):
        document = SourceDocument.objects.create(file_name=f"{n}.txt", sha256=f"{n:064d}", content="x", size_bytes=1)
        Thesis.objects.create(title=f"Диплом {n}", source_document=document)


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(queries)


# Each list in an order whose first record has related records of every kind the list shows
# (the seed's earliest events name nobody; the crowded thesis's latest each name someone).
LISTS = [
    ("/api/theses/", {}),
    ("/api/sections/", {}),
    ("/api/passages/", {}),
    ("/api/sources/", {}),
    ("/api/authors/", {}),
    ("/api/timeline/", {"ordering": "-start"}),
]


@pytest.mark.parametrize(("url", "params"), LISTS)
@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_lists_make_as_many_queries_for_200_results_as_for_one(client, crowded_thesis, url, params, script):
    few = count_queries(client, url, {**params, "page_size": 1, "script": script})
    many = count_queries(client, url, {**params, "page_size": 200, "script": script})
    assert len(client.get(url, {**params, "page_size": 200}).json()["results"]) == 200
    assert few == many <= MAX_QUERIES


def test_filtered_and_searched_lists_stay_constant(client, crowded_thesis):
    for url, params in [
        ("/api/passages/", {"q": "мәтін", "cites": 100}),
        ("/api/sources/", {"q": "тоқаев", "cited": "true"}),
        ("/api/authors/", {"q": "автор", "role": "quoted"}),
        ("/api/timeline/", {"year_from": 1900, "century": 20, "q": "оқиға", "ordering": "-end"}),
    ]:
        assert count_queries(client, url, {**params, "page_size": 1}) == count_queries(
            client, url, {**params, "page_size": 200}
        ), url


def test_details_with_hundreds_of_related_records_stay_constant(client, crowded_thesis):
    crowded = crowded_thesis.passages.get(order=100)
    author = Author.objects.get(key="extra|0")
    source = Source.objects.get(number=100)
    section = crowded_thesis.sections.get(number="1.1")
    for url in (
        f"/api/theses/{crowded_thesis.pk}/",
        f"/api/sections/{section.pk}/",
        f"/api/passages/{crowded.pk}/",
        f"/api/sources/{source.pk}/",
        f"/api/authors/{author.pk}/",
        f"/api/theses/{crowded_thesis.pk}/sources.csl.json",
    ):
        for script in ("cyrl", "latn"):
            assert count_queries(client, url, {"script": script}) <= MAX_QUERIES, url
    assert len(client.get(f"/api/passages/{crowded.pk}/").json()["citations"]) == EXTRA


def test_the_timelinejs_document_stays_constant(client, crowded_thesis):
    few = count_queries(client, "/api/timeline/timelinejs/", {"year": 1901})
    many = count_queries(client, "/api/timeline/timelinejs/", {"year_from": 1900})
    assert few == many <= MAX_QUERIES


def test_history_stays_constant(client, crowded_thesis):
    passage = crowded_thesis.passages.get(order=3)
    for n in range(5):
        passage.text = f"{passage.text} {n}"
        passage.save()
    assert count_queries(client, f"/api/passages/{passage.pk}/history/", {"page_size": 1}) == count_queries(
        client, f"/api/passages/{passage.pk}/history/", {"page_size": 200}
    )
