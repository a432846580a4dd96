"""Each thesis's own data version: an edit to one thesis leaves the cached answers about every other valid."""

import importlib
from urllib.parse import quote

import pytest
from django.core.management import call_command

from project.response_cache import ResponseCache
from project.version_scope import scope
from synthetic.store import clear_synthetic
from tests.conftest import synthetic_thesis
from tests.test_response_cache import call, connection_kept, django_app  # noqa: F401  (fixtures)
from thesis.derived import dataversion
from thesis.models import Author, Passage, Source, Thesis, TimelineEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]


@pytest.mark.parametrize(
    "path, query, expected",
    [
        ("/api/theses/5/", "", ("thesis", 5)),
        ("/api/theses/5/text/", "version=original", ("thesis", 5)),
        ("/api/theses/5/suspects/", "", ("thesis", 5)),
        ("/api/theses/5/sources.csl.json", "", ("thesis", 5)),
        ("/api/theses/5/tei.xml", "", ("thesis", 5)),
        ("/api/sections/8/", "", ("section", 8)),
        ("/api/passages/12/", "script=latn", ("passage", 12)),
        ("/api/passages/12/history/", "", ("passage", 12)),
        ("/api/sources/3/", "", ("source", 3)),
        ("/api/authors/4/", "", ("author", 4)),
        ("/api/timeline/9/", "", ("event", 9)),
        ("/api/dts/navigation/", "resource=thesis%2F7&down=1", ("thesis", 7)),
        ("/api/dts/document/", "resource=thesis/7&ref=1", ("thesis", 7)),
        ("/theses/5/", "section=2", ("thesis", 5)),
        ("/theses/5/passages/40/", "version=2", ("thesis", 5)),
        ("/people/4/", "", ("author", 4)),
        ("/sources/3/", "", ("source", 3)),
    ],
)
def test_an_address_that_shows_one_thesis_is_scoped_to_it(path, query, expected):
    assert scope(path, query, "/api/") == expected


@pytest.mark.parametrize(
    "path, query",
    [
        ("/", ""),
        ("/about/", ""),
        ("/search/", "q=x&thesis=5"),
        ("/timeline/", ""),
        ("/people/", ""),
        ("/sitemap.xml", ""),
        ("/sitemap-theses.xml", ""),
        ("/passages/12/", ""),
        ("/api/", ""),
        ("/api/theses/", ""),
        ("/api/passages/", "thesis=5"),
        ("/api/timeline/timelinejs/", "thesis=5"),
        ("/api/dts/collection/", "id=thesis/5"),
        ("/api/dts/document/", "resource=thesis/5&resource=thesis/6"),
        ("/api/dts/document/", "resource=https://example.org/api/dts/collection/?id=thesis/5"),
        ("/api/theses/0/", ""),
        ("/api/theses/007/", ""),
        ("/api/theses/99999999999999999999/", ""),
        ("/api/theses/5/extra/", ""),
        ("/theses/5/passages/", ""),
    ],
)
def test_every_other_address_is_the_archive_s(path, query):
    assert scope(path, query, "/api/") is None


@pytest.fixture
def two_theses(seed_thesis):
    return seed_thesis, synthetic_thesis(passages=6, events=2)


def own_versions(*theses) -> list[int]:
    return [Thesis.objects.get(pk=thesis.pk).data_version for thesis in theses]


def edit(thesis: Thesis, words: str = " Жаңа сөйлем.") -> Passage:
    passage = Passage.objects.filter(thesis=thesis).order_by("order").first()
    passage.text += words
    passage.save()
    return passage


def test_an_edit_bumps_its_thesis_and_the_archive_and_no_other_thesis(two_theses):
    a, b = two_theses
    archive, (version_a, version_b) = dataversion.current(), own_versions(a, b)
    edit(a)
    assert dataversion.current() > archive
    assert own_versions(a, b) == [dataversion.current(), version_b]
    assert version_a < dataversion.current()


def test_a_change_of_unknown_reach_bumps_every_thesis(two_theses):
    a, b = two_theses
    clear_synthetic()
    assert own_versions(a) == [dataversion.current()]
    call_command("generate_corpus", verbosity=0, stdout=None, theses=1, passages=3, events=1, sources=1, authors=1)
    assert own_versions(a) == [dataversion.current()]


def test_a_record_moved_to_another_thesis_bumps_both(two_theses):
    a, b = two_theses
    source = Source.objects.filter(thesis=b).first()
    before = own_versions(a, b)
    source.thesis = a
    source.number = 9999
    source.save()
    after = own_versions(a, b)
    assert after[0] > before[0] and after[1] > before[1], "the thesis it left changed too"


def test_an_event_showing_another_thesis_s_person_or_passage_follows_their_changes(two_theses):
    a, b = two_theses
    event = TimelineEvent.objects.filter(thesis=b).first()
    person = Author.objects.filter(thesis=a).first()
    event.authors.add(person)
    passage = Passage.objects.filter(thesis=a).order_by("order").last()
    TimelineEvent.objects.filter(pk=event.pk).update(passage=passage)
    unchanged = own_versions(b)
    person.display_name += " (ред.)"
    person.save()
    assert own_versions(b) == [dataversion.current()] != unchanged
    unchanged = own_versions(b)
    edit(a)
    assert own_versions(b) == [dataversion.current()] != unchanged, "its passage's thesis changed"
    unchanged = own_versions(b)
    Passage.objects.filter(pk=passage.pk).update(text=passage.text)  # no signal: the event alone shows it
    passage.delete()
    assert own_versions(b) == [dataversion.current()] != unchanged, "the event lost its passage"


def test_the_version_read_for_an_address_is_its_thesis_s_or_the_archive_s(two_theses):
    a, b = two_theses
    passage = Passage.objects.filter(thesis=b).first()
    edit(a)
    archive, (version_b,) = dataversion.current(), own_versions(b)
    assert version_b < archive
    assert dataversion.current(scope=("thesis", b.pk)) == version_b
    assert dataversion.current(scope=("passage", passage.pk)) == version_b
    assert dataversion.current(scope=("author", Author.objects.filter(thesis=b).first().pk)) == version_b
    assert dataversion.current(scope=("passage", 999_999_999)) == archive, "no such record: the archive's"
    Thesis.objects.filter(pk=b.pk).update(data_version=None)
    assert dataversion.current(scope=("thesis", b.pk)) == archive, "not yet counted apart: the archive's"


class Counting:
    """A WSGI application that counts the requests that reach Django."""

    def __init__(self, application):
        self.application = application
        self.paths = []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"])
        return self.application(environ, start_response)


@pytest.fixture
def counted(django_app):  # noqa: F811
    return Counting(django_app)


@pytest.fixture
def cached(counted):
    return ResponseCache(counted, max_bytes=16 * 1024 * 1024, prefix="/api/")


def thesis_addresses(thesis: Thesis) -> list[str]:
    passage = Passage.objects.filter(thesis=thesis).order_by("order").first()
    person = Author.objects.filter(thesis=thesis).first()
    source = Source.objects.filter(thesis=thesis).first()
    return [
        f"/api/theses/{thesis.pk}/",
        f"/api/theses/{thesis.pk}/tei.xml",
        f"/api/passages/{passage.pk}/",
        f"/api/authors/{person.pk}/",
        f"/api/dts/document/?resource=thesis/{thesis.pk}&mediaType={quote('text/plain')}",
        f"/theses/{thesis.pk}/",
        f"/theses/{thesis.pk}/passages/{passage.order}/",
        f"/people/{person.pk}/",
        f"/sources/{source.pk}/",
    ]


def test_an_edit_to_one_thesis_leaves_another_s_answers_cached(two_theses, cached, counted, django_assert_num_queries):
    a, b = two_theses
    others, edited = thesis_addresses(b), thesis_addresses(a)
    lists = ["/api/theses/", "/api/passages/?page_size=5", "/", "/search/?q=" + quote("Қазақстан")]
    first = {path: call(cached, path) for path in [*others, *edited, *lists]}
    assert all(answer[0] == "200 OK" for answer in first.values()), first
    counted.paths.clear()
    edit(a, " Тың сөйлем.")
    for path in others:
        with django_assert_num_queries(1):  # the version's query: the answer is the one cached
            assert call(cached, path) == first[path], path
    assert counted.paths == []
    for path in [*edited, *lists]:
        call(cached, path)
    assert counted.paths == [path.partition("?")[0] for path in [*edited, *lists]], "recomputed"
    assert "Тың сөйлем.".encode() in call(cached, f"/api/theses/{a.pk}/tei.xml")[2]
    assert "Тың сөйлем.".encode() in call(cached, edited[2])[2]


def test_a_thesis_s_page_keeps_its_etag_through_another_thesis_s_edit(two_theses, client):
    a, b = two_theses
    tag_a, tag_b = (client.get(f"/theses/{thesis.pk}/")["ETag"] for thesis in (a, b))
    list_tag = client.get("/")["ETag"]
    edit(a)
    assert client.get(f"/theses/{b.pk}/")["ETag"] == tag_b
    assert client.get(f"/theses/{b.pk}/", HTTP_IF_NONE_MATCH=tag_b).status_code == 304
    assert client.get(f"/theses/{a.pk}/")["ETag"] != tag_a
    assert client.get("/")["ETag"] != list_tag


def test_the_migration_starts_every_thesis_at_the_archive_s_version(two_theses):
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("thesis.migrations.0027_thesis_data_version")
    Thesis.objects.update(data_version=None)
    migration.start_at_archive_version(apps, SimpleNamespace(connection=connection))
    assert own_versions(*two_theses) == [dataversion.current()] * 2


def test_a_restore_counts_every_thesis_changed(two_theses, tmp_path):
    from tests.test_backup import empty_the_database
    from thesis.editorial.backup import write_backup

    write_backup(tmp_path / "backup.jsonl")
    assert "data_version" not in (tmp_path / "backup.jsonl").read_text(encoding="utf-8")
    empty_the_database()
    call_command("restore", str(tmp_path / "backup.jsonl"))
    versions = [thesis.data_version for thesis in Thesis.objects.all()]
    assert len(versions) == 2 and versions == [dataversion.current()] * 2
