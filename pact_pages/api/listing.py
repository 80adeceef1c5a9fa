"""What the list endpoints share: the reader's language, search, paging over the read index
(offset or cursor) and picking one item for the detail endpoints."""

import json
import re

from django.db import connection
from django.db.models import Case, IntegerField, QuerySet, Subquery, Value, When
from django.http import Http404, HttpRequest, HttpResponse

from pact_pages.api import cursors, errors, index, mask_counts, serializers
from pact_pages.api.filters import (
    LocaleParams,
)
from pact_pages.api.index_reader import Filler
from pact_pages.api.schemas import (
    Problem,
)
from pact_pages.conf import pact_setting
from pact_pages.core.collation import by_title
from pact_pages.core.queries import prefer_locale
from pact_pages.core.reader_links import source_language
from pact_pages.initiatives.models import InitiativePage
from pact_pages.search.backends import uses_own_index
from pact_pages.search.query import Match
from pact_pages.search.text import query_words
from pact_pages.signatories.models import SignatoryPage

WORD = re.compile(r"\w+")
SEARCHED = {index.Kind.SIGNATORY: SignatoryPage, index.Kind.INITIATIVE: InitiativePage}
ERRORS = {400: Problem}
NOT_FOUND = {400: Problem, 404: Problem}


def _language(params: LocaleParams) -> str:
    return params.locale.value if params.locale else source_language()


def _search(
    queryset: QuerySet, kind: str, query: str, reader, walks: bool = False, alone: bool = False
) -> QuerySet:
    """Narrows ``queryset`` (read index entries of ``kind``) to the items whose text holds
    every word of ``query``: the plugin's search index, the reader's language stemmed with
    its rules and fallbacks with the source's (pact_pages.search); one subquery, the list's
    orderings kept. Only words are searched: quotes and operators mean nothing here.
    ``walks``: the list is read in the order of one of its indexes (newest first), which
    SQLite may walk for a word in many items, testing each row (a title order joins its
    keys and sorts: every row would be tested); ``alone``: no other filter narrows it.
    """
    words = query_words(query)
    if not words:
        return queryset.none()
    if uses_own_index():
        match = Match(words, reader.content_locale, reader.source)
        # The list's size tells a common word (SQLite); PostgreSQL's planner knows it.
        walks = walks and connection.vendor == "sqlite"
        total = (index.total(kind, reader.content_locale) or 0) if walks and alone else None
        table = queryset.model._meta.db_table
        searched = queryset.filter(match.api_filter(kind, table, total, walks))
        # For _searched_count, on this queryset only.
        searched.unsearched = (queryset, match, kind)
        return searched
    return _wagtail_search(queryset, SEARCHED[kind], query)


def _wagtail_search(queryset: QuerySet, model, query: str) -> QuerySet:
    """The same through Wagtail's search backend (Elasticsearch/OpenSearch).

    The search runs on the model's live pages; intersecting with ``queryset`` (which holds
    only live, public pages) keeps drafts and private pages out whatever the index holds.
    """
    words = " ".join(WORD.findall(query))  # as typed: the backend folds them its own way
    results = model.objects.live().search(words, operator="and", order_by_relevance=False)
    if hasattr(results, "get_queryset"):  # database backends: one SQL query in all
        return queryset.filter(pk__in=results.get_queryset().values("pk"))
    return queryset.filter(pk__in=[page.pk for page in results[:10_000]])


def _searched_count(entries: QuerySet, filters) -> tuple[int, bool]:
    """The matches of a search counted up to PACT_API_SEARCH_COUNT_LIMIT, and whether that
    is all of them. A common word matches most of the index: counting every match read them
    all (230-480 ms on PostgreSQL at 100,000) for a page of 20 read in a tenth of a
    millisecond. Unordered, so the engine stops at the limit instead of sorting first.
    """
    limit = pact_setting("PACT_API_SEARCH_COUNT_LIMIT")
    counted = None
    unsearched = getattr(entries, "unsearched", None)
    if unsearched is not None and _applied(filters) == {"q"}:
        # Only the words filter the list: the search index alone counts its visible rows
        # of the kind (no join of every match with the API's rows, as PostgreSQL planned).
        _queryset, match, kind = unsearched
        counted = match.count(kind, limit + 1)
    elif unsearched is not None and connection.vendor == "sqlite":
        # The filter gathers every match's id before the first row (SQLite): 90,000 for a
        # common word. Driven by the matches of the list's kind instead (FTS5's kind
        # column), the count stops at the limit where most matches are in the list.
        queryset, match, kind = unsearched
        counted = match.api_count(queryset, kind, limit + 1)
    if counted is None:
        counted = entries.order_by()[: limit + 1].count()
    return min(counted, limit), counted <= limit


def _paginate(
    request: HttpRequest, queryset, limit: int, offset: int, rows=None, count=None, exact=True
) -> dict:
    count = queryset.count() if count is None else count
    if rows is not None:
        queryset = queryset.values_list(*rows)
    if exact:
        results = list(queryset[offset : offset + limit]) if offset < count else []
        more = offset + limit < count
        back = max(0, min(offset - limit, count - limit))
    else:
        # ``count`` is a lower bound: one row more says whether another page follows.
        results = list(queryset[offset : offset + limit + 1])
        more = len(results) > limit
        results = results[:limit]
        back = max(0, offset - limit)

    def link(new_offset: int) -> str:
        params = request.GET.copy()
        params["offset"] = str(new_offset)
        params["limit"] = str(limit)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "next": link(offset + limit) if more else None,
        "previous": link(back) if offset > 0 else None,
        "results": results,
        "last": results[-1] if results else None,
    }


PAGING = {"locale", "limit", "offset", "cursor", "ordering"}


def _applied(filters) -> set[str]:
    """The names of the filters a request gives (paging and language aside)."""
    return {name for name, value in filters.model_dump(exclude=PAGING).items() if value is not None}


def _stored_total(filters, kind: str, reader) -> int | None:
    """The list's stored count: the unfiltered total (ApiIndexTotal), or the sum of the
    stored counts of the masks of the Ps asked for (:mod:`.mask_counts`) when the Ps are
    the only filter; None when other filters apply."""
    applied = _applied(filters)
    if not applied:
        return index.total(kind, reader.content_locale)
    if applied == {"pillar"} and filters.pillar:
        slugs = [pillar.value for pillar in filters.pillar]
        return mask_counts.stored_count(kind, reader.content_locale, slugs)
    return None


def _index_page(
    request: HttpRequest, reader, entries, filters, order_by: dict, count: int | None = None
) -> HttpResponse:
    """A page of results from the read index: the rows' JSON, placeholders filled in.

    Two queries: the count (none when ``count`` is known; with ``q``, up to a limit), and
    the rows.
    """
    exact = True
    if count is None and getattr(filters, "q", None):
        count, exact = _searched_count(entries, filters)
    ordering = filters.ordering.value
    if count is None:  # before the title's key joins in: a count needs no order
        count = entries.count()
    kind = index.Kind.SIGNATORY if "name" in order_by else index.Kind.INITIATIVE
    language = reader.content_locale.language_code
    entries, fields = by_title(entries, kind, language, order_by[ordering])
    names = [field.lstrip("-") for field in fields]
    entries = entries.order_by(*fields)
    if filters.cursor is not None:
        if filters.offset:
            return errors.problem(
                400,
                "Invalid parameter",
                "Invalid value for: cursor.",
                [{"parameter": "cursor", "message": "cannot be combined with offset"}],
            )
        try:
            values = cursors.decode(filters.cursor, ordering, fields)
        except cursors.InvalidCursor as error:
            return errors.problem(
                400,
                "Invalid parameter",
                "Invalid value for: cursor.",
                [{"parameter": "cursor", "message": str(error)}],
            )
        page = _cursor_page(request, entries, ordering, fields, values, filters.limit, count)
    else:
        page = _paginate(
            request,
            entries,
            filters.limit,
            filters.offset,
            rows=("data", *names),
            count=count,
            exact=exact,
        )
    last = page["last"]
    next_cursor = cursors.encode(ordering, list(last[1:])) if page["next"] else None
    body = (
        f'{{"count": {page["count"]}, "count_exact": {json.dumps(exact)}, '
        f'"next": {json.dumps(page["next"])}, '
        f'"previous": {json.dumps(page["previous"])}, "next_cursor": {json.dumps(next_cursor)}, '
        f'"results": [{", ".join(row[0] for row in page["results"])}]}}'
    )
    return HttpResponse(Filler(reader).fill(body), content_type="application/json")


def _cursor_page(
    request: HttpRequest, entries, ordering: str, fields, values: list, limit: int, count=None
) -> dict:
    names = [field.lstrip("-") for field in fields]
    count = entries.count() if count is None else count
    rows = list(cursors.after(entries, fields, values).values_list("data", *names)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_link = None
    if more:
        params = request.GET.copy()
        params["cursor"] = cursors.encode(ordering, list(rows[-1][1:]))
        params.pop("offset", None)
        next_link = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {
        "count": count,
        "next": next_link,
        "previous": None,
        "results": rows,
        "last": rows[-1] if rows else None,
    }


def _indexed(kind: str, reader) -> QuerySet:
    return index.in_language(index.entries(kind), reader.content_locale, reader.source)


def _pick(listing, live, reader: serializers.Reader, **lookup):
    """One item of ``listing`` matching ``lookup``, in the reader's language if translated.

    Returns the translation in the requested language, else the source language's, else
    the matched page itself.
    """
    preferred = Case(
        When(locale_id=reader.content_locale.pk, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    key = live.filter(**lookup).order_by(preferred, "path").values("translation_key")[:1]
    page = prefer_locale(listing.filter(translation_key=Subquery(key)), reader.content_locale)
    page = page.order_by("path").first() or listing.filter(**lookup).order_by("path").first()
    if page is None:
        raise Http404
    return page
