"""Writing the search index: rows from pages, the engine's text beside them.

Called by the API's read index (:func:`pact_pages.api.index.rebuild`) with the very pages it
lists, in the same transaction and for the same translation keys, so the two indexes never
disagree on what a reader may see; host page types (PACT_SEARCH_EXTRA_PAGE_MODELS) are read
here (:func:`extra_rows`). Only live, public pages get a row, fallback copies none (their
source stands for them, as in the API).
"""

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from wagtail.models import Page

from pact_pages.core.fallbacks import mark_groups, translated_copy_q
from pact_pages.core.queries import public
from pact_pages.search.backends import extra_page_models
from pact_pages.search.models import SearchEntry
from pact_pages.search.text import page_text, pg_config, summary_of

BATCH = 500
FTS_TABLE = "pact_pages_searchtext"
Kind = SearchEntry.Kind


@dataclass
class Row:
    entry: SearchEntry
    config: str  # PostgreSQL's text search configuration for the page's language
    title: str  # folded
    body: str  # folded


def row(
    page: Page,
    kind: str,
    language: str,
    source_id: int,
    url: str | None,
    related: dict[str, list[str]] | None = None,
) -> Row:
    """The search row of a live, public page in ``language``."""
    title, body = page_text(page, related)
    entry = SearchEntry(
        page_id=page.pk,
        kind=str(kind),  # the value, whichever TextChoices the caller names it with
        locale_id=page.locale_id,
        is_source=page.locale_id == source_id,
        translation_key=page.translation_key,
        title=page.title,
        summary=summary_of(page),
        url=url or "",
    )
    return Row(entry=entry, config=pg_config(language), title=title, body=body)


def available() -> bool:
    """Whether the index's table exists: not while ``migrate pact_pages zero`` deletes the
    plugin's pages (migration 0014, after this index's table is gone)."""
    return SearchEntry._meta.db_table in connection.introspection.table_names()


def delete(keys: set[uuid.UUID] | None) -> None:
    """Removes the rows of these translation keys (every row when None); the FTS5 text goes
    with them (a trigger on SQLite), the ``tsvector`` is in the row on PostgreSQL."""
    stale = SearchEntry.objects.all()
    if keys is not None:
        stale = stale.filter(translation_key__in=keys)
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # one statement, not the trigger row by row
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 (a constant)
    stale.delete()


def write(rows: Iterable[Row]) -> int:
    """Writes the rows (whole translation groups) with their text, in batches; returns how
    many."""
    rows = list(rows)
    mark_groups(item.entry for item in rows)
    written = 0
    for batch in _chunks(rows):
        if connection.vendor == "postgresql":
            _insert_postgresql(batch)
        else:
            SearchEntry.objects.bulk_create([item.entry for item in batch])
            if connection.vendor == "sqlite":
                _insert_fts(batch)
        written += len(batch)
    return written


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for item in rows:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert_postgresql(batch: list[Row]) -> None:
    """One INSERT for the batch, the row and its weighted ``tsvector`` (title A, text B)
    together: a later UPDATE would write every row twice."""
    fields = SearchEntry._meta.concrete_fields
    columns = [field.column for field in fields]
    arrays = [
        [field.get_db_prep_save(getattr(item.entry, field.attname), connection) for item in batch]
        for field in fields
    ]
    arrays += [[item.config for item in batch], [item.title for item in batch]]
    arrays.append([item.body for item in batch])
    types = [field.db_type(connection) for field in fields] + ["text", "text", "text"]
    names = [*columns, "search_config", "search_title", "search_body"]
    unnest = ", ".join(f"%s::{kind}[]" for kind in types)
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    sql = (
        f"INSERT INTO {SearchEntry._meta.db_table} ({quoted}, document) "  # noqa: S608
        f"SELECT {quoted}, "
        "setweight(to_tsvector(search_config::regconfig, search_title), 'A') || "
        "setweight(to_tsvector(search_config::regconfig, search_body), 'B') "
        f"FROM unnest({unnest}) AS v({', '.join(names)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, arrays)


def _insert_fts(batch: list[Row]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, kind) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(item.entry.page_id, item.title, item.body, item.entry.kind) for item in batch],
        )


def extra_rows(
    keys: set[uuid.UUID] | None, url_of: Callable, codes: dict[int, str], source_id: int
) -> Iterator[Row]:
    """Rows of the host's searchable page types (PACT_SEARCH_EXTRA_PAGE_MODELS)."""
    for model in extra_page_models():
        queryset = public(model.objects.live()).exclude(translated_copy_q())
        if keys is not None:
            queryset = queryset.filter(translation_key__in=keys)
        for pages in _batches(queryset):
            for page in pages:
                yield row(page, Kind.PAGE, codes[page.locale_id], source_id, url_of(page))


def _batches(queryset: QuerySet) -> Iterator[list]:
    last = 0
    while pages := list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH]):
        yield pages
        last = pages[-1].pk


FIELDS = (
    "kind",
    "locale_id",
    "is_source",
    "translation_key",
    "locale_bits",
    "title",
    "summary",
    "url",
)


def differences(fresh: Iterable[Row]) -> set:
    """Page ids whose stored row differs from ``fresh`` (missing, extra or changed)."""
    fresh = list(fresh)
    mark_groups(item.entry for item in fresh)
    new = {item.entry.page_id: item.entry for item in fresh}
    stored = {entry.page_id: entry for entry in SearchEntry.objects.all()}
    different = set(new) ^ set(stored)
    for page_id in set(new) & set(stored):
        if any(getattr(new[page_id], f) != getattr(stored[page_id], f) for f in FIELDS):
            different.add(page_id)
    return different
