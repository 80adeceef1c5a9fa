"""Who must use two-factor sign-in, and whether a session still owes its second factor."""

from django.conf import settings
from django_otp import user_has_device

# Session flag: does the signed-in user have a confirmed device? Computed once at login (or on
# the first request of an older session) so that admin pages pay no query for it.
HAS_DEVICE_SESSION_KEY = "pact_2fa_has_device"
STAFF_PERMISSION = "pact_pages.review_signuprequest"


def is_staff_member(user) -> bool:
    """Congress staff: superusers, Django staff, and whoever reviews sign-up requests."""
    return user.is_superuser or user.is_staff or user.has_perm(STAFF_PERMISSION)


def must_set_up(user) -> bool:
    """True when a setting makes two-factor compulsory for this user."""
    if getattr(settings, "PACT_REQUIRE_2FA_FOR_EDITORS", False):
        return user.has_perm("wagtailadmin.access_admin")
    if getattr(settings, "PACT_REQUIRE_2FA_FOR_STAFF", False):
        return is_staff_member(user)
    return False


def session_has_device(request) -> bool:
    if HAS_DEVICE_SESSION_KEY not in request.session:
        remember_device(request, user_has_device(request.user, confirmed=True))
    return request.session[HAS_DEVICE_SESSION_KEY]


def remember_device(request, has_device: bool) -> None:
    request.session[HAS_DEVICE_SESSION_KEY] = has_device
