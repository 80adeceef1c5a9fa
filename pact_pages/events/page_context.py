"""What an event's page shows beside its fields: its Ps, tags, signatory, initiative, the
times in the reader's zone and the links to add it to a calendar."""

from django.http import HttpRequest

from pact_pages.core.fallbacks import reader_locale
from pact_pages.core.languages import NAMES
from pact_pages.events import display
from pact_pages.pillars.queries import pillars_by_slug


def event_context(event, request: HttpRequest) -> dict:
    locale = reader_locale(event)
    pillars = pillars_by_slug(locale)
    links = list(event.pillar_links.select_related("pillar"))
    reader = display.reader_zone_of(request)
    return {
        "signatory": event.signatory,
        "pillars": [pillars.get(link.pillar.slug, link.pillar) for link in links],
        "tags": list(event.tags.all()),
        "event_language_names": [NAMES.get(code, code) for code in event.event_languages or []],
        "when": display.when(event, reader),
        "reader_zone": reader,
        "initiative": display.initiative_for_reader(event, locale),
        "ics_url": display.ics_url(event),
        "zone_form": display.zone_form_context(request, reader),
    }
