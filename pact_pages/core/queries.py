"""What every listing shares: the rendition specs, the parent-path subquery, the locale rule.

Each feature's listings live with it (:mod:`pact_pages.pillars.queries`,
:mod:`pact_pages.signatories.queries`, :mod:`pact_pages.initiatives.queries`) and build on
these helpers, so that the prefetching that keeps query counts flat follows one pattern.

Listings in a locale show each item once: its version in that locale where there is one,
the source language's otherwise (see :func:`prefer_locale`).
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Locale, Page, PageViewRestriction

from pact_pages.core import layout_cache, request_memo
from pact_pages.core.fallbacks import translated_copy_q

CARD_IMAGE_SPEC = "fill-640x360"  # the API's card size (pact_pages.api.schemas)
LOGO_SPEC = "max-160x160"
# What the public cards' {% srcset_image %} tags ask for (initiative_card.html,
# signatory_card.html): WebP, at the widths a phone and a desktop column need. A listing
# prefetches exactly these, so a card costs no query; a template naming other sizes would
# cost one per card, which tests/test_queries.py would see. WebP, not AVIF: on the demo's
# pictures AVIF was no smaller, and Pillow took 30 times longer to encode it (over a second
# a card on 2 cores), time the first reader of a page with new pictures would wait.
CARD_PICTURE = "format-webp fill-{320x180,640x360}"
LOGO_PICTURE = "format-webp max-160x160"


def picture_specs(pattern: str) -> list[str]:
    """The rendition filter specs a ``{% srcset_image %}`` tag expands ``pattern`` into."""
    return Filter.expand_spec(pattern)


def _images_with(*specs: str) -> QuerySet:
    return get_image_model().objects.prefetch_renditions(*specs)


def _parent_path() -> Substr:
    """The tree path of the row's parent page, for use inside a subquery."""
    return Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)


def in_row_order(pages, rows, attribute: str) -> list:
    """The pages of ``rows`` (page id, value) in the rows' order, each given its value as
    ``attribute``; a page gone between the two queries (unpublished, deleted) is left out."""
    by_id = {page.pk: page for page in pages}
    listed = []
    for page_id, value in rows:
        page = by_id.get(page_id)
        if page is not None:
            setattr(page, attribute, value)
            listed.append(page)
    return listed


def prefer_locale(queryset: QuerySet, locale: Locale | None) -> QuerySet:
    """Each item once: its version in ``locale`` where there is one, the source's otherwise.

    A fallback copy (wagtail-localize's alias of an untranslated parent) is not a version in
    ``locale``: it holds the source's text, so the source is listed, in its own language.
    """
    if locale is None:
        return queryset
    source = default_locale()
    if locale.pk == source.pk:
        return queryset.filter(locale=source)
    own = Q(locale=locale) & ~translated_copy_q()
    translated = queryset.filter(own).values("translation_key")
    return queryset.filter(own | (Q(locale=source) & ~Q(translation_key__in=translated)))


def default_locale() -> Locale:
    """``Locale.get_default()`` from the layout's cached locales (no query when cached)."""
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    for locale in layout_cache.locales().values():
        if locale.language_code == code:
            return locale
    return Locale.get_default()


def children_of_any_translation(queryset: QuerySet, parent: Page) -> QuerySet:
    """Pages whose parent is ``parent`` or one of its translations."""
    parents = Page.objects.filter(translation_key=parent.translation_key, path=_parent_path())
    return queryset.filter(Exists(parents))


def private_q() -> Q:
    """Pages under a view restriction (on themselves or an ancestor), as Wagtail's
    ``PageQuerySet.private_q()`` tells them, read without a scan of every page.

    Wagtail reads the restrictions joined to their pages; with the restriction table empty
    (and so without statistics) SQLite reads all pages to find none: 0.2 s a call at 120,000
    pages, six calls in every publish's index rebuild. The restricted pages' ids first, from
    the small table alone, then their paths by primary key, only if there are any.
    """
    return request_memo.remembered("private_q", _private_q)


def _private_q() -> Q:
    restricted = list(PageViewRestriction.objects.values_list("page_id", flat=True))
    sections = Page.objects.filter(pk__in=restricted).values_list("path", "depth")
    private = Q()
    for path, depth in sections if restricted else ():
        private |= Q(path__startswith=path, depth__gte=depth)
    # No restriction: a condition that matches no page, as Wagtail's.
    return private or Q(pk__in=[])


def from_own_table(queryset: QuerySet) -> QuerySet:
    """``queryset`` of a page type with few rows (events, plans, reports, rounds), its ids
    asked from the type's own table.

    Joined to the page tree and filtered by liveness and locale, SQLite starts from the
    tree when the type's table has no statistics (always for an empty table, and on a site
    that never ran ANALYZE): every live page of the locale walked to find none, 90 ms a query
    at 110,000 pages. ``id IN (its own ids)`` makes it start from the type's table (1.5 ms);
    PostgreSQL plans it as the semi-join it is.
    """
    return queryset.filter(pk__in=queryset.model._base_manager.values("pk"))


def public(queryset: QuerySet) -> QuerySet:
    """``queryset.public()``: the pages a reader without a password or login may see (none
    under a view restriction), through :func:`private_q`."""
    return queryset.exclude(private_q())
