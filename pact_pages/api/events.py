"""``/api/pact/v1/events``: the public calendar (list, detail, map layer), added to the API
by :mod:`.endpoints`.

Events are read from the pages (pact_pages.events.queries), not from the read index: a site
has hundreds of them, not 100,000. Each response costs a fixed number of queries, whatever
the number of events: the page of rows, and one query each for their Ps, tags, signatories,
initiatives, translations and first publications.
"""

import datetime
import json

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from ninja import Path, Query, Router
from wagtail.models import Page

from pact_pages.api import errors, serializers
from pact_pages.api.event_filters import EventFilters
from pact_pages.api.event_schemas import EventDetail, EventFeatureCollection, EventList
from pact_pages.api.filters import MAX_ID, LocaleParams
from pact_pages.api.geojson import DECIMALS
from pact_pages.api.listing import ERRORS, NOT_FOUND, _language, _paginate, _pick
from pact_pages.core.queries import prefer_locale
from pact_pages.events import display
from pact_pages.events.models import EventPage
from pact_pages.events.queries import decorate, for_listing, public_events, upcoming_events
from pact_pages.initiatives.queries import live_initiatives

router = Router()


def _initiatives(pages: list) -> dict[int, Page]:
    """The events' initiatives a reader may see (live, public, signatory live), by id."""
    ids = {page.initiative_id for page in pages if page.initiative_id}
    if not ids:
        return {}
    return {page.pk: page for page in live_initiatives().filter(pk__in=ids)}


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def event_items(
    reader: serializers.Reader, pages, live: QuerySet, detail: bool = False
) -> list[dict]:
    """JSON-ready events, in a fixed number of queries for the whole page of results
    (``live``: ``public_events()``, the events a reader may see in any language)."""
    # ``signatory`` (None for the calendar's own events) and ``pillars`` in the reader's
    # language: one query for the parents, the Ps the reader already holds.
    pages = decorate(pages, reader.content_locale, reader.pillars)
    translations = reader.translations(pages, live)
    dates = reader.first_publications(pages)
    initiatives = _initiatives(pages)
    items = []
    with translation.override(reader.ui_language):
        for page in pages:
            item = reader.page_base(page, translations, dates)
            signatory = page.signatory
            initiative = initiatives.get(page.initiative_id)
            local_start, local_end = page.local_start, page.local_end
            item.update(
                summary=page.summary,
                start=_utc(page.start),
                end=_utc(page.end),
                time_zone=page.time_zone,
                local_start=local_start,
                local_end=local_end,
                all_day=page.all_day,
                start_date=local_start.date(),
                end_date=local_end.date(),
                attendance=page.attendance,
                attendance_label=str(page.get_attendance_display()),
                address=page.address,
                latitude=float(page.latitude) if page.latitude is not None else None,
                longitude=float(page.longitude) if page.longitude is not None else None,
                online_url=page.online_url,
                registration_url=page.registration_url,
                event_languages=list(page.event_languages or []),
                pillars=[
                    {
                        "slug": pillar.slug,
                        "name": reader.pillar_name(pillar),
                        "colour": reader.pillar_colour(pillar),
                    }
                    for pillar in page.pillars
                ],
                tags=[
                    {"slug": tagged.tag.slug, "name": tagged.tag.name}
                    for tagged in page.tagged_items.all()
                ],
                signatory=None
                if signatory is None
                else {
                    "id": signatory.pk,
                    "title": signatory.title,
                    "url": reader.page_url(signatory),
                    "country": signatory.country,
                },
                initiative=None
                if initiative is None
                else {
                    "id": initiative.pk,
                    "title": initiative.title,
                    "url": reader.page_url(initiative),
                },
                ics_url=ics_url(reader, page),
            )
            if detail:
                item["body"] = reader.html(page.body)
            items.append(item)
    return items


def ics_url(reader: serializers.Reader, page: EventPage) -> str | None:
    """The event's own .ics, in the reader's language (the language active here)."""
    return reader.absolute(display.ics_url(page)) or None


def _invalid(problems: list[dict]):
    names = ", ".join(dict.fromkeys(problem["parameter"] for problem in problems))
    return errors.problem(400, "Invalid parameter", f"Invalid value for: {names}.", problems)


@router.get(
    "/events",
    response={200: EventList, **ERRORS},
    tags=["events"],
    summary="List events",
    operation_id="pact_pages_api_endpoints_list_events",  # as the other routes' (stable)
)
def list_events(request, filters: Query[EventFilters]):
    """Published events of published signatories and of the site-wide calendar, each once:
    in `locale` where translated, in the source language otherwise (`fallback`). Filtered,
    searched and paginated (`limit`, `offset`); by start, the soonest first (`when=past`:
    the latest first). Times are in UTC (`start`, `end`) and in the event's own
    `time_zone` (`local_start`, `local_end`)."""
    if problems := filters.problems():
        return _invalid(problems)
    reader = serializers.Reader(request, _language(filters))
    # public_events(locale) is this, each event once in the reader's language: the view
    # restrictions are read once for the list and its translations.
    live = public_events(None)
    events = filters.apply(prefer_locale(live, reader.content_locale))
    page = _paginate(request, for_listing(events), filters.limit, filters.offset)
    return {
        "count": page["count"],
        "next": page["next"],
        "previous": page["previous"],
        "results": event_items(reader, page["results"], live),
    }


@router.get(
    "/events/{event_id}",
    response={200: EventDetail, **NOT_FOUND},
    tags=["events"],
    summary="An event by id",
    operation_id="pact_pages_api_endpoints_get_event",
)
def get_event(
    request,
    params: Query[LocaleParams],
    event_id: int = Path(..., ge=1, le=MAX_ID, description="Page id of the event."),
):
    """One event with its description (`body`). Without `locale`, the page in its own
    language; with it, its translation in that language (or the source language's until
    translated)."""
    reader = serializers.Reader(request, _language(params))
    live = public_events(None)
    listing = for_listing(live)
    if params.locale is None:
        page = listing.filter(pk=event_id).first()
        if page is None:
            raise Http404
        reader.set_language(reader.codes[page.locale_id])
    else:
        page = _pick(listing, live, reader, pk=event_id)
    return event_items(reader, [page], live, detail=True)[0]


@router.get(
    "/events.geojson",
    response={200: EventFeatureCollection, **ERRORS},
    tags=["map", "events"],
    summary="Map of upcoming events (GeoJSON)",
    url_name="event_map",
    operation_id="pact_pages_api_endpoints_event_map",
)
def event_map(request, params: Query[LocaleParams]):
    """Upcoming published events that take place somewhere (in person or hybrid) and have
    a point, as a GeoJSON FeatureCollection (`application/geo+json`, coordinates
    `[longitude, latitude]`), soonest first; no pagination."""
    reader = serializers.Reader(request, _language(params))
    events = upcoming_events(public_events(reader.content_locale), timezone.now()).filter(
        attendance__in=["in_person", "hybrid"], latitude__isnull=False, longitude__isnull=False
    )
    features = [_feature(reader, page) for page in events]
    text = json.dumps({"type": "FeatureCollection", "features": features}, default=str)
    return HttpResponse(text, content_type="application/geo+json")


def _feature(reader: serializers.Reader, page: EventPage) -> dict:
    return {
        "type": "Feature",
        "id": page.pk,
        "geometry": {
            "type": "Point",
            "coordinates": [
                round(float(page.longitude), DECIMALS),
                round(float(page.latitude), DECIMALS),
            ],
        },
        "properties": {
            "name": page.title,
            "start": _utc(page.start).isoformat().replace("+00:00", "Z"),
            "time_zone": page.time_zone,
            "all_day": page.all_day,
            "attendance": page.attendance,
            "address": page.address,
            "url": reader.page_url(page),
        },
    }
