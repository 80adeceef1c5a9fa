"""Forget the cached "has a device" flag at every sign-in: it is worked out again afterwards."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from pact_pages.twofactor.policy import HAS_DEVICE_SESSION_KEY


@receiver(user_logged_in, dispatch_uid="pact_2fa_forget_device_flag")
def forget_device_flag(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(HAS_DEVICE_SESSION_KEY, None)
