"""Initiative lists (library, home page, profile, related stories) read from the API's read
index a page at a time.

Filtering, ordering and counting 100,000 initiative pages per request (live, public, under a
live signatory, in the reader's language, by first publication in any language) made the
library take over half a second, and its cost grew with the site. The read index
(:mod:`pact_pages.api.index`) holds one row per listable initiative with the columns these
lists filter and sort on: the ids of what a page shows come from its indexes with a LIMIT,
the count from a stored total (unfiltered) or an index, and only the shown initiatives are
then loaded, with what their cards need.

Nothing changes for the reader: the index holds exactly what :func:`.queries.live_initiatives`
lists (it is built from it), each initiative once in the reader's language, ordered by its
first publication in any language (:func:`.queries.with_initiative_dates`), kept fresh before
every read (:data:`~pact_pages.core.signals.index_read`).

The index sits above this module (it builds its rows from :mod:`.queries`): its models are
looked up by name.
"""

from collections.abc import Iterator, Sequence

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery, Sum
from wagtail.models import Locale, Page

from pact_pages.core.fallbacks import untranslated_in
from pact_pages.core.queries import (
    CARD_IMAGE_SPEC,
    CARD_PICTURE,
    _images_with,
    in_row_order,
    picture_specs,
)
from pact_pages.core.reader_links import source_language
from pact_pages.core.signals import index_read
from pact_pages.initiatives.queries import decorate_initiatives
from pact_pages.pillars.models import PILLAR_SLUGS

INITIATIVE_ENTRY = "i"  # ApiIndexEntry.Kind.INITIATIVE
NEWEST = ("-first_published_at", "-page_id")
ROW = ("page_id", "first_published_at")  # what cards() needs of each row


def _model(name: str):
    return apps.get_model("pact_pages", name)


def _entries() -> QuerySet:
    """The initiative rows of the read index, fresh for this thread's own changes."""
    entry = _model("ApiIndexEntry")
    index_read.send(sender=entry)
    return entry.objects.filter(kind=INITIATIVE_ENTRY)


def in_language(entries: QuerySet, locale: Locale) -> list[QuerySet]:
    """``entries`` as readers of ``locale`` see them, each initiative once: in ``locale`` where
    translated, in the source language otherwise (as :func:`pact_pages.api.index.in_language`).

    In another language than the source's, two disjoint parts that the date index orders and
    limits each on its own (:class:`IndexedInitiatives` merges them): asked for their union in
    date order, the database sorted every row of both.
    """
    if locale.language_code == source_language():
        return [entries.filter(locale=locale)]
    source = Locale.objects.filter(language_code=source_language()).values("pk")[:1]
    untranslated = entries.filter(locale=Subquery(source)).filter(
        untranslated_in(_entries(), locale.pk)
    )
    return [entries.filter(locale=locale), untranslated]


def pillar_masks(slugs: Sequence[str]) -> list[int]:
    """The ``pillar_mask`` values of the initiatives under at least one of these Ps.

    A list of values rather than a bit test: the database then reads the matching rows (and
    counts them) from an index instead of testing every row.
    """
    bits = sum(1 << PILLAR_SLUGS.index(slug) for slug in set(slugs) if slug in PILLAR_SLUGS)
    return [mask for mask in range(1, 1 << len(PILLAR_SLUGS)) if mask & bits]


def filtered(
    entries: QuerySet,
    *,
    pillars: Sequence[str] = (),
    country: str = "",
    tag: str = "",
    status: str = "",
    for_children: bool = False,
) -> QuerySet:
    """The rows matching the library's filters (any of the Ps; country, tag, status; with a
    version for children)."""
    if pillars:
        entries = entries.filter(pillar_mask__in=pillar_masks(pillars))
    if country:
        entries = entries.filter(country=country)
    if tag:
        entries = entries.filter(tags__slug=tag)
    if status:
        entries = entries.filter(status=status)
    if for_children:
        entries = entries.filter(for_children=True)
    return entries


def stored_total(locale: Locale, pillars: Sequence[str] = ()) -> int | None:
    """The list's total in ``locale``, unfiltered or filtered by these Ps alone, recounted
    when the index changes (``pact_pages.api.mask_counts``); None if not counted yet."""
    if pillars:
        figures = _model("ApiIndexFigure").objects.filter(name__in=_mask_names(locale, pillars))
        found = figures.aggregate(rows=Count("pk"), total=Sum("value"))
        expected = len(pillar_masks(pillars))
        return (found["total"] or 0) if found["rows"] == expected else None
    totals = _model("ApiIndexTotal").objects.filter(kind=INITIATIVE_ENTRY, locale=locale)
    return totals.values_list("total", flat=True).first()


def _mask_names(locale: Locale, pillars: Sequence[str]) -> list[str]:
    # The names pact_pages.api.mask_counts stores (features do not import the API).
    return [f"mask:{INITIATIVE_ENTRY}:{locale.pk}:{mask}" for mask in pillar_masks(pillars)]


class IndexedInitiatives:
    """A list of initiatives for a ``Paginator``: ``entries`` in the reader's language
    (:func:`in_language`), counted, sliced and ordered (newest first) in the read index; a
    slice loads only its own pages, ready for cards.

    ``total``, when known (a stored figure), spares the count.
    """

    def __init__(self, entries: QuerySet, locale: Locale, total: int | None = None, pillars=None):
        self.parts = [part.order_by(*NEWEST) for part in in_language(entries, locale)]
        self.locale = locale
        self.pillars = pillars
        self._count = total

    def count(self) -> int:
        if self._count is None:
            union = self.parts[0].order_by()
            for part in self.parts[1:]:
                union |= part.order_by()
            self._count = union.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            (page,) = self[index : index + 1]
            return page
        return cards(self.rows(index), self.locale, self.pillars)

    def rows(self, index: slice) -> list:
        """The (page id, first publication) rows of a slice of the list."""
        if len(self.parts) == 1:
            return list(self.parts[0].values_list(*ROW)[index])
        # Each part's first ``stop`` rows hold the merged list's first ``stop``.
        merged = (row for part in self.parts for row in part.values_list(*ROW)[: index.stop])
        return sorted(merged, key=_newest_first)[index]

    def __iter__(self) -> Iterator:
        return iter(self[:])


def newest(entries: QuerySet, locale: Locale, limit: int, pillars=None) -> list:
    """The ``limit`` newest initiatives of ``entries`` in the reader's language, for cards."""
    return IndexedInitiatives(entries, locale, pillars=pillars)[:limit]


def all_initiatives() -> QuerySet:
    """Every initiative row of the read index (in every language), for :func:`in_language`."""
    return _entries()


def cards(
    rows: list, locale: Locale, pillars: dict | None = None, signatories: Sequence[Page] = ()
) -> list:
    """The initiatives of ``rows`` (page id, first publication), in their order, with their
    Ps (in the reader's language), signatory and card picture: four queries for any number
    (three when ``signatories`` holds every parent).

    ``initiative_published_at`` is the index's date: the first publication in any language.
    """
    if not rows:
        return []
    pillar_links = (
        _model("InitiativePillar").objects.select_related("pillar").order_by("sort_order")
    )
    pages = (
        _model("InitiativePage")
        .objects.filter(pk__in=[page_id for page_id, _date in rows])
        .prefetch_related(
            Prefetch("pillar_links", queryset=pillar_links),
            Prefetch(
                "featured_image",
                queryset=_images_with(CARD_IMAGE_SPEC, *picture_specs(CARD_PICTURE)),
            ),
        )
    )
    listed = in_row_order(pages, rows, "initiative_published_at")
    return decorate_initiatives(listed, locale, pillars, signatories)


def of_signatory(signatory: Page, locale: Locale) -> list:
    """The initiatives under ``signatory`` (any of its translations), newest first, ready
    for cards: each once, in ``locale`` where translated, in the source language otherwise.

    The signatory's rows in every language come from one index lookup; the language is chosen
    and the rows sorted here. Asked to do both, the database walked the date index of every
    initiative on the site to find the signatory's few.
    """
    entry = _model("ApiIndexEntry")
    index_read.send(sender=entry)
    rows = entry.objects.filter(signatory_key=signatory.translation_key).values_list(
        *ROW, "translation_key", "locale_id", "is_source"
    )
    chosen: dict = {}
    for *row, key, locale_id, is_source in rows:
        if locale_id == locale.pk or (is_source and key not in chosen):
            chosen[key] = tuple(row)
    return cards(sorted(chosen.values(), key=_newest_first), locale, signatories=[signatory])


def _newest_first(row: tuple) -> tuple:
    page_id, published = row
    return (-published.timestamp() if published else 0, -page_id)


RELATED_LIMIT = 3


def related(
    page: Page,
    locale: Locale,
    *,
    pillar_slugs: Sequence[str],
    tag_slugs: Sequence[str],
    limit: int = RELATED_LIMIT,
) -> list:
    """Up to ``limit`` other listed initiatives sharing a tag or one of the Ps of ``page``.

    Those sharing a tag come first (closer in subject than a P, which a quarter of all
    stories share), then the newest. Never the page itself in any language. The page's
    slugs are passed in: get_context has them already.

    Two queries, each newest first with a LIMIT, rather than one ordered by "shares a tag":
    the database then walks the newest rows and stops after ``limit`` matches, where the
    single query tested and sorted every initiative (3 s a page at 100,000 initiatives,
    docs/reliability.md). The second runs only when fewer than ``limit`` share a tag.
    """
    others = _entries().exclude(translation_key=page.translation_key)
    rows = []
    if tag_slugs:
        tagged = _model("ApiIndexTag").objects.filter(entry=OuterRef("pk"), slug__in=tag_slugs)
        rows = IndexedInitiatives(others.filter(Exists(tagged)), locale).rows(slice(limit))
    if len(rows) < limit and pillar_slugs:
        # Fewer than ``limit`` share a tag: all of them are in, the rest share only a P.
        sharing = others.filter(pillar_mask__in=pillar_masks(pillar_slugs)).exclude(
            page_id__in=[page_id for page_id, _date in rows]
        )
        rows += IndexedInitiatives(sharing, locale).rows(slice(limit - len(rows)))
    return cards(rows, locale)
