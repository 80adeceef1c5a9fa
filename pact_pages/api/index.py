"""The API's read index (:class:`~pact_pages.api.models.ApiIndexEntry`): built, kept fresh, read.

Each listable page's list item is serialised once, by the same code as the detail
endpoints (:mod:`.serializers`), through an ``IndexReader`` that writes placeholders instead
of what depends on the request (:mod:`.index_reader`). A response fills them in with a few
string replacements and one split and join over the whole page of results, so a list costs
one query for the rows (plus the stored total, :class:`~pact_pages.api.models.ApiIndexTotal`)
and no per-item Python work beyond that.

Freshness: signal handlers (:mod:`.index_signals`, connected in ``PactPagesConfig.ready``)
note the translation keys of the pages that changed; the notes are applied when the
transaction commits, and before any read from the index in the same thread (so a request, a
script or a test sees its own changes). ``manage.py rebuild_api_index`` rebuilds everything.
"""

import datetime
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from pact_pages.api import geojson, serializers, title_indexes
from pact_pages.api.figures import stale_figures
from pact_pages.api.index_counts import adjusted, complete, stale
from pact_pages.api.index_counts import recount as count_all
from pact_pages.api.index_reader import IndexReader, _dump
from pact_pages.api.index_search import _extra_rows, _search_row, start_search_rows
from pact_pages.api.models import ApiIndexEntry, ApiIndexTag, ApiIndexTotal
from pact_pages.core.fallbacks import listed_in, mark_groups, translated_copy_q
from pact_pages.core.queries import LOGO_SPEC
from pact_pages.events.models import EventPage
from pact_pages.initiatives.models import (
    InitiativePage,
    InitiativePillar,
)
from pact_pages.initiatives.queries import initiatives_for_listing, live_initiatives
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.search import index as search_index
from pact_pages.search.models import SearchEntry
from pact_pages.signatories.models import SignatoryPage
from pact_pages.signatories.queries import live_signatories

# Sort key of a live page without a publication date (imports): the oldest, never NULL, so
# that cursors can compare it.
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
BATCH = 500
Kind = ApiIndexEntry.Kind


# --- Building --------------------------------------------------------------------------------


def _pillar_mask(slugs: Iterable[str]) -> int:
    return sum(1 << PILLAR_SLUGS.index(slug) for slug in set(slugs) if slug in PILLAR_SLUGS)


def mask_for(slugs: Iterable[str]) -> int:
    """The bits of ``pillar_mask`` that stand for the given P slugs."""
    return _pillar_mask(slugs)


def _entry(reader: IndexReader, page: Page, item: dict, **fields) -> ApiIndexEntry:
    """The entry of a serialised page: the columns every kind has, then ``fields``."""
    return ApiIndexEntry(
        page_id=page.pk,
        locale_id=page.locale_id,
        is_source=page.locale_id == reader.source.pk,
        translation_key=page.translation_key,
        title=page.title,
        # The item's own date (first publication in any language), as its JSON gives it:
        # "newest" orders a translation of an old story by the story, not the translation.
        first_published_at=item["first_published_at"] or EPOCH,
        last_published_at=page.last_published_at,
        data=_dump(item),
        **fields,
    )


def _signatory_rows(reader: IndexReader, keys: set[uuid.UUID] | None) -> Iterable:
    # Not signatories_for_listing(): its per-row initiative count is a correlated subquery
    # over every initiative; _children_facts counts a whole batch in one query instead.
    # A fallback copy (an alias holding the source's text) is listed as its source is.
    queryset = (
        live_signatories()
        .exclude(translated_copy_q())
        .prefetch_related(
            Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(LOGO_SPEC))
        )
    )
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    for pages in _batches(queryset):
        children = _children_facts(pages)
        for page in pages:
            page.initiative_count = len(children.get(page.translation_key, {}))
        items = serializers.signatories(reader, pages, live_signatories())
        for page, item in zip(pages, items, strict=True):
            committed = [slug for slug in PILLAR_SLUGS if getattr(page, f"commitment_{slug}")]
            entry = _entry(
                reader,
                page,
                item,
                kind=Kind.SIGNATORY,
                country=page.country,
                signatory_type=page.signatory_type,
                signed_on=page.signed_on,
                latitude=page.latitude,
                longitude=page.longitude,
                feature=_dump(feature) if (feature := geojson.feature(item)) else "",
                initiative_count=page.initiative_count,
                commitment_mask=_pillar_mask(committed),
                pillar_mask=_pillar_mask(
                    committed
                    + [
                        slug
                        for slugs in children.get(page.translation_key, {}).values()
                        for slug in slugs
                    ]
                ),
            )
            yield entry, [], _search_row(reader, page, Kind.SIGNATORY)


def _batches(queryset: QuerySet) -> Iterable[list]:
    """The queryset in lists of BATCH pages, by increasing id (no OFFSET scans)."""
    last = 0
    while True:
        pages = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not pages:
            return
        yield pages
        last = pages[-1].pk


def _children_facts(signatories: list) -> dict:
    """Signatory key → {initiative key: its P slugs}, for the published initiatives under
    any translation of each signatory: three queries for a whole batch."""
    keys = {page.translation_key for page in signatories}
    translations = SignatoryPage.objects.filter(translation_key__in=keys)
    key_of = dict(translations.values_list("path", "translation_key"))
    if not key_of:
        return {}
    children = (
        live_initiatives()
        .annotate(parent_path=_parent_of("path"))
        .filter(parent_path__in=list(key_of))
        .values_list("pk", "path", "translation_key")
    )
    facts: dict = {}
    place = {}  # initiative page id → (signatory key, initiative key)
    for pk, path, key in children:
        signatory_key = key_of[path[: -Page.steplen]]
        facts.setdefault(signatory_key, {}).setdefault(key, set())
        place[pk] = (signatory_key, key)
    links = InitiativePillar.objects.filter(page_id__in=list(place))
    for page_id, slug in links.values_list("page_id", "pillar__slug"):
        signatory_key, key = place[page_id]
        facts[signatory_key][key].add(slug)
    return facts


def _parent_of(path_field: str) -> Substr:
    return Substr(path_field, 1, Length(path_field) - Page.steplen)


def _initiative_rows(reader: IndexReader, keys: set[uuid.UUID] | None) -> Iterable:
    queryset = initiatives_for_listing(None).exclude(translated_copy_q())
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    for pages in _batches(queryset):
        items = serializers.initiatives(reader, pages, live_initiatives())
        for page, item in zip(pages, items, strict=True):
            signatory = page.signatory
            entry = _entry(
                reader,
                page,
                item,
                kind=Kind.INITIATIVE,
                country=signatory.country if signatory else "",
                status=page.status,
                signatory_key=signatory.translation_key if signatory else None,
                for_children=page.has_children_version,
                pillar_mask=_pillar_mask(link.pillar.slug for link in page.pillar_links.all()),
            )
            tagged = [tagged.tag for tagged in page.tagged_items.all()]
            names = {"tags": [tag.name for tag in tagged]}
            search_row = _search_row(reader, page, Kind.INITIATIVE, names)
            yield entry, [tag.slug for tag in tagged], search_row


def _write(rows: Iterable, search: bool) -> int:
    entries, tags, search_rows = [], [], []
    for entry, slugs, search_row in rows:
        entries.append(entry)
        tags.extend(ApiIndexTag(entry_id=entry.page_id, slug=slug) for slug in set(slugs))
        search_rows.append(search_row)
    mark_groups(entries)
    ApiIndexEntry.objects.bulk_create(entries, batch_size=BATCH)
    title_indexes.write(entries)
    ApiIndexTag.objects.bulk_create(tags, batch_size=BATCH)
    if search:
        search_index.write(search_rows)
    return len(entries)


def rebuild(keys: set[uuid.UUID] | None = None) -> int:
    """Rebuilds the entries of the given translation keys (all entries when None).

    Returns the number of entries written.
    """
    reader = IndexReader()
    # The stored counts follow by the difference the replaced rows make (index_counts).
    counts = adjusted(keys, reader.source, in_language)
    with transaction.atomic(), translation.override(reader.ui_language), counts:
        replaced = ApiIndexEntry.objects.all()
        if keys is not None:
            replaced = replaced.filter(translation_key__in=keys)
        replaced.delete()
        search = start_search_rows(reader, keys)
        written = _write(_signatory_rows(reader, keys), search)
        written += _write(_initiative_rows(reader, keys), search)
    return written


def recount(source: Locale) -> None:
    """Counts everything stored with the index again (:mod:`.index_counts`): list totals,
    per-P-combination and facet counts, figures. A publish adjusts them instead."""
    count_all(source, in_language)


def total(kind: str, locale: Locale) -> int | None:
    """The stored total of an unfiltered list (None if the index has not counted it yet)."""
    row = ApiIndexTotal.objects.filter(kind=kind, locale=locale).values_list("total", flat=True)
    return row.first()


def differences() -> int:
    """Number of pages whose entry (or search row) differs from a fresh build, plus stored
    list totals that differ from a count (0 when the index is exact)."""
    flush()
    reader = IndexReader()
    with translation.override(reader.ui_language):
        fresh, search_rows = {}, list(_extra_rows(reader, None))
        for rows in (_signatory_rows(reader, None), _initiative_rows(reader, None)):
            for entry, tags, search_row in rows:
                fresh[entry.page_id] = (entry, sorted(set(tags)))
                search_rows.append(search_row)
    mark_groups(entry for entry, _tags in fresh.values())
    fields = [field.attname for field in ApiIndexEntry._meta.concrete_fields]
    stored = {entry.page_id: entry for entry in ApiIndexEntry.objects.prefetch_related("tags")}
    different = (set(fresh) ^ set(stored)) | search_index.differences(search_rows)
    different |= stale(Locale.get_default(), in_language) | stale_figures()
    for page_id in set(fresh) & set(stored):
        (new, tags), old = fresh[page_id], stored[page_id]
        if any(getattr(new, name) != getattr(old, name) for name in fields) or tags != sorted(
            tag.slug for tag in old.tags.all()
        ):
            different.add(page_id)
    return len(different)


def rebuild_if_empty(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After ``migrate``: builds the index once for a site that has pages but no index yet.

    Not after ``migrate pact_pages zero``, which leaves no table to read or build it in.
    """
    tables = set(connections[using].introspection.table_names())
    needed = {ApiIndexEntry._meta.db_table, SearchEntry._meta.db_table}
    if not needed | {SignatoryPage._meta.db_table} <= tables:
        return
    # The search index came later (migration 0017): a site upgraded to it has an API index.
    empty = not ApiIndexEntry.objects.exists() or not SearchEntry.objects.exists()
    if empty and SignatoryPage.objects.live().exists():
        rebuild()
    elif not empty and not complete():  # counts added since (migration 0023), or a language
        with transaction.atomic():
            recount(Locale.get_default())


# --- Keeping it fresh ------------------------------------------------------------------------

_pending = threading.local()


def _keys() -> set:
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    return _pending.keys


def _related_keys(pages: QuerySet) -> set:
    """The keys of these pages, of their signatories and of their initiatives."""
    rows = list(pages.values_list("translation_key", "path", "content_type__model"))
    keys = {key for key, _path, _model in rows}
    parent_paths = {path[: -Page.steplen] for _key, path, model in rows if model != "signatorypage"}
    signatory_paths = [path for _key, path, model in rows if model == "signatorypage"]
    if parent_paths:
        keys |= set(
            SignatoryPage.objects.filter(path__in=parent_paths).values_list(
                "translation_key", flat=True
            )
        )
    if signatory_paths:
        children = InitiativePage.objects.annotate(parent_path=_parent_of("path")).filter(
            parent_path__in=signatory_paths
        )
        keys |= set(children.values_list("translation_key", flat=True))
    # Events' search rows go with the page they are published under (index_search): a
    # signatory or the calendar taken down takes them out of the site search.
    holders = [path for _key, path, model in rows if model in ("signatorypage", "calendarpage")]
    if holders:
        events = EventPage.objects.annotate(parent_path=_parent_of("path"))
        keys |= set(
            events.filter(parent_path__in=holders).values_list("translation_key", flat=True)
        )
    return keys


@contextmanager
def deferred() -> Iterator[None]:
    """Within the block, changes are not applied entry by entry; at its end the whole index
    is rebuilt once. For bulk loads (the demo's hundreds of pages): rebuilding the entries
    touched by each commit took a third of the load's time."""
    _pending.deferred = True
    try:
        yield
    finally:
        _pending.deferred = False
        _keys().clear()
    rebuild()


def note_changed(pages: QuerySet | None = None, keys: Iterable = ()) -> None:
    """Notes that these pages (and what lists them) need their entries rebuilt."""
    if getattr(_pending, "deferred", False):
        return
    pending = _keys()
    pending.update(keys)
    if pages is not None:
        pending.update(_related_keys(pages))
    if pending:
        # robust: a failure is logged, not raised into the request that already committed;
        # the notes stay pending and the next read retries.
        transaction.on_commit(flush, robust=True)


def flush() -> None:
    """Applies the pending notes of this thread (called on commit and before reads)."""
    if getattr(_pending, "deferred", False):
        return
    pending = _keys()
    if not pending:
        return
    keys = set(pending)
    # Translations of the noted pages list each other: rebuild whole translation groups,
    # with their signatories and initiatives.
    keys |= _related_keys(Page.objects.filter(translation_key__in=keys))
    try:
        rebuild(keys)
    except IntegrityError:
        # Another process rebuilt the same entries at the same moment: once more, after it.
        rebuild(keys)
    pending.difference_update(keys)


def entries(kind: str) -> QuerySet:
    """The index rows of ``kind``, fresh for this thread's own changes."""
    flush()
    return ApiIndexEntry.objects.filter(kind=kind)


def in_language(queryset: QuerySet, locale: Locale, source: Locale) -> QuerySet:
    """Each item once: in ``locale`` where translated, in the source language otherwise."""
    if locale.pk == source.pk:
        return queryset.filter(locale=source)
    return queryset.filter(listed_in(queryset, locale.pk))


__all__ = [
    "differences",
    "entries",
    "flush",
    "in_language",
    "mask_for",
    "note_changed",
    "rebuild",
]
