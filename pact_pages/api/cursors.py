"""Cursor (keyset) pagination of the list endpoints.

A cursor names the ordering and the sort values of the last item of a page; the next page
is the items after it in that ordering. Unlike ``offset``, it costs the same on page 1,000
as on page 1, and items published meanwhile neither repeat nor disappear between pages.
Cursors are opaque to clients (URL-safe base64 of JSON) and checked: a tampered or foreign
cursor gives a 400 naming ``cursor``.
"""

import base64
import binascii
import datetime
import json

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_date, parse_datetime

# Sort keys of the read index: the field, and how its values travel in a cursor.
KINDS = {
    "first_published_at": "datetime",
    "title": "str",
    "sort_title": "str",  # the title, compared in the reader's language (collation.by_title)
    "sort_id": "int",  # the page id, as the title's stored key names it (collation.by_title)
    "signed_on": "date",
    "initiative_count": "int",
    "pk": "int",
}


class InvalidCursor(ValueError):
    pass


def _encode_value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _decode_value(field: str, value):
    kind = KINDS[field]
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "str" and isinstance(value, str):
        return value
    if kind == "datetime" and isinstance(value, str) and (parsed := parse_datetime(value)):
        return parsed
    if kind == "date" and isinstance(value, str) and (parsed := parse_date(value)):
        return parsed
    raise InvalidCursor(f"bad value for {field}")


def encode(ordering: str, values: list) -> str:
    raw = json.dumps({"o": ordering, "v": [_encode_value(value) for value in values]})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, ordering: str, fields: tuple[str, ...]) -> list:
    """The sort values in ``cursor``, checked against the request's ``ordering``."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidCursor("not a cursor given by this API") from None
    if not isinstance(data, dict) or not isinstance(data.get("v"), list):
        raise InvalidCursor("not a cursor given by this API")
    if data.get("o") != ordering:
        raise InvalidCursor(f"made for ordering {data.get('o')!r}, not {ordering!r}")
    names = [field.lstrip("-") for field in fields]
    if len(data["v"]) != len(names):
        raise InvalidCursor("not a cursor given by this API")
    try:
        return [_decode_value(name, value) for name, value in zip(names, data["v"], strict=True)]
    except (KeyError, ValueError, OverflowError) as error:
        raise InvalidCursor(str(error)) from None


def after(queryset: QuerySet, fields: tuple[str, ...], values: list) -> QuerySet:
    """The rows after ``values`` in the order ``fields`` (``-`` for descending)."""
    condition = Q()
    equal = Q()
    for field, value in zip(fields, values, strict=True):
        name = field.lstrip("-")
        lookup = "lt" if field.startswith("-") else "gt"
        condition |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    return queryset.filter(condition)
