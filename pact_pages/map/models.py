"""The map of signatories: Leaflet markers from the API's GeoJSON, and the same list in HTML.

The page is useful without JavaScript: the filters are a plain GET form and the matching
signatories are listed server-side; pact_pages/static/pact_pages/js/map.js draws the map
from ``/api/pact/v1/map.geojson`` with the same parameters and keeps list and URL in step.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pact_pages.conf import pact_setting
from pact_pages.core.blocks import RICH_TEXT_FEATURES
from pact_pages.core.countries import country_choices, member_state_codes
from pact_pages.core.fallbacks import reader_locale
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.pillars.queries import pillars_in_order
from pact_pages.signatories.listing import IndexedSignatories, listable
from pact_pages.signatories.models import SignatoryType

# OpenStreetMap's tile usage policy asks for this credit, linked to its copyright page.
OSM_ATTRIBUTION = _(
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
# The base layer's data (public domain, credited all the same); a proper name, not translated.
OUTLINES_ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
OUTLINES_STATIC_PATH = "pact_pages/vendor/world-atlas/countries.json"


def tile_settings() -> dict[str, str]:
    """The tile server and its credit (``PACT_MAP_TILE_URL``, ``PACT_MAP_ATTRIBUTION``).

    No tile server by default: the map draws the country outlines the site serves itself,
    so that it works offline and for readers who refuse third parties. A site that sets one
    gets its tiles over the outlines, credited to OpenStreetMap unless it says otherwise.
    """
    url = pact_setting("PACT_MAP_TILE_URL") or ""
    credit = pact_setting("PACT_MAP_ATTRIBUTION") or OSM_ATTRIBUTION
    return {"url": url, "attribution": str(credit) if url else ""}


@dataclass(frozen=True)
class MapFilters:
    """The reader's filters, keeping only values the API accepts (others are ignored)."""

    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    reported: bool = False  # reported in the latest closed round (issue 20)

    @classmethod
    def from_query(cls, params: QueryDict) -> "MapFilters":
        def valid(name: str, allowed) -> tuple[str, ...]:
            allowed = set(allowed)
            return tuple(dict.fromkeys(v for v in params.getlist(name) if v in allowed))

        return cls(
            countries=valid("country", member_state_codes()),
            types=valid("type", SignatoryType.values),
            pillars=valid("pillar", PILLAR_SLUGS),
            reported=params.get("reported") == "1",
        )

    def apply_index(self, entries: QuerySet) -> QuerySet:
        """The read index's rows that match (:mod:`pact_pages.api.index`)."""
        # The API's own filter, so that the list and the GeoJSON markers always agree
        # (a P matches a commitment under it or a published initiative under it).
        from pact_pages.api.filters import SignatorySelection

        selection = SignatorySelection(
            country=list(self.countries) or None,
            type=list(self.types) or None,
            pillar=list(self.pillars) or None,
            reported=self.reported or None,
        )
        return selection.apply_index(entries)


class MapPage(BaseTemplateMixin, Page):
    """Every published signatory with a location, on a map and in a list beside it."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "pact_pages/map_page.html"

    class Meta:
        verbose_name = _("map of signatories")

    def signatories(self, filters: MapFilters, locale=None) -> IndexedSignatories:
        """Live, public signatories of the reader's locale (source as fallback) with a place,
        in the reader's alphabetical order (a sequence a Paginator slices: see
        :mod:`pact_pages.signatories.listing`)."""
        locale = locale or self.locale
        entries = filters.apply_index(listable(locale))
        # A place is both or neither (core.geo_fields): the sum is null without one. Two IS
        # NOT NULL tests made PostgreSQL multiply their selectivities, each taken over every
        # kind of row (initiatives have no place): it expected 87 of 10,000 located
        # signatories and sorted them all rather than walk the title index (12.7 -> 1.3 ms).
        # The count keeps the two tests: an index-only scan, where the sum reads the rows.
        located = entries.filter(latitude__isnull=False, longitude__isnull=False)
        listed = entries.alias(place=F("latitude") + F("longitude")).filter(place__isnull=False)
        return IndexedSignatories(listed, locale.language_code, counted=located)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = MapFilters.from_query(request.GET)
        locale = reader_locale(self)  # the reader's, when the map page is not translated
        # The list is paged, the markers (from the GeoJSON) are not: rendering every one of
        # 10,000 signatories took the server seconds for each reader.
        paginator = Paginator(
            self.signatories(filters, locale), pact_setting("PACT_MAP_LIST_PER_PAGE")
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            signatories=page_obj.object_list,
            page_obj=page_obj,
            paginator=paginator,
            filters=filters,
            countries=country_choices(),
            signatory_types=SignatoryType.choices,
            pillars=pillars_in_order(locale),
            # The API's locale is a content language ("en"), which the interface language
            # is not always (a stock site's LANGUAGE_CODE "en-us", without LocaleMiddleware).
            map_locale=locale.language_code,
        )
        return context
