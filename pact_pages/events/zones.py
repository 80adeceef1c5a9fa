"""Time zones of events: the IANA names offered, and wall times in a zone.

An event is entered in its own zone's wall time (18:00 in Paris) and stored in UTC; it is
shown in the zone the reader chose (``tz``) beside its own. A wall time is converted with the
zone's rules of that day, so an event on the day clocks change keeps its wall time.
"""

import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings

FALLBACK_ZONE = "Europe/Paris"
# Offered first in the editor's list: the zones of most of the Council of Europe's members.
COMMON_EUROPEAN = (
    "Europe/Paris",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Madrid",
    "Europe/Lisbon",
    "Europe/Brussels",
    "Europe/Amsterdam",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Europe/Dublin",
    "Europe/Helsinki",
    "Europe/Bucharest",
    "Europe/Stockholm",
    "Europe/Vienna",
)


@cache
def zone_names() -> frozenset[str]:
    """Every IANA zone this system knows (from the OS or the ``tzdata`` package)."""
    return frozenset(available_timezones())


def is_valid_zone(name: str) -> bool:
    return bool(name) and name in zone_names()


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """(name, name) pairs: the common European zones, then every other zone sorted."""
    names = zone_names()
    common = [name for name in COMMON_EUROPEAN if name in names]
    rest = sorted(names - set(common))
    return [(name, name.replace("_", " ")) for name in [*common, *rest]]


def default_time_zone() -> str:
    """The site's TIME_ZONE when it is a place's zone, Europe/Paris otherwise."""
    configured = getattr(settings, "TIME_ZONE", "") or ""
    return configured if is_valid_zone(configured) and "/" in configured else FALLBACK_ZONE


def zone(name: str | None) -> ZoneInfo:
    """The zone of that name; the default zone for a name that is not one."""
    try:
        return ZoneInfo(name) if is_valid_zone(name or "") else ZoneInfo(default_time_zone())
    except ZoneInfoNotFoundError:  # listed but unreadable (a broken tzdata): never a 500
        return ZoneInfo(FALLBACK_ZONE)


def reader_zone(name: str | None) -> ZoneInfo | None:
    """The reader's zone from a ``tz`` parameter, or None when missing or not a zone."""
    return ZoneInfo(name) if name and is_valid_zone(name) else None


def aware(wall: datetime.datetime, zone_name: str) -> datetime.datetime:
    """A naive wall time in ``zone_name`` as an aware datetime (UTC-comparable)."""
    return wall.replace(tzinfo=zone(zone_name))


def wall_time_exists(wall: datetime.datetime, zone_name: str) -> bool:
    """False for a wall time skipped when clocks go forward (02:30 on the last Sunday of
    March in Paris): converted to UTC and back it comes out another hour."""
    there = aware(wall, zone_name)
    back = there.astimezone(datetime.UTC).astimezone(there.tzinfo)
    return back.replace(tzinfo=None) == wall
