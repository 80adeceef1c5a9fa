"""Admin hooks of the translation boundary (see pact_pages.trust).

wagtail-localize's views are checked by ``translation_guard.TranslationBoundaryMiddleware``
(every view, by its arguments); here: our versions of its "Translate" and "Update" screens
(translators' locales, drafts for moderation), the translators' "submit for moderation",
and the refusal to publish a translation whose source is not live, in either editor.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, TranslatableMixin

from pact_pages.signatories.contact import forget_contact_segments
from pact_pages.translation import (  # noqa: F401  (guard: its dashboard hook)
    guard as translation_guard,
)
from pact_pages.translation import (
    publish as translation_publish,
)
from pact_pages.translation.rules import source_is_live, translation_record


def _source_not_live(request, instance):
    messages.error(
        request,
        _("The original page is not published: its translation cannot be published."),
    )
    if isinstance(instance, Page):
        return redirect("wagtailadmin_pages:edit", instance.pk)
    return redirect(request.get_full_path())


@hooks.register("register_admin_urls")
def register_own_locale_translation_urls():
    # Registered before wagtail_localize's own (pact_pages comes first in INSTALLED_APPS), so
    # these paths answer: translators may only start (or update) translations into their
    # locales, of published sources, as drafts.
    from pact_pages.translation.admin import (
        OwnLocalesPageTranslationView,
        OwnLocalesSnippetTranslationView,
        OwnLocalesUpdateTranslationsView,
    )

    return [
        path(
            "localize/submit/page/<int:page_id>/",
            OwnLocalesPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            OwnLocalesSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            OwnLocalesUpdateTranslationsView.as_view(),
        ),
        path(
            "pact/translation/<int:translation_id>/submit/",
            translation_publish.submit_for_moderation,
            name="pact_submit_translation",
        ),
    ]


@hooks.register("before_edit_page")
def refuse_publishing_a_translation_of_an_unpublished_page(request, page):
    """wagtail-localize's editor ("Publish in …") and Wagtail's (a stopped translation)."""
    translation = translation_record(page)
    if translation is not None:
        forget_contact_segments(translation.source)
    if request.method == "POST" and _publishes(request) and not source_is_live(page.specific):
        return _source_not_live(request, page)
    if (
        translation is not None
        and request.method == "POST"
        and request.POST.get("action") == "publish"
        and translation_publish.held_for_safeguarding(translation, request.user)
    ):
        messages.error(
            request,
            _(
                "Not published: the translation has findings of the safeguarding check that "
                "need a moderator's tick. It is saved as a draft: submit it for moderation."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_edit_snippet")
def refuse_publishing_a_translated_snippet_of_an_unpublished_one(request, instance):
    if request.method != "POST" or not _publishes(request):
        return None
    if isinstance(instance, TranslatableMixin) and not source_is_live(instance):
        return _source_not_live(request, instance)
    return None


def _publishes(request) -> bool:
    return request.POST.get("action") == "publish" or "action-publish" in request.POST
