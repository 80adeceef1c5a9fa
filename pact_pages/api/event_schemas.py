"""Response schemas of ``/api/pact/v1/events`` (documented in the OpenAPI schema)."""

import datetime
from typing import Literal

from ninja import Field, Schema

from pact_pages.api.geojson import Point
from pact_pages.api.schemas import PageBase, PillarRef, SignatoryRef, TagRef


class InitiativeRef(Schema):
    id: int
    title: str
    url: str | None


class EventSummary(PageBase):
    summary: str
    start: datetime.datetime = Field(description="Start, in UTC (ISO 8601).")
    end: datetime.datetime = Field(
        description="End, in UTC. For an all-day event, the midnight (in `time_zone`) that "
        "starts its last day."
    )
    time_zone: str = Field(description="The event's own IANA time zone, e.g. `Europe/Paris`.")
    local_start: datetime.datetime = Field(description="Start in `time_zone`, with its offset.")
    local_end: datetime.datetime = Field(description="End in `time_zone`, with its offset.")
    all_day: bool = Field(
        description="True for an event of whole days (`start_date` to `end_date`)."
    )
    start_date: datetime.date = Field(description="First day, in `time_zone`.")
    end_date: datetime.date = Field(description="Last day, in `time_zone`.")
    attendance: str = Field(description="`in_person`, `online` or `hybrid`.")
    attendance_label: str = Field(description="The same, in the requested language.")
    address: str = Field(description="Where it takes place (in person or hybrid).")
    latitude: float | None
    longitude: float | None
    online_url: str = Field(description="Where to join online (online or hybrid), or empty.")
    registration_url: str = Field(description="Where to register, or empty.")
    event_languages: list[str] = Field(description="Language codes of the event itself.")
    pillars: list[PillarRef]
    tags: list[TagRef]
    signatory: SignatoryRef | None = Field(
        description="The signatory that publishes it; null for the site-wide calendar."
    )
    initiative: InitiativeRef | None = Field(
        description="The published initiative it belongs to, if any."
    )
    ics_url: str | None = Field(description='The event as iCalendar ("add to my calendar").')


class EventDetail(EventSummary):
    body: str = Field(description="The description as HTML, internal links resolved.")


class EventList(Schema):
    count: int = Field(description="Total number of matching events.")
    next: str | None = Field(description="URL of the next page, or null.")
    previous: str | None = Field(description="URL of the previous page, or null.")
    results: list[EventSummary]


class EventFeatureProperties(Schema):
    """What an event's marker and its popup show; the rest is at ``events/{id}``."""

    name: str
    start: datetime.datetime = Field(description="Start, in UTC.")
    time_zone: str
    all_day: bool
    attendance: str = Field(description="`in_person` or `hybrid`.")
    address: str
    url: str | None


class EventFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Point
    properties: EventFeatureProperties


class EventFeatureCollection(Schema):
    type: Literal["FeatureCollection"]
    features: list[EventFeature]
