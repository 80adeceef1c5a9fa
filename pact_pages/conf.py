"""Every setting of the plugin, with its default, in one place (docs/settings.md lists them).

A host site sets only what it wants to change. Values are read at the time of use, never at
import, so that ``override_settings`` and settings changed by a host's own code apply.

    from pact_pages.conf import pact_setting
    per_page = pact_setting("PACT_SIGNATORIES_PER_PAGE")

Settings that Wagtail or Django already have are read through their own getters, not here:
the content languages through ``wagtail.coreutils.get_content_languages()``, the default
locale through ``pact_pages.core.reader_links.source_language()`` (Wagtail's rule).
The opt-in sub-apps (``pact_pages.twofactor``, ``pact_pages.security``) document their own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULTS: dict[str, Any] = {
    # Branding. None: computed at the time of use (pact_name(), email_signature()).
    "PACT_NAME": None,
    "PACT_EMAIL_SIGNATURE": None,
    # ISO 3166-1 alpha-2 codes a signatory may come from. None: the Council of Europe's 46
    # member states (core/data/coe_member_states.csv).
    "PACT_COUNTRIES": None,
    # The site's template the plugin's pages extend: it must have Wagtail's project-template
    # blocks title, extra_css, content and extra_js (check pact_pages.W010 says when not).
    "PACT_BASE_TEMPLATE": "base.html",
    # Which uploads reach the public only once a live, public page uses them (documents'
    # downloads, /api/v2/'s images and documents): "plugin", the files in the plugin's
    # collections (signatories' uploads); "all", every file of the site.
    "PACT_GUARDED_MEDIA": "plugin",
    # Listings
    "PACT_SIGNATORIES_PER_PAGE": 24,
    "PACT_INITIATIVES_PER_PAGE": 24,
    "PACT_MAP_LIST_PER_PAGE": 100,
    "PACT_FEED_ITEMS": 20,
    "PACT_SEARCH_RESULTS_PER_PAGE": 10,
    # Dotted "app_label.Model" names of the host's page types searched beside the plugin's.
    "PACT_SEARCH_EXTRA_PAGE_MODELS": (),
    # Which engine answers searches (docs/search.md): "auto", the plugin's own index when
    # Wagtail's search backend is its database one on PostgreSQL or SQLite, else Wagtail's
    # backend (Elasticsearch/OpenSearch); "index" or "wagtail" to choose.
    "PACT_SEARCH_ENGINE": "auto",
    # The map's tiles ({z}/{x}/{y}; empty: none, the site's own country outlines only) and
    # their credit (HTML; empty: OpenStreetMap's, translated)
    "PACT_MAP_TILE_URL": "",
    "PACT_MAP_ATTRIBUTION": "",
    # HTTP caching of public pages (seconds) and the CDN purge record
    "PACT_PUBLIC_MAX_AGE": 300,
    "PACT_CDN_REGISTRY_CACHE": "default",  # a CACHES alias; None: no shared record
    "PACT_CDN_VARIANTS_PER_PATH": 200,
    "PACT_CDN_VARIANTS_MAX": 5000,
    # The page cache for anonymous readers (pact_pages.public.page_cache.PageCacheMiddleware,
    # when the host adds it): a CACHES alias (None or "none": off), seconds a page is kept at
    # most, query strings kept per path and content version
    "PACT_PAGE_CACHE": "default",
    "PACT_PAGE_CACHE_TIMEOUT": 300,
    "PACT_PAGE_CACHE_VARIANTS": 50,
    # The layout every public page reads (locales, menu, language links): a CACHES alias shared
    # by the site's processes (None: per request only; a local-memory cache keeps it 5 s)
    "PACT_LAYOUT_CACHE": "default",
    # The JSON API
    "PACT_API_PREFIX": "/api/pact/v1/",
    "PACT_API_CACHE": "default",  # a CACHES alias
    "PACT_API_MAX_AGE": 60,  # Cache-Control max-age, seconds
    "PACT_API_CACHE_TIMEOUT": 300,  # seconds in the Django cache
    # With ``q``, lists count matches up to this many; beyond, count_exact is false
    "PACT_API_SEARCH_COUNT_LIMIT": 1000,
    "PACT_HEADLESS_PREVIEW_URL": "",
    "PACT_HEADLESS_PREVIEW_MAX_AGE": 3600,
    # Abuse limits: (requests, seconds)
    "PACT_TRUSTED_PROXIES": 0,  # reverse proxies in front of the site, for the client address
    "PACT_JOIN_RATE_LIMIT": (5, 3600),  # join requests per client address
    "PACT_JOIN_MAIL_RATE_LIMIT": (3, 86400),  # acknowledgements per mailbox
    "PACT_EMAIL_CHANGE_MAIL_RATE_LIMIT": (3, 86400),  # e-mail change confirmations per mailbox
    "PACT_NEWSLETTER_RATE_LIMIT": (5, 3600),  # sign-ups per client address
    "PACT_NEWSLETTER_MAIL_RATE_LIMIT": (3, 86400),  # newsletter mails per mailbox
    "PACT_SEARCH_RATE_LIMIT": (60, 60),  # searches per client address (site search, API)
    # Personal data kept (days)
    "PACT_NEWSLETTER_UNCONFIRMED_DAYS": 7,
    "PACT_REJECTED_SIGNUP_RETENTION_DAYS": 90,
}


def pact_setting(name: str) -> Any:
    """The host's value of ``name``, or the plugin's default for it."""
    if name not in DEFAULTS:
        raise KeyError(f"{name} is not a pact_pages setting (pact_pages.conf.DEFAULTS)")
    return getattr(settings, name, DEFAULTS[name])


def pact_name() -> str:
    """The network's name in feeds, the API and mails: ``PACT_NAME``, else the site's name
    (``WAGTAIL_SITE_NAME``), else a neutral "The Pact" in the active language."""
    return str(
        pact_setting("PACT_NAME") or getattr(settings, "WAGTAIL_SITE_NAME", "") or _("The Pact")
    )


def email_signature() -> str:
    """The line that signs the plugin's mails: ``PACT_EMAIL_SIGNATURE``, else the name."""
    return str(pact_setting("PACT_EMAIL_SIGNATURE") or pact_name())
