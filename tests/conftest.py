"""Shared fixtures: the seed thesis imported once per test that needs it."""

from pathlib import Path

import pytest
from django.conf import settings

from thesis.importer import import_file

SEED = Path(settings.BASE_DIR) / "fixtures" / "diplomacy-thesis.kk.txt"


@pytest.fixture
def seed_thesis(db):
    return import_file(SEED).thesis
