"""What makes every cached page stale (``pact_pages.public.page_cache``): a change to anything
a public page can show.

The API cache's events (``pact_pages.api.cache``: a page published, unpublished, moved,
deleted or saved live, a view restriction, a P), for every page of the site and not only the
plugin's (a page's header lists the site's menu, a host page is cached like the plugin's);
besides: a snippet or a site setting saved or deleted (the footer's links, social accounts),
an image or document changed or deleted (rendition addresses, file links), a site or locale
changed (addresses, language switcher). Translations are published pages. Renditions
created while a page renders change nothing that page does not already show.

Each change bumps the version at once and again after the commit, once the API's read index
has taken the change in (the listings read it): a reader served in between cannot keep an
old listing under the new version; so does the layout's version
(``pact_pages.core.layout_cache``), page cache or not. Connected in ``PactPagesConfig.ready``.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pact_pages.core import layout_cache
from pact_pages.core.signals import index_read
from pact_pages.pillars.models import Pillar
from pact_pages.public.page_cache import bump_version, enabled

logger = logging.getLogger(__name__)


def _after_index(**kwargs) -> None:
    index_read.send(sender=Page)  # the read index applies this thread's pending changes
    bump_version()


def _after_commit(**kwargs) -> None:
    layout_cache.bump()
    if enabled():
        _after_index()


def content_changed(**kwargs) -> None:
    # The layout's cache (menu, language links, locales) serves pages with or without the
    # page cache.
    layout_cache.bump()
    if enabled():
        bump_version()
    transaction.on_commit(_after_commit, robust=True)


def _settings_types() -> tuple[type[Model], ...]:
    if not apps.is_installed("wagtail.contrib.settings"):
        return ()
    from wagtail.contrib.settings.registry import registry

    return tuple(registry)


def _shown_types() -> tuple[type[Model], ...]:
    """Models whose saves and deletions change what pages show. Read at each save: snippets
    and settings register as their apps' hooks load, which may come after a first save."""
    from wagtail.snippets.models import get_snippet_models

    return (
        PageViewRestriction,
        CollectionViewRestriction,
        Pillar,  # a snippet, named in case the host registers no snippet viewsets
        Site,
        Locale,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
        *_settings_types(),
    )


def _saved(sender, instance, raw=False, created=False, **kwargs) -> None:
    if raw:
        return
    # A live page saved without the publish action (imports, scripts), or a draft of a live
    # page (its "has unpublished changes" does not show, but costs one rendering at most).
    if isinstance(instance, Page):
        if instance.live:
            content_changed()
    elif created and isinstance(instance, _settings_types()):
        # Created on first read (``for_site``) with its defaults, which pages showed already;
        # the admin's form then saves the values.
        return
    elif isinstance(instance, _shown_types()):
        content_changed()


def _deleted(sender, instance, **kwargs) -> None:
    rendition = get_image_model().get_rendition_model()
    if isinstance(instance, (Page, rendition, *_shown_types())):
        content_changed()


def _page_changed(sender, instance=None, **kwargs) -> None:
    content_changed()


def _migrated(sender, app_config=None, **kwargs) -> None:
    # Every release runs migrate: pages kept by the previous release name its fingerprinted
    # static files and were rendered by its templates. A cache that cannot be reached must
    # not fail the release (pages then expire within PACT_PAGE_CACHE_TIMEOUT).
    if app_config is None or app_config.name != "pact_pages":
        return
    try:
        content_changed()
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        logger.warning("Could not mark cached pages stale after migrate.", exc_info=True)


def connect() -> None:
    post_migrate.connect(_migrated, dispatch_uid="pact_page_cache_migrated")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"pact_page_cache_{id(signal)}")
    post_save.connect(_saved, dispatch_uid="pact_page_cache_saved")
    post_delete.connect(_deleted, dispatch_uid="pact_page_cache_deleted")
