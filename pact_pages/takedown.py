"""Taking a page down: signatory editors may unpublish their own pages at once.

Wagtail ties unpublishing to the publish permission, which signatories under moderation
do not have. Taking content down must never wait for a moderator (safeguarding), so an
editor who can edit a live page may unpublish it, with its initiatives, here.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page


def can_take_down(user, page: Page) -> bool:
    permissions = page.permissions_for_user(user)
    return page.live and permissions.can_edit() and not permissions.can_unpublish()


def take_down_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_take_down(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        for descendant in page.get_descendants().live().specific():
            descendant.unpublish(user=request.user)
        page.unpublish(user=request.user)
        messages.success(
            request,
            _("“%(title)s” has been unpublished.") % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "pact_pages/admin/take_down.html",
        {
            "page": page,
            "live_descendants": page.get_descendants().live().count(),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


class TakeDownMenuItem(ActionMenuItem):
    label = gettext_lazy("Unpublish")
    name = "action-pact-take-down"
    icon_name = "download"
    order = 40

    def is_shown(self, context):
        if context["view"] != "edit" or context.get("locked_for_user"):
            return False
        return can_take_down(context["request"].user, context["page"])

    def get_url(self, context):
        return reverse("pact_take_down", args=[context["page"].pk])
