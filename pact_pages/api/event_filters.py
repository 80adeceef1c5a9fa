"""Query parameters of ``/api/pact/v1/events``: validated by django-ninja (pydantic),
documented in OpenAPI, applied to the public events' queryset.

Days (``from``, ``to``, ``month``) are read in the site's time zone (``TIME_ZONE``): an event
matches a day range when it overlaps it. The rules are the calendar page's
(:mod:`pact_pages.events.queries`), so that the API and the page list the same events.
"""

import datetime
import re
from enum import StrEnum
from typing import Annotated

from django.db.models import Exists, QuerySet
from django.utils import timezone
from ninja import Field
from pydantic import BeforeValidator, field_validator
from wagtail.models import Page

from pact_pages.api.filters import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    Country,
    LocaleParams,
    PageId,
    PillarSlug,
    Text,
    _enum,
    _iso_date,
)
from pact_pages.core.queries import _parent_path
from pact_pages.events import queries
from pact_pages.signatories.models import SignatoryPage

ATTENDANCE = ("in_person", "online", "hybrid")
Attendance = _enum("Attendance", ATTENDANCE)


class When(StrEnum):
    upcoming = "upcoming"
    past = "past"


def _iso_month(value):
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}", value):
        raise ValueError("expected a month YYYY-MM")
    year, month = (int(part) for part in value.split("-"))
    if not 1 <= month <= 12:
        raise ValueError("expected a month YYYY-MM (01 to 12)")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
IsoMonth = Annotated[str, BeforeValidator(_iso_month)]
ONE_DAY = datetime.timedelta(days=1)


class EventFilters(LocaleParams):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (1 to {MAX_LIMIT})."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Number of items to skip.")
    pillar: list[PillarSlug] | None = Field(
        None, description="Slug of one of the four Ps; repeat for several (any matches)."
    )
    country: list[Country] | None = Field(
        None,
        description=(
            "Country of the signatory that publishes the event (ISO 3166-1 alpha-2); repeat "
            "for several. Events of the site-wide calendar have none and do not match."
        ),
    )
    signatory: list[PageId] | None = Field(
        None, description="Id of a signatory (any of its translations); repeat for several."
    )
    type: list[Attendance] | None = Field(
        None,
        description=(
            "`in_person`, `online` or `hybrid`; repeat for several. As on the calendar page, "
            "a hybrid event is also in person and online."
        ),
    )
    date_from: IsoDate | None = Field(
        None,
        alias="from",
        description="Events that end on or after this day (YYYY-MM-DD, site's time zone).",
    )
    date_to: IsoDate | None = Field(
        None,
        alias="to",
        description="Events that start on or before this day (YYYY-MM-DD, site's time zone).",
    )
    month: IsoMonth | None = Field(
        None, description="Events that take place during this month (YYYY-MM)."
    )
    when: When | None = Field(
        None,
        description=(
            "`upcoming`: not over yet, soonest first; `past`: over, latest first. "
            "Default: all, by start."
        ),
    )
    q: Text | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Words in the title, summary or address (each word, any case).",
    )

    model_config = {"populate_by_name": True}

    @field_validator("date_from", "date_to")
    @classmethod
    def _check_year(cls, value: datetime.date | None) -> datetime.date | None:
        # Years 1 and 9999 overflow when made aware and moved to UTC for the database.
        if value is not None and not 1900 <= value.year <= 9000:
            raise ValueError("must be between the years 1900 and 9000")
        return value

    @field_validator("month")
    @classmethod
    def _check_month_year(cls, value: str | None) -> str | None:
        if value is not None and not 1900 <= int(value[:4]) <= 9000:
            raise ValueError("must be between the years 1900 and 9000")
        return value

    def problems(self) -> list[dict]:
        """Errors between parameters (each alone is valid), as problem-details entries."""
        if self.date_from and self.date_to and self.date_to < self.date_from:
            return [{"parameter": "to", "message": "must not be before `from`"}]
        return []

    def apply(self, events: QuerySet, now: datetime.datetime | None = None) -> QuerySet:
        """The filters, with the calendar page's own rules (pact_pages.events.queries)."""
        if self.pillar:
            events = queries.with_any_pillar(events, [pillar.value for pillar in self.pillar])
        if self.country:
            events = queries.in_countries(events, [country.value for country in self.country])
        if self.signatory:
            keys = SignatoryPage.objects.filter(pk__in=self.signatory).values("translation_key")
            parents = Page.objects.filter(path=_parent_path(), translation_key__in=keys)
            events = events.filter(Exists(parents))
        if self.type:
            # As the calendar's filter: a hybrid event is also in person and also online.
            kinds = {kind.value for kind in self.type}
            kinds |= {"hybrid"} if kinds & {"online", "in_person"} else set()
            events = events.filter(attendance__in=sorted(kinds))
        if self.month:
            year, month = (int(part) for part in self.month.split("-"))
            first = datetime.date(year, month, 1)
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            events = queries.overlapping(events, _midnight(first), _midnight(following))
        if self.date_from or self.date_to:
            first = _midnight(self.date_from) if self.date_from else MIN_MOMENT
            after = _midnight(self.date_to + ONE_DAY) if self.date_to else MAX_MOMENT
            events = queries.overlapping(events, first, after)
        if self.q:
            events = queries.matching(events, self.q)
        if self.when == When.upcoming:
            events = queries.upcoming_events(events, now)
        elif self.when == When.past:
            events = queries.past_events(events, now)
        return events.order_by(*self.order_by())

    def order_by(self) -> tuple[str, ...]:
        if self.when == When.past:
            return ("-start", "-pk")
        return ("start", "pk")


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


MIN_MOMENT = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
MAX_MOMENT = datetime.datetime(9001, 1, 1, tzinfo=datetime.UTC)
