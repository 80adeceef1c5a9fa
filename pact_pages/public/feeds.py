"""RSS 2.0 and Atom feeds of the latest published initiatives, per language and per P.

The feeds list what the initiative library lists (``initiatives.listing``): published
initiatives of published, public signatories, each once, in the reader's language where it is
translated and in the source language otherwise. A feed is served under the reader's
language prefix (``/fr/feeds/initiatives.rss``), so its titles, P names and links are in that
language. A fixed number of queries whatever the number of items.

Each item says the language its text is really in (an untranslated story in the French feed
is English): ``xml:lang`` on the Atom entry, Dublin Core ``dc:language`` on the RSS item,
whose channel ``<language>`` only names the feed's own language. Dates are the initiative's:
published when it was first published in any language, so a translation published today of
a story from 2025 is dated 2025 and does not top the feed.
"""

import copy
from html import escape

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from pact_pages.conf import pact_name, pact_setting
from pact_pages.core.fallbacks import content_locale_id
from pact_pages.core.reader_links import locale_codes, reader_page_url
from pact_pages.initiatives import listing
from pact_pages.initiatives.library import InitiativeLibraryPage
from pact_pages.pillars.models import Pillar

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


def feed_title(pillar_name: str | None = None) -> str:
    """The feed's title in the active language, also the page head's link to it."""
    if pillar_name is None:
        return _("%(name)s: latest initiatives") % {"name": pact_name()}
    return _("%(name)s: latest initiatives for %(pillar)s") % {
        "name": pact_name(),
        "pillar": pillar_name,
    }


class LanguageTaggedRss(Rss201rev2Feed):
    """RSS 2.0 with each item's language as Dublin Core ``dc:language``.

    RSS 2.0 has a language only for the whole channel; namespaced extensions are how the
    specification lets an item say more (Django already writes ``dc:creator``).
    """

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("language"):
            handler.addQuickElement("dc:language", item["language"])


class LanguageTaggedAtom(Atom1Feed):
    """Atom 1.0 with ``xml:lang`` on each entry (RFC 4287 allows it on any element)."""

    def item_attributes(self, item) -> dict:
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class InitiativesFeed(Feed):
    """RSS 2.0 feed; ``AtomInitiativesFeed`` is the same feed as Atom 1.0."""

    feed_type = LanguageTaggedRss
    url_name = "pact_initiatives_rss"

    def __call__(self, request, *args, **kwargs):
        # The syndication framework passes no request to the item methods, and reader_url
        # and page URLs need it. One instance serves every request of its URL pattern: the
        # request and locale go on a copy, never on the shared instance (threaded servers).
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, pillar: str | None = None) -> Pillar | None:
        self.locale = Locale.get_active()
        if pillar is None:
            return None
        # The P's name in the reader's language, the source language's if not translated.
        pillars = Pillar.objects.filter(slug=pillar, locale__in={self.locale, Locale.get_default()})
        found = sorted(pillars, key=lambda row: row.locale_id != self.locale.pk)
        if not found:
            raise Http404
        return found[0]

    def title(self, pillar: Pillar | None) -> str:
        return feed_title(pillar.name if pillar else None)

    def description(self, pillar: Pillar | None) -> str:
        return _(
            "%(name)s: initiatives of the towns, regions and organisations that signed the Pact."
        ) % {"name": pact_name()}

    def subtitle(self, pillar: Pillar | None) -> str:
        return self.description(pillar)

    def link(self, pillar: Pillar | None) -> str:
        """The initiative library in the reader's language (filtered by the P), or the site."""
        # One query: the library of the reader's locale, the source language's otherwise.
        locales = [self.locale.pk, Locale.get_default().pk]
        libraries = InitiativeLibraryPage.objects.live().filter(locale__in=locales)
        library = min(libraries, key=lambda page: page.locale_id != self.locale.pk, default=None)
        if library is None:
            return reverse("wagtail_serve", args=[""])
        url = reader_page_url(self.request, library)
        return f"{url}?pillar={pillar.slug}" if pillar else url

    def feed_url(self, pillar: Pillar | None) -> str:
        return reverse(self.url_name, kwargs={"pillar": pillar.slug} if pillar else {})

    def items(self, pillar: Pillar | None) -> list:
        # The newest ids from the read index, as the library reads them: ordering every
        # initiative of the site by its first publication took 1 to 2 s at 100,000.
        pillars = [pillar.slug] if pillar is not None else []
        entries = listing.filtered(listing.all_initiatives(), pillars=pillars)
        items = listing.newest(entries, self.locale, pact_setting("PACT_FEED_ITEMS"))
        prefetch_related_objects(items, "tagged_items__tag")
        return items

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        # The summary is plain text, but RSS descriptions and Atom summaries (type="html") are
        # HTML to feed readers: escaped, "<script>" in a summary stays text there too.
        return escape(item.summary, quote=False)

    def item_link(self, item) -> str:
        return reader_page_url(self.request, item)

    def item_guid(self, item) -> str:
        # Stable across languages and slug changes: the same story in every translation.
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.initiative_published_at

    def item_updateddate(self, item):
        # This version's last publication (a translation's own update counts as one).
        dates = [date for date in (item.last_published_at, item.initiative_published_at) if date]
        return max(dates, default=None)

    def item_extra_kwargs(self, item) -> dict:
        # The language the item's text is in: the source's for an untranslated story.
        # The locale codes read once per request, shared with reader_url's links.
        return {"language": locale_codes(self.request).get(content_locale_id(item))}

    def item_author_name(self, item) -> str | None:
        return item.signatory.title if item.signatory else None

    def item_categories(self, item) -> list[str]:
        tags = sorted(tagged.tag.name for tagged in item.tagged_items.all())
        return [pillar.name for pillar in item.pillars] + tags


class AtomInitiativesFeed(InitiativesFeed):
    feed_type = LanguageTaggedAtom
    url_name = "pact_initiatives_atom"
