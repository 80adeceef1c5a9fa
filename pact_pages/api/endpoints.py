"""The routes of ``/api/pact/v1/``: read-only, public, documented at ``/api/pact/v1/docs``."""

import json
import re

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Subquery, Value, When
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.functional import lazy
from ninja import Path, Query
from ninja.responses import NinjaJSONEncoder

from pact_pages.api import cursors, errors, geojson, headless_preview, index, serializers
from pact_pages.api.filters import (
    INITIATIVE_ORDER_BY,
    MAX_ID,
    SIGNATORY_ORDER_BY,
    CountryParams,
    InitiativeFilters,
    LocaleParams,
    SignatoryFilters,
    SignatorySelection,
)
from pact_pages.api.schemas import (
    IMAGE_SIZES,
    LOGO_SIZES,
    CountryOut,
    InitiativeDetail,
    InitiativeList,
    PillarOut,
    Problem,
    SignatoryDetail,
    SignatoryList,
    Stats,
    TagOut,
)
from pact_pages.conf import pact_name, pact_setting
from pact_pages.core.countries import _sort_key, country_name, member_state_codes
from pact_pages.core.queries import (
    _parent_path,
    initiatives_for_listing,
    live_initiatives,
    live_signatories,
    pillars_by_slug,
    prefer_locale,
    signatories_for_listing,
)
from pact_pages.core.reader_links import source_language
from pact_pages.models import ApiIndexEntry, InitiativePage, InitiativePageTag, SignatoryPage
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.signatories.stats import counter_sentence, signatory_counts

WORD = re.compile(r"\w+")

DESCRIPTION = """
Read-only JSON API of {name}. It lists exactly what the public pages show:
published, public pages only; each item once per language, in the requested `locale` or, until
it is translated, in the source language (`fallback: true`).

* Several values of a filter: repeat it (`?country=FR&country=DE`); an item matches any.
* Pagination: `limit` (1-100) and `offset`; responses give `count`, `next`, `previous`.
* Images: absolute rendition URLs. Logos: {logo_sizes}; featured images: {image_sizes}. Lists
  give the first size of each, details all.
* Errors are problem details (`application/problem+json`): 400 for an invalid parameter (named
  in `errors`), 404 for an unknown id or slug.
* Responses are cacheable for {max_age} seconds (`ETag`, `Last-Modified`, 304 on revalidation).
"""


# The API's documentation is written in English, for developers: the network's name too (the
# schema is cached once for every reader, whatever their language).
def _title() -> str:
    with translation.override("en"):
        return f"{pact_name()} API"


def _description() -> str:
    with translation.override("en"):
        name = pact_name()
    return DESCRIPTION.format(
        name=name,
        logo_sizes=LOGO_SIZES,
        image_sizes=IMAGE_SIZES,
        max_age=pact_setting("PACT_API_MAX_AGE"),
    )


# Lazy: the host's PACT_NAME and cache settings as they are when the schema is asked for.
api = errors.PactNinjaAPI(
    title=lazy(_title, str)(),
    version="1",
    description=lazy(_description, str)(),
    urls_namespace="pact_api",
)
errors.install(api)

ERRORS = {400: Problem}
NOT_FOUND = {400: Problem, 404: Problem}


def _language(params: LocaleParams) -> str:
    return params.locale.value if params.locale else source_language()


def _search(queryset, model, query: str):
    """Narrows ``queryset`` to the items Wagtail search finds for ``query``.

    The search runs on the model's live pages; intersecting with ``queryset`` (which holds
    only live, public pages) keeps drafts and private pages out whatever the index holds.
    Only the words of ``query`` are searched (all of them): the SQLite backend passes
    quotes and operators through to FTS5, where they would be syntax errors.
    """
    words = WORD.findall(query)
    if not words:
        return queryset.none()
    results = model.objects.live().search(" ".join(words), operator="and", order_by_relevance=False)
    if hasattr(results, "get_queryset"):  # database backends: one SQL query in all
        return queryset.filter(pk__in=results.get_queryset().values("pk"))
    return queryset.filter(pk__in=[page.pk for page in results[:10_000]])


def _paginate(
    request: HttpRequest, queryset, limit: int, offset: int, rows=None, count=None
) -> dict:
    count = queryset.count() if count is None else count
    if rows is not None:
        queryset = queryset.values_list(*rows)
    results = list(queryset[offset : offset + limit]) if offset < count else []

    def link(new_offset: int) -> str:
        params = request.GET.copy()
        params["offset"] = str(new_offset)
        params["limit"] = str(limit)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, min(offset - limit, count - limit))) if offset > 0 else None,
        "results": results,
        "last": results[-1] if results else None,
    }


PAGING = {"locale", "limit", "offset", "cursor", "ordering"}


def _stored_total(filters, kind: str, reader) -> int | None:
    """The unfiltered list's total from ApiIndexTotal (None when filters apply)."""
    if any(value is not None for value in filters.model_dump(exclude=PAGING).values()):
        return None
    return index.total(kind, reader.content_locale)


def _index_page(
    request: HttpRequest, reader, entries, filters, order_by: dict, count: int | None = None
) -> HttpResponse:
    """A page of results from the read index: the rows' JSON, placeholders filled in.

    Two queries: the count (none when ``count`` is known), and the rows.
    """
    ordering = filters.ordering.value
    fields = order_by[ordering]
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
            request, entries, filters.limit, filters.offset, rows=("data", *names), count=count
        )
    last = page["last"]
    next_cursor = cursors.encode(ordering, list(last[1:])) if page["next"] else None
    body = (
        f'{{"count": {page["count"]}, "next": {json.dumps(page["next"])}, '
        f'"previous": {json.dumps(page["previous"])}, "next_cursor": {json.dumps(next_cursor)}, '
        f'"results": [{", ".join(row[0] for row in page["results"])}]}}'
    )
    return HttpResponse(index.Filler(reader).fill(body), content_type="application/json")


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


# --- Signatories -----------------------------------------------------------------------------


@api.get(
    "/signatories",
    response={200: SignatoryList, **ERRORS},
    tags=["signatories"],
    summary="List signatories",
)
def list_signatories(request, filters: Query[SignatoryFilters]):
    """Published signatories, filtered, searched, ordered and paginated."""
    reader = serializers.Reader(request, _language(filters))
    entries = filters.apply_index(_indexed(ApiIndexEntry.Kind.SIGNATORY, reader))
    if filters.q:
        entries = _search(entries, SignatoryPage, filters.q)
    count = _stored_total(filters, ApiIndexEntry.Kind.SIGNATORY, reader)
    return _index_page(request, reader, entries, filters, SIGNATORY_ORDER_BY, count)


@api.get(
    "/signatories/{signatory_id}",
    response={200: SignatoryDetail, **NOT_FOUND},
    tags=["signatories"],
    summary="A signatory by id",
)
def get_signatory(
    request,
    params: Query[LocaleParams],
    signatory_id: int = Path(..., ge=1, le=MAX_ID, description="Page id of the signatory."),
):
    """One signatory with its story (`body`). Without `locale`, the page in its own language;
    with it, its translation in that language (or the source language's until translated)."""
    reader = serializers.Reader(request, _language(params))
    listing = signatories_for_listing()
    if params.locale is None:
        page = listing.filter(pk=signatory_id).first()
        if page is None:
            raise Http404
        reader.set_language(reader.codes[page.locale_id])
    else:
        page = _pick(listing, live_signatories(), reader, pk=signatory_id)
    return serializers.signatories(reader, [page], live_signatories(), detail=True)[0]


@api.get(
    "/signatories/by-slug/{slug}",
    response={200: SignatoryDetail, **NOT_FOUND},
    tags=["signatories"],
    summary="A signatory by slug",
)
def get_signatory_by_slug(
    request,
    params: Query[LocaleParams],
    slug: str = Path(
        ..., pattern=r"^[-\w]+$", max_length=255, description="Slug of the signatory's page."
    ),
):
    """One signatory by the slug of its page in any language, served in `locale`."""
    reader = serializers.Reader(request, _language(params))
    page = _pick(signatories_for_listing(), live_signatories(), reader, slug=slug)
    return serializers.signatories(reader, [page], live_signatories(), detail=True)[0]


# --- Initiatives -----------------------------------------------------------------------------


@api.get(
    "/initiatives",
    response={200: InitiativeList, **ERRORS},
    tags=["initiatives"],
    summary="List initiatives",
)
def list_initiatives(request, filters: Query[InitiativeFilters]):
    """Published initiatives of published signatories, filtered, searched and paginated."""
    reader = serializers.Reader(request, _language(filters))
    entries = filters.apply_index(_indexed(ApiIndexEntry.Kind.INITIATIVE, reader))
    if filters.q:
        entries = _search(entries, InitiativePage, filters.q)
    count = _stored_total(filters, ApiIndexEntry.Kind.INITIATIVE, reader)
    return _index_page(request, reader, entries, filters, INITIATIVE_ORDER_BY, count)


@api.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeDetail, **NOT_FOUND},
    tags=["initiatives"],
    summary="An initiative by id",
)
def get_initiative(
    request,
    params: Query[LocaleParams],
    initiative_id: int = Path(..., ge=1, le=MAX_ID, description="Page id of the initiative."),
):
    """One initiative with its story. Without `locale`, the page in its own language; with
    it, its translation in that language (or the source language's until translated)."""
    reader = serializers.Reader(request, _language(params))
    listing = initiatives_for_listing()
    if params.locale is None:
        page = listing.filter(pk=initiative_id).first()
        if page is None:
            raise Http404
        reader.set_language(reader.codes[page.locale_id])
    else:
        page = _pick(listing, live_initiatives(), reader, pk=initiative_id)
    return serializers.initiatives(reader, [page], live_initiatives(), detail=True)[0]


# --- Headless preview of drafts ---------------------------------------------------------------


@api.get(
    "/preview",
    response={200: SignatoryDetail | InitiativeDetail, **NOT_FOUND},
    tags=["preview"],
    summary="A draft, for a front end's preview",
    url_name="preview",
)
def preview(
    request,
    token: str = Query(
        ...,
        min_length=1,
        max_length=2000,
        description='The token in the link of the editor\'s "Headless preview" (expires).',
    ),
):
    """The revision of a signatory or initiative page named by a preview token, as the detail
    endpoints give it (drafts included). Never cached; an expired or altered token gives 400."""
    try:
        page = headless_preview.draft_of(token)
    except headless_preview.InvalidToken as error:
        return errors.problem(
            400,
            "Invalid parameter",
            "Invalid value for: token.",
            [{"parameter": "token", "message": str(error)}],
        )
    if page is None:
        raise Http404
    reader = serializers.Reader(request, reader_language(page))
    if isinstance(page, SignatoryPage):
        page.initiative_count = live_initiatives().filter(path__startswith=page.path).count()
        item = serializers.signatories(reader, [page], live_signatories(), detail=True)[0]
    else:
        item = serializers.initiatives(reader, [page], live_initiatives(), detail=True)[0]
    response = JsonResponse(item, encoder=NinjaJSONEncoder)
    response["Cache-Control"] = "private, no-store"
    return response


def reader_language(page) -> str:
    return page.locale.language_code


# --- Facets and figures ----------------------------------------------------------------------


@api.get("/pillars", response={200: list[PillarOut], **ERRORS}, tags=["facets"], summary="The 4 Ps")
def list_pillars(request, params: Query[LocaleParams]):
    """The four Ps in `locale` with the number of published initiatives under each (as the
    `pillar` filter of `initiatives` counts them) and of signatories committed to each."""
    reader = serializers.Reader(request, _language(params))
    locale = reader.content_locale
    initiatives = live_initiatives(locale).aggregate(
        **{
            slug: Count("pk", distinct=True, filter=Q(pillar_links__pillar__slug=slug))
            for slug in PILLAR_SLUGS
        }
    )
    committed = live_signatories(locale).aggregate(
        **{slug: Count("pk", filter=~Q(**{f"commitment_{slug}": ""})) for slug in PILLAR_SLUGS}
    )
    pillars = sorted(pillars_by_slug(locale).values(), key=lambda p: (p.sort_order, p.slug))
    return [
        {
            "slug": pillar.slug,
            "name": pillar.name,
            "description": pillar.description,
            "colour": pillar.colour,
            "locale": reader.codes.get(pillar.locale_id, ""),
            "initiative_count": initiatives.get(pillar.slug, 0),
            "signatory_count": committed.get(pillar.slug, 0),
        }
        for pillar in pillars
    ]


@api.get(
    "/countries", response={200: list[CountryOut], **ERRORS}, tags=["facets"], summary="Countries"
)
def list_countries(request, params: Query[CountryParams]):
    """Countries of signatories, named in `locale` and sorted by name, with the number of
    signatories and of their published initiatives."""
    reader = serializers.Reader(request, _language(params))
    locale = reader.content_locale
    signatories = dict(
        live_signatories(locale)
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    parent_country = SignatoryPage.objects.filter(path=_parent_path()).values("country")[:1]
    initiatives = dict(
        live_initiatives(locale)
        .order_by()
        .annotate(signatory_country=Subquery(parent_country))
        .values("signatory_country")
        .annotate(n=Count("pk"))
        .values_list("signatory_country", "n")
    )
    codes = member_state_codes() if params.include_empty else signatories
    rows = [
        {
            "code": code,
            "name": country_name(code, reader.language),
            "signatory_count": signatories.get(code, 0),
            "initiative_count": initiatives.get(code, 0),
        }
        for code in codes
    ]
    return sorted(rows, key=lambda row: _sort_key(row["name"]))


@api.get("/tags", response={200: list[TagOut], **ERRORS}, tags=["facets"], summary="Tags")
def list_tags(request, params: Query[LocaleParams]):
    """Tags of the published initiatives listed in `locale`, most used first."""
    reader = serializers.Reader(request, _language(params))
    initiatives = live_initiatives(reader.content_locale).values("pk")
    rows = (
        InitiativePageTag.objects.filter(content_object__in=initiatives)
        .values("tag__slug", "tag__name")
        .annotate(n=Count("content_object", distinct=True))
        .order_by("-n", "tag__name")
    )
    return [
        {"slug": row["tag__slug"], "name": row["tag__name"], "initiative_count": row["n"]}
        for row in rows
    ]


@api.get("/stats", response={200: Stats, **ERRORS}, tags=["facets"], summary="Figures")
def stats(request, params: Query[LocaleParams]):
    """The Pact's figures; the home page's counters come from the same function
    (`pact_pages.signatories.stats.signatory_counts`). Each signatory and initiative is
    counted once, whatever the number of its translations."""
    language = _language(params)
    counts = signatory_counts()
    initiatives = live_initiatives().aggregate(
        total=Count("translation_key", distinct=True),
        **{
            slug: Count("translation_key", distinct=True, filter=Q(pillar_links__pillar__slug=slug))
            for slug in PILLAR_SLUGS
        },
    )
    per_type = dict(
        live_signatories()
        .order_by()
        .values("signatory_type")
        .annotate(n=Count("translation_key", distinct=True))
        .values_list("signatory_type", "n")
    )
    with translation.override(language):
        sentence = counter_sentence(counts)
    return {
        "signatories": counts.total,
        "territorial": counts.territorial,
        "other": counts.other,
        "countries": counts.countries,
        "initiatives": initiatives.pop("total"),
        "per_pillar": initiatives,
        "per_type": per_type,
        "sentence": sentence,
        "locale": language,
    }


# --- Map -------------------------------------------------------------------------------------


@api.get(
    "/map.geojson",
    response={200: geojson.FeatureCollection, **ERRORS},
    tags=["map"],
    summary="Map of signatories (GeoJSON)",
)
def signatory_map(request, filters: Query[SignatorySelection]):
    """Published signatories with coordinates as a GeoJSON FeatureCollection
    (`application/geo+json`, coordinates `[longitude, latitude]`); same filters as
    `signatories`, no pagination."""
    reader = serializers.Reader(request, _language(filters))
    # Each signatory's feature is stored in the read index with its list item: the map of
    # 10,000 signatories is one query and a join of stored text, not 10,000 pages built
    # and serialised per request (which took seconds per filter at that size).
    entries = filters.apply_index(_indexed(ApiIndexEntry.Kind.SIGNATORY, reader))
    if filters.q:
        entries = _search(entries, SignatoryPage, filters.q)
    features = entries.exclude(feature="").order_by("title", "page_id")
    text = geojson.collection(features.values_list("feature", flat=True))
    return HttpResponse(index.Filler(reader).fill(text), content_type="application/geo+json")
