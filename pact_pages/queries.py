"""Listing querysets with a fixed number of queries, whatever the number of rows.

Every listing (directory, library, profile, home page, later the API) goes through these
functions so that the prefetching that keeps query counts flat lives in one place.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

CARD_IMAGE_SPEC = "fill-640x360"
LOGO_SPEC = "max-160x160"


def _images_with(spec: str) -> QuerySet:
    return get_image_model().objects.prefetch_renditions(spec)


def live_initiatives(locale: Locale | None = None) -> QuerySet:
    """Published initiatives of published signatories, visible to anonymous readers."""
    from .models import InitiativePage, SignatoryPage

    # Wagtail serves a live page under an unpublished parent; a signatory taken down
    # must take its initiatives down with it.
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    live_parent = SignatoryPage.objects.filter(path=parent_path, live=True)
    queryset = InitiativePage.objects.live().public().filter(Exists(live_parent))
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def live_signatories(locale: Locale | None = None) -> QuerySet:
    """Published signatories visible to anonymous readers (no view restrictions)."""
    from .models import SignatoryPage

    queryset = SignatoryPage.objects.live().public()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def initiative_count_subquery() -> Subquery:
    """Counts each signatory's published, public initiatives in one SQL subquery."""
    children = (
        live_initiatives()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(children, output_field=IntegerField()), 0)


def signatories_for_listing(locale: Locale | None = None, parent: Page | None = None) -> QuerySet:
    """Signatories with their logo rendition and initiative count, ordered by title."""
    queryset = live_signatories(locale)
    if parent is not None:
        queryset = queryset.child_of(parent)
    return (
        queryset.select_related("locale")
        .prefetch_related(Prefetch("logo", queryset=_images_with(LOGO_SPEC)))
        .annotate(initiative_count=initiative_count_subquery())
        .order_by("title")
    )


def initiatives_for_listing(
    locale: Locale | None = None, signatory: Page | None = None
) -> QuerySet:
    """Initiatives with their Ps, tags and card image prefetched, newest first."""
    from .models import InitiativePillar

    queryset = live_initiatives(locale)
    if signatory is not None:
        queryset = queryset.child_of(signatory)
    pillar_links = InitiativePillar.objects.select_related("pillar").order_by("sort_order")
    return queryset.prefetch_related(
        Prefetch("pillar_links", queryset=pillar_links),
        "tagged_items__tag",
        Prefetch("featured_image", queryset=_images_with(CARD_IMAGE_SPEC)),
    ).order_by("-first_published_at", "-pk")


def attach_signatories(initiatives) -> list:
    """Sets ``initiative.signatory`` on each initiative of a page of results, in one query."""
    from .models import SignatoryPage

    initiatives = list(initiatives)
    parent_paths = {page.path[: -Page.steplen] for page in initiatives}
    parents = {page.path: page for page in SignatoryPage.objects.filter(path__in=parent_paths)}
    for page in initiatives:
        page.signatory = parents.get(page.path[: -Page.steplen])
    return initiatives


def with_any_pillar(initiatives: QuerySet, slugs: list[str]) -> QuerySet:
    """Initiatives linked to at least one of the given Ps (by stable slug)."""
    from .models import InitiativePillar

    links = InitiativePillar.objects.filter(page=OuterRef("pk"), pillar__slug__in=slugs)
    return initiatives.filter(Exists(links))


def in_countries(initiatives: QuerySet, countries: list[str]) -> QuerySet:
    """Initiatives whose signatory (the parent page) is in one of the given countries."""
    from .models import SignatoryPage

    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    parents = SignatoryPage.objects.filter(country__in=countries, path=parent_path)
    return initiatives.filter(Exists(parents))


def pillars_by_slug(locale: Locale) -> dict:
    """The four Ps in ``locale`` (the default locale's where not yet translated)."""
    from .models import Pillar

    pillars = {pillar.slug: pillar for pillar in Pillar.objects.filter(locale=Locale.get_default())}
    pillars.update({pillar.slug: pillar for pillar in Pillar.objects.filter(locale=locale)})
    return pillars


def library_for(page: Page):
    """The initiative library of the page's locale, to link tags and Ps to."""
    from .models import InitiativeLibraryPage

    return InitiativeLibraryPage.objects.live().filter(locale_id=page.locale_id).first()
