"""The staff's follow-up views in Wagtail's admin: the rounds, each round's dashboard, its
CSV and the one-click reminder to the overdue signatories.

Congress moderators and superusers only (``can_view_staff_data``): the dashboard names every
signatory that has not reported. Anyone else, a signatory's editor or a translator, gets a
plain 403 (Wagtail would turn PermissionDenied into a redirect to its dashboard).
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

from pact_pages.core.countries import country_name
from pact_pages.follow_up import queries
from pact_pages.follow_up.reminders import remind_overdue
from pact_pages.follow_up.rounds import ReportingRoundPage
from pact_pages.progress.dashboard import STATES, round_dashboard, signatory_states
from pact_pages.staff.dashboard import can_view_staff_data
from pact_pages.staff.exports import _text as cell

# The dashboard's CSV: a stable schema (docs/follow-up.md), columns only ever added at the end.
ROUND_COLUMNS = [
    "signatory_id",
    "title",
    "country",
    "country_name",
    "type",
    "state",
    "report_id",
    "reminders_stopped",
    "round_id",
    "round_title",
    "deadline",
]


def _refused(request) -> HttpResponse | None:
    if can_view_staff_data(request.user):
        return None
    return HttpResponseForbidden(
        _("Only Congress moderators may see the follow-up of the rounds."),
        content_type="text/plain; charset=utf-8",
    )


def _round(round_id: int) -> ReportingRoundPage:
    return get_object_or_404(ReportingRoundPage, pk=round_id)


def rounds_view(request):
    """The rounds, open first: each links to its dashboard."""
    if (refused := _refused(request)) is not None:
        return refused
    rounds = list(queries.rounds(Locale.get_default()))
    return TemplateResponse(
        request,
        "pact_pages/admin/follow_up_rounds.html",
        {
            "open_rounds": [page for page in rounds if not page.closed],
            "closed_rounds": [page for page in rounds if page.closed],
        },
    )


def dashboard_view(request, round_id: int):
    if (refused := _refused(request)) is not None:
        return refused
    context = round_dashboard(_round(round_id))
    context["states_shown"] = STATES
    context["rounds_url"] = reverse("pact_follow_up_rounds")
    return TemplateResponse(request, "pact_pages/admin/follow_up_dashboard.html", context)


def export_view(request, round_id: int):
    """One row per signatory: its state in the round (see ``ROUND_COLUMNS``)."""
    if (refused := _refused(request)) is not None:
        return refused
    round_page = _round(round_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ROUND_COLUMNS)
    for row in signatory_states(round_page):
        writer.writerow(
            [
                row.pk,
                cell(row.title),
                row.country,
                country_name(row.country),
                row.signatory_type,
                row.state,
                row.report_id or "",
                row.reminders_stopped,
                round_page.pk,
                cell(round_page.title),
                round_page.deadline.isoformat(),
            ]
        )
    # The byte order mark lets Excel read the file as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"pact-round-{round_page.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def remind_view(request, round_id: int):
    """Reminds the overdue signatories' editors now (never those reminded of the round in the
    last 7 days, never those who asked for no reminders): pact_pages.follow_up's reminders do
    the sending."""
    if (refused := _refused(request)) is not None:
        return refused
    round_page = _round(round_id)
    if round_page.closed:
        messages.error(request, _("This round is closed: no reminders are sent."))
        return redirect("pact_follow_up_dashboard", round_page.pk)
    try:
        sent, recently = remind_overdue(round_page, request.user)
    except PermissionDenied:  # who may see the round but not run it (no right on its section)
        return HttpResponseForbidden(
            _("Only the staff who run the reporting rounds may send reminders."),
            content_type="text/plain; charset=utf-8",
        )
    messages.success(
        request,
        ngettext(
            "A reminder was sent to %(count)s overdue signatory.",
            "A reminder was sent to %(count)s overdue signatories.",
            sent,
        )
        % {"count": sent},
    )
    if recently:
        messages.info(
            request,
            ngettext(
                "%(count)s overdue signatory had a reminder of this round in the last 7 days"
                " and was left out.",
                "%(count)s overdue signatories had a reminder of this round in the last 7 days"
                " and were left out.",
                recently,
            )
            % {"count": recently},
        )
    return redirect("pact_follow_up_dashboard", round_page.pk)


def admin_urls() -> list:
    return [
        path("pact/follow-up/", rounds_view, name="pact_follow_up_rounds"),
        path("pact/follow-up/<int:round_id>/", dashboard_view, name="pact_follow_up_dashboard"),
        path("pact/follow-up/<int:round_id>/export.csv", export_view, name="pact_follow_up_export"),
        path("pact/follow-up/<int:round_id>/remind/", remind_view, name="pact_follow_up_remind"),
    ]


class FollowUpMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_staff_data(request.user)


def menu_item() -> MenuItem:
    return FollowUpMenuItem(
        gettext_lazy("Reporting rounds"),
        reverse("pact_follow_up_rounds"),
        name="pact-follow-up",
        icon_name="tasks",
        order=320,
    )
