"""Stored counts of each list per P combination, for the lists filtered only by P.

Counting the initiatives of a few Ps (``pillar_mask IN (…)``) read every matching index row:
150 ms per request on PostgreSQL at 100,000 initiatives. A row's Ps are one of 16 masks, so
:func:`pact_pages.api.index.recount` stores, per kind and language, how many listed items
have each mask (one ``GROUP BY`` over the list), and a list filtered by P alone is counted
as the sum over the masks with one of its bits: one read of at most 15 stored figures.
"""

from collections.abc import Iterable, Sequence

from django.db.models import Count, QuerySet, Sum
from wagtail.models import Locale

from pact_pages.api.models import ApiIndexFigure
from pact_pages.pillars.models import PILLAR_SLUGS

MASKS = range(1 << len(PILLAR_SLUGS))


def name(kind: str, locale_id: int, mask: int) -> str:
    return f"mask:{kind}:{locale_id}:{mask}"


def masks_with_any(slugs: Iterable[str]) -> list[int]:
    """The ``pillar_mask`` values with the bit of at least one of these Ps."""
    bits = sum(1 << PILLAR_SLUGS.index(slug) for slug in set(slugs) if slug in PILLAR_SLUGS)
    return [mask for mask in MASKS if mask & bits]


def counted(listed: QuerySet, kind: str, locale: Locale) -> dict[str, int]:
    """The figures of one list (``listed``: exactly what readers of ``locale`` see), every
    mask included, zeros too: a missing figure means "not counted yet"."""
    rows = listed.order_by().values("pillar_mask").annotate(n=Count("pk"))
    per_mask = dict(rows.values_list("pillar_mask", "n"))
    return {name(kind, locale.pk, mask): per_mask.get(mask, 0) for mask in MASKS}


def stored_count(kind: str, locale: Locale, slugs: Sequence[str]) -> int | None:
    """How many items of the list have one of these Ps (None if not counted yet)."""
    names = [name(kind, locale.pk, mask) for mask in masks_with_any(slugs)]
    if not names:
        return 0
    figures = ApiIndexFigure.objects.filter(name__in=names)
    found = figures.aggregate(rows=Count("pk"), total=Sum("value"))
    return found["total"] if found["rows"] == len(names) else None


def stale(listed: QuerySet, kind: str, locale: Locale) -> bool:
    """Whether the stored counts of this list differ from a count of ``listed``."""
    counts = counted(listed, kind, locale)
    stored = ApiIndexFigure.objects.filter(name__in=counts)
    return dict(stored.values_list("name", "value")) != counts
