"""Events in a host site as ``wagtail start`` makes it (tests/stock_host): the calendar is a
page type added like the library or the map, its pages and .ics answer without a language
prefix and without a NoReverseMatch."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.events_pages import calendar_under, event_under, wall
from tests.test_stock_host import ok, stock_host  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("stock_host")
def test_calendar_event_and_ics_in_a_stock_host(client, home_page, signatory):
    calendar = calendar_under(home_page)
    day = timezone.localdate() + datetime.timedelta(days=4)
    event = event_under(signatory, "Teacher training", wall(day, 18))
    staff = event_under(calendar, "Congress day", wall(day, 9))
    listing = ok(client, calendar.url)
    assert "Teacher training" in listing and "Congress day" in listing
    assert 'href="/static/pact_pages/css/pact.css"' in listing
    html = ok(client, event.url)
    assert f'href="/feeds/events/{event.translation_key}.ics"' in html
    ics = client.get(f"/feeds/events/{staff.translation_key}.ics")
    assert ics.status_code == 200
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(ics.content).walk("VEVENT")] == [
        "Congress day"
    ]
    feed = client.get("/feeds/calendar.ics")
    assert feed.status_code == 200 and b"Teacher training" in feed.content
    assert ok(client, calendar.url + "?view=month")
