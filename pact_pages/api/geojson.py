"""The map of signatories as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude])."""

from collections.abc import Iterable
from typing import Literal

from ninja import Field, Schema


class Point(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(
        min_length=2, max_length=2, description="[longitude, latitude] in degrees (WGS 84)."
    )


# Coordinates to 5 decimals (about a metre): a marker needs no more, and 10,000 markers
# take some 60 KB less.
DECIMALS = 5


class FeatureProperties(Schema):
    """What a marker and its popup show; the rest of a signatory is at its ``url`` and
    from ``signatories/{id}`` (the feature's ``id``)."""

    name: str
    type: str
    country: str
    country_name: str
    url: str | None
    served_locale: str = Field(
        description="Language of `name`: the requested one or, "
        "until translated, the source language."
    )
    initiative_count: int


class Feature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Point
    properties: FeatureProperties


class FeatureCollection(Schema):
    type: Literal["FeatureCollection"]
    features: list[Feature]


def feature(item: dict) -> dict | None:
    """The map feature of a signatory's list item (:func:`.serializers.signatories`).

    Built once per page by the API's read index (:mod:`.index`), with the same placeholders
    as the item, so that the map is joined from stored text instead of being serialised
    again on every request. None without coordinates: such a signatory is not on the map.
    """
    if item["latitude"] is None or item["longitude"] is None:
        return None
    return {
        "type": "Feature",
        "id": item["id"],
        "geometry": {
            "type": "Point",
            "coordinates": [
                round(float(item["longitude"]), DECIMALS),
                round(float(item["latitude"]), DECIMALS),
            ],
        },
        # Only what a marker shows (name, symbol, popup, link): the feature of each of
        # 10,000 signatories is in every map response.
        "properties": {
            "name": item["title"],
            "type": item["type"],
            "country": item["country"],
            "country_name": item["country_name"],
            "url": item["url"],
            "served_locale": item["served_locale"],
            "initiative_count": item["initiative_count"],
        },
    }


def collection(features: Iterable[str]) -> str:
    """A FeatureCollection of features already serialised as JSON."""
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
