"""The campaign site's own pages: the home page and plain standard pages."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pact_pages.core.blocks import RICH_TEXT_FEATURES, StoryStreamBlock
from pact_pages.core.fallbacks import live_source_of
from pact_pages.core.tree import children
from pact_pages.events import display as event_display
from pact_pages.events.queries import upcoming
from pact_pages.initiatives.listing import all_initiatives, newest
from pact_pages.models import (
    CalendarPage,
    InitiativeLibraryPage,
    JoinPage,
    MapPage,
    NewsletterPage,
    SignatoryIndexPage,
)
from pact_pages.pillars.queries import in_order, pillars_by_slug
from pact_pages.signatories.stats import counter_sentence, signatory_counts

LATEST_INITIATIVES = 6
NEXT_EVENTS = 3


def _more_link() -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("“more…” link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class HomePage(Page):
    """The campaign home page: aims, the Pact, the four Ps, live counters, latest stories."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    aims_heading = models.CharField(_("aims heading"), max_length=200, blank=True)
    aims_text = RichTextField(_("aims"), blank=True, features=RICH_TEXT_FEATURES)
    aims_link = _more_link()
    pact_heading = models.CharField(_("Pact heading"), max_length=200, blank=True)
    pact_text = RichTextField(_("the Pact"), blank=True, features=RICH_TEXT_FEATURES)
    pact_link = _more_link()

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("aims_heading"), FieldPanel("aims_text"), FieldPanel("aims_link")],
            heading=_("Aims of the campaign"),
        ),
        MultiFieldPanel(
            [FieldPanel("pact_heading"), FieldPanel("pact_text"), FieldPanel("pact_link")],
            heading=_("The Pact"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("aims_text"),
        index.SearchField("pact_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "pact_pages.SignatoryIndexPage",
        "pact_pages.InitiativeLibraryPage",
        "pact_pages.JoinPage",
        "pact_pages.MapPage",
        "pact_pages.CalendarPage",
        "pact_pages.NewsletterPage",
        "pact_pages.ReportingRoundIndexPage",
    ]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        counts = signatory_counts()
        pillars = pillars_by_slug(self.locale)
        latest = newest(all_initiatives(), self.locale, LATEST_INITIATIVES, pillars)
        sections = self._sections(
            SignatoryIndexPage,
            MapPage,
            InitiativeLibraryPage,
            JoinPage,
            NewsletterPage,
            CalendarPage,
        )
        # The next three public events, in the reader's language where translated: a
        # count-free slice, their Ps, tags and signatories read once for the three.
        next_events = upcoming(self.locale, NEXT_EVENTS)
        for event in next_events:
            event.when = event_display.when(event)
        directory = sections.get(SignatoryIndexPage)
        context.update(
            counts=counts,
            counter_sentence=counter_sentence(counts),
            # Each P in the source language until translated: a home page translated before
            # the Ps still shows them (each card says its ``lang``).
            pillars=in_order(pillars),
            latest_initiatives=latest,
            directory=directory,
            # "Visit the map" goes to the map in the reader's language, else the directory.
            map_link=sections.get(MapPage) or directory,
            library=sections.get(InitiativeLibraryPage),
            next_events=next_events,
            calendar=sections.get(CalendarPage),
            join_page=sections.get(JoinPage),
            # The sign-up field posts nothing: it opens the newsletter page with the address.
            newsletter_page=sections.get(NewsletterPage),
        )
        return context

    def _sections(self, *page_classes: type[Page]) -> dict[type[Page], Page]:
        """The first live page of each class under this home page, in this locale, else under
        the source-language home page (a section not translated yet: its link keeps the
        reader's language prefix, pact_i18n.reader_url). One query in the source language,
        three at most in another: the links only need the pages' URLs, not their fields."""
        sections = self._sections_under(self, page_classes)
        missing = [cls for cls in page_classes if cls not in sections]
        # self.locale: loaded by get_context
        source = live_source_of(self, self.locale.language_code) if missing else None
        if source is not None:
            for cls, page in self._sections_under(source, missing).items():
                sections.setdefault(cls, page)
        return sections

    @staticmethod
    def _sections_under(home: Page, page_classes) -> dict[type[Page], Page]:
        # The sections are the home page's children: found by one path-index seek each
        # (core.tree.children). Asking by content type instead read the whole page table on
        # SQLite at 100,000 pages, whose statistics make a handful of types look like half of it.
        wanted = {ContentType.objects.get_for_model(cls).pk: cls for cls in page_classes}
        sections: dict[type[Page], Page] = {}
        for page in children(home).live():
            cls = wanted.get(page.content_type_id)
            if cls is not None:
                sections.setdefault(cls, page)
        return sections


class StandardPage(Page):
    """A plain page of text, e.g. the campaign or the Lanzarote Convention."""

    introduction = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="link")
class SocialLinks(BaseSiteSetting):
    """The campaign's accounts on social networks, linked in every page's footer and on the
    home page beside its feeds (Settings → Social links in the admin)."""

    facebook = models.URLField(_("Facebook"), blank=True)
    x = models.URLField(_("X (Twitter)"), blank=True)
    bluesky = models.URLField(_("Bluesky"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)

    NETWORKS = ("facebook", "x", "bluesky", "mastodon", "instagram", "linkedin", "youtube")

    class Meta:
        verbose_name = _("social links")
        verbose_name_plural = _("social links")

    @classmethod
    def network_name(cls, name: str) -> str:
        return str(cls._meta.get_field(name).verbose_name)
