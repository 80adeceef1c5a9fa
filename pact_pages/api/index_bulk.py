"""A whole rebuild of the read index and the search index for bulk loads (data sets, imports).

:func:`rebuild_all` writes exactly what :func:`pact_pages.api.index.rebuild` writes (it runs
it), faster when every row is written anew:

- the old rows go with one ``DELETE`` a table, not through Django's collector (which loads
  every entry and sends two signals for each: 13 s of a 1,000-signatory rebuild);
- the tables' secondary indexes are dropped while the rows go in and created again after,
  each built once from sorted rows instead of taking ~120,000 inserts one by one. On
  PostgreSQL the search index's two GIN indexes (``fastupdate=off``, so that readers never
  scan a pending list) cost half the database's time of a rebuild that way.

It holds the tables locked for the whole rebuild (a ``DROP INDEX``): for a site being loaded,
not one being read. A live site rebuilds with ``index.rebuild`` (``rebuild_api_index``).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from pact_pages.api import index
from pact_pages.api.models import ApiIndexEntry
from pact_pages.search.index import FTS_TABLE
from pact_pages.search.models import SearchEntry


def tables() -> list[str]:
    """The index's tables: the entries' own rows (tags…, whatever refers to an entry: the
    rebuild's delete of an entry takes them along), the entries, the search rows. Children
    first: a DELETE of a parent table checks the rows that refer to it."""
    children = [relation.related_model for relation in ApiIndexEntry._meta.related_objects]
    models = [*children, ApiIndexEntry, SearchEntry]
    return list(dict.fromkeys(model._meta.db_table for model in models))


def empty() -> None:
    """Deletes every row of the index tables, one statement each (the FTS5 text too)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 (constants)
        for table in tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def secondary_indexes(tables: list[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the tables' indexes that enforce nothing (not primary
    keys, not unique), as the database itself states them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique "
                "AND NOT i.indisprimary ORDER BY c.relname",
                [[connection.ops.quote_name(table) for table in tables]],
            )
            return list(cursor.fetchall())
        if connection.vendor == "sqlite":
            marks = ", ".join("%s" for _ in tables)
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({marks}) ORDER BY name",  # noqa: S608 (placeholders)
                tables,
            )
            return [(name, sql) for name, sql in cursor.fetchall() if "UNIQUE" not in sql.upper()]
    return []


@contextmanager
def indexes_deferred(tables: list[str]) -> Iterator[list[str]]:
    """Within a transaction: the tables' secondary indexes are dropped for the block and
    created again, with the same definitions, at its end. Yields their names."""
    found = secondary_indexes(tables)
    with connection.cursor() as cursor:
        for name, _statement in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield [name for name, _statement in found]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Pending checks of deferred foreign keys forbid CREATE INDEX on their tables;
            # they run now (as they would at the commit), and memory for sorting the GIN keys.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, statement in found:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def rebuild_all() -> int:
    """Rebuilds every entry of both indexes (as ``index.rebuild()``); returns how many."""
    with transaction.atomic():
        empty()
        with indexes_deferred(tables()):
            return index.rebuild()
