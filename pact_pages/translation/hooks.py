"""Admin registration of the translation work list, and translations following their source's
moves (imported by pact_pages.wagtail_hooks)."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
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


@hooks.register("before_move_page")
def refuse_a_move_translations_cannot_follow(
    request, page: Page, destination: Page
) -> HttpResponse | None:
    """Wagtail's move view moves the translations listed above one by one after the page
    itself, outside any transaction: one whose slug is taken under the destination's
    translation, or that the user may not move there, failed (a 500, a 403) with the page
    already moved, leaving the translation under its old parent, public where the page went
    under a restriction. Refused beforehand instead, as Wagtail does for the page's own slug."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return None  # Wagtail refuses the move itself, as for any page
    cascade = move_translations_along([page], "move") or {}
    old_parents = None
    for translation in cascade.get(page, []):
        target = destination.get_translation_or_none(translation.locale)
        if target is None:
            continue
        if old_parents is None:
            old_parents = set(page.get_parent().get_translations().values_list("pk", flat=True))
        if translation.get_parent().pk not in old_parents:
            continue  # the view leaves it where it is
        language = translation.locale.get_display_name()
        if not Page._slug_is_available(translation.slug, target, page=translation):
            message = _(
                "The %(language)s translation cannot follow this page: the slug '%(slug)s' is"
                " already in use under '%(parent)s'. Change one of the slugs and try again."
            ) % {"language": language, "slug": translation.slug, "parent": target.title}
        elif not translation.permissions_for_user(request.user).can_move_to(target):
            message = _(
                "The %(language)s translation cannot follow this page: you may not move it"
                " under '%(parent)s'."
            ) % {"language": language, "parent": target.title}
        else:
            continue
        messages.error(request, message)
        return redirect("wagtailadmin_pages:move", page.pk)
    return None
