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
# bm25 weights of FTS5's columns: a word in the title counts ten times one in the text; the
# kind column (migration 0028) is a filter, never a match of the reader's words.
FTS_RANK = f"bm25({FTS_TABLE}, 10.0, 1.0, 0.0)"
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
# Words of this many letters or fewer may stem to a kind's letter in FTS5's kind column
# ("ies" gives "i"): they are looked for in the title and the text columns only.
SHORT = 4
# The share of a list's items holding the words from which the API's list is walked in
# its order, each row asked about, rather than read from the matches (SQLite).
DENSE = 0.25
# The matches from which the API's list is walked in its order below DENSE too, each row
# looked up in the matches' ids gathered once (SQLite): 0.1 µs a row walked, where reading
# each match's row by its id and sorting them costs 3 µs a match. At 100,000 items a word in
# 12,000 took 39 ms read from its matches, 2.6 walked; a word in 20 takes 0.1 ms from its
# matches, 10 walked: below this many the matches lead.
GATHERED_WALK = 200


@dataclass
class Match:
    """A search: its folded words, in the reader's and the source's languages."""

    words: list[str]
    locale: Locale
    source: Locale

    @property
    def translated(self) -> bool:
        return self.locale.pk != self.source.pk

    def fts(self, title_only: bool = False, kind: str | None = None) -> str:
        """An FTS5 query of all the words, each quoted: a word never acts as an operator.

        The words are looked for in the title and the text only (a word "s" is no kind);
        ``kind``: the rows of that kind only, tested inside FTS5 (migration 0028), so that a
        common word's matches of other kinds are never read.
        """
        words = " AND ".join(f'"{word}"' for word in self.words)
        if title_only:
            query = f"title : ({words})"
        elif any(len(word) <= SHORT for word in self.words):
            query = f"{{title body}} : ({words})"
        else:
            # A longer word never stems to a kind's letter: no column filter, which costs
            # a third more a row (SQLite 3.40).
            query = words
        return f'{query} AND kind : "{kind}"' if kind else query

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

    def api_filter(
        self, kind: str, table: str, total: int | None = None, walks: bool = False
    ) -> RawSQL:
        """A filter on the API's read index (``table``): its pages of ``kind`` whose text
        holds every word. ``walks``: the list is read in the order of an index SQLite can
        walk (newest or oldest first); ``total``: its items when the words alone filter it.
        """
        if connection.vendor == "postgresql":
            condition, params = self.pg()
            sql = f"page_id IN (SELECT page_id FROM {TABLE} WHERE kind = %s AND {condition})"  # noqa: S608
            return RawSQL(sql, [kind, *params], output_field=BooleanField())
        # SQLite reads the matches, then each one's row by its id, then sorts them: right
        # for a few, 3 µs a match. For a word in most pages of the kind it walks the list's
        # ordering index and asks FTS5 about each row's id (a seek in the word's list,
        # 50-250 µs), stopping at the page: 25 rows tested, where gathering the 90,000
        # matches' ids first took 40-90 ms at 100,000. Between the two it walks the index
        # too, each row looked up in the matches' ids gathered once (GATHERED_WALK). A
        # translation's reader's list too, where each row says whether it is listed
        # (locale_bits): not for a locale with no bit, whose test reads other rows.
        walks = walks and (not self.translated or locale_bit(self.locale.pk))
        common = int(DENSE * total) + 1 if total is not None else GATHERED_WALK
        matches = self._matches(max(common, GATHERED_WALK)) if walks else 0
        if total is not None and matches >= common:
            sql = (
                f"EXISTS (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"AND {FTS_TABLE}.rowid = {table}.page_id)"
            )
            return RawSQL(sql, [self.fts()], output_field=BooleanField())
        # The unary + keeps SQLite from reading the rows by the matches' ids: the list's
        # index leads, the matches are a lookup.
        column = "+page_id" if matches >= GATHERED_WALK else "page_id"
        sql = f"{column} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608
        return RawSQL(sql, [self.fts(kind=kind)], output_field=BooleanField())

    def count(self, kind: str, cap: int) -> int:
        """How many items of ``kind`` a reader may see hold the words, counted up to ``cap``:
        from the search index alone, whose rows of a kind are the API's unfiltered list of
        that kind (the same pages, written together). The engine stops at ``cap`` and reads
        no API row: PostgreSQL's join of the two tables read every match of a common word.
        """
        return Hits(self, kind)._counted("", cap)

    def api_count(self, entries: QuerySet, kind: str, cap: int) -> int | None:
        """How many of ``entries`` (the API's list of ``kind``, not yet searched) hold the
        words, counted up to ``cap`` (SQLite); None when unknown, for the caller to count
        otherwise.

        The join is driven by FTS5's matches, each row read by its id, stopping at ``cap``
        (a common word: 1,150 rows read, not 90,000 ids gathered first: 22 to 2 ms at
        100,000). Its matches are read up to SCAN_LIMIT: a word common elsewhere but rare
        in this list would read them all, each with its row (80 ms), where the filter
        gathering the ids costs 20. The matches are of ``kind`` only (FTS5's kind column).
        """
        query = self.fts(kind=kind)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                "ORDER BY rowid LIMIT 1 OFFSET %s",
                [query, SCAN_LIMIT],
            )
            beyond = cursor.fetchone()  # None: at most SCAN_LIMIT matches, all read
        table = entries.model._meta.db_table
        where = [f"{FTS_TABLE}.rowid = {table}.page_id", f"{FTS_TABLE} MATCH %s"]
        params = [query]
        if beyond is not None:
            where.append(f"{FTS_TABLE}.rowid < %s")
            params.append(beyond[0])
        found = entries.order_by().extra(tables=[FTS_TABLE], where=where, params=params)
        counted = found[:cap].count()
        return counted if beyond is None or counted >= cap else None

    def _matches(self, cap: int) -> int:
        """FTS5's matches of every kind and language, counted up to ``cap`` (SQLite, 0.1 µs
        a match): how many of a list's items may hold the words."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} "  # noqa: S608
                "MATCH %s LIMIT %s)",
                [self.fts(), cap],
            )
            return cursor.fetchone()[0]


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

    def __init__(self, match: Match, kind: str | None = None):
        self.match = match
        self.kind = kind  # the rows of this kind only (the API's count), or every kind
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
            if self.kind:  # a constant: the signatories' own GIN index (migration 0028)
                sql += f" AND e.kind = '{SearchEntry.Kind(self.kind).value}'"
        else:
            # CROSS JOIN: SQLite reads the FTS5 matches first, not every row then the text.
            query = match.fts(title_only=tier == "title", kind=self.kind)
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
