"""The newest dump for download (project/dump_download.py) and how it is found (api.dump.latest_zip)."""

import os
from datetime import UTC, datetime

import pytest

from api.dump import export_dump, latest_zip


def made(path, written: int):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(path.name.encode())
    os.utime(path, (written, written))
    return path


def test_the_newest_zip_is_found_in_the_folder_or_one_under_it_and_a_hidden_one_is_passed_over(tmp_path):
    assert latest_zip(tmp_path) is None
    made(tmp_path / "a.zip", 100)
    newest = made(tmp_path / "2026-12-07" / "b.zip", 200)
    made(tmp_path / ".dumps-building" / "c.zip", 300)
    made(tmp_path / "2026-12-07" / "b" / "deeper.zip", 400)
    assert latest_zip(tmp_path) == newest


@pytest.mark.django_db
def test_the_latest_dump_is_served_for_download(client, settings, tmp_path):
    settings.DUMP_DIR = str(tmp_path)
    assert client.get("/dump/latest.zip").status_code == 404
    name = export_dump(tmp_path / "2026-12-07", datetime(2026, 12, 7, tzinfo=UTC))
    response = client.get("/dump/latest.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.zip"'
    assert b"".join(response.streaming_content) == (tmp_path / "2026-12-07" / f"{name}.zip").read_bytes()
    assert client.post("/dump/latest.zip").status_code == 405


@pytest.mark.django_db
def test_nothing_is_served_without_a_dump_folder(client, settings):
    settings.DUMP_DIR = ""
    assert client.get("/dump/latest.zip").status_code == 404
