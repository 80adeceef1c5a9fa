"""The second sign-in step, and the page where a user sets up or removes an authenticator app."""

import segno
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from pact_pages.twofactor.forms import TokenForm
from pact_pages.twofactor.policy import must_set_up, remember_device

DEVICE_NAME = "Authenticator app"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("otp_token")
def verify_view(request):
    """Asks for the code of the user's device after the password was accepted."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        remember_device(request, False)  # removed meanwhile (e.g. reset by an administrator)
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        # match_token goes through each device's throttling: repeated wrong codes make the
        # device refuse even right ones for a growing delay.
        device = match_token(request.user, form.token())
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("otp_token", _("This code is not valid. Check your device's clock."))
    return TemplateResponse(
        request,
        "pact_pages/twofactor/verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@never_cache
@sensitive_post_parameters("otp_token")
def setup_view(request):
    """Shows the QR code of a new secret; the device counts once a code from it is entered."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if confirmed is not None:
        return _manage(request, confirmed)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.token()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            remember_device(request, True)
            messages.success(request, _("Two-factor sign-in is on for your account."))
            return redirect(_next_url(request))
        form.add_error("otp_token", _("This code is not valid. Check your device's clock."))
    qr = segno.make(device.config_url, error="m")
    return TemplateResponse(
        request,
        "pact_pages/twofactor/setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=4, dark="#1d1d1b"),
            "secret": _grouped_secret(device),
            "required": must_set_up(user),
            "next": _next_url(request),
        },
        status=400 if form.errors else 200,
    )


def _manage(request, device):
    """A user with a device may turn two-factor off, unless a setting requires it."""
    required = must_set_up(request.user)
    if request.method == "POST" and request.POST.get("action") == "remove" and not required:
        device.delete()
        remember_device(request, False)
        messages.success(request, _("Two-factor sign-in is off for your account."))
        return redirect("wagtailadmin_account")
    return TemplateResponse(
        request, "pact_pages/twofactor/manage.html", {"device": device, "required": required}
    )


def _grouped_secret(device) -> str:
    """The base32 secret in groups of four, for typing it in by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
