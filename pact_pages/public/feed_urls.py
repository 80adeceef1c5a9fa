"""Feeds of the latest initiatives. Include inside ``i18n_patterns`` so that each language
has its own feeds::

    urlpatterns += i18n_patterns(
        path("feeds/", include("pact_pages.public.feed_urls")),
        ...  # before Wagtail's page serving
    )
"""

from django.urls import path

from pact_pages.public.feeds import AtomInitiativesFeed, InitiativesFeed

urlpatterns = [
    path("initiatives.rss", InitiativesFeed(), name="pact_initiatives_rss"),
    path("initiatives.atom", AtomInitiativesFeed(), name="pact_initiatives_atom"),
    path("initiatives/<slug:pillar>.rss", InitiativesFeed(), name="pact_initiatives_rss"),
    path("initiatives/<slug:pillar>.atom", AtomInitiativesFeed(), name="pact_initiatives_atom"),
]
