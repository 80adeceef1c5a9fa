"""What each demo signatory did: which initiatives, where, when, with how many people.

The plan is a pure function of the data files, drawn with random generators seeded by each
signatory's slug: the builder and the translations compute the same plan, and loading only
the first signatories (``limit``) gives them the plan they have in the full demo.
"""

import datetime
import random
import re
from dataclasses import dataclass

from django.utils.text import slugify

# The demo is written as of this day: statuses and dates read consistently against it.
REFERENCE_DAY = datetime.date(2026, 12, 1)
# How many initiatives a signatory publishes (0 to 4), by type: towns and regions do more.
# About 1.2 on average: each of the archetypes is then told at most three times (a reader
# of the library meets few look-alikes), and `make run` stays quick.
COUNT_WEIGHTS = {
    "town": [18, 42, 27, 8, 5],
    "region": [14, 40, 30, 10, 6],
    "association": [35, 45, 15, 5, 0],
    "representative": [45, 50, 5, 0, 0],
    "organisation": [30, 50, 17, 3, 0],
}
# The demo users' signatories must have pages to edit.
MINIMUM = {"strasbourg": 2, "catalonia": 2}
DEFAULT_POPULATION = 120_000
IN_PARENTHESES = re.compile(r"\s*\(([^)]+)\)\s*$")


@dataclass(frozen=True)
class Planned:
    """One initiative of a signatory."""

    archetype: int
    place: str  # the town or region where it happens
    status: str
    start: datetime.date
    end: datetime.date | None
    seed: int  # draws the phrases and the picture


def person(row: dict[str, str]) -> str:
    """A representative's name with the title but without the town: "Councillor Aoife Brennan"."""
    return IN_PARENTHESES.sub("", row["name"])


def places(row: dict[str, str]) -> list[str]:
    """Where a signatory's initiatives happen: its own territory, a representative's town, the
    member municipalities or partner towns of an association or organisation."""
    if row["type"] in ("town", "region"):
        return [row["name"]]
    if row["type"] == "representative":
        match = IN_PARENTHESES.search(row["name"])
        return [match.group(1) if match else row["name"]]
    return [town for town in row.get("partner_towns", "").split(";") if town] or [row["name"]]


def population(row: dict[str, str]) -> int:
    return int(row["population"] or DEFAULT_POPULATION)


def count(row: dict[str, str], rng: random.Random) -> int:
    drawn = rng.choices(range(5), weights=COUNT_WEIGHTS[row["type"]])[0]
    return max(drawn, MINIMUM.get(slugify(row["name"]), 0))


def dates(
    signed: datetime.date, status: str, months: int | None, rng: random.Random
) -> tuple[str, datetime.date, datetime.date | None]:
    """Start after signing, end after start; a status the dates allow against REFERENCE_DAY."""
    duration = datetime.timedelta(days=30 * (months or 0))
    earliest = signed + datetime.timedelta(days=45)
    if status == "completed":
        latest = REFERENCE_DAY - duration - datetime.timedelta(days=30)
        if latest >= earliest:
            start = earliest + datetime.timedelta(days=rng.randint(0, (latest - earliest).days))
            return status, start, start + duration
        status = "ongoing"
    if status == "ongoing":
        latest = min(earliest + datetime.timedelta(days=900), REFERENCE_DAY)
        latest -= datetime.timedelta(days=60)
        if latest >= earliest:
            start = earliest + datetime.timedelta(days=rng.randint(0, (latest - earliest).days))
            return status, start, start + duration if months else None
    start = max(earliest, REFERENCE_DAY) + datetime.timedelta(days=rng.randint(30, 240))
    return "planned", start, start + duration if months else None


def plan(rows: list[dict[str, str]], archetypes: list[dict]) -> dict[str, list[Planned]]:
    """Each signatory's initiatives, by slug. The archetypes are dealt in turn over all the
    rows, so that each is used about as often as the others and a signatory never repeats one."""
    plans: dict[str, list[Planned]] = {}
    dealt = 0
    for row in rows:
        slug = slugify(row["name"])
        rng = random.Random(f"demo-plan-{slug}")
        signed = datetime.date.fromisoformat(row["signed_on"])
        where = places(row)
        initiatives = []
        for number in range(count(row, rng)):
            index = dealt % len(archetypes)
            dealt += 1
            archetype = archetypes[index]
            status, start, end = dates(
                signed, archetype["status"], archetype.get("duration_months"), rng
            )
            place = where[number % len(where)]
            initiatives.append(Planned(index, place, status, start, end, rng.getrandbits(32)))
        plans[slug] = initiatives
    return plans
