"""Admin registration of the translation work list, and translations following their source's
moves (imported by pact_pages.wagtail_hooks)."""

from django.db.models import QuerySet
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale, Page

from pact_pages.core.page_rules import follows_page_rules
from pact_pages.translation.views import TranslationWorkMenuItem, update_from_source_view, work_view


@hooks.register("register_admin_urls")
def register_translation_work_urls():
    return [
        path("pact/translations/", work_view, name="pact_translation_work"),
        path(
            "pact/translations/<int:page_id>/update/",
            update_from_source_view,
            name="pact_translation_update",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_work_menu_item():
    return TranslationWorkMenuItem(
        _("Translations"), reverse_lazy("pact_translation_work"), icon_name="site", order=250
    )


@hooks.register("construct_translated_pages_to_cascade_actions")
def move_translations_along(pages: list[Page], action: str) -> dict[Page, QuerySet] | None:
    """Each locale has its own tree (wagtail-localize): a page moved in the admin in one
    locale alone left its translations under the old parent, an initiative of another
    signatory in French than in English, and public there when the English page went under
    a view restriction (page, site search, API, feeds, sitemap). Wagtail's move view moves the
    pages listed here to the destination's translation in their locale.

    Only from the source language, as content flows: a translation moved alone stays alone
    (and its mover, a translator, has no rights on the other locales' pages)."""
    if action != "move":
        return None
    source = Locale.get_default().pk
    return {
        page: Page.objects.translation_of(page, inclusive=False)
        for page in pages
        if page.locale_id == source and follows_page_rules(page)
    }
