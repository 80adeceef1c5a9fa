"""Events as an editor makes them, for the tests of the events' pages, calendar and .ics:
the builders of tests.event_helpers under the names these tests use, and ``wall``."""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Page

from pact_pages.models import CalendarPage, EventPage
from tests.event_helpers import make_calendar, make_event


def calendar_under(parent: Page) -> CalendarPage:
    return make_calendar(parent)


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
    return make_event(parent, title, start, end, pillars=pillars, live=live, **fields)
