"""What every public page's layout reads (the locales, the header menu, the language links),
kept in the site's cache under a layout version.

Each page showed 6 to 8 queries of layout besides its own content: the locales' codes, the
home page and its site for the menu, the menu's sections, the page's translations for the
language switcher. They are the same for every reader of a language until staff change
something, so they are computed once and kept under ``VERSION_KEY``.

The version is bumped by every change a public page can show
(``pact_pages.public.page_cache_signals``: a page published, unpublished, moved, deleted or
saved live, a locale, site, setting or snippet saved), at once and again after the commit, so
that a reader served in between cannot keep the old layout under the new version; whether or
not the host uses the page cache. It lives in the ``PACT_LAYOUT_CACHE`` cache (the default one),
shared by every process of the site in production (Redis): a bump reaches them all at their
next request. A cache of one process (local memory) cannot carry a bump to the others, so there
entries are kept a few seconds only; ``PACT_LAYOUT_CACHE = None`` keeps them for the request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from pact_pages.conf import pact_setting

VERSION_KEY = "pact_layout:version"
# Kept at most this long: a version lost with its entries costs one rendering each.
TIMEOUT_SECONDS = 3600
# In a cache of one process: how long another process may show the layout before a change.
LOCAL_TIMEOUT_SECONDS = 5

T = TypeVar("T")


def _cache():
    alias = pact_setting("PACT_LAYOUT_CACHE")
    return None if not alias or str(alias).lower() == "none" else caches[alias]


def _timeout(cache) -> int:
    local = isinstance(cache, (LocMemCache, DummyCache))
    return LOCAL_TIMEOUT_SECONDS if local else TIMEOUT_SECONDS


def version() -> int:
    """The layout version (from the clock when missing, so that an evicted version never
    comes back to a number used before)."""
    cache = _cache()
    if cache is None:
        return 0
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, int(time.time() * 1000), None)
        current = cache.get(VERSION_KEY, int(time.time() * 1000))
    return current


def bump() -> None:
    cache = _cache()
    if cache is None:
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set, or evicted
        cache.set(VERSION_KEY, int(time.time() * 1000), None)


def remembered(request, name: str, parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache under ``name``, ``parts`` and the layout version, and
    on ``request`` for the rest of its rendering (the version is read once per request)."""
    memo = _request_memo(request)
    key = (name, *parts)
    if key in memo:
        return memo[key]
    current = memo.get(VERSION_KEY)
    if current is None:
        current = memo[VERSION_KEY] = version()
    cache = _cache()
    if cache is None:
        memo[key] = value = compute()
        return value
    cache_key = f"pact_layout:{current}:{name}:" + ":".join(str(part) for part in parts)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, _timeout(cache))
    memo[key] = value
    return value


def _request_memo(request) -> dict:
    if request is None:
        return {}
    memo = getattr(request, "_pact_layout", None)
    if memo is None:
        memo = request._pact_layout = {}
    return memo


def locales(request=None) -> dict[int, Locale]:
    """The site's locales by id (Wagtail's ``Locale.objects``: those of ``LANGUAGES``)."""
    return remembered(
        request, "locales", (), lambda: {locale.pk: locale for locale in Locale.objects.all()}
    )


def active_locale(request=None) -> Locale:
    """``Locale.get_active()`` from :func:`locales`; raises ``Locale.DoesNotExist`` as it."""
    code = get_supported_content_language_variant(get_language())
    for locale in locales(request).values():
        if locale.language_code == code:
            return locale
    raise Locale.DoesNotExist(f"No locale for {code!r}")
