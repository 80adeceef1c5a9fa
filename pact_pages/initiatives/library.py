"""The initiative library: every initiative of every signatory, filterable."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from pact_pages.conf import pact_setting
from pact_pages.core.blocks import RICH_TEXT_FEATURES
from pact_pages.core.countries import country_choices
from pact_pages.core.fallbacks import reader_locale
from pact_pages.core.params import text_param
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.initiatives import listing
from pact_pages.initiatives.listing import IndexedInitiatives
from pact_pages.initiatives.models import InitiativeStatus
from pact_pages.pillars.queries import in_order, pillars_by_slug


class InitiativeLibraryPage(BaseTemplateMixin, Page):
    """Lists initiatives across all signatories, filtered by P, country, tag and status."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "pact_pages/initiative_library_page.html"

    class Meta:
        verbose_name = _("initiative library")

    def filtered_initiatives(self, params, locale: Locale | None = None) -> IndexedInitiatives:
        """The initiatives listed to readers of ``locale`` matching the reader's filters,
        newest first, counted and paged in the read index (:mod:`.listing`)."""
        locale = locale or self.locale
        filters = {
            "pillars": [slug for slug in params.getlist("pillar") if slug],
            "country": text_param(params, "country"),
            "tag": text_param(params, "tag", 255),
            "status": text_param(params, "status"),
            "for_children": params.get("for_children") == "1",
        }
        entries = listing.filtered(listing.all_initiatives(), **filters)
        others = any(value for key, value in filters.items() if key != "pillars")
        # Filtered by P alone: a stored count too (the sum over the Ps' masks).
        total = None if others else listing.stored_total(locale, filters["pillars"])
        return IndexedInitiatives(entries, locale, total, pillars_by_slug(locale))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = reader_locale(self)  # the reader's, when the library is not translated
        initiatives = self.filtered_initiatives(request.GET, locale)
        paginator = Paginator(initiatives, pact_setting("PACT_INITIATIVES_PER_PAGE"))
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            paginator=paginator,
            pillars=in_order(initiatives.pillars),
            countries=country_choices(),
            statuses=InitiativeStatus.choices,
            selected_pillars=request.GET.getlist("pillar"),
            selected_country=request.GET.get("country", ""),
            selected_status=request.GET.get("status", ""),
            selected_tag=request.GET.get("tag", ""),
            selected_for_children=request.GET.get("for_children") == "1",
        )
        return context
