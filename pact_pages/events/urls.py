"""The events' .ics addresses; ``pact_pages.urls`` mounts them under ``feeds/``, behind the
language prefix as the other feeds (``/fr/feeds/calendar.ics?pillar=prevention``)."""

from django.urls import path

from pact_pages.events.views import calendar_ics, event_ics

urlpatterns = [
    path("calendar.ics", calendar_ics, name="pact_calendar_ics"),
    path("events/<uuid:key>.ics", event_ics, name="pact_event_ics"),
]
