"""The counts stored with the read index, kept exact by the difference each rebuild makes.

The lists' totals (:class:`~pact_pages.api.models.ApiIndexTotal`), their counts per P
combination (:mod:`.mask_counts`), the home page's and ``stats``' figures
(:class:`~pact_pages.api.models.ApiIndexFigure`) and the facets' counts per country, tag and
commitment (:class:`~pact_pages.api.models.ApiIndexCount`). Counting them over every row took
2.4 to 6.5 s per publish at 10,000 signatories. A rebuild of some translation groups tallies
what the groups' rows add to each count before it replaces them and after
(:class:`Adjustment`: two queries each, whatever the site's size) and adds the difference.

Every count is a sum over translation groups (a list shows each group's rows by a rule of the
group's own rows, a "distinct items" figure counts each group once), so the difference of
the rebuilt groups is the difference of the whole. Rebuilds adjust one at a time: each locks
the totals' rows first (PostgreSQL; SQLite writes one at a time anyway), so each reads the
rows and counts the one before committed. Where counts are missing (a new language, a site
upgraded to migration 0023) or would go negative, everything is counted again, as
``rebuild_api_index`` does; :func:`stale` compares the stored counts with such a count.
"""

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import DatabaseError, transaction
from django.db.models import Count, Q, QuerySet
from wagtail.models import Locale

from pact_pages.api import mask_counts
from pact_pages.api.figures import INITIATIVES, PILLAR, TYPE, masks_with, stats_figures
from pact_pages.api.models import (
    ApiIndexCount,
    ApiIndexEntry,
    ApiIndexFigure,
    ApiIndexTag,
    ApiIndexTotal,
)
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.signatories.models import TERRITORIAL_TYPES
from pact_pages.signatories.stats import signatory_figures

Kind = ApiIndexEntry.Kind
Facet = ApiIndexCount.Facet
InLanguage = Callable[[QuerySet, Locale, Locale], QuerySet]
COUNTRY = "country:"  # + a code: signatory rows of every language in that country
COUNTRIES = "countries"  # how many such figures there are (the home page's counter)
# Figures that exist only while above zero (as a GROUP BY gives them); the others always do.
OPTIONAL = (COUNTRY, TYPE)
# Beyond this many translation groups a rebuild counts everything again: its tally would
# read about as many rows, with a long list of keys in each query.
MAX_KEYS = 200
FIELDS = (
    *("kind", "page_id", "translation_key", "locale_id", "is_source"),
    *("pillar_mask", "commitment_mask", "country", "signatory_type"),
)


def _slugs(mask: int | None) -> list[str]:
    return [slug for bit, slug in enumerate(PILLAR_SLUGS) if (mask or 0) & (1 << bit)]


def _grouped(entries: QuerySet, field: str) -> list[tuple]:
    return list(entries.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))


# --- Counting everything (rebuild_api_index, and the repair path) ---------------------------


def full(source: Locale, locales: list[Locale], in_language: InLanguage) -> Counter:
    """Every stored count, counted over every row: ``("total", kind, locale id)``,
    ``("figure", name)`` and ``("count", kind, locale id, facet, value)`` → number."""
    counts: Counter = Counter()
    for kind in Kind.values:
        for locale in locales:
            listed = in_language(ApiIndexEntry.objects.filter(kind=kind), locale, source)
            per_mask = mask_counts.counted(listed, kind, locale)
            counts.update({("figure", name): n for name, n in per_mask.items()})
            counts["total", kind, locale.pk] = sum(per_mask.values())
            for country, n in _grouped(listed, "country"):
                counts["count", kind, locale.pk, Facet.COUNTRY, country] = n
            if kind == Kind.SIGNATORY:
                committed = listed.aggregate(
                    **{
                        s: Count("pk", filter=Q(commitment_mask__in=masks_with(s)))
                        for s in PILLAR_SLUGS
                    }
                )
                for slug, n in committed.items():
                    counts["count", kind, locale.pk, Facet.COMMITMENT, slug] = n
            else:
                tags = ApiIndexTag.objects.filter(entry__in=listed.values("pk"))
                for slug, n in _grouped(tags, "slug"):
                    counts["count", kind, locale.pk, Facet.TAG, slug] = n
    signatories = ApiIndexEntry.objects.filter(kind=Kind.SIGNATORY)
    figures = signatory_figures(signatories) | stats_figures(ApiIndexEntry.objects.all())
    figures |= {COUNTRY + country: n for country, n in _grouped(signatories, "country")}
    counts.update({("figure", name): n for name, n in figures.items()})
    return counts


def _store(counts: Counter) -> None:
    """Replaces every stored count with ``counts`` (totals in place: they are the lock)."""
    totals = [
        ApiIndexTotal(kind=key[1], locale_id=key[2], total=n)
        for key, n in counts.items()
        if key[0] == "total"
    ]
    ApiIndexTotal.objects.bulk_create(
        totals, update_conflicts=True, unique_fields=["kind", "locale"], update_fields=["total"]
    )
    ApiIndexFigure.objects.all().delete()
    ApiIndexFigure.objects.bulk_create(
        ApiIndexFigure(name=key[1], value=n) for key, n in counts.items() if key[0] == "figure"
    )
    ApiIndexCount.objects.all().delete()
    ApiIndexCount.objects.bulk_create(_count_rows(counts), batch_size=500)


def _count_rows(counts: Counter) -> Iterable[ApiIndexCount]:
    for key, n in counts.items():
        if key[0] == "count":
            _, kind, locale_id, facet, value = key
            yield ApiIndexCount(kind=kind, locale_id=locale_id, facet=facet, value=value, items=n)


def recount(source: Locale, in_language: InLanguage) -> None:
    """Counts and stores everything again (locks the totals as a rebuild does)."""
    _lock()
    _store(full(source, list(Locale.objects.all()), in_language))


def stale(source: Locale, in_language: InLanguage) -> set[str]:
    """The stored counts that differ from a count over every row (empty when exact)."""
    counted = full(source, list(Locale.objects.all()), in_language)
    stored: Counter = Counter()
    for kind, locale_id, n in ApiIndexTotal.objects.values_list("kind", "locale_id", "total"):
        stored["total", kind, locale_id] = n
    stored.update(
        {("figure", k): v for k, v in ApiIndexFigure.objects.values_list("name", "value")}
    )
    rows = ApiIndexCount.objects.values_list("kind", "locale_id", "facet", "value", "items")
    stored.update({("count", *row[:4]): row[4] for row in rows})
    return {
        " ".join(map(str, key))
        for key in set(counted) | set(stored)
        if counted.get(key) != stored.get(key)
    }


# --- Adjusting by the difference of a rebuild -------------------------------------------------


def _lock() -> dict[tuple, tuple[int, int]]:
    """(kind, locale id) → (pk, total) of the stored totals, locked to this transaction."""
    rows = ApiIndexTotal.objects.select_for_update().order_by("pk")
    return {
        (k, loc): (pk, n) for pk, k, loc, n in rows.values_list("pk", "kind", "locale_id", "total")
    }


def tally(keys: Iterable, source_id: int, locale_ids: list[int]) -> Counter:
    """What the rows of these translation groups add to each count (the keys of
    :func:`full`): one query for the rows, one for their tags. Each list's rows are picked
    by the rule of :func:`pact_pages.api.index.in_language` (:func:`stale` compares)."""
    rows = list(
        ApiIndexEntry.objects.filter(kind__in=Kind.values, translation_key__in=list(keys))
        .order_by()
        .values_list(*FIELDS)
    )
    tags = defaultdict(set)
    initiatives = [row[1] for row in rows if row[0] == Kind.INITIATIVE]
    if initiatives:
        links = ApiIndexTag.objects.filter(entry_id__in=initiatives)
        for entry_id, slug in links.values_list("entry_id", "slug"):
            tags[entry_id].add(slug)
    languages = defaultdict(set)  # translation key → locale ids it has a row in
    for row in rows:
        languages[row[2]].add(row[3])
    # Locale ids start at 1: 0 stands for "every row, whatever the language" (the figures).
    shown = [(0, row) for row in rows]
    for locale_id in locale_ids:
        shown += [
            (locale_id, row)
            for row in rows
            if row[3] == locale_id
            or (locale_id != source_id and row[4] and locale_id not in languages[row[2]])
        ]
    counts: Counter = Counter()
    distinct = defaultdict(set)  # figure → translation keys (each item once)
    for listed, row in shown:
        kind, page_id, key, _locale, _source, mask, committed, country, signatory_type = row
        if not listed and kind == Kind.SIGNATORY:
            counts["figure", COUNTRY + country] += 1
            distinct[TYPE + signatory_type].add(key)
            territorial = signatory_type in TERRITORIAL_TYPES
            distinct["territorial" if territorial else "other"].add(key)
        elif not listed:
            distinct[INITIATIVES].add(key)
            for slug in _slugs(mask):
                distinct[PILLAR + slug].add(key)
        else:
            counts["total", kind, listed] += 1
            counts["figure", mask_counts.name(kind, listed, mask)] += 1
            counts["count", kind, listed, Facet.COUNTRY, country] += 1
            if kind == Kind.SIGNATORY:
                for slug in _slugs(committed):
                    counts["count", kind, listed, Facet.COMMITMENT, slug] += 1
            for slug in tags.get(page_id, ()):
                counts["count", kind, listed, Facet.TAG, slug] += 1
    counts.update({("figure", name): len(keys) for name, keys in distinct.items()})
    return counts


_state = threading.local()


@contextmanager
def adjusted(keys: set | None, source: Locale, in_language: InLanguage) -> Iterator[None]:
    """Within a transaction, around a rebuild that replaces the rows of ``keys``: the counts
    follow (adjusted by the difference, or counted again) when the block ends."""
    adjustment = Adjustment(keys, source, in_language)
    yield
    adjustment.finish()


def page_deleting(instance, origin, in_language: InLanguage) -> None:
    """On pre_delete of a page: its index rows go with it (a cascade), before any rebuild. Its
    group's counts are tallied now and adjusted once the rows are gone (:func:`page_deleted`:
    a page's rows are deleted before the page)."""
    if getattr(_state, "origin", None) is not origin:
        _state.origin, _state.pending = origin, {}
    pending, key = _state.pending, instance.translation_key
    if pending is None or key in pending:
        return
    try:
        # A savepoint: a migration may delete pages while the index has an older schema.
        with transaction.atomic():
            if len(pending) >= MAX_KEYS:
                # Too many groups to adjust one by one: the next rebuild counts everything.
                ApiIndexTotal.objects.all().delete()
                _state.pending = None
                return
            adjustment = Adjustment({key}, Locale.get_default(), in_language)
    except DatabaseError:
        _state.pending = None
        return
    if adjustment.before is not None:
        pending[key] = adjustment


def page_deleted(sender, instance, origin=None, **kwargs) -> None:
    """post_delete of a page (see :func:`page_deleting`)."""
    if getattr(_state, "origin", None) is origin and _state.pending:
        adjustment = _state.pending.pop(instance.translation_key, None)
        if adjustment is not None:
            with transaction.atomic():
                adjustment.finish()


class Adjustment:
    """One rebuild's change to the counts: create it before the rebuild replaces the rows of
    ``keys`` (it locks the totals and tallies the old rows), :meth:`finish` it after."""

    def __init__(self, keys: set | None, source: Locale, in_language: InLanguage) -> None:
        self.keys, self.source, self.in_language = keys, source, in_language
        self.locales = list(Locale.objects.all())
        self.totals = _lock()
        counted = len(self.totals) == len(Kind.values) * len(self.locales)
        small = keys is not None and len(keys) <= MAX_KEYS
        self.before = None
        if counted and small:
            self.before = self._tally()

    def _tally(self) -> Counter:
        return tally(self.keys, self.source.pk, [locale.pk for locale in self.locales])

    def finish(self) -> None:
        if self.before is None or not self._adjust(self._tally()):
            _store(full(self.source, self.locales, self.in_language))

    def _adjust(self, after: Counter) -> bool:
        """Adds after − before to the stored counts; False (nothing written) where a count
        is missing or would go below zero: not counted yet, or drifted."""
        change = Counter(after)
        change.subtract(self.before)
        change = {key: n for key, n in change.items() if n}
        # Read again: other adjustments of the same transaction (a deletion's) came between.
        self.totals = _lock()
        totals, figures, counts = [], {}, {}
        for key, n in change.items():
            if key[0] == "total":
                pk, stored = self.totals.get(key[1:], (None, 0))
                if pk is None or stored + n < 0:
                    return False
                totals.append(ApiIndexTotal(pk=pk, total=stored + n))
            elif key[0] == "figure":
                figures[key[1]] = n
            else:
                counts[key[1:]] = n
        stored_figures = dict(ApiIndexFigure.objects.filter(name__in=list(figures)).values_list())
        new_figures = _added(stored_figures, figures, lambda name: name.startswith(OPTIONAL))
        stored_counts = _stored_counts(counts)
        new_counts = _added(
            {key: n for key, (_pk, n) in stored_counts.items()},
            counts,
            lambda key: key[2] != Facet.COMMITMENT,
        )
        if new_figures is None or new_counts is None:
            return False
        ApiIndexTotal.objects.bulk_update(totals, ["total"])
        _write_figures(new_figures)
        _write_counts(new_counts, stored_counts)
        return True


def _added(stored: dict, change: dict, optional: Callable) -> dict | None:
    """``stored`` + ``change`` for the changed keys (None if one is missing but not optional,
    or would go below zero)."""
    new = {}
    for key, n in change.items():
        if key not in stored and not optional(key):
            return None
        new[key] = stored.get(key, 0) + n
        if new[key] < 0:
            return None
    return new


def _stored_counts(change: dict) -> dict[tuple, tuple[int, int]]:
    """(kind, locale id, facet, value) → (pk, items) of the stored counts of ``change``."""
    if not change:
        return {}
    rows = ApiIndexCount.objects.filter(
        locale_id__in={key[1] for key in change},
        facet__in={key[2] for key in change},
        value__in={key[3] for key in change},
    ).values_list("pk", "kind", "locale_id", "facet", "value", "items")
    return {tuple(row[1:5]): (row[0], row[5]) for row in rows if tuple(row[1:5]) in change}


def _write_figures(new: dict[str, int]) -> None:
    gone = [name for name, n in new.items() if not n and name.startswith(OPTIONAL)]
    kept = [ApiIndexFigure(name=name, value=n) for name, n in new.items() if name not in gone]
    ApiIndexFigure.objects.bulk_create(
        kept, update_conflicts=True, unique_fields=["name"], update_fields=["value"]
    )
    if gone:
        ApiIndexFigure.objects.filter(name__in=gone).delete()
    if any(name.startswith(COUNTRY) for name in new):
        countries = ApiIndexFigure.objects.filter(name__startswith=COUNTRY).count()
        ApiIndexFigure.objects.filter(name=COUNTRIES).update(value=countries)


def _write_counts(new: dict[tuple, int], stored: dict[tuple, tuple[int, int]]) -> None:
    gone = [stored[key][0] for key, n in new.items() if not n and key[2] != Facet.COMMITMENT]
    rows = [
        ApiIndexCount(kind=key[0], locale_id=key[1], facet=key[2], value=key[3], items=n)
        for key, n in new.items()
        if n or key[2] == Facet.COMMITMENT
    ]
    ApiIndexCount.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kind", "locale", "facet", "value"],
        update_fields=["items"],
    )
    if gone:
        ApiIndexCount.objects.filter(pk__in=gone).delete()


def complete() -> bool:
    """Whether every list (kind, language) has its counts stored."""
    return ApiIndexTotal.objects.count() == len(Kind.values) * Locale.objects.count()


def stored(locale: Locale, facet: str, kinds: list[str]) -> dict[str, dict[str, int]] | None:
    """kind → facet value → number of listed items, for readers of ``locale`` (values with
    none left out); None while the index has not counted them."""
    if ApiIndexTotal.objects.filter(locale=locale, kind__in=kinds).count() < len(kinds):
        return None
    found: dict = {kind: {} for kind in kinds}
    rows = ApiIndexCount.objects.filter(locale=locale, facet=facet, kind__in=kinds)
    for kind, value, n in rows.values_list("kind", "value", "items"):
        found[kind][value] = n
    return found
