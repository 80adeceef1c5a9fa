"""Cache-Control for public pages, so that a CDN or proxy can keep them for a few minutes.

A page an anonymous reader gets with a plain GET is the same for every anonymous reader in
that language (the language is in the address): ``public, max-age=PACT_PUBLIC_MAX_AGE``.
Everything that may differ per person is ``private, no-store``: answers to signed-in users,
previews, forms that carry a CSRF token (the join page, a password-protected page's form),
responses that set a cookie, pages holding a CSP nonce (a shared page would share its
nonce), answers to POST and the other unsafe methods, and any response to a visitor whose
session holds something (a page or document unlocked with a password, a message): what
such a response shows may depend on it. A view that knows its answer depends on the visitor
says so with ``pact_pages.trust.media_hooks.mark_private`` (a document of a restricted
collection).

Other responses that already say how to cache them (the API, CSV exports, the 503 page)
are left as they are, and so are errors and redirects (LocaleMiddleware's "/" → "/en/" depends on
Accept-Language and says so with Vary).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

from pact_pages.conf import pact_setting

SAFE_METHODS = ("GET", "HEAD")


def is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    """True when the response may hold something that belongs to this visitor only."""
    session = getattr(request, "session", None)
    # Read before request.user, which reads the session itself.
    used_session = session is not None and session.accessed and not session.is_empty()
    user = getattr(request, "user", None)
    return bool(
        used_session
        or getattr(request, "pact_private_response", False)
        or (user is not None and user.is_authenticated)
        or getattr(request, "is_preview", False)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form with {% csrf_token %}
        or response.cookies
        or (session is not None and session.modified)
        or getattr(request, "_csp_nonce", None)
    )


def _admin_prefix() -> str | None:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


class PublicCacheMiddleware:
    """Sets Cache-Control on pages that do not set it themselves.

    Place it right after SessionMiddleware: it then sees the cookies that CSRF and messages
    set, and the session that authentication read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS or is_personal(request, response):
            # Even over a view's own header: nothing personal may land in a shared cache.
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
            return response
        if response.has_header("Cache-Control"):
            # The view knows better (the API, exports, the 503 page).
            return _purgeable(request, response)
        admin = _admin_prefix()
        if response.status_code != 200 or (admin and request.path.startswith(admin)):
            return response
        max_age = pact_setting("PACT_PUBLIC_MAX_AGE")
        patch_cache_control(response, public=True, max_age=max_age)
        # A cache that honours Vary keeps signed-in editors (session cookie) off the shared
        # copy; the page itself is the same for every anonymous reader.
        patch_vary_headers(response, ("Cookie",))
        return _purgeable(request, response)


def _purgeable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A shared copy only of what a take-down can purge: an address with a query string is
    recorded for the purge (pact_pages.core.cdn_variants), or made private."""
    from pact_pages.core.cdn_variants import record

    if "public" in response.get("Cache-Control", "") and not record(request):
        patch_cache_control(response, private=True)
    return response
