"""Import jobs (thesis/ingest/import_jobs.py, thesis/admin/import_jobs.py): an admin import run in a process
of its own, its progress, its page in each state, and a job whose process died."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse

from thesis.ingest import import_jobs
from thesis.ingest.importer import STAGES, import_bytes
from thesis.ingest.uploads import Upload
from thesis.models import ImportJob, Passage, Thesis

from .conftest import SEED, account
from .database_state import changed_tables, every_row

pytestmark = pytest.mark.django_db
JOB_PAGE = "admin:thesis_thesis_import_job"


@pytest.fixture
def editor_client(client, db):
    client.force_login(account("aigul"))
    return client


def queued(data: bytes = b"", name: str = SEED.name, user=None) -> ImportJob:
    return import_jobs.create(Upload(name, data or SEED.read_bytes()), user, "en")


def page_of(client, job) -> str:
    response = client.get(reverse(JOB_PAGE, args=[job.pk]))
    assert response.status_code == 200
    return response.content.decode()


def row_counts() -> dict[str, int]:
    return {table: len(rows) for table, rows in every_row().items() if table != "thesis_importjob"}


def test_the_importer_reports_every_stage_in_order():
    reported = []
    import_bytes(SEED.read_bytes(), SEED.name, progress=lambda stage, done, total: reported.append(stage))
    assert list(dict.fromkeys(reported)) == list(STAGES)


def test_a_job_imports_what_the_synchronous_import_does():
    with transaction.atomic():
        synchronous = import_bytes(SEED.read_bytes(), SEED.name)
        expected = (row_counts(), list(synchronous.thesis.passages.values_list("order", "text", "original_text")))
        transaction.set_rollback(True)
    assert not Thesis.objects.exists()
    job = import_jobs.run(queued().pk)
    assert job.status == ImportJob.Status.DONE and job.error == "" and job.created
    assert (row_counts(), list(job.thesis.passages.values_list("order", "text", "original_text"))) == expected
    assert job.counts["passages"] == 11 and job.data == b""
    assert not import_jobs.progress_path(job.pk).exists()


def test_a_refused_job_writes_nothing_but_its_own_failure():
    job = queued(b"\x00\x01binary\x00")
    before = every_row()
    job = import_jobs.run(job.pk)
    assert changed_tables(before) == ["thesis_importjob"]
    assert job.status == ImportJob.Status.FAILED
    assert job.error == "the file is binary (it contains NUL bytes), not text"


def test_a_job_already_claimed_is_not_run_twice():
    job = queued()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    assert import_jobs.run(job.pk).status == ImportJob.Status.RUNNING and not Thesis.objects.exists()


def test_the_page_of_a_queued_job_and_of_a_running_one_reloads_itself(editor_client):
    job = queued()
    page = page_of(editor_client, job)
    assert "Waiting to start" in page and '<meta http-equiv="refresh" content="2">' in page
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    path = import_jobs.progress_path(job.pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"stage": "passages", "done": 300, "total": 1200}))
    page = page_of(editor_client, job)
    assert "Stage 5 of 8:" in page and "passages, 300 / 1200" in page and 'value="25"' in page
    assert '<meta http-equiv="refresh"' in page
    path.unlink()


def test_the_page_of_a_finished_job_links_to_the_thesis(editor_client):
    job = import_jobs.run(queued().pk)
    page = page_of(editor_client, job)
    assert "Imported thesis" in page and reverse("admin:thesis_thesis_change", args=[job.thesis.pk]) in page
    assert "http-equiv" not in page


def test_the_page_of_a_failed_job_says_why_in_the_editors_language(editor_client):
    job = import_jobs.create(Upload("x.txt", "Кіріспе".encode("cp1251")), None, "ru")
    import_jobs.run(job.pk)
    page = page_of(editor_client, job)
    assert "Not imported, nothing was written: " in page and "UTF-8" in page and "http-equiv" not in page
    assert "invalid byte at offset 2" not in ImportJob.objects.get().error  # written in Russian


def test_only_those_who_may_import_see_a_job(client, editor_client):
    job = queued()
    assert editor_client.get(reverse(JOB_PAGE, args=[job.pk])).status_code == 200
    staff = User.objects.create_user("staff", password="unused-password-1", is_staff=True)
    reviewer = User.objects.create_user("reviewer", password="unused-password-1", is_staff=True)
    reviewer.groups.add(*Group.objects.filter(name="Reviewers"))
    for user in (staff, reviewer):
        client.force_login(user)
        assert client.get(reverse(JOB_PAGE, args=[job.pk])).status_code == 403
        assert client.post(reverse(JOB_PAGE, args=[job.pk]), {"action": "dismiss"}).status_code == 403
    assert ImportJob.objects.filter(pk=job.pk).exists()


def test_a_job_whose_process_ended_is_shown_failed(editor_client):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    job = queued()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, pid=ended.pid, host=os.uname().nodename)
    page = page_of(editor_client, job)
    assert "the import stopped before it finished; run it again" in page
    assert ImportJob.objects.get().status == ImportJob.Status.FAILED


def test_a_job_not_heard_from_is_shown_failed(editor_client, settings):
    settings.IMPORT_JOB_STALE_SECONDS = 60
    job = queued()
    assert "Waiting to start" in page_of(editor_client, job)
    ImportJob.objects.filter(pk=job.pk).update(created_at=job.created_at.replace(year=job.created_at.year - 1))
    assert "the import stopped before it finished" in page_of(editor_client, job)


def test_a_failed_job_is_run_again_or_dismissed(editor_client):
    job = import_jobs.run(queued().pk)
    assert editor_client.post(reverse(JOB_PAGE, args=[job.pk]), {"action": "retry"}).status_code == 400
    failed = queued(b"x")
    ImportJob.objects.filter(pk=failed.pk).update(status=ImportJob.Status.FAILED, error="stopped")
    response = editor_client.post(reverse(JOB_PAGE, args=[failed.pk]), {"action": "retry"})
    again = ImportJob.objects.exclude(pk=job.pk).get()
    assert response.url == reverse(JOB_PAGE, args=[again.pk]) and again.status == ImportJob.Status.QUEUED
    assert bytes(again.data) == b"x"
    response = editor_client.post(reverse(JOB_PAGE, args=[job.pk]), {"action": "dismiss"})
    assert response.url == reverse("admin:thesis_thesis_import") and not ImportJob.objects.filter(pk=job.pk).exists()
    assert editor_client.post(reverse(JOB_PAGE, args=[again.pk]), {"action": "dismiss"}).status_code == 400


def test_the_command_needs_a_path_or_a_job():
    with pytest.raises(CommandError, match="name a thesis text"):
        call_command("import_thesis")
    with pytest.raises(CommandError, match="no import job 99"):
        call_command("import_thesis", "--job", "99")


def database_url() -> str:
    """The URL of the test database, for a process that is not this test run."""
    named = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{named['NAME']}"
    return f"postgres://{named['USER']}@{named['HOST'] or '127.0.0.1'}:{named['PORT'] or 5432}/{named['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_runs_in_a_detached_process_to_the_end(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url())
    job = queued()  # committed at once: the job is started as it is created
    job.refresh_from_db()
    assert job.pid and os.getsid(job.pid) == job.pid  # a session of its own, not the worker's
    deadline = time.monotonic() + 120
    while job.is_open and time.monotonic() < deadline:
        time.sleep(0.2)
        job = import_jobs.refresh(ImportJob.objects.get(pk=job.pk))
    assert (job.status, job.error) == (ImportJob.Status.DONE, "")
    assert Passage.objects.filter(thesis=job.thesis).count() == 11
