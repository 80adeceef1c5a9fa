"""The map of signatories as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude])."""

from typing import Literal

from django.db.models import QuerySet
from ninja import Field, Schema

from ..countries import country_name
from .serializers import Reader

MAP_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "translation_key",
    "official_name",
    "signatory_type",
    "country",
    "latitude",
    "longitude",
)


class Point(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(
        min_length=2, max_length=2, description="[longitude, latitude] in degrees (WGS 84)."
    )


class FeatureProperties(Schema):
    name: str
    official_name: str
    type: str
    country: str
    country_name: str
    url: str | None
    locale: str
    served_locale: str
    initiative_count: int


class Feature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Point
    properties: FeatureProperties


class FeatureCollection(Schema):
    type: Literal["FeatureCollection"]
    features: list[Feature]


def with_coordinates(queryset: QuerySet) -> QuerySet:
    return queryset.filter(latitude__isnull=False, longitude__isnull=False).only(*MAP_FIELDS)


def feature_collection(reader: Reader, pages) -> dict:
    features = []
    for page in pages:
        features.append(
            {
                "type": "Feature",
                "id": page.pk,
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(page.longitude), float(page.latitude)],
                },
                "properties": {
                    "name": page.title,
                    "official_name": page.official_name,
                    "type": page.signatory_type,
                    "country": page.country,
                    "country_name": country_name(page.country, reader.language),
                    "url": reader.page_url(page),
                    "locale": reader.language,
                    "served_locale": reader.codes.get(page.locale_id, ""),
                    "initiative_count": page.initiative_count,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
