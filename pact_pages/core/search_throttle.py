"""The search throttle of the plugin's own search views (the public search page and the API).

Searching is the one public read that costs the database real work, so the views count it
themselves (``PACT_SEARCH_RATE_LIMIT``, (searches, seconds) per client): a host needs no
middleware for it. The reference site's ``pact_pages.security.throttle.ThrottleMiddleware``
asks the same question for every page; a request is counted once whoever asks first.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from pact_pages.conf import pact_setting
from pact_pages.core.ratelimit import hit

SEARCH_PARAMETERS = ("q", "query", "search")
_VERDICT = "_pact_search_allowed"


def search_rate_limit() -> tuple[int, int]:
    return tuple(pact_setting("PACT_SEARCH_RATE_LIMIT"))


def is_search(request: HttpRequest) -> bool:
    return any(request.GET.get(name, "").strip() for name in SEARCH_PARAMETERS)


def search_allowed(request: HttpRequest) -> bool:
    """Counts this request's search (once per request); False past the client's limit."""
    verdict = getattr(request, _VERDICT, None)
    if verdict is None:
        limit, window = search_rate_limit()
        verdict = hit(request, "search", limit, window)
        setattr(request, _VERDICT, verdict)
    return verdict


def api_refusal() -> JsonResponse:
    """The API's 429, as problem details (RFC 9457) like its other errors."""
    window = search_rate_limit()[1]
    response = JsonResponse(
        {
            "type": "about:blank",
            "title": "Too Many Requests",
            "status": 429,
            "detail": "Too many searches from your connection; try again later.",
        },
        status=429,
        content_type="application/problem+json",
    )
    response["Retry-After"] = str(window)
    return response


def page_refusal(request: HttpRequest) -> HttpResponse:
    """The public search page's 429."""
    response = render(request, "pact_pages/security/throttled_public.html", status=429)
    response["Retry-After"] = str(search_rate_limit()[1])
    return response
