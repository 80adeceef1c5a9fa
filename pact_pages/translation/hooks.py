"""Admin registration of the translation work list (imported by pact_pages.wagtail_hooks)."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

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
