"""Initiative listings (library, profile, feeds, home page, API) with a fixed number of
queries, whatever the number of rows.

Listings in a locale show each item once: its version in that locale where there is one,
the source language's otherwise (:func:`pact_pages.core.queries.prefer_locale`).

The page classes (:mod:`pact_pages.initiatives.models`, :mod:`pact_pages.initiatives.library`)
render these listings and import this module, so their models are looked up by name here, as
``ForeignKey("app.Model")`` does.
"""

from collections.abc import Sequence

from django.apps import apps
from django.db.models import Case, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from wagtail.models import Locale, Page

from pact_pages.core.fallbacks import stands_in_for_live_source
from pact_pages.core.layout_cache import remembered
from pact_pages.core.queries import (
    CARD_IMAGE_SPEC,
    CARD_PICTURE,
    _images_with,
    _parent_path,
    children_of_any_translation,
    picture_specs,
    prefer_locale,
    public,
)
from pact_pages.core.reader_links import source_language  # Locale.get_default() without its query
from pact_pages.pillars.queries import pillars_by_slug
from pact_pages.signatories.models import SignatoryPage


def _model(name: str):
    return apps.get_model("pact_pages", name)


def live_initiatives(locale: Locale | None = None) -> QuerySet:
    """Published initiatives of published signatories, visible to anonymous readers."""
    # Wagtail serves a live page under an unpublished parent; a signatory taken down
    # must take its initiatives down with it.
    live_parent = SignatoryPage.objects.filter(path=_parent_path()).filter(
        stands_in_for_live_source()
    )
    queryset = public(_model("InitiativePage").objects.live()).filter(Exists(live_parent))
    return prefer_locale(queryset, locale)


def initiatives_for_listing(
    locale: Locale | None = None, signatory: Page | None = None
) -> QuerySet:
    """Initiatives with their Ps, tags and card image prefetched, newest first."""
    queryset = live_initiatives(locale)
    if signatory is not None:
        queryset = children_of_any_translation(queryset, signatory)
    pillar_links = (
        _model("InitiativePillar").objects.select_related("pillar").order_by("sort_order")
    )
    # The tags joined to their links: one query, not one for the links and one for the tags.
    # Ordered by ``pk``: the order in which the unordered prefetch returned them.
    tagged = _model("InitiativePageTag").objects.select_related("tag").order_by("pk")
    return with_initiative_dates(
        queryset.prefetch_related(
            Prefetch("pillar_links", queryset=pillar_links),
            Prefetch("tagged_items", queryset=tagged),
            Prefetch(
                "featured_image",
                queryset=_images_with(CARD_IMAGE_SPEC, *picture_specs(CARD_PICTURE)),
            ),
            # The version for children's picture (API items); no query when none has one.
            Prefetch("children_image", queryset=_images_with(CARD_IMAGE_SPEC)),
        )
    )


def with_initiative_dates(initiatives: QuerySet) -> QuerySet:
    """Annotates ``initiative_published_at`` (the initiative's first publication, in any
    language) and orders by it, newest first.

    A translation's own ``first_published_at`` is when the translator's work went live: a
    story from 2025 translated today would top the latest initiatives and feeds. The source
    language's rows are their own first publication, without the subquery.
    """
    earliest = (
        Page.objects.filter(
            translation_key=OuterRef("translation_key"), first_published_at__isnull=False
        )
        .order_by("first_published_at")
        .values("first_published_at")[:1]
    )
    return initiatives.annotate(
        initiative_published_at=Case(
            When(locale__language_code=source_language(), then=F("first_published_at")),
            default=Coalesce(Subquery(earliest), F("first_published_at")),
        )
    ).order_by("-initiative_published_at", "-pk")


def attach_signatories(initiatives, known: Sequence[Page] = ()) -> list:
    """Sets ``initiative.signatory`` on each initiative of a page of results, in one query
    (none when every parent is among ``known``: a profile lists its own initiatives)."""
    initiatives = list(initiatives)
    parents = {page.path: page for page in known}
    parent_paths = {page.path[: -Page.steplen] for page in initiatives} - parents.keys()
    if parent_paths:
        parents.update(
            (page.path, page) for page in SignatoryPage.objects.filter(path__in=parent_paths)
        )
    for page in initiatives:
        page.signatory = parents.get(page.path[: -Page.steplen])
    return initiatives


def decorate_initiatives(
    initiatives,
    locale: Locale | None = None,
    pillars: dict | None = None,
    signatories: Sequence[Page] = (),
) -> list:
    """Sets ``signatory`` and ``pillars`` (in the reader's locale) on a page of results.

    Two queries for the whole page: the parent signatories, and the four Ps (none when the
    caller has them: ``pillars_by_slug(locale)``). An item shown in the source language (not
    yet translated) still gets the reader's names of the Ps.
    """
    initiatives = attach_signatories(initiatives, signatories)
    if pillars is None:
        pillars = pillars_by_slug(locale or Locale.get_default())
    for page in initiatives:
        page.pillars = [
            pillars.get(link.pillar.slug, link.pillar) for link in page.pillar_links.all()
        ]
    return initiatives


def with_any_pillar(initiatives: QuerySet, slugs: list[str]) -> QuerySet:
    """Initiatives linked to at least one of the given Ps (by stable slug)."""
    links = _model("InitiativePillar").objects.filter(page=OuterRef("pk"), pillar__slug__in=slugs)
    return initiatives.filter(Exists(links))


def in_countries(initiatives: QuerySet, countries: list[str]) -> QuerySet:
    """Initiatives whose signatory (the parent page) is in one of the given countries."""
    parents = SignatoryPage.objects.filter(country__in=countries, path=_parent_path())
    return initiatives.filter(Exists(parents))


def library_for(page: Page) -> Page | None:
    """The initiative library of the page's locale (the source language's where that locale
    has none yet), to link tags and Ps to.

    Found by type alone and chosen here: the few libraries come from the content-type index,
    where a filter on their locale had the database read every page (0.2 s at 100,000). They
    are kept with the layout (a publication, move or deletion of a page changes its version).
    """
    libraries = remembered(None, "libraries", (), _live_libraries)
    own_first = sorted(
        libraries, key=lambda library: (library.locale_id != page.locale_id, library.path)
    )
    for library in own_first:
        if library.locale_id == page.locale_id or library.locale.language_code == source_language():
            return library
    return None


def _live_libraries() -> list[Page]:
    return list(
        Page.objects.live()
        .exact_type(_model("InitiativeLibraryPage"))
        .select_related("locale")
        .order_by()
    )
