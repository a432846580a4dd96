"""The database itself: PostgreSQL must fold Cyrillic case, or Kazakh search silently misses."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_folds_kazakh_cyrillic_case():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite folding is done by the project's own function, tested with search")
    with connection.cursor() as cursor:
        cursor.execute("SELECT lower(%s), upper(%s)", ["ҚӘІҢҒҮҰӨҺ", "қәіңғүұөһ"])
        lowered, raised = cursor.fetchone()
    assert (lowered, raised) == ("қәіңғүұөһ", "ҚӘІҢҒҮҰӨҺ"), (
        "the test database does not fold Cyrillic case: create it as UTF-8 with LC_CTYPE C.UTF-8 "
        "(set DATABASE_TEST_TEMPLATE to such a template database)"
    )
