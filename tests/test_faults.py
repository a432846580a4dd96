"""A busy, full or unreachable database answered as a refusal in the reader's language, never a 500."""

import sqlite3
import uuid
from contextlib import contextmanager

import psycopg
import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from project.faults import DatabaseFaultMiddleware
from thesis.editorial import editing
from thesis.models import Passage

from .admin_forms import form_data

pytestmark = pytest.mark.django_db


def unreachable_error() -> OperationalError:
    """The error Django raises when the database cannot be reached, with the driver's own as its cause."""
    if connection.vendor == "postgresql":
        cause = psycopg.OperationalError("connection failed: connection refused")
    else:
        cause = sqlite3.OperationalError("unable to open database file")
        cause.sqlite_errorcode = 14  # SQLITE_CANTOPEN
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@contextmanager
def database_out_of_reach():
    """Every query of this thread fails as it does when the database cannot be reached."""

    def refuse(execute, sql, params, many, context):
        raise unreachable_error()

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def editor_client(editor):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    return client


def change_url(passage) -> str:
    return reverse("admin:thesis_passage_change", args=[passage.pk])


def test_a_page_is_a_503_in_the_readers_language(seed_thesis):
    with database_out_of_reach():
        answer = Client(raise_request_exception=False).get("/", HTTP_ACCEPT_LANGUAGE="kk")
    page = answer.content.decode()
    assert answer.status_code == 503 and answer["Retry-After"] == "2"
    assert answer["Content-Type"].startswith("text/html") and answer["Content-Language"] == "kk"
    assert '<html lang="kk">' in page and "Мұрағаттың дерекқорына" in page


def test_the_api_answers_json_in_the_readers_language(seed_thesis):
    with database_out_of_reach():
        answer = Client(raise_request_exception=False).get("/api/passages/", HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 503 and answer["Retry-After"] == "2" and answer["Cache-Control"] == "no-store"
    assert answer["Content-Type"] == "application/json" and "базой данных архива" in answer.json()["detail"]


class ReadsTheUser:
    """A middleware that asks who the user is, as any may: the session is read from the database there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user.is_authenticated  # noqa: B018 - the read is the point
        return self.get_response(request)


def test_a_fault_inside_a_middleware_reading_the_session_is_a_503_not_a_500(editor_client, settings):
    # The session's first read fails with the database, and leaves SessionStore without its
    # _session_cache: the error seen under gunicorn when PostgreSQL restarted.
    at = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:at], "tests.test_faults.ReadsTheUser", *settings.MIDDLEWARE[at:]]
    with database_out_of_reach():
        answer = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 503 and answer["Retry-After"] == "2"
    assert "database cannot be reached" in answer.content.decode()


def test_an_editors_save_that_cannot_reach_the_database_keeps_the_text_in_the_form(editor_client, seed_thesis):
    passage = Passage.objects.filter(thesis=seed_thesis).order_by("order").first()
    data = form_data(editor_client.get(change_url(passage)).content.decode())
    data.update({"text": ["Менің мәтінім"], "change_reason": ["Түзету"]})

    def unreachable(*args, **kwargs):
        raise unreachable_error()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(editing, "save_passage", unreachable)
        refused = editor_client.post(change_url(passage), data)
    page = refused.content.decode()
    assert refused.status_code == 200 and "database could not be reached" in page and "Менің мәтінім" in page
    assert Passage.objects.get(pk=passage.pk).version == 1


def test_a_save_posted_while_the_database_is_away_comes_back_ready_to_send_again(editor_client, seed_thesis):
    passage = Passage.objects.filter(thesis=seed_thesis).order_by("order").first()
    data = form_data(editor_client.get(change_url(passage)).content.decode())
    text = "Менің мәтінім, <b>ұзын</b> " + "сөз " * 30
    data.update({"text": [text], "change_reason": ["Түзету"]})
    with database_out_of_reach():
        refused = editor_client.post(change_url(passage), data, HTTP_ACCEPT_LANGUAGE="kk")
    page = refused.content.decode()
    assert refused.status_code == 503 and f'<form method="post" action="{change_url(passage)}">' in page
    assert f'<textarea name="text" rows="12" cols="80">Менің мәтінім, &lt;b&gt;ұзын&lt;/b&gt; {"сөз " * 30}' in page
    assert 'name="csrfmiddlewaretoken"' in page and 'value="Түзету"' in page
    assert Passage.objects.get(pk=passage.pk).version == 1


def test_a_login_posted_while_the_database_is_away_never_shows_the_password(db):
    with database_out_of_reach():
        refused = Client(raise_request_exception=False).post(
            "/admin/login/", {"username": "aigul", "password": "құпия-сөз-1"}
        )
    page = refused.content.decode()
    assert refused.status_code == 503 and "aigul" in page and "құпия-сөз-1" not in page


@contextmanager
def disk_full(table: str = "thesis_passage"):
    """The database refuses to grow, as it does on a full disk: SQLite held to the pages it has
    (PRAGMA max_page_count gives the same SQLITE_FULL as a full disk) and the room left in them
    filled, PostgreSQL answering a write to `table` with its own disk-full error (SQLSTATE 53100)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            fill_the_pages(cursor)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA max_page_count = 4294967294")
                cursor.execute("DROP TABLE disk_filler")
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION disk_full()"
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER disk_full ON {table}; DROP FUNCTION disk_full()")


def fill_the_pages(cursor) -> None:
    """Every page the database may have, and the room left in the sessions' pages (a login writes
    there), filled with rows each half the size of the last that would not fit: every later write
    but the smallest needs a page the database may not add. (Outside a transaction SQLite undoes only
    the statement that found the database full; inside one it may undo the whole transaction, so the
    tests that fill the disk commit as they go.)"""
    cursor.execute("CREATE TABLE disk_filler (data BLOB)")
    cursor.execute("PRAGMA page_count")
    cursor.execute(f"PRAGMA max_page_count = {cursor.fetchone()[0]}")
    fill(cursor, "INSERT INTO disk_filler VALUES (zeroblob(%s))", lambda size: [size])
    row = "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (%s, %s, '2100-01-01')"
    fill(cursor, row, lambda size: [f"filler-{size}-{uuid.uuid4().hex}", "x" * size])


def fill(cursor, insert: str, values) -> None:
    size = 1 << 20
    for _ in range(10000):
        try:
            cursor.execute(insert, values(size))
        except OperationalError:
            size //= 2
        if size < 1:
            return


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_on_a_full_disk_is_refused_with_the_text_kept(editor_client, seed_thesis):
    passage = Passage.objects.filter(thesis=seed_thesis).order_by("order").first()
    data = form_data(editor_client.get(change_url(passage)).content.decode())
    text = "Ұзын мәтін. " * 2000
    data.update({"text": [text], "change_reason": ["Түзету"]})
    history = passage.history.count()
    with disk_full():
        refused = editor_client.post(change_url(passage), data, HTTP_ACCEPT_LANGUAGE="en")
    page = refused.content.decode()
    assert (
        refused.status_code == 200 and "the archive&#x27;s disk is full" in page and "database or disk is full" in page
    )
    assert text.strip() in page
    stored = Passage.objects.get(pk=passage.pk)
    assert (stored.version, stored.text, stored.history.count()) == (1, passage.text, history)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_login_on_a_full_disk_is_refused_not_a_500(editor):
    # Logging in writes the session; with the whole SQLite database full, the lockout's records too.
    with disk_full(table="django_session"):
        refused = Client(raise_request_exception=False).post(
            "/admin/login/", {"username": "aigul", "password": "Қазақ-тілі-2024"}, HTTP_ACCEPT_LANGUAGE="ru"
        )
    page = refused.content.decode()
    assert refused.status_code == 503 and refused["Retry-After"] == "2"
    assert "диск архива заполнен" in page and "Қазақ-тілі-2024" not in page


def disk_full_error() -> OperationalError:
    cause = sqlite3.OperationalError("database or disk is full")
    cause.sqlite_errorcode = 13  # SQLITE_FULL
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_an_editors_tool_page_gets_its_page_back_with_the_refusal_as_a_message(editor, rf):
    request = rf.post("/admin/thesis/passage/replace/", HTTP_ACCEPT_LANGUAGE="en")
    request.user, request.session = editor, {}
    request._messages = FallbackStorage(request)
    answer = DatabaseFaultMiddleware(lambda request: None).process_exception(request, disk_full_error())
    assert answer.status_code == 303 and answer["Location"] == "/admin/thesis/passage/replace/"
    assert ["disk is full" in str(message) for message in request._messages] == [True]


def test_without_the_messages_middleware_the_refusal_is_the_page(editor, rf):
    request = rf.post("/admin/thesis/passage/replace/", HTTP_ACCEPT_LANGUAGE="en")
    request.user = editor
    answer = DatabaseFaultMiddleware(lambda request: None).process_exception(request, disk_full_error())
    assert answer.status_code == 503 and "disk is full" in answer.content.decode()
