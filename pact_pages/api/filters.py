"""Query parameters of the API: validated by django-ninja (pydantic), documented in OpenAPI.

Several values of a filter are given by repeating it (``?country=FR&country=DE``); an item
matches any of them. Values outside the documented choices give a 400 problem response
naming the parameter (see :mod:`pact_pages.api.errors`).
"""

import datetime
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated

from django.db.models import Q, QuerySet
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, field_validator
from wagtail.coreutils import get_content_languages

from pact_pages.api.models import ApiIndexTag
from pact_pages.core.countries import member_state_codes
from pact_pages.initiatives.models import InitiativeStatus
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.signatories.models import SignatoryPage, SignatoryType
from pact_pages.signatories.queries import (
    signatories_with_any_pillar,
    with_any_pillar_bit,
    with_report_in_last_round,
)

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**31 - 1  # Wagtail's page ids are 32-bit integers


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL characters in text: refuse them here, with a 400, not a 500.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _iso_date(value):
    # pydantic would take a number as a Unix timestamp; the schema says "format: date".
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date YYYY-MM-DD")
    return value


def _iso_datetime(value):
    if not isinstance(value, str) or not re.match(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)", value):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[datetime.datetime, BeforeValidator(_iso_datetime)]
Slug = Annotated[str, Field(pattern=r"^[-\w]+$", max_length=255), AfterValidator(_no_nul)]
PageId = Annotated[int, Field(ge=1, le=MAX_ID)]


def _enum(name: str, values) -> type[Enum]:
    return Enum(name, [(str(value).replace("-", "_"), str(value)) for value in values], type=str)


# Read once, when the URLconf imports the API: its OpenAPI schema documents these choices.
LocaleCode = _enum("LocaleCode", get_content_languages())
Country = _enum("Country", member_state_codes())
SignatoryTypeCode = _enum("SignatoryTypeCode", SignatoryType.values)
PillarSlug = _enum("PillarSlug", PILLAR_SLUGS)
StatusCode = _enum("StatusCode", InitiativeStatus.values)
SignatoryOrdering = _enum(
    "SignatoryOrdering",
    ["name", "-name", "signed_on", "-signed_on", "initiatives", "-initiatives"],
)
InitiativeOrdering = _enum("InitiativeOrdering", ["newest", "oldest", "title", "-title"])

SIGNATORY_ORDER_BY = {
    "name": ("title", "pk"),
    "-name": ("-title", "-pk"),
    "signed_on": ("signed_on", "title", "pk"),
    "-signed_on": ("-signed_on", "title", "pk"),
    "initiatives": ("initiative_count", "title", "pk"),
    "-initiatives": ("-initiative_count", "title", "pk"),
}
INITIATIVE_ORDER_BY = {
    "newest": ("-first_published_at", "-pk"),
    "oldest": ("first_published_at", "pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
}

LOCALE_HELP = (
    "Content language (e.g. `fr`). Items not translated yet come in the source language, "
    "flagged `fallback`. Default: the site's default language."
)


class LocaleParams(Schema):
    locale: LocaleCode | None = Field(None, description=LOCALE_HELP)


class CountryParams(LocaleParams):
    include_empty: bool = Field(
        False, description="Also list the countries without any signatory (counts 0)."
    )


class PageParams(LocaleParams):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (1 to {MAX_LIMIT})."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Number of items to skip.")
    cursor: Text | None = Field(
        None,
        max_length=1000,
        description=(
            "Keyset pagination: the `next_cursor` of the previous page (same filters and "
            "ordering; not with `offset`). Stable while items are published meanwhile."
        ),
    )


class SignatorySelection(LocaleParams):
    """Filters shared by the signatory list and the map."""

    country: list[Country] | None = Field(
        None, description="ISO 3166-1 alpha-2 country code; repeat for several."
    )
    type: list[SignatoryTypeCode] | None = Field(
        None, description="Type of signatory; repeat for several."
    )
    pillar: list[PillarSlug] | None = Field(
        None,
        description=(
            "Slug of one of the four Ps; repeat for several. A signatory matches if it wrote "
            "a commitment under one of them or has a published initiative under one of them."
        ),
    )
    q: Text | None = Field(
        None, min_length=1, max_length=200, description="Full-text search (Wagtail search)."
    )
    signed_after: IsoDate | None = Field(
        None, description="Signed on or after this date (YYYY-MM-DD)."
    )
    signed_before: IsoDate | None = Field(
        None, description="Signed on or before this date (YYYY-MM-DD)."
    )
    bbox: Text | None = Field(
        None,
        max_length=200,
        description=(
            "Map viewport `min_lon,min_lat,max_lon,max_lat` in degrees (WGS 84), e.g. "
            "`-10.5,35,30,60`; only signatories with coordinates inside it. min_lon > max_lon "
            "crosses the antimeridian."
        ),
    )

    # None, not False, when absent: a list without filters is counted from its stored total.
    reported: bool | None = Field(
        None,
        description=(
            "`true`: only signatories whose report for the latest closed reporting round is "
            "published (see `rounds`)."
        ),
    )

    @field_validator("bbox")
    @classmethod
    def _check_bbox(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    def _shared(self, queryset: QuerySet) -> QuerySet:
        """The filters that read the same fields on pages and on the API's read index."""
        if self.country:
            queryset = queryset.filter(country__in=[country.value for country in self.country])
        if self.type:
            queryset = queryset.filter(signatory_type__in=[kind.value for kind in self.type])
        if self.signed_after:
            queryset = queryset.filter(signed_on__gte=self.signed_after)
        if self.signed_before:
            queryset = queryset.filter(signed_on__lte=self.signed_before)
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = parse_bbox(self.bbox)
            queryset = queryset.filter(latitude__gte=min_lat, latitude__lte=max_lat)
            if min_lon <= max_lon:
                queryset = queryset.filter(longitude__gte=min_lon, longitude__lte=max_lon)
            else:
                queryset = queryset.filter(Q(longitude__gte=min_lon) | Q(longitude__lte=max_lon))
        if self.reported:
            queryset = with_report_in_last_round(queryset)
        return queryset

    def apply(self, queryset: QuerySet) -> QuerySet:
        """The filters over live signatory pages (the map and the directory)."""
        queryset = self._shared(queryset)
        if self.pillar:
            # A P matches a commitment under it or a published initiative under it (of this
            # page or any translation), read from the index's P bits.
            queryset = signatories_with_any_pillar(queryset, [p.value for p in self.pillar])
        return queryset

    def apply_index(self, entries: QuerySet) -> QuerySet:
        """The filters over the API's read index (:mod:`pact_pages.api.index`)."""
        entries = self._shared(entries)
        if self.pillar:
            entries = with_any_pillar_bit(entries, [pillar.value for pillar in self.pillar])
        return entries


class SignatoryFilters(SignatorySelection, PageParams):
    ordering: SignatoryOrdering = Field(
        SignatoryOrdering("name"),
        description=(
            "Order: `name`, `signed_on` (date signed) or `initiatives` (number of published "
            "initiatives); a leading `-` reverses it."
        ),
    )


class InitiativeFilters(PageParams):
    pillar: list[PillarSlug] | None = Field(
        None, description="Slug of one of the four Ps; repeat for several (any matches)."
    )
    country: list[Country] | None = Field(
        None, description="Country of the signatory (ISO 3166-1 alpha-2); repeat for several."
    )
    signatory: list[PageId] | None = Field(
        None,
        description="Id of a signatory (any of its translations); repeat for several.",
    )
    tag: list[Slug] | None = Field(None, description="Tag slug; repeat for several (any).")
    status: list[StatusCode] | None = Field(None, description="Status; repeat for several.")
    for_children: bool | None = Field(
        None,
        description="`true`: only initiatives with a version for children; `false`: only "
        "those without one.",
    )
    q: Text | None = Field(
        None, min_length=1, max_length=200, description="Full-text search (Wagtail search)."
    )
    updated_since: IsoDateTime | None = Field(
        None,
        description=(
            "Only items published on or after this ISO 8601 date-time (for sync clients); "
            "without an offset, the site's time zone."
        ),
    )
    ordering: InitiativeOrdering = Field(
        InitiativeOrdering("newest"),
        description=(
            "Order: `newest`, `oldest` (by the initiative's first publication in any "
            "language, not its translation's), `title` or `-title`."
        ),
    )

    @field_validator("updated_since")
    @classmethod
    def _check_since(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        # Years 1 and 9999 overflow when converted to UTC for the database.
        if value is not None and not 1900 <= value.year <= 9000:
            raise ValueError("must be between the years 1900 and 9000")
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows (-17:32).
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value

    def apply_index(self, entries: QuerySet) -> QuerySet:
        """The filters over the API's read index (:mod:`pact_pages.api.index`)."""
        if self.pillar:
            entries = with_any_pillar_bit(entries, [pillar.value for pillar in self.pillar])
        if self.country:
            entries = entries.filter(country__in=[country.value for country in self.country])
        if self.signatory:
            keys = SignatoryPage.objects.filter(pk__in=self.signatory).values("translation_key")
            entries = entries.filter(signatory_key__in=keys)
        if self.tag:
            entries = entries.filter(
                pk__in=ApiIndexTag.objects.filter(slug__in=self.tag).values("entry_id")
            )
        if self.status:
            entries = entries.filter(status__in=[status.value for status in self.status])
        if self.for_children is not None:
            entries = entries.filter(for_children=self.for_children)
        if self.updated_since:
            since = self.updated_since
            if timezone.is_naive(since):
                since = timezone.make_aware(since)
            entries = entries.filter(last_published_at__gte=since)
        return entries


def parse_bbox(value: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees, or ValueError saying what is wrong."""
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("expected four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        numbers = [Decimal(part.strip()) for part in parts]
    except ArithmeticError:
        raise ValueError("expected four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if not all(number.is_finite() for number in numbers):
        raise ValueError("expected four finite numbers")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ValueError("longitudes must be between -180 and 180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ValueError("latitudes must be between -90 and 90")
    if min_lat > max_lat:
        raise ValueError("min_lat must not be greater than max_lat")
    return min_lon, min_lat, max_lon, max_lat
