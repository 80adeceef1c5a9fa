"""The initiative library: every initiative of every signatory, filterable."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pact_pages.conf import pact_setting
from pact_pages.core.blocks import RICH_TEXT_FEATURES
from pact_pages.core.countries import country_choices
from pact_pages.core.fallbacks import reader_locale
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.initiatives.models import InitiativeStatus
from pact_pages.initiatives.queries import (
    decorate_initiatives,
    in_countries,
    initiatives_for_listing,
    with_any_pillar,
)
from pact_pages.pillars.queries import pillars_in_order


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

    def filtered_initiatives(self, params, locale=None):
        """The initiatives of the reader's locale matching the reader's filters."""
        initiatives = initiatives_for_listing(locale=locale or self.locale)
        if pillars := [slug for slug in params.getlist("pillar") if slug]:
            initiatives = with_any_pillar(initiatives, pillars)
        if country := params.get("country"):
            initiatives = in_countries(initiatives, [country])
        if tag := params.get("tag"):
            initiatives = initiatives.filter(tags__slug=tag)
        if status := params.get("status"):
            initiatives = initiatives.filter(status=status)
        return initiatives

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = reader_locale(self)  # the reader's, when the library is not translated
        paginator = Paginator(
            self.filtered_initiatives(request.GET, locale),
            pact_setting("PACT_INITIATIVES_PER_PAGE"),
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        page_obj.object_list = decorate_initiatives(page_obj.object_list, locale)
        context.update(
            page_obj=page_obj,
            paginator=paginator,
            pillars=pillars_in_order(locale),
            countries=country_choices(),
            statuses=InitiativeStatus.choices,
            selected_pillars=request.GET.getlist("pillar"),
            selected_country=request.GET.get("country", ""),
            selected_status=request.GET.get("status", ""),
            selected_tag=request.GET.get("tag", ""),
        )
        return context
