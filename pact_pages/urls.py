"""Every address the plugin's pages, templates, mails and API need, in one include.

Put it at the root of the site's URLconf, before Wagtail's page serving, whether or not the
site uses ``i18n_patterns``::

    path("", include("pact_pages.urls")),

- ``api/pact/v1/`` (``PACT_API_PREFIX``): the JSON API (docs/api.md); the language is a
  parameter, not a prefix.
- ``newsletter/confirm/…`` and ``newsletter/unsubscribe/…``: the links in newsletter mails,
  without a language prefix so that they keep working whatever the reader's language.
- ``[<language>/]feeds/initiatives.rss`` (and ``.atom``, and per P): the feeds, under the
  same language prefix as the site's pages when it uses one. The addresses end in
  ``.rss``/``.atom`` and page slugs cannot hold a dot: no host page is ever shadowed.
  ``[<language>/]feeds/events.rss`` (and ``.atom``, and per P): the upcoming events.
- ``[<language>/]feeds/calendar.ics`` (filtered as the calendar page) and
  ``[<language>/]feeds/events/<key>.ics``: the events in iCalendar.

Optional, each included by the site where it wants it: the search page
(``pact_pages.public.search_urls``) and sitemap.xml with robots.txt
(``pact_pages.public.seo_urls``). A site has its own search, sitemap and favicon.
"""

from django.urls import include, path

from pact_pages.conf import pact_setting
from pact_pages.public.language_prefix import per_language

urlpatterns = [
    # Read when the URLconf loads: an address cannot change while the site runs.
    path(pact_setting("PACT_API_PREFIX").lstrip("/"), include("pact_pages.api.urls")),
    path("newsletter/", include("pact_pages.newsletter.urls")),
    per_language(
        [
            path("feeds/", include("pact_pages.public.feed_urls")),
            path("feeds/", include("pact_pages.events.urls")),
        ]
    ),
]
