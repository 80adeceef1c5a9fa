"""What goes in a page's <head> for feed readers, search engines and link previews.

``feed_alternates`` gives the RSS/Atom autodiscovery links; ``page_meta`` the canonical
address, Open Graph and Twitter card values. Any page type can use them: they read what every
Wagtail page has (title, seo_title, search_description, locale), plus the usual fields when
a page has them (summary, introduction; featured_image, logo, image).
"""

import html
from dataclasses import dataclass, field
from functools import cache

from babel.core import Locale as BabelLocale
from babel.core import UnknownLocaleError, get_global
from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from pact_pages.core.reader_links import locale_codes
from pact_pages.initiatives.children import children_url
from pact_pages.public.feeds import feed_title

register = template.Library()

DESCRIPTION_LENGTH = 200  # characters; search engines and previews cut longer ones
# Where a page's description and picture come from, first found first. Featured images are
# cropped to the 1.91:1 preview size; logos are shown whole.
DESCRIPTION_FIELDS = ("search_description", "summary", "introduction")
IMAGE_FIELDS = (
    ("featured_image", "fill-1200x630"),
    ("image", "fill-1200x630"),
    ("logo", "max-600x600"),
)
DEFAULT_IMAGE = ("favicons/icon-512.png", 512, 512)
# Open Graph wants language_TERRITORY. CLDR's likely territory of English is the US; the
# Council of Europe writes British English.
OG_LOCALE_OVERRIDES = {"en": "en_GB"}


@dataclass(frozen=True)
class FeedLink:
    title: str
    type: str
    url: str


def _feed_links(title: str, pillar_slug: str | None = None) -> list[FeedLink]:
    kwargs = {"pillar": pillar_slug} if pillar_slug else {}
    return [
        FeedLink(
            f"{title} (RSS)", "application/rss+xml", reverse("pact_initiatives_rss", kwargs=kwargs)
        ),
        FeedLink(
            f"{title} (Atom)",
            "application/atom+xml",
            reverse("pact_initiatives_atom", kwargs=kwargs),
        ),
    ]


@register.simple_tag(takes_context=True)
def feed_alternates(context) -> list[FeedLink]:
    """The latest initiatives' feeds in the reader's language; on a listing filtered by
    exactly one P (the initiative library), that P's feeds first."""
    links = []
    try:
        selected = context.get("selected_pillars") or []
        if len(selected) == 1:
            # The listing's own queryset of Ps: already evaluated for its filters, no query.
            pillar = next((p for p in context.get("pillars") or [] if p.slug == selected[0]), None)
            if pillar is not None:
                links += _feed_links(feed_title(pillar.name), pillar.slug)
        links += _feed_links(feed_title())
    except NoReverseMatch:
        return []  # a host site that does not include pact_pages.public.feed_urls
    return links


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    site_name: str
    canonical: str  # empty where there is no page (error pages, non-page views)
    url: str
    type: str  # Open Graph: "article" for stories, "website" otherwise
    locale: str
    locale_alternates: list[str] = field(default_factory=list)
    image: Picture | None = None
    large_image: bool = False  # Twitter's "summary_large_image" card
    noindex: bool = False


@cache
def og_locale(language_code: str) -> str:
    """``fr`` → ``fr_FR``, ``sr-latn`` → ``sr_RS``: Open Graph's language_TERRITORY."""
    language = language_code.replace("-", "_").split("_")[0].lower()
    if language in OG_LOCALE_OVERRIDES:
        return OG_LOCALE_OVERRIDES[language]
    try:
        likely = BabelLocale.parse(get_global("likely_subtags").get(language, language))
    except (UnknownLocaleError, ValueError):
        return language
    return f"{likely.language}_{likely.territory}" if likely.territory else likely.language


def _text(value) -> str:
    """Plain text of a text or rich text field, on one line."""
    text = html.unescape(strip_tags(str(value or "")))
    return " ".join(text.split())


def _description(page: Page | None) -> str:
    for name in DESCRIPTION_FIELDS:
        if page is not None and (text := _text(getattr(page, name, ""))):
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return _(
        "Towns, regions and organisations across Europe sign the Pact of Towns and Regions "
        "to Stop Sexual Violence against Children and share what they do about it."
    )


def _picture(page: Page | None, request) -> tuple[Picture, bool]:
    """The page's own picture as a rendition, or the site's icon; True for a wide picture."""
    for name, spec in IMAGE_FIELDS:
        image = getattr(page, name, None) if page is not None else None
        if image is None or not hasattr(image, "get_rendition"):
            continue
        try:
            rendition = image.get_rendition(spec)
        except OSError:  # SourceImageIOError among them
            continue  # a missing or unreadable file must not break the page
        alt = getattr(image, "default_alt_text", "") or ""
        url = request.build_absolute_uri(rendition.url)
        return Picture(url, rendition.width, rendition.height, alt), spec.startswith("fill")
    path, width, height = DEFAULT_IMAGE
    return Picture(request.build_absolute_uri(static(path)), width, height, ""), False


def _translated_languages(page: Page, alternates) -> list[str]:
    """Languages the page is published in, from base.html's ``page_alternates`` when given."""
    if alternates is not None:
        return [alternate.code for alternate in alternates if alternate.translated]
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return [other.locale.language_code for other in translations]


def _og_type(page: Page) -> str:
    """A page class may say (``og_type = "article"``); initiative stories are articles."""
    from pact_pages.initiatives.models import InitiativePage

    default = "article" if isinstance(page, InitiativePage) else "website"
    return getattr(page, "og_type", default)


@register.simple_tag(takes_context=True)
def page_meta(context) -> PageMeta:
    """Title, description, canonical address, picture and languages of the page shown."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        page = None
    site_name = str(getattr(settings, "WAGTAIL_SITE_NAME", ""))
    picture, large = _picture(page, request)
    if page is None:
        return PageMeta(
            title=site_name,
            description=_description(None),
            site_name=site_name,
            canonical="",
            url=request.build_absolute_uri(request.path),
            type="website",
            locale=og_locale(get_language()),
            image=picture,
        )
    # The served page's own address: for a page shown in its source language because it is
    # not translated yet, that is the source language's address, so that search engines see
    # one page, not one copy per language.
    canonical = request.build_absolute_uri(page.get_url(request=request))
    if context.get("children_version"):  # an initiative's version for children: its own
        canonical = children_url(canonical)
    language = locale_codes(request).get(page.locale_id) or page.locale.language_code
    others = [
        og_locale(code)
        for code in _translated_languages(page, context.get("alternates"))
        if code != language
    ]
    return PageMeta(
        title=page.seo_title or page.title,
        description=_description(page),
        site_name=site_name,
        canonical=canonical,
        url=canonical,
        type=_og_type(page),
        locale=og_locale(language),
        locale_alternates=others,
        image=picture,
        large_image=large,
        noindex=bool(getattr(request, "is_preview", False)),
    )
