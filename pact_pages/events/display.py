"""An event's dates as a reader sees them: in the event's own zone, and in the reader's.

"18:00 CET (Europe/Paris) — 20:00 your time (Europe/Moscow)". The reader's zone is the
``tz`` parameter of the address only (a script copies the browser's zone, or the one the
reader chose and keeps in a cookie, into it): pages are cached by address for anonymous
readers (pact_pages.public.page_cache), so a zone read from a cookie would be served to the
next reader. Without a zone the event's own is shown alone. All-day events are dates, the
same everywhere, with no conversion.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pact_pages.events import zones
from pact_pages.events.zones import COMMON_EUROPEAN
from pact_pages.initiatives.models import InitiativePage
from pact_pages.initiatives.queries import live_initiatives


@dataclass(frozen=True)
class When:
    """The lines an event's date shows: ``own`` in its zone, ``reader`` in the reader's
    (empty when the reader's zone is unknown, the same, or the event lasts whole days)."""

    own: str
    reader: str
    start_iso: str
    end_iso: str
    all_day: bool
    own_time: str = ""  # "18:00", the start in the event's zone (the month grid)


def reader_zone_of(request: HttpRequest | None) -> ZoneInfo | None:
    if request is None:
        return None
    return zones.reader_zone(request.GET.get("tz", "")[:64])


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _time(value: datetime.datetime) -> str:
    return date_format(value, "H:i")


def _days(first: datetime.date, last: datetime.date) -> str:
    if first == last:
        return _day(first)
    return _("%(first)s to %(last)s") % {"first": _day(first), "last": _day(last)}


def _span(start: datetime.datetime, end: datetime.datetime, zone_label: str) -> str:
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s %(zone)s") % {
            "day": _day(start),
            "start": _time(start),
            "end": _time(end),
            "zone": zone_label,
        }
    return _("%(first)s %(start)s to %(last)s %(end)s %(zone)s") % {
        "first": _day(start),
        "start": _time(start),
        "last": _day(end),
        "end": _time(end),
        "zone": zone_label,
    }


def when(event, reader: ZoneInfo | None = None) -> When:
    """The event's dates in its zone, and in ``reader``'s when that is another zone."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        own = _days(event.first_day, event.last_day)
        return When(own, "", event.first_day.isoformat(), event.last_day.isoformat(), True)
    own_label = f"{start.tzname()} ({event.time_zone})"
    own = _span(start, end, own_label)
    shown = ""
    if reader is not None and reader.key != event.time_zone:
        there_start, there_end = start.astimezone(reader), end.astimezone(reader)
        label = _("your time (%(zone)s)") % {"zone": reader.key}
        shown = _span(there_start, there_end, label)
    return When(own, shown, start.isoformat(), end.isoformat(), False, _time(start))


def initiative_for_reader(event, locale):
    """The event's initiative in the reader's language where translated and live (the
    source's otherwise); None when it is not public."""
    if event.initiative_id is None:
        return None
    source = InitiativePage.objects.filter(pk=event.initiative_id).values("translation_key")
    return live_initiatives(locale).filter(translation_key__in=source).first()


def ics_url(event) -> str:
    """The address of the event's own .ics, in the active language."""
    try:
        return reverse("pact_event_ics", kwargs={"key": event.translation_key})
    except NoReverseMatch:  # a host that did not include pact_pages.urls
        return ""


def zone_form_context(request: HttpRequest | None, reader: ZoneInfo | None) -> dict:
    """The small GET form that sets ``tz``: the reader's other parameters kept as hidden
    fields, a few suggestions (every IANA name is accepted)."""
    kept = []
    if request is not None:
        kept = [
            (name, value)
            for name, values in request.GET.lists()
            if name not in ("tz", "page")
            for value in values[:10]
        ][:20]
    return {
        "selected": reader.key if reader else "",
        "suggestions": COMMON_EUROPEAN,
        "kept": kept,
    }
