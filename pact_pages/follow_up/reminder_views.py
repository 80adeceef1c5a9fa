"""Stop or resume a signatory's reminders: for staff and for the signatory's own editors.

Staff are those who manage signatories' access (``change_signatoryaccess``: the Congress
moderators); an editor is a member of the signatory's group. Nobody else, not even a
translator who may edit the page's translation, changes another signatory's reminders.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import widgets as wagtailadmin_widgets

from pact_pages.follow_up import reminders
from pact_pages.follow_up.models import ReminderLog, canonical
from pact_pages.signatories.models import SignatoryAccess, SignatoryPage


def may_stop_reminders(user, signatory: SignatoryPage) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("pact_pages.change_signatoryaccess"):
        return True
    return SignatoryAccess.objects.filter(
        translation_key=signatory.translation_key, group__user=user
    ).exists()


def reminders_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """GET: whether reminders go to this signatory, the last ones sent; POST: stop/resume."""
    signatory = get_object_or_404(SignatoryPage, pk=page_id)
    if not may_stop_reminders(request.user, signatory):
        raise PermissionDenied
    if request.method == "POST":
        stop = request.POST.get("action") == "stop"
        reminders.set_stopped(signatory, stop, request.user)
        if stop:
            messages.success(request, _("No more reminders will be sent to this signatory."))
        else:
            messages.success(request, _("Reminders of the reporting rounds will be sent again."))
        return redirect("pact_follow_up_reminders", signatory.pk)
    sent = ReminderLog.objects.filter(signatory=canonical(signatory)).select_related("round")[:10]
    return TemplateResponse(
        request,
        "pact_pages/admin/follow_up_reminders.html",
        {
            "signatory": signatory,
            "stopped": reminders.stopped(signatory),
            "sent": sent,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[signatory.pk]),
        },
    )


def admin_urls() -> list:
    return [
        path(
            "pact/follow-up/reminders/<int:page_id>/",
            reminders_view,
            name="pact_follow_up_reminders",
        )
    ]


def header_buttons(page, user, view_name: str | None = None, next_url: str | None = None):
    """ "Reminders" among the signatory page's buttons, for those who may change them."""
    if isinstance(page.specific_deferred, SignatoryPage) and may_stop_reminders(user, page):
        yield wagtailadmin_widgets.Button(
            _("Reporting reminders"),
            reverse("pact_follow_up_reminders", args=[page.pk]),
            icon_name="mail",
            priority=60,
        )
