"""Language switcher, hreflang alternates and the "not yet translated" note."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    translated: bool  # False: the reader will get the source page with a note
    current: bool


def _translation_urls(page, request) -> dict[str, str]:
    if page is None or not getattr(page, "pk", None):
        return {}
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {other.locale.language_code: other.get_url(request=request) for other in translations}


@register.simple_tag(takes_context=True)
def page_alternates(context, page=None) -> list[Alternate]:
    """One entry per site language: the page's translation, or the same address in it."""
    request = context.get("request")
    page = page or context.get("page")
    urls = _translation_urls(page, request)
    current = get_language()
    path = request.get_full_path() if request else "/"
    return [
        Alternate(
            code=code,
            name=name,
            url=urls.get(code) or translate_url(path, code),
            translated=code in urls,
            current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def fallback_note(context) -> dict | None:
    """Set when the page is shown in another language than the reader's."""
    page = context.get("page")
    requested = get_language()
    if page is None or not getattr(page, "locale_id", None):
        return None
    served = page.locale.language_code
    if served == requested:
        return None
    return {"requested": dict(settings.LANGUAGES).get(requested, requested), "served": served}


def _locale_codes(request) -> dict[int, str]:
    # Once per request: listings call this for every card.
    codes = getattr(request, "_pact_locale_codes", None)
    if codes is None:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        if request is not None:
            request._pact_locale_codes = codes
    return codes


@register.simple_tag(takes_context=True)
def reader_url(context, page) -> str:
    """The page's address in the reader's language.

    A page listed in the source language because it is not translated yet links to the same
    path under the reader's language prefix, where it is shown with the fallback note; the
    reader stays in their language as they browse.
    """
    request = context.get("request")
    url = page.get_url(request=request) or ""
    language = get_language()
    page_language = _locale_codes(request).get(page.locale_id)
    prefix = f"/{page_language}/"
    if page_language in (None, language) or not url.startswith(prefix):
        return url
    return f"/{language}/{url[len(prefix) :]}"
