"""iCalendar (RFC 5545) of events, written with the ``icalendar`` package.

Each VEVENT's UID is the event's translation key: the same event in every language, so a
calendar subscribed to in French and in German keeps one copy. Timed events carry their own
zone (DTSTART;TZID=Europe/Paris with the VTIMEZONE it needs, valid around the events'
dates), all-day events plain dates (VALUE=DATE) with an exclusive DTEND, the day after the
last one, as RFC 5545 §3.6.1 says.
"""

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from pact_pages.conf import pact_name

PRODID = "-//Council of Europe//One in Five Pact events//EN"
UID_DOMAIN = "pact-events"


def event_uid(event) -> str:
    return f"{event.translation_key}@{UID_DOMAIN}"


def _description(event, url: str) -> str:
    parts = [event.summary.strip()]
    if event.online_url:
        parts.append(event.online_url)
    if event.registration_url:
        parts.append(event.registration_url)
    parts.append(url)
    return "\n\n".join(strip_tags(part) for part in parts if part)


def vevent(event, url: str, stamp: datetime.datetime) -> Event:
    """The VEVENT of one event; ``url`` its page's absolute address."""
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    if event.all_day:
        component.add("dtstart", event.first_day)
        component.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.local_start)
        component.add("dtend", event.local_end)
    component.add("summary", event.title)
    component.add("description", _description(event, url))
    location = event.address.strip() if event.is_in_person else ""
    if event.is_online and not location:
        location = event.online_url
    if location:
        component.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("url", url)
    modified = event.last_published_at or event.latest_revision_created_at
    if modified:
        component.add("last-modified", modified.astimezone(datetime.UTC))
    categories = [pillar.name for pillar in getattr(event, "pillars", [])]
    if categories:
        component.add("categories", categories)
    return component


def calendar(events: Iterable, url_of: Callable, name: str = "", language: str = "") -> bytes:
    """A VCALENDAR holding ``events``; ``url_of(event)`` gives each page's absolute URL."""
    document = Calendar()
    document.add("prodid", PRODID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("x-wr-calname", name or pact_name())
    if language:
        document.add("x-wr-language", language)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    events = list(events)
    for event in events:
        document.add_component(vevent(event, url_of(event), stamp))
    timed = [event for event in events if not event.all_day]
    if timed:
        # The zones' rules around the events only: a VTIMEZONE since 1970 is kilobytes long.
        first = min(event.local_start.date() for event in timed) - datetime.timedelta(days=366)
        last = max(event.local_end.date() for event in timed) + datetime.timedelta(days=366)
        document.add_missing_timezones(first_date=first, last_date=last)
    return document.to_ical()
