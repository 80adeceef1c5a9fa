"""URL patterns of ``/api/pact/v1/``: django-ninja's, each wrapped in the response cache.

``pact_pages.urls`` mounts them at ``PACT_API_PREFIX``, outside any language prefix (the
language is a parameter).
"""

from functools import wraps

from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.http import require_safe

from pact_pages.api.cache import cached
from pact_pages.api.endpoints import api
from pact_pages.api.errors import not_found

# The interactive docs page is a static shell: no need to keep it in the cache.
UNCACHED = {"openapi-view", "preview"}  # preview: drafts, per token, never stored
# django-ninja's own views (schema, docs, root redirect) answer any method: the API is
# read-only, so they answer 405 to anything but GET and HEAD, as the endpoints do.
READ_ONLY = {"openapi-json", "openapi-view", "api-root"}


def keep_not_found(view):
    """Keeps the API's JSON 404s from being redirected to a language-prefixed address.

    Django's LocaleMiddleware redirects a 404 to ``/<language>/<path>`` when that path is
    valid, and Wagtail's catch-all page pattern makes every path valid. The middleware reads
    ``request.urlconf`` (after the view, so URL reversing in the view is unaffected); the
    API's own URLconf has no ``i18n_patterns``.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 404:
            request.urlconf = __name__
        return response

    return wrapper


def _wrap(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            if pattern.name not in UNCACHED:
                pattern.callback = cached(pattern.callback)
            if pattern.name in READ_ONLY:
                pattern.callback = require_safe(pattern.callback)
            pattern.callback = keep_not_found(pattern.callback)


_patterns, _app_name, _namespace = api.urls
_wrap(_patterns)

app_name = _namespace
urlpatterns = [
    *_patterns,
    # Anything else under the API's prefix: a JSON 404, not the site's HTML page.
    re_path(r"^.*$", keep_not_found(not_found), name="not-found"),
]
