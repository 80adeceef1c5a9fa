"""Fallback copies: pages of a locale that hold another language's text.

wagtail-localize places a translated page under a translated parent; when the parent is not
translated yet, it creates a live *alias* of it in the target locale. Such an alias is not a
translation: its text is the source's. Readers get it with the "not yet translated" note and
its real ``lang``, feeds and the API flag it ``fallback``, listings list the source instead.
"""

from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import Exact
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


# --- Listing each item once, in the reader's language or the source's -------------------------

# A locale's bit in ``locale_bits`` (a signed 64-bit integer): ids up to 62. A site has a
# handful of locales; one of a larger id is read with a subquery instead (see listed_in).
LAST_BIT = 62


def locale_bit(locale_id: int) -> int:
    """The bit of a locale in the index rows' ``locale_bits`` (0: the locale has none)."""
    return 1 << locale_id if 0 <= locale_id <= LAST_BIT else 0


def mark_groups(rows: Iterable) -> None:
    """Sets each index row's ``locale_bits`` (API or search index) to the locales of the other
    rows of its translation group (0 for an untranslated item). ``rows`` must hold whole
    groups, as every rebuild does.

    With it, "in the reader's language where translated, in the source language otherwise"
    is a test of each row alone (:func:`listed_in`): a list in order walks an index and
    stops at its page, where a test against the other rows (``NOT IN`` the translated keys)
    made the database read and sort every row of the kind first.
    """
    rows = list(rows)
    bits: dict = {}
    for row in rows:
        bits[row.translation_key] = bits.get(row.translation_key, 0) | locale_bit(row.locale_id)
    for row in rows:
        row.locale_bits = bits[row.translation_key] & ~locale_bit(row.locale_id)


def listed_in(queryset, locale_id: int) -> Q:
    """Rows of an index (``queryset``: API or search entries) listed for a reader of a locale
    that is not the source's: its own rows, and the source's rows of the items it has none
    of."""
    return Q(locale_id=locale_id) | untranslated_in(queryset, locale_id)


def untranslated_in(queryset, locale_id: int) -> Q:
    """The source's rows of an index (``queryset``) whose items have no row in a locale."""
    bit = locale_bit(locale_id)
    if not bit:
        translated = queryset.filter(locale_id=locale_id).values("translation_key")
        return Q(is_source=True) & ~Q(translation_key__in=translated)
    return Q(is_source=True) & Q(Exact(F("locale_bits").bitand(bit), 0))
