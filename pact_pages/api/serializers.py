"""Pages to JSON-ready dicts, with a fixed number of queries for a whole page of results.

A :class:`Reader` holds what every item of a response shares (the request, the requested
and served locales, the locale codes, the Ps in the reader's language), fetched once.

An item says the language its text is really in (``served_locale``): a wagtail-localize
alias of an untranslated page, placed in the reader's locale, holds the source's text and is
a ``fallback``. Its ``first_published_at`` is the item's own (its first publication in any
language), not its translation's: a story of 2025 translated today is still from 2025.
"""

import re
from collections import defaultdict

from django.db.models import Min, QuerySet
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Locale, Page

from pact_pages.api.schemas import IMAGE_SIZES, LOGO_SIZES
from pact_pages.core.countries import country_name
from pact_pages.core.fallbacks import content_locale_id, translated_copy_q
from pact_pages.core.reader_links import source_language
from pact_pages.initiatives.models import InitiativeStatus
from pact_pages.initiatives.queries import decorate_initiatives
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.pillars.queries import pillars_by_slug
from pact_pages.signatories.models import SignatoryType

# List endpoints serve the size the public listings prefetch; details add the large one.
LIST_LOGO_SIZES = {"small": LOGO_SIZES["small"]}
LIST_IMAGE_SIZES = {"card": IMAGE_SIZES["card"]}

_ROOT_RELATIVE = re.compile(r'(\s(?:src|href))="/(?!/)')


class Reader:
    """The reader of one response: their language and the facts shared by every item."""

    def __init__(self, request: HttpRequest, language: str):
        self.request = request
        self._locales = list(Locale.objects.all())
        self.codes = {locale.pk: locale.language_code for locale in self._locales}
        # Locale.get_default(), without its query: the locales are all here already.
        default = source_language()
        self.source = (
            next((loc for loc in self._locales if loc.language_code == default), None)
            or Locale.get_default()
        )
        self.set_language(language)

    def set_language(self, language: str) -> None:
        self.language = language
        self.ui_language = language
        # A content language without any content yet has no Locale row: all is fallback.
        self.locale = next((loc for loc in self._locales if loc.language_code == language), None)
        self._pillars = None

    @property
    def content_locale(self) -> Locale:
        """The locale listings are built in (the source's when the language has none)."""
        return self.locale or self.source

    @property
    def pillars(self) -> dict:
        if self._pillars is None:
            self._pillars = pillars_by_slug(self.content_locale, self.source)
        return self._pillars

    # What depends on the reader's language; the API's read index (api/index.py) overrides
    # these with placeholders filled in per request.
    def type_label(self, code: str) -> str:
        return str(SignatoryType(code).label)

    def status_label(self, code: str) -> str:
        return str(InitiativeStatus(code).label)

    def country_name(self, code: str) -> str:
        return country_name(code, self.language)

    def pillar_name(self, pillar) -> str:
        return self.pillars[pillar.slug].name if pillar.slug in self.pillars else pillar.name

    def pillar_colour(self, pillar) -> str:
        return self.pillars[pillar.slug].colour if pillar.slug in self.pillars else pillar.colour

    def fallback(self, served: str) -> bool:
        return served != self.language

    def absolute(self, url: str | None) -> str | None:
        return self.request.build_absolute_uri(url) if url else None

    def page_url(self, page: Page) -> str | None:
        """The page's address in the reader's language (as the ``reader_url`` tag does)."""
        url = page.get_url(request=self.request)
        if not url:
            return None
        page_language = self.codes.get(page.locale_id)
        prefix = f"/{page_language}/"
        if page_language not in (None, self.language) and url.startswith(prefix):
            url = f"/{self.language}/{url[len(prefix) :]}"
        return self.absolute(url)

    def html(self, value) -> str:
        """Rendered rich text or StreamField, with root-relative links made absolute."""
        rendered = str(value) if value else ""
        base = self.request.build_absolute_uri("/").rstrip("/")
        return _ROOT_RELATIVE.sub(rf'\1="{base}/', rendered)

    def image(self, image, sizes: dict[str, str]) -> dict | None:
        if image is None:
            return None
        renditions = {}
        for name, spec in sizes.items():
            rendition = image.get_rendition(spec)
            renditions[name] = {
                "url": self.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        alt = getattr(image, "default_alt_text", "") or image.title
        return {"id": image.pk, "title": image.title, "alt": alt, "renditions": renditions}

    def translations(self, pages: list[Page], live: QuerySet) -> dict:
        """translation_key → {language: absolute URL} for a page of results, in one query.

        ``live`` is the queryset of pages a reader may see (e.g. ``live_signatories()``),
        so an unpublished or private translation is never offered.
        """
        keys = {page.translation_key for page in pages}
        if not keys:
            return {}
        # An alias of an untranslated page is not a translation: it holds the source's text.
        translated = live.filter(translation_key__in=keys).exclude(translated_copy_q())
        rows = Page.objects.filter(pk__in=translated.values("pk")).order_by("path")
        by_key = defaultdict(dict)
        for row in rows:
            url = row.get_url(request=self.request)
            if url:
                by_key[row.translation_key][self.codes.get(row.locale_id)] = self.absolute(url)
        return by_key

    def first_publications(self, pages: list[Page]) -> dict:
        """translation_key → the earliest first publication of any of its pages, one query.

        A page published once and taken down since counts too (the item was public from
        then on); a draft never published has no date.
        """
        keys = {page.translation_key for page in pages}
        if not keys:
            return {}
        rows = (
            Page.objects.filter(translation_key__in=keys, first_published_at__isnull=False)
            .order_by()
            .values("translation_key")
            .annotate(first=Min("first_published_at"))
        )
        return {row["translation_key"]: row["first"] for row in rows}

    def page_base(self, page: Page, translations: dict, dates: dict | None = None) -> dict:
        served = self.codes.get(content_locale_id(page), "")
        first = (dates or {}).get(page.translation_key) or page.first_published_at
        return {
            "id": page.pk,
            "url": self.page_url(page),
            "locale": self.language,
            "served_locale": served,
            "fallback": self.fallback(served),
            "translations": translations.get(page.translation_key, {}),
            "title": page.title,
            "slug": page.slug,
            "first_published_at": first,
            "last_published_at": page.last_published_at,
        }


def signatories(reader: Reader, pages, live: QuerySet, detail: bool = False) -> list[dict]:
    pages = list(pages)
    translations = reader.translations(pages, live)
    dates = reader.first_publications(pages)
    logo_sizes = LOGO_SIZES if detail else LIST_LOGO_SIZES
    items = []
    with translation.override(reader.ui_language):
        for page in pages:
            item = reader.page_base(page, translations, dates)
            item.update(
                official_name=page.official_name,
                type=page.signatory_type,
                type_label=reader.type_label(page.signatory_type),
                country=page.country,
                country_name=reader.country_name(page.country),
                signed_on=page.signed_on,
                introduction=page.introduction,
                logo=reader.image(page.logo, logo_sizes),
                latitude=float(page.latitude) if page.latitude is not None else None,
                longitude=float(page.longitude) if page.longitude is not None else None,
                population=page.population,
                website=page.website,
                initiative_count=getattr(page, "initiative_count", 0),
                commitments=[
                    {
                        "pillar": slug,
                        "pillar_name": reader.pillar_name(reader.pillars[slug])
                        if slug in reader.pillars
                        else slug,
                        "text": text,
                    }
                    for slug in PILLAR_SLUGS
                    if (text := getattr(page, f"commitment_{slug}"))
                ],
                # Never the contact fields themselves: only what the signatory made public.
                contact=page.public_contact,
            )
            if detail:
                item["body"] = reader.html(page.body)
            items.append(item)
    return items


def initiatives(reader: Reader, pages, live: QuerySet, detail: bool = False) -> list[dict]:
    pages = decorate_initiatives(pages, reader.content_locale)
    translations = reader.translations(pages, live)
    dates = reader.first_publications(pages)
    image_sizes = IMAGE_SIZES if detail else LIST_IMAGE_SIZES
    items = []
    with translation.override(reader.ui_language):
        for page in pages:
            item = reader.page_base(page, translations, dates)
            signatory = page.signatory
            item.update(
                summary=page.summary,
                status=page.status,
                status_label=reader.status_label(page.status),
                start_date=page.start_date,
                end_date=page.end_date,
                pillars=[
                    {
                        "slug": pillar.slug,
                        "name": reader.pillar_name(pillar),
                        "colour": reader.pillar_colour(pillar),
                    }
                    for pillar in page.pillars
                ],
                tags=[
                    {"slug": tagged.tag.slug, "name": tagged.tag.name}
                    for tagged in page.tagged_items.all()
                ],
                image=reader.image(page.featured_image, image_sizes),
                for_children=_for_children(reader, page, image_sizes),
                signatory=None
                if signatory is None
                else {
                    "id": signatory.pk,
                    "title": signatory.title,
                    "url": reader.page_url(signatory),
                    "country": signatory.country,
                },
            )
            if detail:
                item.update(
                    body=reader.html(page.body),
                    target_groups=page.target_groups,
                    partners=page.partners,
                    results=page.results,
                )
            items.append(item)
    return items


def _for_children(reader: Reader, page, image_sizes: dict) -> dict | None:
    """The initiative's version for children as its own fields, or None without one."""
    if not page.has_children_version:
        return None
    return {
        "summary": page.children_summary,
        "meaning": page.children_meaning,
        "helpline": page.children_helpline,
        "image": reader.image(page.children_image, image_sizes),
    }
