"""The .ics addresses: one event (its "Add to my calendar" link) and the subscribable feeds.

Served under the site's language prefix (``/fr/feeds/calendar.ics``): the events in that
language, the source language's where not translated. Only public events (live, no view
restriction, under a live signatory or calendar); a draft or private event is a 404. The
feed is filtered as the calendar page is (``pillar``, ``signatory``, ``country``, ``type``;
an unknown P, country or type is a 400, not every event) and holds the upcoming events and
those of the last ``PAST_DAYS`` days, at most ``FEED_LIMIT``. Cache headers come from
PublicCacheMiddleware, as for the other feeds.
"""

import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from pact_pages.conf import pact_name
from pact_pages.core.reader_links import reader_page_url
from pact_pages.events import ical, queries
from pact_pages.events.listing import EventFilters

FEED_LIMIT = 500
PAST_DAYS = 92
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _url_of(request: HttpRequest):
    return lambda event: request.build_absolute_uri(reader_page_url(request, event))


def event_ics(request: HttpRequest, key) -> HttpResponse:
    locale = Locale.get_active()
    found = queries.decorate(
        queries.for_listing(queries.public_events(locale).filter(translation_key=key))[:1],
        locale,
    )
    if not found:
        raise Http404
    event = found[0]
    body = ical.calendar([event], _url_of(request), event.title, locale.language_code)
    return _response(body, f"{event.slug}.ics")


def calendar_ics(request: HttpRequest) -> HttpResponse:
    if refused := EventFilters.refused(request.GET):
        message = _(
            "Unknown value for %(names)s. A P is one of prevention, protection, prosecution,"
            " participation; a type online or in_person; a country a member state's code (FR)."
        ) % {"names": ", ".join(refused)}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    locale = Locale.get_active()
    filters = EventFilters.from_query(request.GET)
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    events = filters.apply(queries.public_events(locale)).filter(end__gte=since)
    rows = queries.for_listing(events.order_by("start", "pk"))[:FEED_LIMIT]
    shown = queries.decorate(rows, locale)
    name = _("%(name)s: events") % {"name": pact_name()}
    body = ical.calendar(shown, _url_of(request), name, locale.language_code)
    return _response(body, "calendar.ics")
