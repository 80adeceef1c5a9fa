"""The site-wide calendar: every public event, upcoming or past, as a list or a month grid.

A section page like the library: the Congress staff publish events under it (signatory
editors have no rights on it), and it lists the events of every signatory as well. The page
works without JavaScript: filters are a GET form, the month grid has links to the previous
and next month, the reader's zone comes from a ``tz`` parameter (a small script fills it in
from the browser's zone; without it each event is shown in its own zone).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pact_pages.core.blocks import RICH_TEXT_FEATURES
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.events.listing import calendar_context


class CalendarPage(BaseTemplateMixin, Page):
    """Lists events across all signatories and the Congress, filterable, by month."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types = ["pact_pages.EventPage"]
    max_count_per_parent = 1
    template = "pact_pages/calendar_page.html"

    class Meta:
        verbose_name = _("calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(self, request))
        return context
