"""sitemap.xml: every live public page of the site, in every language, with hreflang alternates.

Built on ``wagtail.contrib.sitemaps``, whose sitemap lists the site root's descendants only:
with one page tree per locale (wagtail-localize), that is the source language alone. This one
lists the pages under every translation of the site root, leaves out what a reader must not
find (drafts, view-restricted pages, anything under an unpublished page, such as the
initiatives of a signatory taken down) and gives each page its translations as
``<xhtml:link rel="alternate" hreflang="…">``, with ``x-default`` the source language's.

Addresses are absolute on the host the sitemap was asked on (as robots.txt gives it), not on
the Wagtail Site's configured host name, which is often left at "localhost".
"""

from collections import defaultdict

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from pact_pages.core.fallbacks import stands_in_for_live_source, translated_copy_q
from pact_pages.core.queries import public


def _under_a_page_not_live() -> Exists:
    """True for a page one of whose ancestors is unpublished (Wagtail would still serve it),
    but for a translation awaiting moderation whose original is live (its address falls back
    to the original, and its published children stay online)."""
    ancestors = Page.objects.filter(
        live=False,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, F("depth") * Page.steplen),
    ).exclude(stands_in_for_live_source())
    return Exists(ancestors)


class PactSitemap(Sitemap):
    """Wagtail's sitemap across every locale's tree, with per-language alternates."""

    def listable_pages(self) -> QuerySet:
        """Live, public pages of the site in every locale, none under an unpublished page."""
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        in_site = Q(pk__in=[])
        for path in roots.values_list("path", flat=True):
            in_site |= Q(path__startswith=path)
        # Not the fallback copies (aliases of untranslated pages): their text is the original's,
        # listed at its own address.
        return (
            public(Page.objects.live())
            .filter(in_site)
            .exclude(_under_a_page_not_live())
            .exclude(translated_copy_q())
        )

    def items(self) -> QuerySet:
        return self.listable_pages().order_by("path")

    def location(self, page: Page) -> str:
        return self.request.build_absolute_uri(page.get_url(request=self.request))

    def _urls(self, page, protocol, domain) -> list[dict]:
        pages = list(self.paginator.page(page).object_list)
        translations = self._translations(pages)
        default_locale_id = Locale.get_default().pk
        urls, last_mods = [], set()
        for item in pages:
            lastmod = self.lastmod(item)
            last_mods.add(lastmod)
            versions = translations.get(item.translation_key, [])
            alternates = []
            if len(versions) > 1:
                alternates = [
                    {"lang_code": code, "location": location}
                    for code, location, _locale_id in versions
                ]
                alternates += [
                    {"lang_code": "x-default", "location": location}
                    for _code, location, locale_id in versions
                    if locale_id == default_locale_id
                ]
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": lastmod,
                    "alternates": alternates,
                }
            )
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _translations(self, pages: list[Page]) -> dict:
        """Each listed translation of these pages, by translation key: one query."""
        keys = {page.translation_key for page in pages}
        found = defaultdict(list)
        rows = (
            self.listable_pages()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        for row in rows:
            found[row.translation_key].append(
                (row.locale.language_code, self.location(row), row.locale_id)
            )
        return found


def sitemap(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml (Django's template, which writes the alternates)."""
    return sitemap_views.sitemap(request, {"pages": PactSitemap(request)})
