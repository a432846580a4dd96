"""The importer under arbitrary input: it imports or refuses clearly, never crashes, and loses nothing."""

import os

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thesis.editions.export import rebuild_original
from thesis.ingest.exceptions import ImportRefused
from thesis.ingest.importer import import_bytes

from .database_state import changed_tables, every_row
from .reliability import report

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))

# Pieces of the thesis's own layout, so that the parser's every branch is reached, mixed with anything.
LAYOUT = st.sampled_from(
    [
        "КІРІСПЕ",
        "ҚОРЫТЫНДЫ",
        "ӘДЕБИЕТТЕР ТІЗІМІ",
        "1 ТАРАУ",
        "2 ТАРАУ  АТАУ",
        "1.1 ",
        "2.3.4 Бөлім",
        "[3]",
        "[23] ",
        "[9]",
        ". ",
        ".",
        "..",
        "...........",
        "т.б",
        "Н.Ә",
        "Н.Ә.Назарбаев",
        "Назарбаев Н.Ә",
        "Д",
        "XVII ғ.",
        "XVI-XVII ғғ.",
        "ХХI ғасырда",
        "1992 ж 2 наурызда",
        "(1996ж)",
        "1993 жылы",
        "б.з.д. V ғ.",
        "1. Шетелдік тарихнама - Сатоу Э, Д. Вуд.",
        "2. Ресейлік тарихнама - Лебедева М.М",
        "3. Отандық тарихнамаға – Тоқаев Қ.К",
        "құрылымы кіріспеден, екі тараудан тұрады",
        "\n",
        "\r\n",
        "\r",
        "   ",
        "\t",
        "  \n  ",
        "«",
        "»",
        "(",
        ")",
        "Қазақстан",
        "дипломатия",
        "сөз",
    ]
)
# Long runs probe the database's column limits: a heading, a name or a date cannot outgrow its column.
LONG = st.sampled_from(["А", "Ә ", "Қазақ", "X", "1", "[", "Ж."]).flatmap(lambda s: st.integers(50, 700).map(s.__mul__))
TEXT = st.lists(st.one_of(LAYOUT, st.text(max_size=12), LONG), max_size=40).map("".join)
DOCUMENT = st.one_of(TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=200))


def assert_columns_hold_their_values():
    """SQLite does not enforce max_length; PostgreSQL does, so check it on both."""
    for model in apps.get_app_config("thesis").get_models():
        if not model._meta.managed:
            continue
        limited = [f for f in model._meta.fields if isinstance(f, models.CharField) and f.max_length]
        for row in model.objects.values(*[f.attname for f in limited]):
            for field in limited:
                assert len(row[field.attname] or "") <= field.max_length, (model.__name__, field.name)


OUTCOMES = {"imported": 0, "refused": 0}


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=DOCUMENT)
def test_import_either_succeeds_losslessly_or_refuses_and_writes_nothing(data):
    before = every_row()
    with transaction.atomic():
        try:
            thesis = import_bytes(data, "fuzz.txt", use_curation=False).thesis
        except ImportRefused as refusal:
            assert str(refusal)
            assert changed_tables(before) == []
            OUTCOMES["refused"] += 1
        else:
            assert rebuild_original(thesis).encode("utf-8") == data
            assert_columns_hold_their_values()
            OUTCOMES["imported"] += 1
            for passage in thesis.passages.all():
                assert passage.text.strip() and passage.original_text.strip()
        transaction.set_rollback(True)


def teardown_module():
    report(f"fuzzed imports ({connection.vendor})", examples=sum(OUTCOMES.values()), **OUTCOMES)
