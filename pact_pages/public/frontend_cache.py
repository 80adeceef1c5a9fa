"""CDN purges beyond Wagtail's own: the listings and the API that show a changed page.

With ``wagtail.contrib.frontend_cache`` installed and ``WAGTAILFRONTENDCACHE`` set (see
docs/deployment.md), Wagtail purges a page's own URLs when it is published or unpublished.
A signatory or initiative also appears on the home page, the directory, the initiative
library, the map, its signatory's profile, the RSS and Atom feeds (every language, every P),
``sitemap.xml`` and the API; this module purges those too, through the same background task
(``purge_urls_from_cache`` enqueues it).

Besides, every address that showed the page or its files: the page and its translations
(and their descendants when a section moves or turns private), their API details in both
APIs (``/api/pact/v1/…/{id}``, ``by-slug``, ``/api/v2/pages/{id}/``), the files they use
(``/documents/{id}/{name}``, ``/api/v2/images|documents/{id}/``) and the search page; and,
for each of these paths, the query-string variants served within the CDN's ``max-age``
(filters, pages, ``?locale=``), which ``pact_pages.core.cdn_variants`` records as they are
served. Changes that purge: publish, unpublish (a take-down, a deletion), move, a view
restriction on a page or a collection added, changed or removed; of a plugin page, or of a
host page that holds plugin pages (``pact_pages.core.plugin_content``).
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from pact_pages.conf import pact_setting
from pact_pages.core.cdn_variants import enabled, variants
from pact_pages.core.plugin_content import concerns_plugin
from pact_pages.initiatives.library import InitiativeLibraryPage
from pact_pages.initiatives.models import InitiativePage
from pact_pages.map.models import MapPage
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.signatories.models import SignatoryIndexPage, SignatoryPage

API_PATHS = ("signatories", "initiatives", "pillars", "countries", "tags", "stats", "map.geojson")


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
    prefix = pact_setting("PACT_API_PREFIX")
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


def _languages() -> list[str]:
    return getattr(settings, "WAGTAILFRONTENDCACHE_LANGUAGES", None) or [
        code for code, _name in settings.LANGUAGES
    ]


def _site_roots() -> list[str]:
    return sorted({site.root_url for site in Site.objects.all()})


def _api_base() -> str:
    return (getattr(settings, "WAGTAILAPI_BASE_URL", "") or "").rstrip("/")


def _reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def detail_urls(pages: list[Page]) -> list[str]:
    """The API addresses that show each of ``pages`` by id or slug."""
    base, prefix = _api_base(), pact_setting("PACT_API_PREFIX")
    if not base:
        return []
    urls = []
    for page in pages:
        urls.append(f"{base}/api/v2/pages/{page.pk}/")
        if isinstance(page.specific_deferred, SignatoryPage):
            urls += [f"{base}{prefix}signatories/{page.pk}"]
            urls += [f"{base}{prefix}signatories/by-slug/{page.slug}"]
        elif isinstance(page.specific_deferred, InitiativePage):
            urls.append(f"{base}{prefix}initiatives/{page.pk}")
    return urls


def file_urls(pages: list[Page]) -> list[str]:
    """The addresses of the images and documents ``pages`` use (their live content)."""
    images, documents = get_image_model(), get_document_model()
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
        to_content_type__in=[ContentType.objects.get_for_model(m) for m in (images, documents)],
    ).values_list("to_content_type", "to_object_id")
    ids = {images: set(), documents: set()}
    for content_type, object_id in references:
        model = ContentType.objects.get_for_id(content_type).model_class()
        ids[documents if issubclass(model, documents) else images].add(int(object_id))
    base = _api_base()
    urls = [f"{base}/api/v2/images/{pk}/" for pk in ids[images]] if base else []
    for document in documents.objects.filter(pk__in=ids[documents]):
        urls += [f"{root}{document.url}" for root in _site_roots()]
        urls += [f"{base}/api/v2/documents/{document.pk}/"] if base else []
    return urls


def shown_pages(
    page: Page, with_descendants: bool = False, parents: tuple[Page | None, ...] = ()
) -> list[Page]:
    """The page in every language, its signatory's pages (``parents``: also the one it was
    moved from), and its descendants if asked."""
    pages = list(Page.objects.filter(translation_key=page.translation_key))
    for parent in (page.get_parent(), *parents):
        if parent is not None and isinstance(parent.specific_deferred, SignatoryPage):
            pages += list(Page.objects.filter(translation_key=parent.translation_key))
    if with_descendants:
        for translation_page in list(pages):
            pages += list(translation_page.get_descendants())
    return pages


def _with_languages(path: str) -> set[str]:
    languages = _languages()
    alternatives = "|".join(map(re.escape, languages))
    pattern = re.compile(f"^/({alternatives})/")
    if not pattern.match(path):
        return {path}
    return {pattern.sub(f"/{language}/", path) for language in languages}


def purge_for(
    page: Page,
    with_descendants: bool = False,
    extra: list[str] = (),
    parents: tuple[Page | None, ...] = (),
) -> None:
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    pages = shown_pages(page, with_descendants, parents)
    batch = PurgeBatch()
    batch.add_pages(listing_pages(page) + [p for p in pages if p.url_path])
    search = _reverse("pact_search")
    batch.add_urls(api_urls() + feed_and_sitemap_urls() + detail_urls(pages))
    batch.add_urls(file_urls(pages) + list(extra))
    batch.add_urls(f"{root}{search}" for root in _site_roots() if search)
    base = _api_base()
    batch.add_urls(f"{base}/api/v2/{name}/" for name in ("pages", "images", "documents") if base)
    paths = set()
    for url in batch.urls:
        paths |= _with_languages(urlsplit(url).path)
    batch.add_urls(variants(sorted(paths)))
    batch.purge()


def _changed(sender, instance, **kwargs) -> None:
    # A host's own page is Wagtail's to purge, unless plugin pages live under it.
    if enabled() and concerns_plugin(instance):
        moved = "url_path_before" in kwargs
        extra = _old_urls(instance, kwargs) if moved else []
        parents = (kwargs.get("parent_page_before"),)
        purge_for(instance, with_descendants=moved, extra=extra, parents=parents)


def _old_urls(page: Page, kwargs: dict) -> list[str]:
    """Where a moved page and its descendants were (their CDN copies stay there)."""
    before, after = kwargs.get("url_path_before") or "", kwargs.get("url_path_after") or ""
    common = 0
    while common < min(len(before), len(after)) and before[common] == after[common]:
        common += 1
    common = before.rfind("/", 0, common) + 1
    old_tail, new_tail = before[common:], after[common:]
    urls = []
    for moved in [page, *page.get_descendants()]:
        url = moved.get_full_url()
        tail = moved.url_path[common:]
        if url and new_tail and tail.startswith(new_tail) and url.endswith(tail):
            urls.append(url[: -len(tail)] + old_tail + tail[len(new_tail) :])
    return urls


def _page_restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    if enabled() and not raw:
        page = Page.objects.filter(pk=instance.page_id).first()
        if concerns_plugin(page):
            purge_for(page, with_descendants=True)


def _document_urls(documents) -> list[str]:
    base = _api_base()
    urls = [f"{root}{document.url}" for document in documents for root in _site_roots()]
    return urls + (
        [f"{base}/api/v2/documents/{document.pk}/" for document in documents] if base else []
    )


def _collection_restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    if not enabled() or raw:
        return
    collection = instance.collection
    documents = get_document_model().objects.filter(collection__path__startswith=collection.path)
    purge_urls_from_cache(_document_urls(documents))


def _document_changed(sender, instance, raw=False, created=False, **kwargs) -> None:
    """A document deleted, replaced or moved to another collection: its copies go too."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    if enabled() and not raw and not created:
        purge_urls_from_cache(_document_urls([instance]))


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"pact_frontend_cache_{id(signal)}")
    # A deleted live page is unpublished first (Wagtail's pre_delete handler): purged above.
    for signal in (post_save, post_delete):
        signal.connect(
            _page_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"pact_frontend_cache_page_restriction_{id(signal)}",
        )
        signal.connect(
            _document_changed,
            sender=get_document_model(),
            dispatch_uid=f"pact_frontend_cache_document_{id(signal)}",
        )
        signal.connect(
            _collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"pact_frontend_cache_collection_restriction_{id(signal)}",
        )
