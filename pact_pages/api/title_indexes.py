"""Indexes of the read index's titles in each content language's alphabetical order.

The directory and the map list signatories by name as readers of their language sort names
(:func:`pact_pages.core.collation.collated`: "Bălți" before "Brno"). Without an index in that
collation, each page of 20 names sorted every signatory first (on SQLite, through the
plugin's Python collation: a quarter of a second at 10,000 signatories). With one, the
database walks the index in order and stops after the page it shows.

A collation is the reader's language's, so the indexes follow the site's content languages
(``WAGTAIL_CONTENT_LANGUAGES``): made by migration 0018 and again after every ``migrate``
(:func:`ensure`), for a language added since. On SQLite they name the plugin's collations,
which every connection Django opens registers; a tool that writes to the table without them
fails (a tool that only reads works). After the plugin's alphabets change
(``collation.TAILORINGS``), ``REINDEX`` rebuilds them.
"""

import re

from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.coreutils import get_content_languages

from pact_pages.core.collation import postgresql_collation, sqlite_collation

TABLE = "pact_pages_apiindexentry"


def collations(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The collations the listings of the site's content languages order titles by."""
    vendor = connections[using].vendor
    languages = list(get_content_languages())
    if vendor == "sqlite":
        return {sqlite_collation(language) for language in languages}
    if vendor == "postgresql":
        named = (postgresql_collation(language, using) for language in languages)
        return {name for name in named if name}
    return set()  # another database: its own collation, no index of ours


def index_name(collation: str) -> str:
    return "pact_api_title_" + re.sub(r"\W", "_", collation.lower())[:40]


# What the lists filter on and show from the index, held in the title indexes themselves:
# walking a title index to the page shown reads no row (rows hold each item's JSON).
COVERED = (
    "locale_id",
    "is_source",
    "pillar_mask",
    "country",
    "signatory_type",
    "latitude",
    "longitude",
    "initiative_count",
)


def statement(collation: str, vendor: str) -> str:
    """Signatories only, on both databases: initiatives are listed by title only through the
    API's ``ordering=title``, which sorts the locale's initiatives without an index, as on
    PostgreSQL. Indexing them too cost a quarter of a SQLite index build and a minute or two
    of ``ANALYZE`` at 100,000 initiatives. (SQLite matches the condition against the list's
    bound ``kind = ?``: it plans with the bound value. The kind leads the SQLite index all
    the same: without statistics SQLite walks an index in order only after an equality on
    its first column.)"""
    name, quoted = index_name(collation), f'"{collation}"'
    covered = ", ".join(f'"{column}"' for column in COVERED)
    if vendor == "sqlite":
        return (
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" '
            f'("kind", "title" COLLATE {quoted}, "page_id", {covered}) WHERE "kind" = \'s\''
        )
    return (
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" '
        f'("title" COLLATE {quoted}, "page_id") INCLUDE ({covered}) WHERE "kind" = \'s\''
    )


def ensure(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Creates the missing title indexes (after ``migrate``; not after ``migrate pact_pages
    zero``, which leaves no table), replacing an older definition first."""
    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for collation in sorted(collations(using)):
            if connection.vendor == "sqlite":
                _drop_unless_partial(cursor, index_name(collation))
            cursor.execute(statement(collation, connection.vendor))


def _drop_unless_partial(cursor, name: str) -> None:
    # Databases made before the indexes became partial hold them over every entry: without
    # this, "IF NOT EXISTS" would keep the old definition.
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
    row = cursor.fetchone()
    if row is not None and "WHERE" not in row[0].upper():
        cursor.execute(f'DROP INDEX "{name}"')
