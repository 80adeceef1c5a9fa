"""RSS 2.0 and Atom feeds of the upcoming events, per language and per P.

The feeds list what the calendar lists as upcoming (:mod:`pact_pages.events.queries`):
published, public events of published signatories and of the site-wide calendar, each once,
in the reader's language where translated and in the source language otherwise, the
soonest first. As the initiatives' feeds (:mod:`.feeds`), a feed is served under the
reader's language prefix (``/fr/feeds/events.rss``), each item says the language its text
is in, and a fixed number of queries builds it whatever the number of items.
"""

from html import escape

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from wagtail.models import Locale

from pact_pages.conf import pact_name, pact_setting
from pact_pages.core.fallbacks import content_locale_id
from pact_pages.core.queries import public
from pact_pages.core.reader_links import locale_codes, reader_page_url
from pact_pages.events.calendar import CalendarPage
from pact_pages.events.queries import (
    decorate,
    for_listing,
    public_events,
    upcoming,
    upcoming_events,
    with_any_pillar,
)
from pact_pages.pillars.models import Pillar
from pact_pages.public.feeds import InitiativesFeed, LanguageTaggedAtom


def event_feed_title(pillar_name: str | None = None) -> str:
    """The feed's title in the active language, also the page head's link to it."""
    if pillar_name is None:
        return _("%(name)s: upcoming events") % {"name": pact_name()}
    return _("%(name)s: upcoming events for %(pillar)s") % {
        "name": pact_name(),
        "pillar": pillar_name,
    }


def when_text(event) -> str:
    """The event's dates (all day) or start time in its own zone, in the active language."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        first = formats.date_format(start.date(), "DATE_FORMAT")
        if end.date() == start.date():
            return first
        return f"{first} – {formats.date_format(end.date(), 'DATE_FORMAT')}"
    moment = formats.date_format(start, "DATETIME_FORMAT")
    return f"{moment} ({event.time_zone})"


class EventsFeed(InitiativesFeed):
    """RSS 2.0 feed of upcoming events; ``AtomEventsFeed`` is the same feed as Atom 1.0."""

    url_name = "pact_events_rss"

    def title(self, pillar: Pillar | None) -> str:
        return event_feed_title(pillar.name if pillar else None)

    def description(self, pillar: Pillar | None) -> str:
        return _("%(name)s: trainings, conferences and days to come, in person and online.") % {
            "name": pact_name()
        }

    def link(self, pillar: Pillar | None) -> str:
        """The calendar in the reader's language (filtered by the P), or the site."""
        locales = [self.locale.pk, Locale.get_default().pk]
        # A calendar behind a password or login is not the feed's public home.
        calendars = public(CalendarPage.objects.live().filter(locale__in=locales))
        calendar = min(calendars, key=lambda page: page.locale_id != self.locale.pk, default=None)
        if calendar is None:
            return reverse("wagtail_serve", args=[""])
        url = reader_page_url(self.request, calendar)
        return f"{url}?pillar={pillar.slug}" if pillar else url

    def items(self, pillar: Pillar | None) -> list:
        limit = pact_setting("PACT_FEED_ITEMS")
        if pillar is None:
            return upcoming(self.locale, limit)
        # The P's events only: filtered before the limit, so a P gets its own next ones.
        events = with_any_pillar(public_events(self.locale), [pillar.slug])
        return decorate(for_listing(upcoming_events(events))[:limit], self.locale)

    def item_description(self, item) -> str:
        # Plain text made HTML-safe, as the initiatives' summaries: when, where, what.
        where = item.address if item.is_in_person else _("Online")
        parts = [when_text(item), where.replace("\n", ", "), item.summary]
        return escape(" · ".join(part for part in parts if part), quote=False)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_extra_kwargs(self, item) -> dict:
        return {"language": locale_codes(self.request).get(content_locale_id(item))}

    def item_categories(self, item) -> list[str]:
        tags = sorted(tagged.tag.name for tagged in item.tagged_items.all())
        return [pillar.name for pillar in item.pillars] + tags


class AtomEventsFeed(EventsFeed):
    feed_type = LanguageTaggedAtom
    url_name = "pact_events_atom"
