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
from pact_pages.initiatives.children import children_url
from pact_pages.initiatives.models import InitiativePage


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


def _has_children_version() -> Exists:
    """True for an initiative with a version for children (read with the page's row)."""
    initiatives = InitiativePage.objects.filter(pk=OuterRef("pk")).exclude(children_summary="")
    return Exists(initiatives)


def _alternates(versions: list[tuple], default_locale_id: int) -> list[dict]:
    """hreflang alternates of (language, address, locale id, …) versions, with x-default."""
    alternates = [{"lang_code": version[0], "location": version[1]} for version in versions]
    alternates += [
        {"lang_code": "x-default", "location": version[1]}
        for version in versions
        if version[2] == default_locale_id
    ]
    return alternates


def _children_entry(item: Page, lastmod, versions: list[tuple], default_locale_id: int, sitemap):
    """The sitemap entry of an initiative's version for children."""
    with_version = [
        (code, children_url(location), locale_id, True)
        for code, location, locale_id, for_children in versions
        if for_children
    ]
    return {
        "item": item,
        "location": children_url(sitemap.location(item)),
        "lastmod": lastmod,
        "alternates": _alternates(with_version, default_locale_id) if len(with_version) > 1 else [],
    }


class PactSitemap(Sitemap):
    """Wagtail's sitemap across every locale's tree, with per-language alternates.

    An initiative with a version for children is listed twice: its page and the version's
    own address (``?version=children``), with its translations' versions as alternates.
    """

    # At most 50,000 addresses a file (the sitemaps protocol): each page may add its version
    # for children.
    limit = 25_000

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
            .annotate(for_children=_has_children_version())
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
                alternates = _alternates(versions, default_locale_id)
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": lastmod,
                    "alternates": alternates,
                }
            )
            if item.for_children:
                urls.append(_children_entry(item, lastmod, versions, default_locale_id, self))
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
                (row.locale.language_code, self.location(row), row.locale_id, row.for_children)
            )
        return found


def sitemap(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml (Django's template, which writes the alternates)."""
    return sitemap_views.sitemap(request, {"pages": PactSitemap(request)})
