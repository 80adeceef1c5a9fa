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
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page

from pact_pages.signatories.models import SignatoryAccess, SignatoryPage


def can_take_down(user, page: Page) -> bool:
    """A live page of a signatory the user edits (translators and others may not)."""
    permissions = page.permissions_for_user(user)
    if not page.live or not permissions.can_edit() or permissions.can_unpublish():
        return False
    return _edits_signatory_of(user, page)


def _edits_signatory_of(user, page: Page) -> bool:
    signatory = (
        SignatoryPage.objects.filter(path__in=[page.path, page.path[: -Page.steplen]])
        .only("translation_key")
        .first()
    )
    return (
        signatory is not None
        and SignatoryAccess.objects.filter(
            translation_key=signatory.translation_key, group__user=user
        ).exists()
    )


def _unpublish(page: Page, user) -> None:
    # Our own check above replaces Wagtail's, which asks for the publish permission.
    UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)


def take_down_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_take_down(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        for descendant in page.get_descendants().live().specific():
            _unpublish(descendant, request.user)
        _unpublish(page, request.user)
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
