"""A page cache for anonymous readers: whole HTML pages kept in the site's cache (Redis in
production) and answered before sessions, locale and authentication run.

Public pages cost 20 to 30 queries each, the same for every anonymous reader of a language.
``PageCacheMiddleware`` keeps the HTML of such a page under its scheme, host, path (with its
language prefix), sorted query string and a content version, and answers the next anonymous
reader from the cache without a query. The version is bumped when anything a page can show
changes (``pact_pages.public.page_cache_signals``): every page goes stale at once, as the API's
response cache does (``pact_pages.api.cache``), and a reader sees a publication right after it.

Never cached, never answered from the cache:
- a visitor who may be somebody: a session or messages cookie, an Authorization header
  (a stale session cookie only costs a normal rendering);
- anything but GET and HEAD, searches (the search throttle counts them), addresses without a
  language (the language would come from the visitor's headers), the admin, the API (it has
  its own cache), query strings longer than ``MAX_QUERY_LENGTH`` or with more than
  ``MAX_PARAMETERS`` parameters, and past ``PACT_PAGE_CACHE_VARIANTS`` query strings
  per path and version (junk parameters cannot fill the cache);
- a response other than a 200 HTML page or feed (RSS, Atom, iCalendar), one that sets a
  cookie, says ``private``, ``no-store`` or ``no-cache``, varies on other headers than
  Cookie, Accept-Encoding and Accept-Language, or is personal
  (``pact_pages.public.cache_control.is_personal``: a signed-in user, a preview, a CSRF
  form, a CSP nonce, a session in use, a message shown);
  a page under a view restriction (password, sign-in, groups).

The middleware goes right before SessionMiddleware and inside GZipMiddleware: the cache keeps
the page uncompressed, and gzip (with its random padding against BREACH) compresses each hit
for the client that accepts it. A hit says ``X-Cache: hit``; its Cache-Control is the one
``PublicCacheMiddleware`` gave the page (the CDN's rules are unchanged).

``PACT_PAGE_CACHE`` names the cache (a CACHES alias; None or "none" turns it off, e.g.
``override_settings(PACT_PAGE_CACHE=None)`` in a benchmark), ``PACT_PAGE_CACHE_TIMEOUT`` the
seconds a page is kept at most.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from pact_pages.conf import pact_setting
from pact_pages.core.search_throttle import is_search
from pact_pages.public.cache_control import is_personal

MIDDLEWARE = "pact_pages.public.page_cache.PageCacheMiddleware"
VERSION_KEY = "pact_page:version"
# Pages and the feeds (RSS, Atom, iCalendar): public items only, the same for every reader.
CACHED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "text/calendar")
MAX_QUERY_LENGTH = 256
MAX_PARAMETERS = 8
# Response headers a hit may vary on: the cookie that matters (the session) keeps the
# request off the cache, gzip runs on every hit, and the language is in the address.
ALLOWED_VARY = frozenset({"cookie", "accept-encoding", "accept-language"})
REFUSED_CACHE_CONTROL = ("private", "no-store", "no-cache")


def cache_alias() -> str | None:
    alias = pact_setting("PACT_PAGE_CACHE")
    return None if not alias or str(alias).lower() == "none" else alias


def enabled() -> bool:
    """The host serves pages through the cache (it added the middleware and a cache)."""
    return cache_alias() is not None and MIDDLEWARE in settings.MIDDLEWARE


def _cache():
    return caches[cache_alias()]


def current_version(cache) -> int:
    """The content version; one read on a hit (set from the clock when missing, so that an
    evicted version never comes back to a number used before)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, int(time.time() * 1000), None)
        version = cache.get(VERSION_KEY, int(time.time() * 1000))
    return version


def bump_version() -> None:
    if not enabled():
        return
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set, or evicted
        cache.set(VERSION_KEY, int(time.time() * 1000), None)


def page_language(path: str) -> str | None:
    """The language of the page at ``path`` when the address alone decides it, else None."""
    language = get_language_from_path(path)
    if language:
        return language
    if not settings.USE_I18N:
        return settings.LANGUAGE_CODE
    used, prefix_default = is_language_prefix_patterns_used(get_urlconf() or settings.ROOT_URLCONF)
    if used and not prefix_default:
        return settings.LANGUAGE_CODE  # LocaleMiddleware's rule for unprefixed addresses
    return None


def _excluded_prefixes() -> list[str]:
    prefixes = [pact_setting("PACT_API_PREFIX")]
    try:
        prefixes.append(reverse("wagtailadmin_home"))
    except NoReverseMatch:
        pass
    return prefixes


def may_use_cache(request: HttpRequest) -> bool:
    """Whether ``request`` may be answered from (and fill) the cache; no query, no session."""
    if request.method not in ("GET", "HEAD") or cache_alias() is None:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH or len(request.GET) > MAX_PARAMETERS:
        return False
    if is_search(request) or page_language(request.path_info) is None:
        return False
    return not any(request.path.startswith(prefix) for prefix in _excluded_prefixes())


def cache_key(request: HttpRequest, version: int) -> str | None:
    """The page's key, or None for a host that ALLOWED_HOSTS refuses (Django answers it 400)."""
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return None
    # Encoded again: "?a=x%26b%3D2" and "?a=x&b=2" are different requests, never one key.
    query = urlencode(
        [(name, value) for name, values in sorted(request.GET.lists()) for value in values]
    )
    language = page_language(request.path_info)
    address = f"{language}\n{origin}{request.path}?{query}"
    return f"pact_page:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def _varies_on_others(response: HttpResponse) -> bool:
    vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))}
    return bool(vary - ALLOWED_VARY - {""})


def _shows_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and (storage.used or len(storage) > 0)


def _restricted(response: HttpResponse) -> bool:
    """A page under a view restriction is never kept, whoever could see it (one query)."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    return isinstance(page, Page) and page.get_view_restrictions().exists()


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether ``response`` is the same page for every anonymous reader of its address."""
    cache_control = response.get("Cache-Control", "").lower()
    return not (
        request.method != "GET"
        or response.status_code != 200
        or getattr(response, "streaming", False)
        or not response.get("Content-Type", "").startswith(CACHED_TYPES)
        or response.has_header("Content-Encoding")
        or response.cookies
        or any(word in cache_control for word in REFUSED_CACHE_CONTROL)
        or _varies_on_others(response)
        or is_personal(request, response)
        or _shows_messages(request)
        or _restricted(response)
    )


def _room_for_variant(cache, request: HttpRequest, version: int) -> bool:
    """A path keeps at most PACT_PAGE_CACHE_VARIANTS query strings per version."""
    if not request.META.get("QUERY_STRING"):
        return True
    digest = hashlib.sha256(request.path.encode()).hexdigest()[:32]
    counter = f"pact_page:variants:{version}:{digest}"
    cache.add(counter, 0, pact_setting("PACT_PAGE_CACHE_TIMEOUT"))
    try:
        return cache.incr(counter) <= pact_setting("PACT_PAGE_CACHE_VARIANTS")
    except ValueError:  # evicted in between
        return False


def _store(cache, request: HttpRequest, response: HttpResponse, key: str, version: int) -> bool:
    if not _room_for_variant(cache, request, version):
        return False
    headers = [(name, value) for name, value in response.items() if name.lower() != "x-cache"]
    cache.set(key, (response.content, headers), pact_setting("PACT_PAGE_CACHE_TIMEOUT"))
    return True


def _hit(request: HttpRequest, stored: tuple) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return _purgeable(request, response)


def _purgeable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A CDN keeps a query-string address only while the purge registry records it
    (pact_pages.core.cdn_variants): a hit records it again, as the rendering did."""
    from pact_pages.core.cdn_variants import record

    if "public" in response.get("Cache-Control", "") and not record(request):
        patch_cache_control(response, private=True)
    return response


class PageCacheMiddleware:
    """Answers anonymous readers' cached pages before sessions, locale and authentication run.

    Place it right before SessionMiddleware, after GZipMiddleware and the middleware that add
    headers to every response (security, CSP), so that hits get those too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            return self.get_response(request)
        cache = _cache()
        version = current_version(cache)
        key = cache_key(request, version)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            return _hit(request, stored)
        response = self.get_response(request)
        # "miss": rendered now and kept for the next reader.
        if storable(request, response) and _store(cache, request, response, key, version):
            response["X-Cache"] = "miss"
        return response
