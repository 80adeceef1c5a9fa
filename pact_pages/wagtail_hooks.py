"""Admin registration: the four Ps as a snippet that only staff with rights can change."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_signups import (
    AccessPermissionPolicy,
    SignatoryAccessViewSet,
    SignupPermissionPolicy,
    SignupRequestViewSet,
)
from .models import Pillar, SignatoryAccess, SignupRequest
from .takedown import TakeDownMenuItem, take_down_view


class PillarViewSet(SnippetViewSet):
    """The four Ps: editable (name, description, colour) by users with the change right."""

    model = Pillar
    icon = "tag"
    menu_label = _("The four Ps")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "colour", "locale"]
    list_filter = ["locale"]
    ordering = ["sort_order"]


register_snippet(PillarViewSet)


register_permission_policy(SignupRequest, SignupPermissionPolicy(SignupRequest))
register_permission_policy(SignatoryAccess, AccessPermissionPolicy(SignatoryAccess))


@hooks.register("register_admin_viewset")
def register_signup_viewset():
    return SignupRequestViewSet("pact_signups")


@hooks.register("register_admin_viewset")
def register_access_viewset():
    return SignatoryAccessViewSet("pact_access")


@hooks.register("register_page_action_menu_item")
def register_take_down_menu_item():
    return TakeDownMenuItem()


@hooks.register("register_admin_urls")
def register_take_down_url():
    return [path("pact/take-down/<int:page_id>/", take_down_view, name="pact_take_down")]
