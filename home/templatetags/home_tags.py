"""Template tags of the campaign site."""

from django import template
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page, Site

from pact_pages.core.fallbacks import content_locale_id
from pact_pages.core.layout_cache import remembered
from pact_pages.core.reader_links import reader_page_url
from pact_pages.models import JoinPage
from pact_pages.templatetags.pact_i18n import menu_items

from ..models import SocialLinks

register = template.Library()

FOOTER_LINKS_SECONDS = 300
# Bumped by home.signals whenever a page is published, unpublished, moved or deleted: a
# retitled privacy notice shows in the footer of the next page rendered (and so in the
# page cache's next copy), not minutes later.
FOOTER_GENERATION_KEY = "home:footer-links:generation"


def cache_key(site_id: int) -> str:
    return f"home:social-links:{site_id}"


@register.simple_tag(takes_context=True)
def social_links(context) -> list[tuple[str, str]]:
    """(network, address) of the site's social accounts, from the cache: every page's
    footer shows them, and a query per page for a setting that rarely changes is waste
    (``home.signals`` forgets them when staff change them)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    key = cache_key(site.pk)
    accounts = cache.get(key)
    if accounts is None:
        setting = SocialLinks.for_site(site)
        accounts = [(name, getattr(setting, name)) for name in SocialLinks.NETWORKS]
        cache.set(key, accounts, None)
    # The networks' names in the reader's language, not in the one that filled the cache.
    return [(SocialLinks.network_name(name), url) for name, url in accounts if url]


def _menu_root(context) -> Page | None:
    """The home page in the reader's language: the page's site's, else (the 404 page, views
    without a page) the requested site's; ``nav_root`` when a view sets it."""
    if isinstance(context.get("nav_root"), Page):
        return context["nav_root"]
    page = context.get("page")
    if isinstance(page, Page):
        site = page.get_site()
    else:
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
    return site.root_page.localized if site is not None else None


def _menu_site_id(context) -> int | None:
    """The id of the site whose menu the page shows, without a query: from the site root
    paths Wagtail caches (the page's site), else the request's site (memoised on it)."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        parts = page.get_url_parts(request=request)
        return parts[0] if parts else None
    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site is not None else None


@register.simple_tag(takes_context=True)
def site_menu(context) -> dict[str, object]:
    """The header's and footer's navigation: the menu's pages in the source tree's order, and
    the "Join the Pact" page apart, shown as the call to action at the right of the header.

    The same for every page of a site and language: kept in the layout's cache
    (``pact_pages.core.layout_cache``), which any publication, move or deletion makes stale."""
    nav_root = context.get("nav_root")
    if isinstance(nav_root, Page):
        parts: tuple = ("root", nav_root.pk, get_language())
    else:
        parts = ("site", _menu_site_id(context), get_language())

    def menu() -> dict[str, object]:
        items: list[Page] = menu_items(context, _menu_root(context))
        for item in items:  # the items' text language, read once (``item_lang``)
            item.content_locale_id = content_locale_id(item)
        join = next((item for item in items if item.specific_class is JoinPage), None)
        return {"items": [item for item in items if item is not join], "join": join}

    return remembered(context.get("request"), "menu", parts, menu)


@register.simple_tag(takes_context=True)
def footer_links(context, menu: dict) -> list[tuple[str, str]]:
    """(title, address) of the Pact's text and the privacy notice that the "Join the Pact"
    page links to, for the footer of every page, unless the menu lists them already. Cached
    a few minutes by the join page's revision and until any page is published, unpublished,
    moved or deleted: two queries on every page for links that rarely change would be waste."""
    join = menu.get("join")
    if join is None:
        return []
    generation = cache.get(FOOTER_GENERATION_KEY, 0)
    key = f"home:footer-links:{generation}:{join.pk}:{join.latest_revision_id}:{get_language()}"
    links = cache.get(key)
    if links is None:
        targets = JoinPage.objects.filter(pk=join.pk).values_list("pact_page", "privacy_page")
        ids = [pk for pk in (targets.first() or ()) if pk]
        found = _in_join_language(join, ids)
        request = context.get("request")
        links = [
            (page.translation_key, page.title, reader_page_url(request, page)) for page in found
        ]
        cache.set(key, links, FOOTER_LINKS_SECONDS)
    # By translation key: the menu may list another language's version of the same page.
    listed = {item.translation_key for item in menu["items"]}
    return [(title, url) for key, title, url in links if key not in listed]


def _in_join_language(join: Page, ids: list[int]) -> list[Page]:
    """The pages ``ids`` (which a translated join page still points to in the source
    language) in the join page's own language where that translation is live, else as they
    are: a French footer says "Le Pacte", not "The Pact"."""
    pages = Page.objects.live().public().filter(pk__in=ids).in_bulk()
    originals = [pages[pk] for pk in ids if pk in pages]
    translated = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(locale_id=join.locale_id)
        .filter(translation_key__in=[page.translation_key for page in originals])
    }
    return [translated.get(page.translation_key, page) for page in originals]
