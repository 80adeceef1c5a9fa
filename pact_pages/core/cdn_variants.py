"""The query-string addresses a CDN may hold, so that a take-down purges them too.

A CDN keys each address apart, query string included (``/en/initiatives/?pillar=…``,
``/api/pact/v1/initiatives?country=FR``), and most CDNs cannot purge by prefix. The purge
of a change (``pact_pages.public.frontend_cache``) names the addresses without query string itself;
the ones with a query string are recorded here when they are served with ``public``, per
path, and purged with their path.

A record only has to outlive the copy the CDN may keep (its ``max-age``): records are kept in
time windows of ``PACT_PUBLIC_MAX_AGE`` seconds and a purge reads the current and the
previous window. Each path holds at most ``PACT_CDN_VARIANTS_PER_PATH`` (200) variants a
window, and all paths together ``PACT_CDN_VARIANTS_MAX`` (5,000): the record stays small
in the cache it shares with the lockout counters, whatever the junk parameters sent to it.
An address that cannot be recorded (too many variants, the registry's cache unreachable, or
no shared registry: ``PACT_CDN_REGISTRY_CACHE = None``) is sent ``private`` instead, so that
no CDN keeps a copy nobody could purge.
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from pact_pages.conf import pact_setting


def enabled() -> bool:
    """A CDN is configured (Wagtail's frontend cache app and its backends)."""
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def _cache():
    alias = pact_setting("PACT_CDN_REGISTRY_CACHE")
    return caches[alias] if alias else None


def _window_length() -> int:
    return max(int(pact_setting("PACT_PUBLIC_MAX_AGE")), 60)


def _windows() -> list[int]:
    now = int(time.time()) // _window_length()
    return [now, now - 1]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _count_key(window: int, path: str) -> str:
    return f"pact_cdn:count:{window}:{_digest(path)}"


def _slot_key(window: int, path: str, number: int) -> str:
    return f"pact_cdn:slot:{window}:{_digest(path)}:{number}"


def record(request: HttpRequest) -> bool:
    """True when the CDN may keep this response: no query string, no CDN, or recorded."""
    if not request.META.get("QUERY_STRING") or not enabled():
        return True
    cache = _cache()
    if cache is None:
        return False
    try:
        return _record(cache, request.path, request.build_absolute_uri())
    except Exception:  # noqa: BLE001 - an unreachable registry: not recorded, so private
        return False


def _record(cache, path: str, url: str) -> bool:
    window = _windows()[0]
    timeout = 3 * _window_length()
    seen = f"pact_cdn:seen:{window}:{_digest(url)}"
    if cache.get(seen):
        return True
    total_key = f"pact_cdn:total:{window}"
    cache.add(total_key, 0, timeout)
    if cache.incr(total_key) > _total_limit():
        return False
    cache.add(_count_key(window, path), 0, timeout)
    number = cache.incr(_count_key(window, path))
    if number > _limit():
        return False
    cache.set(_slot_key(window, path, number), url, timeout)
    cache.set(seen, 1, timeout)
    return cache.get(_slot_key(window, path, number)) == url


def variants(paths: list[str]) -> list[str]:
    """Every recorded address (with its query string) of ``paths``, in the live windows."""
    cache = _cache()
    if cache is None or not paths:
        return []
    keys = {_count_key(window, path): (window, path) for window in _windows() for path in paths}
    counts = cache.get_many(list(keys))
    slots = [
        _slot_key(window, path, number)
        for key, (window, path) in keys.items()
        for number in range(1, min(int(counts.get(key) or 0), _limit()) + 1)
    ]
    return sorted(set(cache.get_many(slots).values())) if slots else []


def _limit() -> int:
    return int(pact_setting("PACT_CDN_VARIANTS_PER_PATH"))


def _total_limit() -> int:
    return int(pact_setting("PACT_CDN_VARIANTS_MAX"))
