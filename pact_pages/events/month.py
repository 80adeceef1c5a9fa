"""The month grid of the calendar: weeks of days, each with the events on it.

Each event sits on the days of its own zone (an event at 23:00 in Paris is on the Paris day),
the days an all-day event covers included. The grid is an HTML table (weeks as rows, days of
the week as column headers), readable without JavaScript and by screen readers.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list = field(default_factory=list)


def parse_month(value: str | None) -> datetime.date | None:
    """The first day of a "YYYY-MM" month; None for anything else (ignored, never a 500)."""
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1900 <= year <= 2999 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def next_month(first: datetime.date) -> datetime.date:
    return (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def previous_month(first: datetime.date) -> datetime.date:
    return (first - datetime.timedelta(days=1)).replace(day=1)


def month_key(first: datetime.date) -> str:
    return f"{first.year:04d}-{first.month:02d}"


def weeks(first: datetime.date, events, first_weekday: int = 0) -> list[list[Day]]:
    """The weeks (Monday first by default) covering the month of ``first``, each day with
    the events on it, in start order."""
    grid = calendar.Calendar(first_weekday).monthdatescalendar(first.year, first.month)
    days = {day: Day(day, day.month == first.month) for week in grid for day in week}
    for event in sorted(events, key=lambda event: (event.start, event.pk)):
        day = max(event.first_day, grid[0][0])
        last = min(event.last_day, grid[-1][-1])
        while day <= last:
            days[day].events.append(event)
            day += datetime.timedelta(days=1)
    return [[days[day] for day in week] for week in grid]


def weekday_names(first_weekday: int = 0) -> list[datetime.date]:
    """A date of each weekday in the grid's order (the template names them)."""
    monday = datetime.date(2024, 1, 1)  # a Monday
    return [monday + datetime.timedelta(days=(first_weekday + i) % 7) for i in range(7)]
