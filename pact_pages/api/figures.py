"""The ``stats`` endpoint's figures, stored with the read index.

Counting distinct initiatives per P over every page took seconds per request at 100,000
initiatives; :func:`pact_pages.api.index.recount` stores these figures (two queries over the
index per publish) in :class:`~pact_pages.api.models.ApiIndexFigure`, and ``stats`` reads them
in one query.
"""

from django.db.models import Count, Q, QuerySet

from pact_pages.api.models import ApiIndexEntry, ApiIndexFigure
from pact_pages.initiatives.queries import live_initiatives
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.signatories.queries import live_signatories
from pact_pages.signatories.stats import SignatoryCounts, signatory_counts, signatory_figures

INITIATIVES = "initiatives"
PILLAR = "initiatives:"  # + a P's slug
TYPE = "type:"  # + a signatory type
Kind = ApiIndexEntry.Kind


def masks_with(slug: str) -> list[int]:
    """Every ``pillar_mask`` value with the bit of ``slug`` set."""
    bit = 1 << PILLAR_SLUGS.index(slug)
    return [mask for mask in range(1 << len(PILLAR_SLUGS)) if mask & bit]


def _distinct_keys(filter_q: Q | None = None) -> Count:
    return Count("translation_key", distinct=True, filter=filter_q)


def stats_figures(entries: QuerySet) -> dict[str, int]:
    """The figures over the read index's rows: each item once, whatever its translations."""
    figures = entries.filter(kind=Kind.INITIATIVE).aggregate(
        **{INITIATIVES: _distinct_keys()},
        **{
            PILLAR + slug: _distinct_keys(Q(pillar_mask__in=masks_with(slug)))
            for slug in PILLAR_SLUGS
        },
    )
    return figures | _per_type(entries.filter(kind=Kind.SIGNATORY))


def page_figures() -> dict[str, int]:
    """The same figures counted over the pages (to check the stored ones)."""
    figures = live_initiatives().aggregate(
        **{INITIATIVES: _distinct_keys()},
        **{
            PILLAR + slug: _distinct_keys(Q(pillar_links__pillar__slug=slug))
            for slug in PILLAR_SLUGS
        },
    )
    return figures | _per_type(live_signatories())


def _per_type(signatories: QuerySet) -> dict[str, int]:
    rows = signatories.order_by().values("signatory_type").annotate(n=_distinct_keys())
    return {TYPE + kind: n for kind, n in rows.values_list("signatory_type", "n")}


def stored_figures() -> dict[str, int] | None:
    """The stored figures, or None where the index has not stored them yet."""
    rows = ApiIndexFigure.objects.filter(
        Q(name=INITIATIVES) | Q(name__startswith=PILLAR) | Q(name__startswith=TYPE)
    )
    stored = dict(rows.values_list("name", "value"))
    return stored if INITIATIVES in stored else None


def stats_payload(figures: dict[str, int]) -> dict:
    """``initiatives``, ``per_pillar`` and ``per_type`` of the ``stats`` response."""
    return {
        "initiatives": figures.get(INITIATIVES, 0),
        "per_pillar": {slug: figures.get(PILLAR + slug, 0) for slug in PILLAR_SLUGS},
        "per_type": {
            name.removeprefix(TYPE): value
            for name, value in figures.items()
            if name.startswith(TYPE)
        },
    }


def stale_figures() -> set[str]:
    """The stored home-page and stats figures that differ from a count over the pages."""
    stale = set()
    if signatory_counts() != SignatoryCounts(**signatory_figures(live_signatories())):
        stale.add("figures")
    if stored_figures() != page_figures():
        stale.add("stats figures")
    return stale
