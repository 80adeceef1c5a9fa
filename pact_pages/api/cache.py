"""HTTP caching of the API: shared cache headers, ETag/Last-Modified with 304, and responses
kept in the Django cache until the content changes.

Cached responses are keyed by the path, the parameters the endpoint declares (in its OpenAPI
schema; anything else is dropped before the view runs, so ``?junk=N`` neither makes a new
entry nor shows in ``next`` links) and a content version. The version is bumped
(``cache.incr``) whenever a plugin page is published, unpublished, moved or deleted (or a
live one saved), a host page holding plugin pages is published, unpublished or moved
(``pact_pages.core.plugin_content``), a view restriction changes, or a P is saved or
deleted, so every cached response goes stale at once (Redis in production shares the
version between processes; the local-memory default is per process).
The handlers are connected when ``pact_pages.apps`` imports this module in ``ready()``.

The responses live in their own cache (``PACT_API_CACHE``, the ``api`` alias in the
reference site): filling it can never evict sign-in lockout and rate-limit counters.
"""

import hashlib
import re
import time
from functools import cache, wraps

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from pact_pages.conf import pact_setting
from pact_pages.core.plugin_content import concerns_plugin, is_plugin_page
from pact_pages.core.search_throttle import api_refusal, is_search, search_allowed
from pact_pages.pillars.models import Pillar

VERSION_KEY = "pact_api:version"
CHANGED_KEY = "pact_api:changed"


def _cache():
    return caches[pact_setting("PACT_API_CACHE")]


def max_age() -> int:
    return pact_setting("PACT_API_MAX_AGE")


def timeout() -> int:
    return pact_setting("PACT_API_CACHE_TIMEOUT")


def current_version() -> tuple[int, float]:
    """(version, time of the last change); both are set on first use."""
    cache = _cache()
    now = time.time()
    # A version that was evicted restarts from the clock, never from a number used before.
    cache.add(VERSION_KEY, int(now * 1000), None)
    cache.add(CHANGED_KEY, int(now), None)
    values = cache.get_many([VERSION_KEY, CHANGED_KEY])
    return values.get(VERSION_KEY, int(now * 1000)), values.get(CHANGED_KEY, int(now))


def bump_version() -> None:
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set, or evicted
        cache.set(VERSION_KEY, int(time.time() * 1000), None)
    cache.set(CHANGED_KEY, int(time.time()), None)


def content_changed(**kwargs) -> None:
    """Invalidates now, and again once the transaction commits: a request served in between
    must not keep the old content in the cache."""
    bump_version()
    transaction.on_commit(bump_version)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, instance=None, **kwargs):
    if concerns_plugin(instance):  # not a host's own page, unless plugin pages are under it
        content_changed()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    # A host page's plugin descendants are deleted with it and send their own signal.
    if is_plugin_page(instance) or isinstance(instance, Pillar | PageViewRestriction):
        content_changed()


@receiver(post_save, sender=Pillar)
@receiver(post_save, sender=PageViewRestriction)
def _saved(sender, raw=False, **kwargs):
    if not raw:
        content_changed()


@receiver(post_save)
def _live_page_saved(sender, instance, raw=False, **kwargs):
    # Also a live page saved without the publish action (imports, scripts, fixtures).
    if not raw and is_plugin_page(instance) and instance.live:
        content_changed()


@cache
def _declared_parameters() -> list[tuple[re.Pattern, frozenset[str]]]:
    """(path regex, query parameter names) of each endpoint, from the API's OpenAPI schema."""
    from pact_pages.api.endpoints import api

    prefix = pact_setting("PACT_API_PREFIX").rstrip("/")
    schema = api.get_openapi_schema(path_prefix=prefix)
    declared = []
    for path, operations in schema["paths"].items():
        pattern = re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"{[^}]+}", "[^/]+", pattern)
        names = {
            parameter["name"]
            for operation in operations.values()
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query"
        }
        declared.append((re.compile(f"^{pattern}$"), frozenset(names)))
    return declared


def known_parameters(path: str) -> frozenset[str]:
    for pattern, names in _declared_parameters():
        if pattern.match(path):
            return names
    return frozenset()


def canonical_query(request: HttpRequest) -> QueryDict:
    """The request's parameters that its endpoint declares, by name (values in order)."""
    names = known_parameters(request.path)
    query = QueryDict(mutable=True)
    for name, values in sorted(request.GET.lists()):
        if name in names:
            query.setlist(name, values)
    return query


def has_unknown_parameters(request: HttpRequest) -> bool:
    return not set(request.GET) <= known_parameters(request.path)


def _key(request: HttpRequest, version: int) -> str:
    url = request.build_absolute_uri(request.path) + "?" + canonical_query(request).urlencode()
    return f"pact_api:response:{version}:{hashlib.sha256(url.encode()).hexdigest()}"


def _shared(request: HttpRequest) -> dict:
    """Cache-Control: public, except for addresses with undeclared parameters, which a CDN
    must not keep (each would be a copy of its own, and one more address to purge), and
    for those the purge registry could not record."""
    from pact_pages.core.cdn_variants import record

    if getattr(request, "pact_api_junk", None) or has_unknown_parameters(request):
        return {"private": True, "max_age": max_age()}
    if not record(request):  # a CDN copy no take-down could purge
        return {"private": True, "max_age": max_age()}
    return {"public": True, "max_age": max_age()}


def _finish(request: HttpRequest, response: HttpResponse, etag: str, changed: int):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed)
    patch_cache_control(response, **_shared(request))
    conditional = get_conditional_response(
        request, etag=etag, last_modified=changed, response=response
    )
    if conditional is not response:
        patch_cache_control(conditional, **_shared(request))
    return conditional


def cached_response(request: HttpRequest) -> HttpResponse | None:
    """The cached response to ``request`` (or its 304), if there is one."""
    version, changed = current_version()
    stored = _cache().get(_key(request, version))
    if stored is None:
        return None
    content, content_type, etag = stored
    response = HttpResponse(content, content_type=content_type)
    response["X-Cache"] = "hit"
    return _finish(request, response, etag, changed)


class CachedResponseMiddleware:
    """Answers the API's cached responses before sessions, locale and authentication run.

    The API is public and the same for everybody: a cached response needs none of them.
    Placed after the middleware that adds headers to every response (CORS, security, CSP),
    so hits carry those too. Misses go on to the view, whose ``cached`` wrapper stores them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = pact_setting("PACT_API_PREFIX")

    def __call__(self, request: HttpRequest):
        # Searches go on to the view's wrapper, which counts them against the search throttle
        # (pact_pages.core.search_throttle) before answering them from the cache.
        if (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.prefix)
            and not is_search(request)
        ):
            response = cached_response(request)
            if response is not None:
                return response
        return self.get_response(request)


def cached(view):
    """Caches successful GET responses of ``view`` and answers revalidations with 304."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if is_search(request) and not search_allowed(request):
            return api_refusal()
        response = cached_response(request)
        if response is not None:
            return response
        version, changed = current_version()
        key = _key(request, version)
        if has_unknown_parameters(request):
            # The view answers the declared parameters only: its links repeat no junk.
            request.pact_api_junk = True
            request.GET = canonical_query(request)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or getattr(response, "streaming", False):
            return response
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        _cache().set(key, (response.content, response["Content-Type"], etag), timeout())
        response["X-Cache"] = "miss"
        return _finish(request, response, etag, changed)

    return wrapper
