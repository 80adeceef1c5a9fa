"""Fallback copies: pages of a locale that hold another language's text.

wagtail-localize places a translated page under a translated parent; when the parent is not
translated yet, it creates a live *alias* of it in the target locale. Such an alias is not a
translation: its text is the source's. Readers get it with the "not yet translated" note and
its real ``lang``, feeds and the API flag it ``fallback``, listings list the source instead.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from pact_pages.core.layout_cache import active_locale, locales
from pact_pages.core.reader_links import source_language


def translated_copy_q(prefix: str = "") -> Q:
    """Pages that are aliases of a page of another locale (fallback copies)."""
    return Q(**{f"{prefix}alias_of__isnull": False}) & ~Q(
        **{f"{prefix}alias_of__locale_id": F(f"{prefix}locale_id")}
    )


def content_locale_id(page: Page) -> int:
    """The locale ``page``'s text is written in: its own, or its original's for an alias."""
    annotated = getattr(page, "content_locale_id", None)
    if annotated is not None:
        return annotated
    if page.alias_of_id is None:
        return page.locale_id
    return Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()


def stands_in_for_live_source() -> Q:
    """Pages whose address falls back to a live page of the source language: live ones, and
    translations not (yet) published whose original is (a translator's draft of a former
    fallback copy; its translated children stay live under it)."""
    live_original = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=source_language(),
        live=True,
    )
    return Q(live=True) | Q(Exists(live_original))


def reader_locale(page: Page) -> Locale:
    """The locale a page's listings are in: the reader's, which differs from the page's own
    when an untranslated page is served under the reader's language prefix."""
    own = locales().get(page.locale_id) or page.locale
    if own.language_code == get_language():
        return own
    try:
        return active_locale()
    except Locale.DoesNotExist:
        return own


def live_source_of(page: Page, language: str | None) -> Page | None:
    """The live source-language page of ``page``'s translations; None when ``page`` (whose
    language is ``language``) is of the source language itself."""
    default = source_language()
    if language == default:
        return None
    return (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=default)
        .first()
    )
