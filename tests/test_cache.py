"""The shared cache fails soft: a directory that cannot be written or a Redis that is down is a cache
that holds nothing, with one warning a minute in the log, never an error."""

import logging
import socket
import time

import pytest
from django.test import Client

from project import cache
from project.cache import SoftFileBasedCache, SoftRedisCache


@pytest.fixture(autouse=True)
def no_warning_yet(monkeypatch):
    monkeypatch.setattr(cache.Warnings, "last", None)


def unwritable_directory(tmp_path) -> str:
    """A cache directory no one can create, root included: its parent is a file."""
    (tmp_path / "file").write_text("")
    return str(tmp_path / "file" / "cache")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_every_operation(backend) -> list:
    """Every operation, none raising; what the reads then find."""
    backend.set("count", [1], 60)
    backend.add("other", 1)
    backend.touch("count")
    backend.set_many({"a": 1})
    found = [backend.get("count", "missed"), backend.has_key("other"), backend.get_many(["count", "a"])]
    backend.delete("count")
    backend.delete_many(["a"])
    backend.clear()
    return found


def test_a_directory_that_cannot_be_written_is_an_empty_cache_with_a_warning(tmp_path, caplog):
    backend = SoftFileBasedCache(unwritable_directory(tmp_path), {})
    with caplog.at_level(logging.WARNING, logger="project.cache"):
        answers = use_every_operation(backend)
        use_every_operation(backend)
    assert answers == ["missed", False, {}]
    assert [record.levelname for record in caplog.records] == ["WARNING"]  # once, not per call
    assert "NotADirectoryError" in caplog.text and "going on without it" in caplog.text


def test_the_warning_comes_again_after_the_interval(tmp_path, caplog, monkeypatch):
    backend = SoftFileBasedCache(unwritable_directory(tmp_path), {})
    with caplog.at_level(logging.WARNING, logger="project.cache"):
        backend.get("count")
        monkeypatch.setattr(cache.Warnings, "last", time.monotonic() - cache.WARNING_INTERVAL_SECONDS - 1)
        backend.get("count")
        backend.get("count")
    assert len(caplog.records) == 2


def test_a_redis_that_is_down_is_an_empty_cache_at_once(caplog):
    backend = SoftRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {"OPTIONS": {"socket_connect_timeout": 1}})
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="project.cache"):
        answers = use_every_operation(backend)
    assert answers == ["missed", False, {}]
    assert time.monotonic() - started < 5 and "ConnectionError" in caplog.text


def test_a_working_directory_still_caches(tmp_path):
    backend = SoftFileBasedCache(str(tmp_path / "cache"), {})
    backend.set("count", [1], 60)
    assert backend.get("count") == [1]


@pytest.mark.django_db
def test_the_api_throttle_over_an_unwritable_cache_answers_rather_than_failing(tmp_path, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "project.cache.SoftFileBasedCache", "LOCATION": unwritable_directory(tmp_path)}
    }
    settings.API_ANON_RATE = "600/minute"
    with caplog.at_level(logging.WARNING, logger="project.cache"):
        statuses = {Client(raise_request_exception=False).get("/api/passages/").status_code for _ in range(5)}
    assert statuses == {200} and len(caplog.records) == 1
