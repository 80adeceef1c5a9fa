"""Feeds of the latest initiatives and of the upcoming events. ``pact_pages.urls`` mounts
them under ``feeds/``, behind the site's language prefix when its pages have one, so that
each language has its own feeds (``/fr/feeds/initiatives.rss``)."""

from django.urls import path

from pact_pages.public.event_feeds import AtomEventsFeed, EventsFeed
from pact_pages.public.feeds import AtomInitiativesFeed, InitiativesFeed

urlpatterns = [
    path("initiatives.rss", InitiativesFeed(), name="pact_initiatives_rss"),
    path("initiatives.atom", AtomInitiativesFeed(), name="pact_initiatives_atom"),
    path("initiatives/<slug:pillar>.rss", InitiativesFeed(), name="pact_initiatives_rss"),
    path("initiatives/<slug:pillar>.atom", AtomInitiativesFeed(), name="pact_initiatives_atom"),
    path("events.rss", EventsFeed(), name="pact_events_rss"),
    path("events.atom", AtomEventsFeed(), name="pact_events_atom"),
    path("events/<slug:pillar>.rss", EventsFeed(), name="pact_events_rss"),
    path("events/<slug:pillar>.atom", AtomEventsFeed(), name="pact_events_atom"),
]
