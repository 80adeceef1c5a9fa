"""Event times: stored in UTC, entered and shown in the event's own zone, and in the
reader's (``tz``); daylight saving changes keep an event's wall time; all-day events."""

import datetime

import pytest
from django.utils import translation

from pact_pages.events import display
from pact_pages.events.zones import (
    COMMON_EUROPEAN,
    aware,
    time_zone_choices,
    wall_time_exists,
)
from pact_pages.models import EventPage
from tests.events_pages import event_under, wall

pytestmark = pytest.mark.django_db

WINTER_DAY = datetime.date(2026, 12, 10)


def test_an_event_at_18_in_paris_is_at_20_in_moscow(signatory):
    event = event_under(signatory, "Teacher training", wall(WINTER_DAY, 18))
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.start == datetime.datetime(2026, 12, 10, 17, 0, tzinfo=datetime.UTC)
    with translation.override("en"):
        when = display.when(stored, display.zones.reader_zone("Europe/Moscow"))
    assert "18:00–20:00 CET (Europe/Paris)" in when.own
    assert "20:00–22:00 your time (Europe/Moscow)" in when.reader


def test_the_calendar_shows_both_zones_to_a_reader_in_moscow(client, home_page, signatory):
    from tests.events_pages import calendar_under

    calendar = calendar_under(home_page)
    event_under(
        signatory, "Teacher training", wall(datetime.date.today() + datetime.timedelta(days=3), 18)
    )
    page = client.get(calendar.url, {"tz": "Europe/Moscow"}).content.decode()
    assert "18:00–20:00" in page and "(Europe/Paris)" in page
    assert "your time (Europe/Moscow)" in page
    own_only = client.get(calendar.url).content.decode()
    assert "(Europe/Paris)" in own_only and "your time" not in own_only


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime.date(2026, 3, 28), 17),  # Saturday before: CET, UTC+1
        (datetime.date(2026, 3, 29), 16),  # last Sunday of March: CEST from 02:00
        (datetime.date(2026, 10, 24), 16),  # Saturday before: CEST, UTC+2
        (datetime.date(2026, 10, 25), 17),  # last Sunday of October: CET from 03:00
    ],
)
def test_daylight_saving_days_keep_the_wall_time(signatory, day, utc_hour):
    event = event_under(signatory, "Workshop", wall(day, 18))
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.start.astimezone(datetime.UTC).hour == utc_hour
    assert stored.local_start.hour == 18 and stored.local_start.date() == day


def test_a_skipped_wall_time_does_not_exist():
    assert not wall_time_exists(datetime.datetime(2026, 3, 29, 2, 30), "Europe/Paris")
    assert wall_time_exists(datetime.datetime(2026, 3, 29, 3, 30), "Europe/Paris")
    assert wall_time_exists(datetime.datetime(2026, 10, 25, 2, 30), "Europe/Paris")


def test_a_repeated_wall_time_is_the_first_of_the_two():
    # 02:30 happens twice in Paris on 25 October 2026: first in summer time (00:30 UTC),
    # then, clocks gone back, in winter time (01:30 UTC). docs/events.md says the first.
    there = aware(datetime.datetime(2026, 10, 25, 2, 30), "Europe/Paris")
    assert there.astimezone(datetime.UTC) == datetime.datetime(
        2026, 10, 25, 0, 30, tzinfo=datetime.UTC
    )


def test_all_day_events_are_local_midnights_and_dates(signatory):
    day = datetime.date(2026, 11, 18)
    event = event_under(signatory, "European Day", wall(day, 15), wall(day, 9), all_day=True)
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.local_start == wall(day, 0) and stored.local_end == wall(day, 0)
    assert stored.first_day == stored.last_day == day
    with translation.override("en"):
        when = display.when(stored, display.zones.reader_zone("America/New_York"))
    assert when.all_day and when.reader == "" and "2026" in when.own


def test_zone_choices_start_with_europe_and_hold_every_zone():
    names = [name for name, _label in time_zone_choices()]
    assert names[0] == "Europe/Paris"
    assert "Europe/Moscow" in names[:20] and "Pacific/Auckland" in names
    rest = names[len(COMMON_EUROPEAN) :]
    assert rest == sorted(rest)
