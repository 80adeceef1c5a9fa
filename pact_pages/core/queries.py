"""Listing querysets with a fixed number of queries, whatever the number of rows.

Every listing (directory, library, profile, home page, later the API) goes through these
functions so that the prefetching that keeps query counts flat lives in one place.

Listings in a locale show each item once: its version in that locale where there is one,
the source language's otherwise (see :func:`prefer_locale`).
"""

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from pact_pages.core.fallbacks import stands_in_for_live_source, translated_copy_q
from pact_pages.core.reader_links import source_language  # Locale.get_default() without its query

CARD_IMAGE_SPEC = "fill-640x360"
LOGO_SPEC = "max-160x160"


def _images_with(spec: str) -> QuerySet:
    return get_image_model().objects.prefetch_renditions(spec)


def _parent_path() -> Substr:
    """The tree path of the row's parent page, for use inside a subquery."""
    return Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)


def prefer_locale(queryset: QuerySet, locale: Locale | None) -> QuerySet:
    """Each item once: its version in ``locale`` where there is one, the source's otherwise.

    A fallback copy (wagtail-localize's alias of an untranslated parent) is not a version in
    ``locale``: it holds the source's text, so the source is listed, in its own language.
    """
    if locale is None:
        return queryset
    source = Locale.get_default()
    if locale.pk == source.pk:
        return queryset.filter(locale=source)
    own = Q(locale=locale) & ~translated_copy_q()
    translated = queryset.filter(own).values("translation_key")
    return queryset.filter(own | (Q(locale=source) & ~Q(translation_key__in=translated)))


def children_of_any_translation(queryset: QuerySet, parent: Page) -> QuerySet:
    """Pages whose parent is ``parent`` or one of its translations."""
    parents = Page.objects.filter(translation_key=parent.translation_key, path=_parent_path())
    return queryset.filter(Exists(parents))


def live_initiatives(locale: Locale | None = None) -> QuerySet:
    """Published initiatives of published signatories, visible to anonymous readers."""
    from pact_pages.models import InitiativePage, SignatoryPage

    # Wagtail serves a live page under an unpublished parent; a signatory taken down
    # must take its initiatives down with it.
    live_parent = SignatoryPage.objects.filter(path=_parent_path()).filter(
        stands_in_for_live_source()
    )
    queryset = InitiativePage.objects.live().public().filter(Exists(live_parent))
    return prefer_locale(queryset, locale)


def live_signatories(locale: Locale | None = None) -> QuerySet:
    """Published signatories visible to anonymous readers (no view restrictions)."""
    from pact_pages.models import SignatoryPage

    return prefer_locale(SignatoryPage.objects.live().public(), locale)


def initiative_count_subquery() -> Coalesce:
    """Each signatory's published initiatives, counted once per translation key.

    Read from the API's read index (:mod:`pact_pages.api.index`), which counts them when a
    page changes: counting them here, a correlated count over every initiative for each row,
    made the map of 10,000 signatories take seconds. Every translation of a signatory shows
    the same count, a draft translation included.
    """
    from pact_pages.api import index
    from pact_pages.models import ApiIndexEntry

    index.flush()  # this thread's own changes, not committed yet
    counts = ApiIndexEntry.objects.filter(
        kind=ApiIndexEntry.Kind.SIGNATORY, translation_key=OuterRef("translation_key")
    ).values("initiative_count")[:1]
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def signatories_for_listing(locale: Locale | None = None, parent: Page | None = None) -> QuerySet:
    """Signatories with their logo rendition and initiative count, ordered by title."""
    queryset = live_signatories(locale)
    if parent is not None:
        queryset = children_of_any_translation(queryset, parent)
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
    from pact_pages.models import InitiativePillar

    queryset = live_initiatives(locale)
    if signatory is not None:
        queryset = children_of_any_translation(queryset, signatory)
    pillar_links = InitiativePillar.objects.select_related("pillar").order_by("sort_order")
    return with_initiative_dates(
        queryset.prefetch_related(
            Prefetch("pillar_links", queryset=pillar_links),
            "tagged_items__tag",
            Prefetch("featured_image", queryset=_images_with(CARD_IMAGE_SPEC)),
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


def attach_signatories(initiatives) -> list:
    """Sets ``initiative.signatory`` on each initiative of a page of results, in one query."""
    from pact_pages.models import SignatoryPage

    initiatives = list(initiatives)
    parent_paths = {page.path[: -Page.steplen] for page in initiatives}
    parents = {page.path: page for page in SignatoryPage.objects.filter(path__in=parent_paths)}
    for page in initiatives:
        page.signatory = parents.get(page.path[: -Page.steplen])
    return initiatives


def decorate_initiatives(initiatives, locale: Locale | None = None) -> list:
    """Sets ``signatory`` and ``pillars`` (in the reader's locale) on a page of results.

    Two queries for the whole page: the parent signatories, and the four Ps. An item shown
    in the source language (not yet translated) still gets the reader's names of the Ps.
    """
    initiatives = attach_signatories(initiatives)
    pillars = pillars_by_slug(locale or Locale.get_default())
    for page in initiatives:
        page.pillars = [
            pillars.get(link.pillar.slug, link.pillar) for link in page.pillar_links.all()
        ]
    return initiatives


def with_any_pillar(initiatives: QuerySet, slugs: list[str]) -> QuerySet:
    """Initiatives linked to at least one of the given Ps (by stable slug)."""
    from pact_pages.models import InitiativePillar

    links = InitiativePillar.objects.filter(page=OuterRef("pk"), pillar__slug__in=slugs)
    return initiatives.filter(Exists(links))


def in_countries(initiatives: QuerySet, countries: list[str]) -> QuerySet:
    """Initiatives whose signatory (the parent page) is in one of the given countries."""
    from pact_pages.models import SignatoryPage

    parents = SignatoryPage.objects.filter(country__in=countries, path=_parent_path())
    return initiatives.filter(Exists(parents))


def pillars_by_slug(locale: Locale, source: Locale | None = None) -> dict:
    """The four Ps in ``locale`` (the default locale's, ``source``, where not yet translated)."""
    from pact_pages.models import Pillar

    source = source or Locale.get_default()
    rows = Pillar.objects.filter(locale__in={source.pk, locale.pk})
    by_slug = {pillar.slug: pillar for pillar in rows if pillar.locale_id == source.pk}
    by_slug.update({pillar.slug: pillar for pillar in rows if pillar.locale_id == locale.pk})
    return by_slug


def pillars_in_order(locale: Locale) -> list:
    """The four Ps in their order, named in ``locale`` (each in the source language until
    translated): one query in the source language, as ``pillars_by_slug`` otherwise."""
    from pact_pages.models import Pillar

    if locale.language_code == source_language():
        return list(Pillar.objects.filter(locale=locale).in_order())
    return sorted(pillars_by_slug(locale).values(), key=lambda p: (p.sort_order, p.slug))


def library_for(page: Page):
    """The initiative library of the page's locale (the source language's where that locale
    has none yet), to link tags and Ps to."""
    from pact_pages.models import InitiativeLibraryPage

    libraries = InitiativeLibraryPage.objects.live().filter(
        Q(locale_id=page.locale_id) | Q(locale__language_code=source_language())
    )
    own_first = Case(When(locale_id=page.locale_id, then=0), default=1)
    return libraries.order_by(own_first, "path").first()
