"""The four Ps for listings, in the reader's language."""

from django.db.models import Q
from wagtail.models import Locale

from pact_pages.core.layout_cache import remembered
from pact_pages.core.reader_links import source_language  # Locale.get_default() without its query
from pact_pages.pillars.models import Pillar


def pillars_by_slug(locale: Locale, source: Locale | None = None) -> dict:
    """The four Ps in ``locale`` (the default locale's, ``source``, where not yet translated),
    from the layout's cache (a P saved or deleted makes it stale): most pages show them."""
    parts = (locale.pk, locale.language_code, source.pk if source is not None else None)
    return remembered(None, "pillars", parts, lambda: _pillars_by_slug(locale, source))


def _pillars_by_slug(locale: Locale, source: Locale | None) -> dict:
    if source is None:  # by its language: Locale.get_default() would cost a query
        rows = list(
            Pillar.objects.filter(
                Q(locale=locale) | Q(locale__language_code=source_language())
            ).select_related("locale")
        )
        is_source = [pillar.locale.language_code == source_language() for pillar in rows]
    else:
        rows = list(Pillar.objects.filter(locale__in={source.pk, locale.pk}))
        is_source = [pillar.locale_id == source.pk for pillar in rows]
    by_slug = {pillar.slug: pillar for pillar, own in zip(rows, is_source, strict=True) if own}
    by_slug.update({pillar.slug: pillar for pillar in rows if pillar.locale_id == locale.pk})
    return by_slug


def in_order(pillars: dict) -> list:
    """The Ps of a ``pillars_by_slug`` answer in their order."""
    return sorted(pillars.values(), key=lambda p: (p.sort_order, p.slug))


def pillars_in_order(locale: Locale) -> list:
    """The four Ps in their order, named in ``locale`` (each in the source language until
    translated): one query in the source language, as ``pillars_by_slug`` otherwise."""
    if locale.language_code == source_language():
        rows = Pillar.objects.filter(locale=locale)
        return remembered(None, "pillars-in-order", (locale.pk,), lambda: list(rows.in_order()))
    return in_order(pillars_by_slug(locale))
