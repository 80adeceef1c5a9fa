"""Events as an editor makes them, for the tests of the events' pages, calendar and .ics."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from wagtail.models import Page

from pact_pages.models import CalendarPage, EventPage, EventPillar
from tests.factories import pillar


def calendar_under(parent: Page) -> CalendarPage:
    page = CalendarPage(title="Calendar", slug="calendar")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def wall(day: datetime.date, hour: int, zone: str = "Europe/Paris") -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), ZoneInfo(zone))


def event_under(
    parent: Page,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime | None = None,
    *,
    pillars: tuple[str, ...] = ("prevention",),
    live: bool = True,
    **fields,
) -> EventPage:
    values = {
        "summary": f"What {title} is about.",
        "time_zone": "Europe/Paris",
        "attendance": "in_person",
        "address": "Place Kléber, Strasbourg",
        "latitude": Decimal("48.583900"),
        "longitude": Decimal("7.745500"),
        **fields,
    }
    if values["attendance"] != "in_person":
        values.setdefault("online_url", "https://meet.example.org/pact")
    page = EventPage(title=title, start=start, end=end or start + datetime.timedelta(hours=2))
    for name, value in values.items():
        setattr(page, name, value)
    page.pillar_links = [
        EventPillar(pillar=pillar(slug, parent.locale), sort_order=order)
        for order, slug in enumerate(pillars)
    ]
    page.live = False
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page
