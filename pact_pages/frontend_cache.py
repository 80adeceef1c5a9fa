"""CDN purges beyond Wagtail's own: the listings and the API that show a changed page.

With ``wagtail.contrib.frontend_cache`` installed and ``WAGTAILFRONTENDCACHE`` set (see
docs/deployment.md), Wagtail purges a page's own URLs when it is published or unpublished.
A signatory or initiative also appears on the home page, the directory, the initiative
library, the map, its signatory's profile, the RSS and Atom feeds (every language, every P),
``sitemap.xml`` and the API; this module purges those too, through the same background task
(``purge_urls_from_cache`` enqueues it).

The API's URLs are purged without query strings (a CDN keys each query apart; most CDNs
cannot purge by prefix): filtered API responses rely on their short ``max-age``
(``PACT_API_MAX_AGE``, 60 s).
"""

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import (
    InitiativeLibraryPage,
    InitiativePage,
    MapPage,
    SignatoryIndexPage,
    SignatoryPage,
)
from .models.pillars import PILLAR_SLUGS

API_PATHS = ("signatories", "initiatives", "pillars", "countries", "tags", "stats", "map.geojson")


def enabled() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def listing_pages(page: Page) -> list[Page]:
    """The live pages whose content lists ``page``: in every language."""
    pages = list(SignatoryIndexPage.objects.live()) + list(InitiativeLibraryPage.objects.live())
    pages += list(MapPage.objects.live())  # its list and popups show names and counts
    roots = Page.objects.filter(pk__in=Site.objects.values("root_page"))
    pages += list(Page.objects.live().filter(translation_key__in=roots.values("translation_key")))
    parent = page.get_parent()
    if parent is not None and isinstance(parent.specific_deferred, SignatoryPage):
        pages += list(Page.objects.live().filter(translation_key=parent.translation_key))
    return pages


def api_urls() -> list[str]:
    base = (getattr(settings, "WAGTAILAPI_BASE_URL", "") or "").rstrip("/")
    if not base:
        return []
    prefix = getattr(settings, "PACT_API_PREFIX", "/api/pact/v1/")
    return [f"{base}{prefix}{path}" for path in API_PATHS]


def _feed_paths() -> list[str]:
    """Every feed's path in every language (a feed names each initiative's signatory, so a
    signatory's change shows in them too); none where the site does not mount the feeds."""
    paths = []
    for language in getattr(settings, "WAGTAILFRONTENDCACHE_LANGUAGES", None) or [
        code for code, _name in settings.LANGUAGES
    ]:
        with translation.override(language):
            for name in ("pact_initiatives_rss", "pact_initiatives_atom"):
                try:
                    paths.append(reverse(name))
                    paths += [reverse(name, kwargs={"pillar": slug}) for slug in PILLAR_SLUGS]
                except NoReverseMatch:
                    return []
    return paths


def feed_and_sitemap_urls() -> list[str]:
    paths = _feed_paths()
    try:
        paths.append(reverse("pact_sitemap"))
    except NoReverseMatch:
        pass
    roots = {site.root_url for site in Site.objects.all()}
    return [f"{root}{path}" for root in sorted(roots) for path in paths]


def purge_for(page: Page) -> None:
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache, purge_urls_from_cache

    purge_pages_from_cache(listing_pages(page))
    purge_urls_from_cache(api_urls() + feed_and_sitemap_urls())


def _changed(sender, instance, **kwargs) -> None:
    if enabled() and isinstance(instance, SignatoryPage | InitiativePage):
        purge_for(instance)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"pact_frontend_cache_{id(signal)}")
