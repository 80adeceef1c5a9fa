"""Searching the index: the ids matching a query (API ``q``) and ranked results (site search).

Each engine matches the reader's language with its own stemming, and the source-language
rows a reader falls back to with the source's: PostgreSQL ORs two ``@@`` tests (a bitmap OR
on the GIN index), SQLite's FTS5 has one tokenizer for all (``porter`` on folded words).
Visibility is read from the index's columns; nothing here reads the page tree.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from wagtail.models import Locale

from pact_pages.search.index import FTS_TABLE
from pact_pages.search.models import SearchEntry
from pact_pages.search.text import pg_config

TABLE = SearchEntry._meta.db_table
# bm25 weights of FTS5's columns: a word in the title counts ten times one in the text.
FTS_RANK = f"bm25({FTS_TABLE}, 10.0, 1.0)"


def fts_phrase(words: list[str]) -> str:
    """An FTS5 query of all ``words``, each quoted: a word never acts as an operator."""
    return " ".join(f'"{word}"' for word in words)


@dataclass
class Match:
    """A search: its words in the reader's and the source's languages."""

    words: list[str]
    locale: Locale
    source: Locale

    def _pg(self) -> tuple[str, list]:
        """The condition on a row ``e`` and its parameters (PostgreSQL)."""
        text = " ".join(self.words)
        reader = "document @@ plainto_tsquery(%s::regconfig, %s)"
        if self.locale.pk == self.source.pk:
            return reader, [pg_config(self.locale.language_code), text]
        condition = (
            f"(locale_id = %s AND {reader}) OR "
            "(is_source AND document @@ plainto_tsquery(%s::regconfig, %s))"
        )
        params = [self.locale.pk, pg_config(self.locale.language_code), text]
        return condition, params + [pg_config(self.source.language_code), text]

    def condition(self) -> RawSQL:
        """A filter on SearchEntry rows: the row's text matches every word."""
        if connection.vendor == "postgresql":
            sql, params = self._pg()
        else:
            sql = (
                # Unqualified: Django gives the table an alias inside a subquery.
                f"page_id IN (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s)"
            )
            params = [fts_phrase(self.words)]
        return RawSQL(f"({sql})", params, output_field=BooleanField())


def matching_ids(kind: str, match: Match) -> QuerySet:
    """The page ids of ``kind`` whose text matches (a subquery for the API's index)."""
    return SearchEntry.objects.filter(kind=kind).filter(match.condition()).values("page_id")


@dataclass
class Hit:
    page_id: int
    kind: str
    locale_id: int
    title: str
    summary: str
    url: str


class Hits:
    """The results a reader may see, best first, for Django's Paginator: ``count()`` and
    slices, one query each."""

    COLUMNS = "e.page_id, e.kind, e.locale_id, e.title, e.summary, e.url"

    def __init__(self, match: Match):
        self.match = match
        self._count: int | None = None

    def _from_where(self) -> tuple[str, list]:
        locale, source = self.match.locale, self.match.source
        if connection.vendor == "postgresql":
            condition, params = self.match._pg()
            sql = f"FROM {TABLE} e WHERE ({condition})"
        else:
            sql = (
                f"FROM {FTS_TABLE} JOIN {TABLE} e ON e.page_id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s"
            )
            params = [fts_phrase(self.match.words)]
        if locale.pk == source.pk:
            return f"{sql} AND e.locale_id = %s", [*params, source.pk]
        # The reader's language, or the source where that has no translation in the index.
        visible = (
            " AND (e.locale_id = %s OR (e.is_source AND NOT EXISTS (SELECT 1 FROM "  # noqa: S608
            f"{TABLE} t WHERE t.translation_key = e.translation_key AND t.locale_id = %s)))"
        )
        return sql + visible, [*params, locale.pk, locale.pk]

    def count(self) -> int:
        if self._count is None:
            sql, params = self._from_where()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) {sql}", params)
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _pg_rank(self) -> tuple[str, list]:
        """Each row ranked with its own language's stemming (ts_rank_cd: cover density, the
        title's weight A above the text's B)."""
        text = " ".join(self.match.words)
        locale, source = self.match.locale, self.match.source
        query = "plainto_tsquery(%s::regconfig, %s)"
        if locale.pk == source.pk:
            return f"ts_rank_cd(e.document, {query}) DESC", [pg_config(locale.language_code), text]
        rank = f"ts_rank_cd(e.document, CASE WHEN e.locale_id = %s THEN {query} ELSE {query} END)"
        params = [locale.pk, pg_config(locale.language_code), text]
        return f"{rank} DESC", params + [pg_config(source.language_code), text]

    def __getitem__(self, window: slice) -> list[Hit]:
        sql, params = self._from_where()
        if connection.vendor == "postgresql":
            rank, rank_params = self._pg_rank()
        else:
            rank, rank_params = FTS_RANK, []
        limit = window.stop - window.start
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.COLUMNS} {sql} ORDER BY {rank}, e.page_id LIMIT %s OFFSET %s",
                [*params, *rank_params, limit, window.start],
            )
            return [Hit(*found) for found in cursor.fetchall()]
