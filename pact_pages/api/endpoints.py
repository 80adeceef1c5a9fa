"""The routes of ``/api/pact/v1/``: read-only, public, documented at ``/api/pact/v1/docs``."""

from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.functional import lazy
from ninja import Path, Query
from ninja.responses import NinjaJSONEncoder

from pact_pages.api import errors, events, facets, headless_preview, serializers
from pact_pages.api.filters import (
    INITIATIVE_ORDER_BY,
    MAX_ID,
    SIGNATORY_ORDER_BY,
    InitiativeFilters,
    LocaleParams,
    SignatoryFilters,
)
from pact_pages.api.listing import (
    ERRORS,
    NOT_FOUND,
    _applied,
    _index_page,
    _indexed,
    _language,
    _pick,
    _search,
    _stored_total,
)
from pact_pages.api.models import ApiIndexEntry
from pact_pages.api.schemas import (
    IMAGE_SIZES,
    LOGO_SIZES,
    InitiativeDetail,
    InitiativeList,
    SignatoryDetail,
    SignatoryList,
)
from pact_pages.conf import pact_name, pact_setting
from pact_pages.initiatives.queries import initiatives_for_listing, live_initiatives
from pact_pages.signatories.models import SignatoryPage
from pact_pages.signatories.queries import live_signatories, signatories_for_listing

DESCRIPTION = """
Read-only JSON API of {name}. It lists exactly what the public pages show:
published, public pages only; each item once per language, in the requested `locale` or, until
it is translated, in the source language (`fallback: true`).

* Several values of a filter: repeat it (`?country=FR&country=DE`); an item matches any.
* Pagination: `limit` (1-100) and `offset`; responses give `count`, `count_exact`, `next`,
  `previous`. With `q`, `count` is exact up to 1,000; beyond, `count_exact` is false and
  `count` a lower bound: page with `next` or `next_cursor`, which stay correct.
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

api.add_router("", facets.router)
api.add_router("", events.router)


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
        entries = _search(entries, ApiIndexEntry.Kind.SIGNATORY, filters.q, reader)
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
    # One queryset for the pick and the translations: each live_signatories() reads the
    # view restrictions again and builds its conditions anew.
    live = live_signatories()
    if params.locale is None:
        page = listing.filter(pk=signatory_id).first()
        if page is None:
            raise Http404
        reader.set_language(reader.codes[page.locale_id])
    else:
        page = _pick(listing, live, reader, pk=signatory_id)
    return serializers.signatories(reader, [page], live, detail=True)[0]


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
    live = live_signatories()
    page = _pick(signatories_for_listing(), live, reader, slug=slug)
    return serializers.signatories(reader, [page], live, detail=True)[0]


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
        # Newest or oldest first: the list's date index can be walked (SQLite, words in
        # many items); by title, the list reads its matches.
        walks = filters.ordering.value in ("newest", "oldest")
        alone = _applied(filters) == {"q"}
        entries = _search(entries, ApiIndexEntry.Kind.INITIATIVE, filters.q, reader, walks, alone)
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
    live = live_initiatives()  # once, as for a signatory
    if params.locale is None:
        page = listing.filter(pk=initiative_id).first()
        if page is None:
            raise Http404
        reader.set_language(reader.codes[page.locale_id])
    else:
        page = _pick(listing, live, reader, pk=initiative_id)
    return serializers.initiatives(reader, [page], live, detail=True)[0]


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
