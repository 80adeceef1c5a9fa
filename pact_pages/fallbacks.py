"""Fallback copies: pages of a locale that hold another language's text.

wagtail-localize places a translated page under a translated parent; when the parent is not
translated yet, it creates a live *alias* of it in the target locale. Such an alias is not a
translation: its text is the source's. Readers get it with the "not yet translated" note and
its real ``lang``, feeds and the API flag it ``fallback``, listings list the source instead.
"""

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from wagtail.models import Page


def translated_copy_q(prefix: str = "") -> Q:
    """Pages that are aliases of a page of another locale (fallback copies)."""
    return Q(**{f"{prefix}alias_of__isnull": False}) & ~Q(
        **{f"{prefix}alias_of__locale_id": F(f"{prefix}locale_id")}
    )


def with_content_locale(queryset):
    """Annotates ``content_locale_id``: the locale the page's text is written in."""
    return queryset.annotate(content_locale_id=Coalesce("alias_of__locale_id", "locale_id"))


def content_locale_id(page: Page) -> int:
    """The locale ``page``'s text is written in: its own, or its original's for an alias."""
    annotated = getattr(page, "content_locale_id", None)
    if annotated is not None:
        return annotated
    if page.alias_of_id is None:
        return page.locale_id
    return Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()


def is_fallback_copy(page: Page) -> bool:
    return page.alias_of_id is not None and content_locale_id(page) != page.locale_id
