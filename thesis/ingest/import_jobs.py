"""An admin import run in its own process, out of the request: the job, its progress, and how it ended.

The upload is kept in the job's row and imported by `manage.py import_thesis --job ID`, started
detached in a session of its own, so that a web worker recycled or killed does not stop it. The
import stays one transaction, and it holds the database until it ends (on SQLite, the write lock),
so its progress is not written to the row but to a small file that the process rewrites every
HEARTBEAT_SECONDS: a file that stops changing, or a process that is gone, is a job that died.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import ImportJob, SourceDocument
from .exceptions import ImportRefused
from .importer import STAGES, import_bytes
from .uploads import Upload

HEARTBEAT_SECONDS = 2


@dataclass(frozen=True)
class JobProgress:
    """Where a running import is: its stage, and the records of that stage done of its total."""

    stage: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def step(self) -> int:
        return STAGES.index(self.stage) + 1 if self.stage in STAGES else 0


def create(upload: Upload, user, language: str) -> ImportJob:
    """A queued job for `upload`, started once the request's transaction commits."""
    job = ImportJob.objects.create(
        user=user,
        file_name=upload.name,
        sha256=SourceDocument.digest(upload.data),
        data=upload.data,
        curation_name=upload.curation_name,
        curation=upload.curation,
        language=language,
    )
    transaction.on_commit(lambda: start(job))
    return job


def retry(job: ImportJob, user) -> ImportJob:
    """A new job for a failed job's upload; the failed one is dismissed."""
    upload = Upload(
        job.file_name, bytes(job.data), job.curation_name, None if job.curation is None else bytes(job.curation)
    )
    again = create(upload, user, job.language)
    dismiss(job)
    return again


def dismiss(job: ImportJob) -> None:
    progress_path(job.pk).unlink(missing_ok=True)
    job.delete()


def start(job: ImportJob) -> None:
    """Run the job in a process of its own session, which outlives the worker that starts it."""
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "import_thesis", "--job", str(job.pk)]
    env = {**os.environ, "IMPORT_JOBS_DIR": str(settings.IMPORT_JOBS_DIR)}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py, no shell
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True, env=env
    )
    ImportJob.objects.filter(pk=job.pk, pid__isnull=True).update(pid=process.pid, host=socket.gethostname())


def run(job_id: int) -> ImportJob:
    """Import a queued job's upload, reporting progress; a job already claimed is left as it is."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, pid=os.getpid(), host=socket.gethostname()
    )
    job = ImportJob.objects.get(pk=job_id)
    if not claimed:
        return job
    with Reporter(progress_path(job.pk)) as reporter, translation.override(job.language or None):
        try:
            curation = (job.curation_name, bytes(job.curation)) if job.curation is not None else None
            result = import_bytes(bytes(job.data), job.file_name, curation=curation, progress=reporter.report)
        except ImportRefused as refusal:
            return _finish(job, ImportJob.Status.FAILED, error=str(refusal))
        except Exception:
            _finish(job, ImportJob.Status.FAILED, error=_("the import failed unexpectedly; the log says why"))
            raise
    return _finish(
        job, ImportJob.Status.DONE, data=b"", thesis=result.thesis, created=result.created, counts=result.counts
    )


def _finish(job: ImportJob, status, **fields) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), **fields)
    progress_path(job.pk).unlink(missing_ok=True)
    job.refresh_from_db()
    return job


def refresh(job: ImportJob) -> ImportJob:
    """The job, marked failed if it is still open but its process died."""
    if job.is_open and died(job):
        # Only while it is still open: the process's own last word, should it come after all, is the truth.
        open_statuses = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
        ImportJob.objects.filter(pk=job.pk, status__in=open_statuses).update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=_("the import stopped before it finished; run it again"),
        )
        job.refresh_from_db()
    return job


def died(job: ImportJob) -> bool:
    if job.pid and job.host == socket.gethostname() and not process_alive(job.pid):
        return True
    return time.time() - last_heard(job) > settings.IMPORT_JOB_STALE_SECONDS


def last_heard(job: ImportJob) -> float:
    try:
        return progress_path(job.pk).stat().st_mtime
    except FileNotFoundError:
        return job.created_at.timestamp()


def process_alive(pid: int) -> bool:
    try:
        if os.waitpid(pid, os.WNOHANG)[0]:  # our own child, ended: reaped here, not left a zombie
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def progress_of(job: ImportJob) -> JobProgress | None:
    try:
        return JobProgress(**json.loads(progress_path(job.pk).read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None


def progress_path(job_id: int) -> Path:
    return Path(settings.IMPORT_JOBS_DIR) / f"{job_id}.json"


class Reporter:
    """The importer's progress callback, written to the job's file by a thread every HEARTBEAT_SECONDS:
    a callback made for every record costs no more than keeping three values."""

    def __init__(self, path: Path):
        self.path = path
        self.state = {"stage": STAGES[0], "done": 0, "total": 1}
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def report(self, stage: str, done: int, total: int) -> None:
        self.state = {"stage": stage, "done": done, "total": total}

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write()
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()

    def _beat(self):
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            self._write()

    def _write(self):
        written = self.path.with_suffix(".tmp")
        written.write_text(json.dumps(self.state))
        written.replace(self.path)
