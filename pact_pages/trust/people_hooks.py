"""Admin hooks of the people boundary (see pact_pages.trust).

* user lists of every admin listing are scoped to the signed-in user's peers
  (``people_scope``);
* names in the admin's rows of accounts outside those peers are neutral labels
  (``people_display``, with its middleware);
* staff's user forms refuse an address another account has (``people_users``);
* the account settings change an address only through a link sent to it, and an approved
  applicant whose address has an account claims the signatory by a link
  (``pact_pages.onboarding.claims``).
"""

from django.apps import apps
from django.urls import path
from wagtail import hooks

from pact_pages.onboarding.claims import claim_view
from pact_pages.trust import people_display, people_scope
from pact_pages.trust.people_accounts import EmailChangePanel, confirm_email_view

people_scope.install()
people_display.install()
# Wagtail's documented extension point (read when its viewsets are registered, after every
# wagtail_hooks module is imported): staff's user forms refuse a duplicate address.
apps.get_app_config(
    "wagtailusers"
).user_viewset = "pact_pages.trust.people_users.UniqueEmailUserViewSet"


@hooks.register("get_avatar_url")
def hide_avatar_of_hidden_accounts(user, size):
    return people_display.default_avatar(user, size)


@hooks.register("register_account_settings_panel")
def register_email_change_panel(request, user, profile):
    return EmailChangePanel(request, user, profile)


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("pact/claim/<str:token>/", claim_view, name="pact_people_claim"),
        path(
            "pact/account-email/<str:token>/", confirm_email_view, name="pact_people_confirm_email"
        ),
    ]
