"""The staff panel of the admin dashboard: sign-ups, signatories, initiatives, moderation.

Shown on the Wagtail admin home page to Congress moderators (and superusers) only: it
shows every signatory's data, which the editors of one signatory must never see.

Every figure is aggregated in the database (a bounded number of queries, whatever the
number of pages); the charts are inline SVG drawn here, with their figures as a table.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DateField, F, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Locale, Page, WorkflowState

from pact_pages.core.countries import country_name
from pact_pages.initiatives.models import InitiativePillar
from pact_pages.initiatives.queries import live_initiatives
from pact_pages.onboarding.admin import REVIEW_PERMISSION
from pact_pages.onboarding.models import SignupRequest, SignupStatus
from pact_pages.pillars.models import Pillar
from pact_pages.signatories.models import SignatoryType
from pact_pages.signatories.queries import live_signatories

RECENT_SIGNUPS = 5
RECENT_MODERATION = 5
MONTHS = 12

# Geometry of the charts, in SVG user units (the SVG scales to the panel's width).
CHART_WIDTH = 600
MONTH_CHART_HEIGHT = 180
MONTH_CHART_TOP = 20  # room for the figure above the tallest bar
MONTH_CHART_BOTTOM = 36  # room for the month and year under each bar
PILLAR_ROW_HEIGHT = 32
PILLAR_LABEL_WIDTH = 160
PILLAR_VALUE_ROOM = 48


def can_view_staff_data(user) -> bool:
    """Congress moderators and superusers: the staff who may see every signatory's data."""
    if user is None or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(REVIEW_PERMISSION)


@dataclass(frozen=True)
class Row:
    """One line of a table or bar of a chart: a label and its count."""

    key: str
    label: str
    count: int
    colour: str = ""


# --- Figures ---------------------------------------------------------------------------


def pending_signups(limit: int = RECENT_SIGNUPS) -> tuple[int, list[SignupRequest]]:
    """The number of pending sign-up requests, and the most recent of them."""
    pending = SignupRequest.objects.filter(status=SignupStatus.PENDING)
    recent = pending.only("pk", "name", "country", "created_at").order_by("-created_at", "-pk")
    return pending.count(), list(recent[:limit])


def signatories_by_country(signatories: QuerySet) -> list[Row]:
    """Signatories per country, most first."""
    rows = signatories.order_by().values("country").annotate(count=Count("pk"))
    table = [Row(row["country"], country_name(row["country"]), row["count"]) for row in rows]
    return sorted(table, key=lambda row: (-row.count, row.label.casefold()))


def signatories_by_type(signatories: QuerySet) -> list[Row]:
    """Signatories per type of signatory, every type listed (zero included)."""
    rows = signatories.order_by().values("signatory_type").annotate(count=Count("pk"))
    counts = {row["signatory_type"]: row["count"] for row in rows}
    table = [Row(value, str(label), counts.pop(value, 0)) for value, label in SignatoryType.choices]
    # Types no longer offered, should old pages still have them.
    table += [Row(value, value, count) for value, count in sorted(counts.items())]
    return table


def initiatives_by_pillar(initiatives: QuerySet, locale: Locale) -> list[Row]:
    """Initiatives per P (by stable slug), with the P's name in ``locale``."""
    rows = (
        InitiativePillar.objects.filter(page__in=initiatives.values("pk"))
        .order_by()
        .values("pillar__slug")
        .annotate(count=Count("page", distinct=True))
    )
    counts = {row["pillar__slug"]: row["count"] for row in rows}
    table = [
        Row(pillar.slug, pillar.name, counts.pop(pillar.slug, 0), pillar.colour)
        for pillar in Pillar.objects.filter(locale=locale).in_order()
    ]
    table += [Row(slug, slug, count) for slug, count in sorted(counts.items())]
    return table


def _shift_months(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def initiatives_by_month(
    initiatives: QuerySet, months: int = MONTHS, today: datetime.date | None = None
) -> list[tuple[datetime.date, int]]:
    """(first day of the month, count) of ``initiatives`` first published, oldest first.

    Months are those of the active time zone, the current month included.
    """
    this_month = (today or timezone.localdate()).replace(day=1)
    first = _shift_months(this_month, -(months - 1))
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    rows = (
        initiatives.filter(first_published_at__gte=start)
        .annotate(month=TruncMonth("first_published_at", output_field=DateField()))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"))
    )
    counts = {row["month"]: row["count"] for row in rows}
    return [
        (month, counts.get(month, 0))
        for month in (_shift_months(first, offset) for offset in range(months))
    ]


def pages_awaiting_moderation(limit: int = RECENT_MODERATION) -> tuple[int, list[dict]]:
    """The number of pages in moderation, and the most recently submitted of them."""
    states = WorkflowState.objects.active().filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    recent = list(
        states.select_related("requested_by", "current_task_state").order_by(
            F("current_task_state__started_at").desc(nulls_last=True), "-created_at"
        )[:limit]
    )
    pages = Page.objects.in_bulk([int(state.object_id) for state in recent])
    # Each signatory's report of a round bears the same title: the parent says whose it is.
    parent_paths = {page.path[: -Page.steplen] for page in pages.values()}
    parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    items = []
    for state in recent:
        page = pages.get(int(state.object_id))
        if page is None:
            continue
        task_state = state.current_task_state
        items.append(
            {
                "title": page.get_admin_display_title(),
                "parent": parents.get(page.path[: -Page.steplen], ""),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "submitted_by": get_user_display_name(state.requested_by)
                if state.requested_by
                else "",
                "submitted_at": task_state.started_at if task_state else state.created_at,
            }
        )
    return states.count(), items


# --- Charts ----------------------------------------------------------------------------


def month_chart(months: list[tuple[datetime.date, int]]) -> dict:
    """Vertical bars, one per month; coordinates rounded for the template."""
    highest = max((count for _month, count in months), default=0) or 1
    plot_height = MONTH_CHART_HEIGHT - MONTH_CHART_TOP - MONTH_CHART_BOTTOM
    slot = CHART_WIDTH / max(len(months), 1)
    bar_width = round(slot * 0.6, 1)
    baseline = MONTH_CHART_TOP + plot_height
    bars = []
    for index, (month, count) in enumerate(months):
        height = round(count / highest * plot_height, 1)
        centre = round(slot * index + slot / 2, 1)
        bars.append(
            {
                "month": month,
                "count": count,
                "label": date_format(month, "M"),
                # The year under the first bar and under each January.
                "year": date_format(month, "Y") if index == 0 or month.month == 1 else "",
                "long_label": date_format(month, "YEAR_MONTH_FORMAT"),
                "x": round(centre - bar_width / 2, 1),
                "y": round(baseline - height, 1),
                "width": bar_width,
                "height": height,
                "centre": centre,
                "value_y": round(baseline - height - 5, 1),
                "label_y": baseline + 15,
                "year_y": baseline + 29,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": MONTH_CHART_HEIGHT,
        "baseline": baseline,
        "bars": bars,
        "total": sum(count for _month, count in months),
    }


def pillar_chart(rows: list[Row]) -> dict:
    """Horizontal bars, one per P, in the P's colour."""
    highest = max((row.count for row in rows), default=0) or 1
    room = CHART_WIDTH - PILLAR_LABEL_WIDTH - PILLAR_VALUE_ROOM
    bars = []
    for index, row in enumerate(rows):
        top = index * PILLAR_ROW_HEIGHT
        width = round(row.count / highest * room, 1)
        bars.append(
            {
                "row": row,
                "x": PILLAR_LABEL_WIDTH,
                "y": top + 6,
                "width": width,
                "height": PILLAR_ROW_HEIGHT - 12,
                "text_y": top + PILLAR_ROW_HEIGHT / 2 + 4,
                "label_x": PILLAR_LABEL_WIDTH - 8,
                "value_x": round(PILLAR_LABEL_WIDTH + width + 6, 1),
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": max(len(rows), 1) * PILLAR_ROW_HEIGHT,
        "bars": bars,
    }


# --- Panel -----------------------------------------------------------------------------


class StaffDashboardPanel(Component):
    """The Pact at a glance, for Congress moderators; renders nothing for anyone else."""

    name = "pact_staff_dashboard"
    template_name = "pact_pages/admin/dashboard_panel.html"
    order = 50
    heading = _("The Pact at a glance")

    def render_html(self, parent_context=None):
        request = (parent_context or {}).get("request")
        if request is None or not can_view_staff_data(request.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        locale = Locale.get_default()
        # Built once: each live_*() call reads the view restrictions (one query).
        signatories = live_signatories(locale)
        initiatives = live_initiatives(locale)
        pending_count, recent_signups = pending_signups()
        by_country = signatories_by_country(signatories)
        moderation_count, moderation = pages_awaiting_moderation()
        return {
            "heading": self.heading,
            "locale": locale,
            "pending_count": pending_count,
            "recent_signups": recent_signups,
            "signups_url": reverse("pact_signups:index") + "?status=pending",
            "review_url_name": "pact_signups:review",
            "signatory_total": sum(row.count for row in by_country),
            "by_country": by_country,
            "by_type": signatories_by_type(signatories),
            "initiative_total": initiatives.count(),
            "pillar_chart": pillar_chart(initiatives_by_pillar(initiatives, locale)),
            "month_chart": month_chart(initiatives_by_month(initiatives)),
            "moderation_count": moderation_count,
            "moderation": moderation,
            "export_signatories_url": reverse("pact_export_signatories"),
            "export_initiatives_url": reverse("pact_export_initiatives"),
        }
