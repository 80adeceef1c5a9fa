"""The facets and figures of ``/api/pact/v1/`` (Ps, countries, tags, stats) and the map's
GeoJSON: read-only, added to the API by :mod:`.endpoints`."""

from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import translation
from ninja import Query, Router
from taggit.models import Tag

from pact_pages.api import geojson, index, index_counts, mask_counts, serializers
from pact_pages.api.figures import masks_with, stats_figures, stats_payload, stored_figures
from pact_pages.api.filters import (
    CountryParams,
    LocaleParams,
    SignatorySelection,
)
from pact_pages.api.index_reader import Filler
from pact_pages.api.listing import ERRORS, _indexed, _language, _search
from pact_pages.api.models import ApiIndexCount, ApiIndexEntry, ApiIndexFigure, ApiIndexTag
from pact_pages.api.schemas import (
    CountryOut,
    PillarOut,
    Stats,
    TagOut,
)
from pact_pages.core.collation import sort_key
from pact_pages.core.countries import country_name, member_state_codes
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.pillars.queries import pillars_by_slug
from pact_pages.signatories.queries import live_signatories
from pact_pages.signatories.stats import counter_sentence, signatory_counts

router = Router()
Kind = ApiIndexEntry.Kind


# --- Facets and figures ----------------------------------------------------------------------


@router.get(
    "/pillars",
    response={200: list[PillarOut], **ERRORS},
    tags=["facets"],
    summary="The 4 Ps",
    operation_id="pact_pages_api_endpoints_list_pillars",
)
def list_pillars(request, params: Query[LocaleParams]):
    """The four Ps in `locale` with the number of published initiatives under each (as the
    `pillar` filter of `initiatives` counts them) and of signatories committed to each."""
    reader = serializers.Reader(request, _language(params))
    locale = reader.content_locale
    # The list's count per P combination, stored with the index (mask_counts): at most 16
    # figures whose bits are added up here, instead of a join of every initiative to its Ps.
    index.flush()
    masks = _stored_masks(Kind.INITIATIVE, locale)
    if masks is None:
        masks = _grouped(_indexed(Kind.INITIATIVE, reader), "pillar_mask")
    initiatives = {
        slug: sum(n for mask, n in masks.items() if mask in masks_with(slug))
        for slug in PILLAR_SLUGS
    }
    # Signatories committed to each P: stored per language with the index (index_counts).
    stored = index_counts.stored(locale, ApiIndexCount.Facet.COMMITMENT, [Kind.SIGNATORY])
    committed = stored[Kind.SIGNATORY] if stored else _committed(locale)
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


@router.get(
    "/countries",
    response={200: list[CountryOut], **ERRORS},
    tags=["facets"],
    summary="Countries",
    operation_id="pact_pages_api_endpoints_list_countries",
)
def list_countries(request, params: Query[CountryParams]):
    """Countries of signatories, named in `locale` and sorted by name, with the number of
    signatories and of their published initiatives."""
    reader = serializers.Reader(request, _language(params))
    # Counted per language and country with the read index (index_counts): a signatory's row
    # holds its country, an initiative's its signatory's. A GROUP BY until it has counted.
    index.flush()
    kinds = [Kind.SIGNATORY, Kind.INITIATIVE]
    stored = index_counts.stored(reader.content_locale, ApiIndexCount.Facet.COUNTRY, kinds)
    if stored is None:
        stored = {kind: _grouped(_indexed(kind, reader), "country") for kind in kinds}
    signatories, initiatives = stored[Kind.SIGNATORY], stored[Kind.INITIATIVE]
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
    return sorted(rows, key=lambda row: sort_key(row["name"], reader.language))


@router.get(
    "/tags",
    response={200: list[TagOut], **ERRORS},
    tags=["facets"],
    summary="Tags",
    operation_id="pact_pages_api_endpoints_list_tags",
)
def list_tags(request, params: Query[LocaleParams]):
    """Tags of the published initiatives listed in `locale`, most used first."""
    reader = serializers.Reader(request, _language(params))
    # The listed initiatives per tag slug, counted with the read index (index_counts; its
    # tag rows grouped until it has); names come from taggit's table (its slugs are unique)
    # in the database's collation, so equal counts keep the order by name they had.
    index.flush()
    facet, kind = ApiIndexCount.Facet.TAG, Kind.INITIATIVE
    stored = index_counts.stored(reader.content_locale, facet, [kind])
    if stored is not None:
        counts = stored[kind]
    else:
        entries = _indexed(kind, reader).values("pk")
        rows = ApiIndexTag.objects.filter(entry__in=entries).values("slug").annotate(n=Count("pk"))
        counts = dict(rows.order_by().values_list("slug", "n"))
    names = Tag.objects.filter(slug__in=list(counts)).order_by("name").values_list("slug", "name")
    tags = sorted(names, key=lambda tag: -counts[tag[0]])
    return [{"slug": slug, "name": name, "initiative_count": counts[slug]} for slug, name in tags]


@router.get(
    "/stats",
    response={200: Stats, **ERRORS},
    tags=["facets"],
    summary="Figures",
    operation_id="pact_pages_api_endpoints_stats",
)
def stats(request, params: Query[LocaleParams]):
    """The Pact's figures; the home page's counters come from the same function
    (`pact_pages.signatories.stats.signatory_counts`). Each signatory and initiative is
    counted once, whatever the number of its translations."""
    language = _language(params)
    counts = signatory_counts()
    # Stored with the read index when it changes (pact_pages.api.figures): one query.
    index.flush()
    figures = stored_figures() or stats_figures(ApiIndexEntry.objects.all())
    with translation.override(language):
        sentence = counter_sentence(counts)
    return {
        "signatories": counts.total,
        "territorial": counts.territorial,
        "other": counts.other,
        "countries": counts.countries,
        **stats_payload(figures),
        "sentence": sentence,
        "locale": language,
    }


def _stored_masks(kind: str, locale) -> dict[int, int] | None:
    """``pillar_mask`` → stored number of listed items with it (None if not counted yet)."""
    names = {mask_counts.name(kind, locale.pk, mask): mask for mask in mask_counts.MASKS}
    rows = ApiIndexFigure.objects.filter(name__in=list(names)).values_list("name", "value")
    stored = {names[name]: value for name, value in rows}
    return stored if len(stored) == len(names) else None


def _committed(locale) -> dict[str, int]:
    """Listed signatories with a commitment to each P, counted over the pages."""
    return live_signatories(locale).aggregate(
        **{slug: Count("pk", filter=~Q(**{f"commitment_{slug}": ""})) for slug in PILLAR_SLUGS}
    )


def _grouped(entries, field: str) -> dict:
    """``field`` value → number of ``entries`` with it."""
    rows = entries.order_by().values(field).annotate(n=Count("pk"))
    return dict(rows.values_list(field, "n"))


# --- Map -------------------------------------------------------------------------------------


@router.get(
    "/map.geojson",
    response={200: geojson.FeatureCollection, **ERRORS},
    tags=["map"],
    summary="Map of signatories (GeoJSON)",
    operation_id="pact_pages_api_endpoints_signatory_map",
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
        entries = _search(entries, ApiIndexEntry.Kind.SIGNATORY, filters.q, reader)
    features = entries.exclude(feature="").order_by("title", "page_id")
    text = geojson.collection(features.values_list("feature", flat=True))
    return HttpResponse(Filler(reader).fill(text), content_type="application/geo+json")
