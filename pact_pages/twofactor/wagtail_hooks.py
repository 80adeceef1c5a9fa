"""Admin wiring, loaded by Wagtail only when "pact_pages.twofactor" is installed: the two
views' URLs and the entry in the account menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from pact_pages.twofactor import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/verify/", views.verify_view, name="pact_2fa_verify"),
        path("two-factor/", views.setup_view, name="pact_2fa_setup"),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("pact_2fa_setup"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Use an authenticator app on your phone as a second step when you sign in."),
    }
