"""iCalendar: an .ics per event and the subscribable feeds, parsed back with ``icalendar``;
only public events, in the reader's language, filtered by P and signatory."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests.events_pages import calendar_under, event_under, wall
from tests.factories import SignatoryPageFactory

pytestmark = pytest.mark.django_db


def soon(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def parsed(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def feed(client, **params) -> Calendar:
    with translation.override("en"):
        url = reverse("pact_calendar_ics")
    return parsed(client.get(url, params))


def summaries(calendar: Calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def test_an_event_ics_with_its_zone(client, signatory):
    event = event_under(
        signatory,
        "Teacher training",
        wall(datetime.date(2026, 12, 10), 18),
        registration_url="https://example.org/register",
    )
    response = client.get(f"/en/feeds/events/{event.translation_key}.ics")
    calendar = parsed(response)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"{event.translation_key}@pact-events"
    start = vevent.decoded("DTSTART")
    assert start.hour == 18 and start.utcoffset() == datetime.timedelta(hours=1)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent.decoded("DTEND") - start == datetime.timedelta(hours=2)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(vevent["LOCATION"]) == "Place Kléber, Strasbourg"
    assert str(vevent["URL"]).endswith(event.url)
    assert "https://example.org/register" in str(vevent["DESCRIPTION"])
    assert vevent.decoded("LAST-MODIFIED").tzinfo is not None
    assert b"Add to my calendar" in client.get(event.url).content


def test_an_all_day_event_ends_the_day_after(client, signatory):
    first, last = datetime.date(2026, 11, 18), datetime.date(2026, 11, 19)
    event = event_under(signatory, "European Day", wall(first, 0), wall(last, 0), all_day=True)
    (vevent,) = parsed(client.get(f"/en/feeds/events/{event.translation_key}.ics")).walk("VEVENT")
    assert vevent["DTSTART"].params.get("VALUE") == "DATE" or vevent.decoded("DTSTART") == first
    assert vevent.decoded("DTSTART") == first
    assert not isinstance(vevent.decoded("DTSTART"), datetime.datetime)
    assert vevent.decoded("DTEND") == datetime.date(2026, 11, 20)  # exclusive
    assert (
        b"DTSTART;VALUE=DATE:20261118"
        in client.get(f"/en/feeds/events/{event.translation_key}.ics").content
    )


def test_online_event_gives_its_link_as_location(client, signatory):
    event = event_under(
        signatory,
        "Webinar",
        wall(soon(5), 10),
        attendance="online",
        address="",
        latitude=None,
        longitude=None,
    )
    (vevent,) = parsed(client.get(f"/en/feeds/events/{event.translation_key}.ics")).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "https://meet.example.org/pact"


def test_feeds_hold_only_public_events(client, home_page, directory, signatory):
    calendar = calendar_under(home_page)
    event_under(signatory, "Public training", wall(soon(5), 18))
    event_under(calendar, "Congress conference", wall(soon(8), 9))
    draft = event_under(signatory, "Draft training", wall(soon(6), 18), live=False)
    private = event_under(signatory, "Private meeting", wall(soon(7), 18))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    gone = SignatoryPageFactory(parent=directory, title="Departed town")
    event_under(gone, "Orphan event", wall(soon(9), 18))
    gone.unpublish()
    assert summaries(feed(client)) == {"Public training", "Congress conference"}
    for hidden in (draft, private):
        response = client.get(f"/en/feeds/events/{hidden.translation_key}.ics")
        assert response.status_code == 404
    response = client.get(feed_url := reverse("pact_calendar_ics"))
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"], (
        feed_url
    )


def test_feeds_per_pillar_and_per_signatory(client, directory, signatory):
    berlin = SignatoryPageFactory(parent=directory, title="Berlin", country="DE")
    event_under(signatory, "Prevention day", wall(soon(5), 18), pillars=("prevention",))
    event_under(berlin, "Court training", wall(soon(6), 18), pillars=("prosecution",))
    assert summaries(feed(client, pillar="prosecution")) == {"Court training"}
    assert summaries(feed(client, signatory=signatory.slug)) == {"Prevention day"}
    profile = client.get(signatory.url).content.decode()
    assert f"/en/feeds/calendar.ics?signatory={signatory.slug}" in profile
    assert summaries(feed(client, country="DE")) == {"Court training"}
    # A mistyped filter is refused, not answered with every event.
    for wrong in ({"pillar": "not-a-p"}, {"country": "XX"}, {"type": "offline"}):
        response = client.get("/en/feeds/calendar.ics", wrong)
        assert response.status_code == 400, wrong
        assert f"Unknown value for {next(iter(wrong))}." in response.content.decode()


def test_the_feed_is_in_the_readers_language(
    client, signatory, fr_locale, django_capture_on_commit_callbacks
):
    from tests.test_i18n import translate

    event = event_under(signatory, "Teacher training", wall(soon(5), 18))
    translate(signatory, fr_locale, {}, django_capture_on_commit_callbacks)
    translate(
        event,
        fr_locale,
        {"Teacher training": "Formation des enseignants"},
        django_capture_on_commit_callbacks,
    )
    with translation.override("fr"):
        url = reverse("pact_calendar_ics")
    assert url.startswith("/fr/")
    french = parsed(client.get(url))
    assert summaries(french) == {"Formation des enseignants"}
    (vevent,) = french.walk("VEVENT")
    # One UID in every language: a reader subscribed in two languages keeps one copy.
    assert str(vevent["UID"]) == f"{event.translation_key}@pact-events"
