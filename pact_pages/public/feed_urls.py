"""Feeds of the latest initiatives. ``pact_pages.urls`` mounts them under ``feeds/``, behind
the site's language prefix when its pages have one, so that each language has its own feeds
(``/fr/feeds/initiatives.rss``)."""

from django.urls import path

from pact_pages.public.feeds import AtomInitiativesFeed, InitiativesFeed

urlpatterns = [
    path("initiatives.rss", InitiativesFeed(), name="pact_initiatives_rss"),
    path("initiatives.atom", AtomInitiativesFeed(), name="pact_initiatives_atom"),
    path("initiatives/<slug:pillar>.rss", InitiativesFeed(), name="pact_initiatives_rss"),
    path("initiatives/<slug:pillar>.atom", AtomInitiativesFeed(), name="pact_initiatives_atom"),
]
