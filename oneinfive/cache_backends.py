"""A Redis cache that degrades to "nothing cached" while Redis is unreachable.

Django's RedisCache raises on every connection error, so with Redis down each page that
touches the cache (sessions, the API's response cache, rate limits, sign-in lockout) would
answer 500. Here a connection error is logged and the call behaves as a cache miss: the site
keeps serving from the database, only slower. After a failure the cache is skipped for
``RETRY_AFTER`` seconds (per process), so that an unreachable host costs one connection
timeout every few seconds rather than one per cache call.

What is lost while Redis is down: cached pages are recomputed, rate limits and sign-in
lockout counts start again from zero (they fail open), cache-only data is gone.
"""

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors of the connection, not of the command: a wrong command still raises.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class DegradingRedisCache(RedisCache):
    """RedisCache whose reads miss and writes are dropped while Redis cannot be reached.

    OPTIONS may hold ``RETRY_AFTER`` (seconds, default 5); the other options go to redis-py's
    connection pool as usual (e.g. ``socket_connect_timeout``, ``socket_timeout``).
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0

    def _guard(self, operation: str, fallback: Any, call, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return call(*args, **kwargs)
        except UNAVAILABLE as error:
            self._down_until = time.monotonic() + self.retry_after
            logger.error(
                "Cache unavailable (%s failed: %s); serving without it for %s s.",
                operation,
                error,
                self.retry_after,
            )
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._guard("add", False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._guard("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None) -> bool:
        return self._guard("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None) -> dict:
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None) -> bool:
        return self._guard("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None) -> int:
        # Unreachable looks like a missing key: callers already handle ValueError by add().
        missing = object()
        result = self._guard("incr", missing, super().incr, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        # Django's contract: the keys that failed to be inserted.
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None) -> None:
        self._guard("delete_many", None, super().delete_many, keys, version)

    def clear(self) -> bool:
        return self._guard("clear", False, super().clear)
