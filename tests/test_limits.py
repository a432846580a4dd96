"""The size limit of an import (thesis/ingest/limits.py): read, not measured, and never past one byte over."""

import contextlib
import io
import os
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from thesis.ingest.exceptions import ImportRefused
from thesis.ingest.limits import read_limited

from .database_state import changed_tables, every_row


class CountingStream(io.RawIOBase):
    """An endless stream of a letter that counts the bytes it gives."""

    given = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        buffer[:] = b"a" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


def test_an_endless_stream_is_refused_after_one_byte_over_the_limit():
    stream = CountingStream()
    with pytest.raises(ImportRefused, match="larger than the limit of 1,000 bytes"):
        read_limited(stream, 1000)
    assert stream.given == 1001


def test_a_stream_at_the_limit_is_read_whole_and_an_empty_one_refused():
    assert read_limited(io.BytesIO(b"a" * 1000), 1000) == b"a" * 1000
    with pytest.raises(ImportRefused, match="empty"):
        read_limited(io.BytesIO(b""), 1000)


@pytest.mark.django_db
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_the_command_refuses_a_device_that_never_ends(settings):
    # A device's stat size is 0: only reading it can tell how large it is.
    settings.IMPORT_MAX_BYTES = 10_000
    before = every_row()
    with pytest.raises(CommandError, match="nothing was written: the file is larger than the limit of 10,000"):
        call_command("import_thesis", "/dev/zero")
    assert changed_tables(before) == []


@pytest.mark.django_db
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_the_command_refuses_a_pipe_longer_than_the_limit(settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 10_000
    pipe = tmp_path / "thesis.txt"
    os.mkfifo(pipe)

    def write():
        # The import stops reading one byte past the limit, so the rest finds the pipe closed.
        with contextlib.suppress(BrokenPipeError), pipe.open("wb") as out:
            out.write(b"a" * 1_000_000)

    writer = threading.Thread(target=write)
    writer.start()
    before = every_row()
    with pytest.raises(CommandError, match="larger than the limit of 10,000"):
        call_command("import_thesis", str(pipe))
    writer.join(timeout=10)
    assert not writer.is_alive() and changed_tables(before) == []


@pytest.mark.django_db
def test_the_command_refuses_a_curation_over_the_limit(settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 1000
    thesis, curation = tmp_path / "t.txt", tmp_path / "c.json"
    thesis.write_text("КІРІСПЕ\n  Мәтін.\n", encoding="utf-8")
    curation.write_text('{"reviewed": "' + "x" * 2000 + '"}', encoding="utf-8")
    before = every_row()
    with pytest.raises(CommandError, match="c.json: the file is larger than the limit of 1,000 bytes"):
        call_command("import_thesis", str(thesis), "--curation", str(curation))
    assert changed_tables(before) == []
