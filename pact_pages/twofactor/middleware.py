"""Holds a password-only session back until its second factor is given.

Goes after django_otp's OTPMiddleware (which adds ``user.is_verified()``). In the admin, such a
session is sent to the code page (or to the set-up page when two-factor is compulsory for the
user); everywhere else it is treated as anonymous, so that no draft preview, API or userbar
trusts a sign-in that is only half done.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from pact_pages.twofactor.policy import must_set_up, session_has_device

# Pages a half-signed-in user may still reach: signing in and out, the code and set-up pages,
# and the admin's static helpers those pages need.
OPEN_URL_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "pact_2fa_verify",
        "pact_2fa_setup",
    }
)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            response = self.hold_back(request)
            if response is not None:
                return response
        return self.get_response(request)

    def hold_back(self, request):
        in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
        if session_has_device(request):
            if not in_admin:
                request.user = AnonymousUser()
                return None
            if _url_name(request) in OPEN_URL_NAMES - {"pact_2fa_setup"}:
                return None
            return redirect_to_login(request.get_full_path(), reverse("pact_2fa_verify"))
        if in_admin and must_set_up(request.user) and _url_name(request) not in OPEN_URL_NAMES:
            return redirect_to_login(request.get_full_path(), reverse("pact_2fa_setup"))
        return None


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None
