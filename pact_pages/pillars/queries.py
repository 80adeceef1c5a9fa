"""The four Ps for listings, in the reader's language."""

from wagtail.models import Locale

from pact_pages.core.reader_links import source_language  # Locale.get_default() without its query
from pact_pages.pillars.models import Pillar


def pillars_by_slug(locale: Locale, source: Locale | None = None) -> dict:
    """The four Ps in ``locale`` (the default locale's, ``source``, where not yet translated)."""
    source = source or Locale.get_default()
    rows = Pillar.objects.filter(locale__in={source.pk, locale.pk})
    by_slug = {pillar.slug: pillar for pillar in rows if pillar.locale_id == source.pk}
    by_slug.update({pillar.slug: pillar for pillar in rows if pillar.locale_id == locale.pk})
    return by_slug


def pillars_in_order(locale: Locale) -> list:
    """The four Ps in their order, named in ``locale`` (each in the source language until
    translated): one query in the source language, as ``pillars_by_slug`` otherwise."""
    if locale.language_code == source_language():
        return list(Pillar.objects.filter(locale=locale).in_order())
    return sorted(pillars_by_slug(locale).values(), key=lambda p: (p.sort_order, p.slug))
