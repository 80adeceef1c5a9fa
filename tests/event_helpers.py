"""Events for the tests of where events go out (API, feeds, sitemap, search, map, home).

``make_event`` adds an event under a signatory or the calendar as the admin's create form
does (Ps and tags set before the page enters the tree); published through a revision, as
the "Publish" button does, unless ``live=False``.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page

from pact_pages.models import CalendarPage, EventPage, EventPillar
from tests.factories import pillar

PARIS = "Europe/Paris"


def days_from_now(days: float, hour: int = 18) -> datetime.datetime:
    """An aware instant ``days`` from now at ``hour``:00 UTC (stable within a test run)."""
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_calendar(parent: Page, **fields) -> CalendarPage:
    page = CalendarPage(title=fields.pop("title", "Calendar"), slug="calendar", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_event(
    parent: Page,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime | None = None,
    pillars: tuple[str, ...] = ("prevention",),
    tags: tuple[str, ...] = (),
    live: bool = True,
    **fields,
) -> EventPage:
    values = {
        "summary": f"What {title} is about.",
        "time_zone": PARIS,
        "attendance": "in_person",
        "address": "Place Kléber, Strasbourg",
        "latitude": Decimal("48.583900"),
        "longitude": Decimal("7.745500"),
        **fields,
    }
    if values["attendance"] in ("online", "hybrid"):
        values.setdefault("online_url", "https://meet.example.org/pact")
    page = EventPage(title=title, start=start, end=end or start + datetime.timedelta(hours=2))
    for name, value in values.items():
        setattr(page, name, value)
    page.pillar_links = [
        EventPillar(pillar=pillar(slug, parent.locale), sort_order=order)
        for order, slug in enumerate(pillars)
    ]
    page.tags.add(*tags)
    page.live = False
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page
