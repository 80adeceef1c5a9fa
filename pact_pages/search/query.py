"""Searching the index: the API's filter (``q``) and ranked results (site search).

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

from pact_pages.core.fallbacks import locale_bit
from pact_pages.search.index import FTS_TABLE
from pact_pages.search.models import SearchEntry
from pact_pages.search.text import pg_config

TABLE = SearchEntry._meta.db_table
# bm25 weights of FTS5's columns: a word in the title counts ten times one in the text.
FTS_RANK = f"bm25({FTS_TABLE}, 10.0, 1.0)"
# The title's words of a row (weight A): the expression of migration 0020's GIN index.
TITLE_DOCUMENT = "ts_filter(document, '{a}')"
# Scoring every match costs a few microseconds a row: a query of common words matching
# 100,000 pages would take most of a second. Beyond this many matches, the pages with every
# word in their title come first (scored if they are few), then the others, newest first.
RANK_LIMIT = 1000
# Counting every match of a common word reads every matching row (100,000 rows, most of a
# second at that size): the search page counts up to this many and says "more than" beyond.
COUNT_LIMIT = 1000
# The FTS5 matches the API's capped count reads through before giving up (Match.api_count):
# each costs four times its id gathered by the filter, so it pays only where most matches
# are in the list (a language's initiatives), not where a tenth are (the signatories).
SCAN_LIMIT = 2 * (COUNT_LIMIT + 1)


@dataclass
class Match:
    """A search: its folded words, in the reader's and the source's languages."""

    words: list[str]
    locale: Locale
    source: Locale

    @property
    def translated(self) -> bool:
        return self.locale.pk != self.source.pk

    def fts(self, title_only: bool = False) -> str:
        """An FTS5 query of all the words, each quoted: a word never acts as an operator."""
        column = "title : " if title_only else ""
        return " AND ".join(f'{column}"{word}"' for word in self.words)

    def tsquery(self, config: str) -> tuple[str, list]:
        return "plainto_tsquery(%s::regconfig, %s)", [config, " ".join(self.words)]

    def pg(self, title_only: bool = False) -> tuple[str, list]:
        """The condition on a row and its parameters (PostgreSQL); columns unqualified.

        ``title_only``: every word in the title, tested on the title's words alone (weight A,
        ``TITLE_DOCUMENT``, GIN-indexed by migration 0020) rather than on the weights of the
        whole document, which would read the tsvector of every page with the words.
        """
        document = TITLE_DOCUMENT if title_only else "document"
        query, params = self.tsquery(pg_config(self.locale.language_code))
        if not self.translated:
            return f"{document} @@ {query}", params
        fallback, fallback_params = self.tsquery(pg_config(self.source.language_code))
        condition = (
            f"((locale_id = %s AND {document} @@ {query}) "
            f"OR (is_source AND {document} @@ {fallback}))"
        )
        return condition, [self.locale.pk, *params, *fallback_params]

    def api_filter(self) -> RawSQL:
        """A filter on the API's read index: its pages whose text holds every word."""
        if connection.vendor == "postgresql":
            condition, params = self.pg()
            sql = f"page_id IN (SELECT page_id FROM {TABLE} WHERE {condition})"  # noqa: S608
        else:
            # SQLite reads the matches, then each one's row by its id, then sorts them: right
            # for a few, but 80,000 rows read for a page of 20 on a common word. "+page_id"
            # keeps the id's index out, so it walks the list's ordering index and tests the
            # ids against the matches, stopping at the page (1.1 s to 40 ms at 100,000). A
            # translation's reader's list too, where each row says whether it is listed
            # (locale_bits): not for a locale with no bit, whose test reads other rows.
            walks = not self.translated or locale_bit(self.locale.pk)
            column = "+page_id" if walks and self._common() else "page_id"
            sql = f"{column} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608
            params = [self.fts()]
        return RawSQL(sql, params, output_field=BooleanField())

    def api_count(self, entries: QuerySet, cap: int) -> int | None:
        """How many of ``entries`` (the API's list, not yet searched) hold the words, counted
        up to ``cap`` (SQLite); None when unknown, for the caller to count otherwise.

        The join is driven by FTS5's matches, each row read by its id, stopping at ``cap``
        (a common word: 1,150 rows read, not 90,000 ids gathered first: 22 to 2 ms at
        100,000). Its matches are read up to SCAN_LIMIT: a word common elsewhere but rare
        in this list would read them all, each with its row (80 ms), where the filter
        gathering the ids costs 20.
        """
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                "ORDER BY rowid LIMIT 1 OFFSET %s",
                [self.fts(), SCAN_LIMIT],
            )
            beyond = cursor.fetchone()  # None: at most SCAN_LIMIT matches, all read
        table = entries.model._meta.db_table
        where = [f"{FTS_TABLE}.rowid = {table}.page_id", f"{FTS_TABLE} MATCH %s"]
        params = [self.fts()]
        if beyond is not None:
            where.append(f"{FTS_TABLE}.rowid < %s")
            params.append(beyond[0])
        found = entries.order_by().extra(tables=[FTS_TABLE], where=where, params=params)
        counted = found[:cap].count()
        return counted if beyond is None or counted >= cap else None

    def _common(self) -> bool:
        """More than RANK_LIMIT pages hold the words (SQLite; FTS5 alone, stops there)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} "  # noqa: S608
                "MATCH %s LIMIT %s)",
                [self.fts(), RANK_LIMIT + 1],
            )
            return cursor.fetchone()[0] > RANK_LIMIT


@dataclass
class Hit:
    page_id: int
    kind: str
    locale_id: int
    title: str
    summary: str
    url: str


class Hits:
    """What a reader may see, best first, for Django's Paginator: ``count()`` and slices."""

    COLUMNS = "e.page_id, e.kind, e.locale_id, e.title, e.summary, e.url"

    def __init__(self, match: Match):
        self.match = match
        self._count: int | None = None
        self.capped = False  # more than COUNT_LIMIT matches: count() says COUNT_LIMIT

    def _from_where(self, tier: str = "") -> tuple[str, list]:
        """FROM and WHERE of the visible matching rows; ``tier``: "title", the rows with every
        word in their title, "rest" the others."""
        match = self.match
        if connection.vendor == "postgresql":
            sql, params = match.pg(title_only=tier == "title")
            sql = f"FROM {TABLE} e WHERE {sql}"
            if tier == "rest":
                title, title_params = match.pg(title_only=True)
                sql, params = f"{sql} AND NOT ({title})", [*params, *title_params]
        else:
            # CROSS JOIN: SQLite reads the FTS5 matches first, not every row then the text.
            query = match.fts(title_only=tier == "title")
            if tier == "rest":
                query = f"({query}) NOT ({match.fts(title_only=True)})"
            sql = (
                f"FROM {FTS_TABLE} CROSS JOIN {TABLE} e ON e.page_id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s"
            )
            params = [query]
        if not match.translated:
            return f"{sql} AND e.locale_id = %s", [*params, match.source.pk]
        # The reader's language, or the source where that has no translation in the index:
        # a test of the row itself (its group's locales, locale_bits), not of other rows.
        bit = locale_bit(match.locale.pk)
        if bit:
            visible = " AND (e.locale_id = %s OR (e.is_source AND (e.locale_bits & %s) = 0))"
            return sql + visible, [*params, match.locale.pk, bit]
        visible = (
            " AND (e.locale_id = %s OR (e.is_source AND NOT EXISTS (SELECT 1 FROM "  # noqa: S608
            f"{TABLE} t WHERE t.translation_key = e.translation_key AND t.locale_id = %s)))"
        )
        return sql + visible, [*params, match.locale.pk, match.locale.pk]

    def _counted(self, tier: str, limit: int) -> int:
        """The number of matches of ``tier``, counted up to ``limit`` (more gives ``limit``):
        the engine stops reading at the limit, whatever the number of matches."""
        sql, params = self._from_where(tier)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 {sql} LIMIT %s) m", [*params, limit])
            return cursor.fetchone()[0]

    def count(self) -> int:
        """The number of matches, up to COUNT_LIMIT (``capped`` when there are more): pages
        beyond the thousandth result are not offered, the reader is told there are more."""
        if self._count is None:
            counted = self._counted("", COUNT_LIMIT + 1)
            self.capped = counted > COUNT_LIMIT
            self._count = min(counted, COUNT_LIMIT)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _rank(self) -> tuple[str, list]:
        """Best first: bm25 (SQLite) or ts_rank_cd (PostgreSQL: cover density, weight A of
        the title above B of the text), each row with its own language's stemming."""
        if connection.vendor != "postgresql":
            return f"{FTS_RANK}, {FTS_TABLE}.rowid DESC", []
        query, params = self.match.tsquery(pg_config(self.match.locale.language_code))
        if not self.match.translated:
            return f"ts_rank_cd(e.document, {query}) DESC, e.page_id DESC", params
        source = pg_config(self.match.source.language_code)
        fallback, fallback_params = self.match.tsquery(source)
        rank = (
            f"ts_rank_cd(e.document, CASE WHEN e.locale_id = %s THEN {query} ELSE {fallback} END)"
        )
        return f"{rank} DESC, e.page_id DESC", [self.match.locale.pk, *params, *fallback_params]

    @staticmethod
    def _newest() -> str:
        # FTS5 walks its matches by descending rowid (the page id) and stops at the LIMIT.
        return "e.page_id DESC" if connection.vendor == "postgresql" else f"{FTS_TABLE}.rowid DESC"

    def _rows(self, tier: str, ranked: bool, offset: int, limit: int) -> list[Hit]:
        sql, params = self._from_where(tier)
        order, order_params = self._rank() if ranked else (self._newest(), [])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.COLUMNS} {sql} ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, *order_params, limit, offset],
            )
            return [Hit(*found) for found in cursor.fetchall()]

    def __getitem__(self, window: slice) -> list[Hit]:
        start, stop = window.start or 0, window.stop
        if self.count() <= RANK_LIMIT and not self.capped:
            return self._rows("", True, start, stop - start)
        # Common words: the title matches first, then the others, newest first. The title
        # matches are counted up to the rank limit: exact where the page needs it (when it
        # starts after them, there are fewer than ``stop`` <= COUNT_LIMIT of them).
        titled = self._counted("title", max(RANK_LIMIT, COUNT_LIMIT) + 1)
        hits = []
        if start < titled:
            end = min(stop, titled)
            hits += self._rows("title", titled <= RANK_LIMIT, start, end - start)
        if stop > titled:
            rest = max(0, start - titled)
            # Without title matches, the rest is every match: no NOT to compute.
            hits += self._rows("rest" if titled else "", False, rest, stop - titled - rest)
        return hits
