"""The reference site's throttle of what the login lockout does not cover: Wagtail's password
reset form, and searches on any page of the site (``?q=``, ``?query=``, ``?search=``).

Opt-in (MIDDLEWARE, docs/security.md): the plugin's own search views throttle themselves
(pact_pages.core.search_throttle) and share the count with this middleware.
Same fixed-window counter as the join form (pact_pages.core.ratelimit): only salted hashes of the
client address (and, for password reset, of the mailbox typed) live in the cache, for the window.
Past a mailbox's limit no more reset mail is sent, silently; past a client's, it is refused.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse

from pact_pages.core.ratelimit import hit, mailbox
from pact_pages.core.search_throttle import (
    api_refusal,
    is_search,
    search_allowed,
    search_rate_limit,
)

# (attempts, seconds); PACT_PASSWORD_RESET_RATE_LIMIT overrides it.
DEFAULT_PASSWORD_RESET_RATE_LIMIT = (5, 3600)


class ThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.check(request)
        return response if response is not None else self.get_response(request)

    def check(self, request):
        path = request.path_info
        admin_prefix = reverse("wagtailadmin_home")
        if request.method == "POST" and path.startswith(reverse("wagtailadmin_password_reset")):
            limit, window = getattr(
                settings, "PACT_PASSWORD_RESET_RATE_LIMIT", DEFAULT_PASSWORD_RESET_RATE_LIMIT
            )
            email = request.POST.get("email", "").strip().lower()
            # Both counters are taken on every attempt: per connection and per mailbox.
            by_client = hit(request, "password-reset", limit, window)
            by_email = hit(request, "password-reset-email", limit, window, key=mailbox(email))
            if not by_client:
                return _refusal(request, window, admin=True)
            if not by_email:
                # The mailbox had its share: no more mail, but no refusal either, which would
                # let a stranger keep its owner from asking (the links already sent still
                # work) and would tell which addresses were asked for.
                return redirect("wagtailadmin_password_reset_done")
        elif request.method in ("GET", "HEAD") and not path.startswith(admin_prefix):
            if is_search(request) and not search_allowed(request):
                return _refusal(request, search_rate_limit()[1], admin=False)
        return None


def _refusal(request, window: int, *, admin: bool):
    if request.path_info.startswith("/api/"):
        response = api_refusal()
    else:
        template = (
            "pact_pages/security/throttled.html"
            if admin
            else "pact_pages/security/throttled_public.html"
        )
        response = render(request, template, status=429)
    response["Retry-After"] = str(window)
    return response
