"""Admin screens for translators: "Translate" limited to their locales, out-of-date panel."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.admin.ui.components import Component
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translators import out_of_date_translations, translator_locales

OUT_OF_DATE_SHOWN = 20


class OwnLocalesMixin:
    """Offers (and accepts) only the locales the user translates into."""

    def get_form(self):
        form = super().get_form()
        locales = translator_locales(self.request.user)
        if locales is not None:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(pk__in=locales.values("pk"))
        return form


class OwnLocalesPageTranslationView(OwnLocalesMixin, SubmitPageTranslationView):
    def get_object(self):
        page = super().get_object()
        if not page.permissions_for_user(self.request.user).can_edit():
            # The screen and its message name the page by its admin (draft) title: a
            # translator of another locale sees the published one, not the owner's draft.
            page.draft_title = page.title
        return page


class OwnLocalesSnippetTranslationView(OwnLocalesMixin, SubmitSnippetTranslationView):
    pass


class OwnLocalesUpdateTranslationsView(UpdateTranslationsView):
    """The "Update translations" screen re-syncs (and may publish) a source's translations in
    every locale at once: a translator may use it only when all are in their locales."""

    def dispatch(self, request, *args, **kwargs):
        locales = translator_locales(request.user)
        if locales is not None:
            source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
            translations = source.translations.filter(enabled=True)
            if translations.exclude(target_locale__in=locales).exists():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OutOfDateTranslationsPanel(Component):
    """Pages of the translator's locales whose source changed since they were translated."""

    name = "pact_out_of_date_translations"
    template_name = "pact_pages/admin/out_of_date_panel.html"
    order = 60

    def __init__(self, user=None):
        self.user = user or AnonymousUser()

    def get_context_data(self, parent_context=None):
        locales = translator_locales(self.user)
        if locales is None or not locales.exists():
            return {"pages": []}
        return {"pages": out_of_date_translations(locales)[:OUT_OF_DATE_SHOWN]}
