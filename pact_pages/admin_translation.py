"""Admin screens for translators: "Translate" limited to their locales, out-of-date panel."""

from django.contrib.auth.models import AnonymousUser
from wagtail.admin.ui.components import Component
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)

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
    pass


class OwnLocalesSnippetTranslationView(OwnLocalesMixin, SubmitSnippetTranslationView):
    pass


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
