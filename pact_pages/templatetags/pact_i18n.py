"""Language switcher, hreflang alternates, the "not yet translated" note, and the ``lang`` and
addresses that keep a reader in their language (docs/translation.md, "Languages")."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import get_language, override
from wagtail.models import Page, Site

from pact_pages.core.fallbacks import content_locale_id, live_source_of, translated_copy_q
from pact_pages.core.interface_language import interface_language as _interface_language
from pact_pages.core.layout_cache import remembered
from pact_pages.core.reader_links import locale_codes, reader_page_url
from pact_pages.core.tree import children
from pact_pages.initiatives.children import children_url

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    translated: bool  # False: the reader will get the source page with a note
    current: bool


def _translation_urls(page, request) -> dict[str, str]:
    """The page's real translations: a fallback copy (an alias of the source made by
    wagtail-localize) holds the source's text, so it is no translation for hreflang."""
    if page is None or not getattr(page, "pk", None):
        return {}

    def urls() -> dict[str, str]:
        translations = (
            page.get_translations(inclusive=True)
            .live()
            .exclude(translated_copy_q())
            .select_related("locale")
        )
        return {other.locale.language_code: other.get_url(request) for other in translations}

    # Addresses are relative to the request's site: one entry per page and site.
    site = Site.find_for_request(request) if request is not None else None
    return remembered(request, "translations", (page.pk, getattr(site, "pk", None)), urls)


@register.simple_tag(takes_context=True)
def page_alternates(context, page=None) -> list[Alternate]:
    """One entry per site language: the page's translation, or the same address in it."""
    request = context.get("request")
    page = page or context.get("page")
    urls = _translation_urls(page, request)
    if context.get("children_version"):  # the translations' versions for children
        # A translation without one (published before it was written) serves its standard
        # page at that address, whose canonical is the standard one: hreflang names that.
        having = set(
            type(page)
            .objects.filter(translation_key=page.translation_key, live=True)
            .exclude(children_summary="")
            .values_list("locale__language_code", flat=True)
        )
        urls = {code: children_url(url) if code in having else url for code, url in urls.items()}
    current = get_language()
    same_address = _same_address_in(request.get_full_path() if request else "/")
    return [
        Alternate(
            code=code,
            name=name,
            url=urls.get(code) or same_address(code),
            translated=code in urls,
            current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]


def _same_address_in(url: str) -> Callable[[str], str]:
    """``translate_url(url, code)`` for each code, with ``url`` resolved once: the switcher
    asks it for every site language not translated, and each resolve walked the URL patterns."""
    parsed = urlsplit(url)
    try:
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return lambda code: url
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name

    def in_language(code: str) -> str:
        with override(code):
            try:
                path = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return url
        return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))

    return in_language


def _page_language(request, page) -> str | None:
    """The language ``page``'s text is written in (its original's for a fallback copy);
    also that of a translatable snippet, e.g. one of the four Ps."""
    if page is None or not getattr(page, "locale_id", None):
        return None
    locale_id = content_locale_id(page) if hasattr(page, "alias_of_id") else page.locale_id
    return locale_codes(request).get(locale_id)


def _served_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag
def interface_language() -> str:
    """The language of the interface strings: the reader's when we have its catalogue,
    else English (pact_pages.core.interface_language)."""
    return _interface_language()


@register.simple_tag(takes_context=True)
def content_language(context) -> str:
    """The language of the served page's text, for the ``lang`` of <main>; without a page
    (search), the interface's: its results carry their own (``item_lang``)."""
    request = context.get("request")
    cached = getattr(request, "_pact_content_language", None)
    if cached:
        return cached
    language = _page_language(request, _served_page(context)) or _interface_language()
    if request is not None:
        request._pact_content_language = language
    return language


@register.simple_tag(takes_context=True)
def fallback_note(context) -> dict | None:
    """Set when the page's text is in another language than the reader's: a page served
    from the source tree, or a fallback copy (an alias of the untranslated source)."""
    if _served_page(context) is None:
        return None
    requested, served = get_language(), content_language(context)
    if served == requested:
        return None
    return {"requested": dict(settings.LANGUAGES).get(requested, requested), "served": served}


@register.simple_tag(takes_context=True)
def item_lang(context, page, within: str | None = None) -> str:
    """The ``lang`` a listed item needs: its text's language where it differs from the
    language of what encloses it (``within``; <main>'s by default), e.g. a source-language
    item listed for the reader of another language."""
    language = _page_language(context.get("request"), page)
    if language is None or language == (within or content_language(context)):
        return ""
    return language


@register.simple_tag(takes_context=True)
def reader_url(context, page) -> str:
    """The page's address in the reader's language (see :func:`reader_page_url`)."""
    return reader_page_url(context.get("request"), page)


@register.simple_tag(takes_context=True)
def menu_items(context, menu_root) -> list[Page]:
    """The main navigation under ``menu_root`` (the home page in the reader's language, else
    the source's): its pages in the menu, and those of the source home not translated yet
    in their place, so that a reader of a partly translated site still finds every section."""
    if not isinstance(menu_root, Page):  # "" in templates rendered without a page
        return []
    items = list(children(menu_root).live().in_menu())
    language = locale_codes(context.get("request")).get(menu_root.locale_id)
    source = live_source_of(menu_root, language)
    if source is None:
        return items
    translated = {item.translation_key: item for item in items}
    source_items = list(children(source).live().in_menu())
    keys = {item.translation_key for item in source_items}
    merged = [translated.get(item.translation_key, item) for item in source_items]
    return merged + [item for item in items if item.translation_key not in keys]
