"""The calendar page's listing: filters, upcoming or past list, month grid, pagination.

A fixed number of queries whatever the number of events: a count and a page of rows (or the
month's rows), their Ps and tags, their signatories, the Ps' names and the signatories to
filter by.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Exists, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from wagtail.models import Page

from pact_pages.conf import pact_setting
from pact_pages.core.countries import country_choices, member_state_codes
from pact_pages.core.fallbacks import reader_locale
from pact_pages.core.params import text_param
from pact_pages.core.queries import _parent_path, prefer_locale
from pact_pages.events import display, month, queries, zones
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.pillars.queries import in_order, pillars_by_slug
from pact_pages.signatories.models import SignatoryPage

MAX_SIGNATORY_CHOICES = 300
MAX_TEXT = 100


@dataclass(frozen=True)
class EventFilters:
    """The reader's filters, keeping only valid values (others are ignored)."""

    pillars: tuple[str, ...] = ()
    country: str = ""
    signatory: str = ""
    attendance: str = ""
    month: datetime.date | None = None
    text: str = ""
    past: bool = False

    @classmethod
    def from_query(cls, params: QueryDict) -> "EventFilters":
        country = params.get("country", "").upper()
        attendance = params.get("type", "")
        return cls(
            pillars=tuple(slug for slug in params.getlist("pillar") if slug in PILLAR_SLUGS),
            country=country if country in member_state_codes() else "",
            signatory=text_param(params, "signatory", 255),
            attendance=attendance if attendance in ("online", "in_person") else "",
            month=month.parse_month(params.get("month")),
            text=text_param(params, "q", MAX_TEXT),
            past=params.get("when") == "past",
        )

    @staticmethod
    def refused(params: QueryDict) -> list[str]:
        """The parameters whose values ``from_query`` would drop: the calendar page ignores
        them, a subscribed feed refuses them (it would otherwise hold every event)."""
        bad = [slug for slug in params.getlist("pillar") if slug and slug not in PILLAR_SLUGS]
        refused = ["pillar"] if bad else []
        country = params.get("country", "")  # empty: every country, as the page's form sends
        if country and country.upper() not in member_state_codes():
            refused.append("country")
        if params.get("type", "") not in ("", "online", "in_person"):
            refused.append("type")
        return refused

    def apply(self, events: QuerySet) -> QuerySet:
        if self.pillars:
            events = queries.with_any_pillar(events, self.pillars)
        if self.country:
            events = queries.in_countries(events, [self.country])
        if self.signatory:
            keys = SignatoryPage.objects.filter(slug=self.signatory).values("translation_key")
            parents = Page.objects.filter(path=_parent_path(), translation_key__in=keys)
            events = events.filter(Exists(parents))
        if self.attendance:
            events = queries.of_attendance(events, self.attendance)
        if self.text:
            events = queries.matching(events, self.text)
        return events


def month_bounds(first: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month's instants, a day wider each side: every zone's days of the month fit."""
    start = datetime.datetime.combine(first, datetime.time(), datetime.UTC)
    after = datetime.datetime.combine(month.next_month(first), datetime.time(), datetime.UTC)
    return start - datetime.timedelta(days=1), after + datetime.timedelta(days=1)


def in_month(events: list, first: datetime.date) -> list:
    """The events with a day (in their own zone) in the month of ``first``."""
    after = month.next_month(first)
    return [event for event in events if event.first_day < after and event.last_day >= first]


def signatory_choices(locale) -> list[SignatoryPage]:
    """The signatories with public events, in the reader's language (one query)."""
    parents = queries.public_events(None).values("path")
    paths = {path[: -Page.steplen] for path in parents[:5000].values_list("path", flat=True)}
    keys = SignatoryPage.objects.filter(path__in=paths).values("translation_key")
    signatories = prefer_locale(
        SignatoryPage.objects.live().filter(translation_key__in=keys), locale
    )
    return list(signatories.order_by("title")[:MAX_SIGNATORY_CHOICES])


def calendar_context(page: Page, request: HttpRequest) -> dict:
    locale = reader_locale(page)
    filters = EventFilters.from_query(request.GET)
    reader = display.reader_zone_of(request)
    pillars = pillars_by_slug(locale)
    events = filters.apply(queries.public_events(locale))
    month_view = request.GET.get("view") == "month"
    context = {
        "filters": filters,
        "month_view": month_view,
        "pillars": in_order(pillars),
        "countries": country_choices(),
        "signatories": signatory_choices(locale),
        "selected_pillars": list(filters.pillars),
        "reader_zone": reader,
        "zone_form": display.zone_form_context(request, reader),
        "default_zone": zones.default_time_zone(),
    }
    if month_view:
        today = timezone.now().astimezone(reader or zones.zone(None)).date()
        first = filters.month or today.replace(day=1)
        start, after = month_bounds(first)
        rows = queries.for_listing(queries.overlapping(events, start, after).order_by("start"))
        shown = in_month(queries.decorate(rows, locale, pillars), first)
        _with_times(shown, reader)
        context.update(
            month_first=first,
            month_key=month.month_key(first),
            previous_month=month.month_key(month.previous_month(first)),
            next_month=month.month_key(month.next_month(first)),
            weeks=month.weeks(first, shown),
            weekdays=month.weekday_names(),
            today=today,
        )
        return context
    if filters.month:
        start, after = month_bounds(filters.month)
        rows = queries.overlapping(events, start, after).order_by("start", "pk")
    elif filters.past:
        rows = queries.past_events(events)
    else:
        rows = queries.upcoming_events(events)
    paginator = Paginator(queries.for_listing(rows), pact_setting("PACT_INITIATIVES_PER_PAGE"))
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = queries.decorate(page_obj.object_list, locale, pillars)
    if filters.month:
        page_obj.object_list = in_month(page_obj.object_list, filters.month)
    _with_times(page_obj.object_list, reader)
    context.update(page_obj=page_obj, paginator=paginator, events=page_obj.object_list)
    return context


def _with_times(events: list, reader) -> None:
    for event in events:
        event.when = display.when(event, reader)
