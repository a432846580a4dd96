"""Settings for growing past one machine, read from the environment: read replicas and a shared cache."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from redis.exceptions import ConnectionError as RedisConnectionError

from thesis.derived import dataversion

READ_SETTINGS = """
import json
from project import settings as s
print(json.dumps({
    "databases": {
        alias: {"host": db.get("HOST"), "test": db.get("TEST", {}), "options": db.get("OPTIONS", {})}
        for alias, db in s.DATABASES.items()
    },
    "routers": getattr(s, "DATABASE_ROUTERS", []),
    "first_middleware": s.MIDDLEWARE[0],
    "cache": s.CACHES["default"],
    "health_checks": {alias: db["CONN_HEALTH_CHECKS"] for alias, db in s.DATABASES.items()},
}))
"""


def settings_with(**variables) -> dict:
    """The settings module as a fresh process reads it with these environment variables."""
    unset = {"DATABASE_REPLICA_URLS", "CACHE_URL", "REDIS_URL", "CACHE_DIR", "PYTEST_VERSION"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DATABASE_URL": "sqlite:///unused.sqlite3", **variables})
    output = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_one_database_and_no_router_by_default():
    read = settings_with()
    assert list(read["databases"]) == ["default"]
    assert read["routers"] == []
    assert read["first_middleware"] != "project.routers.PrimaryReadsMiddleware"


def test_each_replica_url_becomes_an_alias_that_mirrors_the_primary_under_test():
    read = settings_with(DATABASE_REPLICA_URLS="postgres://u@replica-a/thesis, postgres://u@replica-b/thesis")
    assert list(read["databases"]) == ["default", "replica1", "replica2"]
    assert [read["databases"][a]["host"] for a in ("replica1", "replica2")] == ["replica-a", "replica-b"]
    assert all(read["databases"][a]["test"] == {"MIRROR": "default"} for a in ("replica1", "replica2"))
    assert read["routers"] == ["project.routers.PrimaryReplicaRouter"]
    assert read["first_middleware"] == "project.routers.PrimaryReadsMiddleware"


def test_postgresql_prepares_statements_on_the_primary_and_replicas_unless_turned_off():
    urls = {"DATABASE_URL": "postgres://u@primary/thesis", "DATABASE_REPLICA_URLS": "postgres://u@replica-a/thesis"}
    prepared = {"server_side_binding": True, "prepare_threshold": 5}
    assert [db["options"] for db in settings_with(**urls)["databases"].values()] == [prepared, prepared]
    off = settings_with(**urls, POSTGRES_PREPARED_STATEMENTS="0")
    assert all("prepare_threshold" not in db["options"] for db in off["databases"].values())
    assert "prepare_threshold" not in settings_with()["databases"]["default"]["options"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own connections")
@pytest.mark.django_db
def test_a_postgresql_connection_prepares_what_it_has_run_five_times():
    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 5
    for _ in range(6):
        dataversion.current()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        assert dataversion.VERSION_QUERY.replace("%s", "$1") in {statement for (statement,) in cursor.fetchall()}


def test_connections_kept_between_requests_are_checked_before_reuse():
    kept = settings_with(CONN_MAX_AGE="600", DATABASE_REPLICA_URLS="postgres://replica/thesis")
    assert kept["health_checks"] == {"default": True, "replica1": True}
    assert settings_with()["health_checks"] == {"default": False}  # a new connection for each request


def test_the_cache_is_shared_by_the_machine_in_files_unless_a_redis_url_is_given(tmp_path):
    files = "project.cache.SoftFileBasedCache"
    assert settings_with()["cache"] == {
        "BACKEND": files,
        "LOCATION": str(settings.BASE_DIR / ".cache"),
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
    assert settings_with(CACHE_DIR=str(tmp_path))["cache"]["LOCATION"] == str(tmp_path)
    # A test run caches apart from a deployment and from other test runs.
    assert settings_with(PYTEST_VERSION="9")["cache"] == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    assert settings_with(PYTEST_VERSION="9", CACHE_DIR=str(tmp_path))["cache"]["BACKEND"] == files
    shared = {
        "BACKEND": "project.cache.SoftRedisCache",
        "LOCATION": "redis://cache:6379/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    assert settings_with(CACHE_URL="redis://cache:6379/0")["cache"] == shared
    assert settings_with(REDIS_URL="redis://cache:6379/0")["cache"] == shared


def test_django_redis_cache_works_with_the_pinned_client():
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        cache = RedisCache(f"redis://127.0.0.1:{port}/0", {})
        for _ in range(50):
            try:
                cache.set("greeting", "сәлем", 30)
                break
            except RedisConnectionError:  # the server is still starting
                time.sleep(0.1)
        assert cache.get("greeting") == "сәлем"
    finally:
        process.terminate()
        process.wait(timeout=10)
