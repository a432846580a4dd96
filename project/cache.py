"""The shared cache's backends, made to fail soft: a cache that cannot be read or written (a read-only
or full CACHE_DIR, Redis down) is a cache that holds nothing, with a warning in the log, never a 500.

The caches hold only what can be rebuilt (the API's throttle counts, the spell-checker's corrections),
so losing them for a while costs a fresh count or a slower save, not an answer.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

# One warning per process in this many seconds, however many requests meet the fault.
WARNING_INTERVAL_SECONDS = 60
logger = logging.getLogger("project.cache")


class Warnings:
    """When the last warning was logged, shared by every thread of the process."""

    lock = threading.Lock()
    last: float | None = None

    @classmethod
    def due(cls) -> bool:
        with cls.lock:
            now = time.monotonic()
            if cls.last is not None and now - cls.last < WARNING_INTERVAL_SECONDS:
                return False
            cls.last = now
            return True


class FailingSoftly:
    """Each operation of the backend it is mixed into, its failure answered as a miss or a write that did not happen."""

    failures: tuple[type[BaseException], ...] = (OSError,)

    def soft(self, operation, fallback, *args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except self.failures as error:
            if Warnings.due():
                logger.warning(
                    "The cache cannot be used (%s: %s); going on without it, so throttle counts start afresh. "
                    "(Said at most once a minute.)",
                    type(error).__name__,
                    error,
                )
            return fallback

    def get(self, key, default=None, version=None):
        return self.soft(super().get, default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft(super().set, None, key, value, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft(super().add, False, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft(super().touch, False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self.soft(super().delete, False, key, version=version)

    def has_key(self, key, version=None):
        return self.soft(super().has_key, False, key, version=version)

    def get_many(self, keys, version=None):
        return self.soft(super().get_many, {}, keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft(super().set_many, list(data), data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self.soft(super().delete_many, None, keys, version=version)

    def clear(self):
        return self.soft(super().clear, None)


class SoftFileBasedCache(FailingSoftly, FileBasedCache):
    """Django's FileBasedCache, which raises when its directory cannot be written, even as it is made."""

    def _createdir(self):
        self.soft(super()._createdir, None)


class SoftRedisCache(FailingSoftly, RedisCache):
    """Django's RedisCache, which raises when Redis cannot be reached."""

    failures = (OSError, RedisError)
