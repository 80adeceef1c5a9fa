"""Admin screens for translators: "Translate" limited to their locales and to published
sources, translations saved as drafts for moderation (pact_pages.translation.publish),
out-of-date panel."""

import contextlib

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import TranslationSource
from wagtail_localize.tasks import background
from wagtail_localize.views.edit_translation import apply_machine_translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from pact_pages.core.params import text_param
from pact_pages.translation.publish import (
    ModeratedTranslationCreator,
    save_translation,
    translate_subtree,
)
from pact_pages.translation.rules import is_translator, may_start_translating, without_hidden_pages
from pact_pages.translation.translators import out_of_date_translations, translator_locales

OUT_OF_DATE_SHOWN = 20


class OwnLocalesMixin:
    """Offers (and accepts) only the locales the user translates into."""

    def get_form(self):
        form = super().get_form()
        locales = translator_locales(self.request.user)
        field = form.fields["locales"]
        if locales is not None:
            field.queryset = field.queryset.filter(pk__in=locales.values("pk"))
        # Coming from the translation work list of one language: that language, ticked (a
        # translator of one language: theirs).
        chosen = field.queryset.filter(language_code=text_param(self.request.GET, "locale"))
        ticked = list(chosen.values_list("pk", flat=True))
        if not ticked and field.queryset.count() == 1:
            ticked = list(field.queryset.values_list("pk", flat=True))
        if ticked:
            field.initial = ticked
        return form

    def get_object(self):
        instance = super().get_object()
        if not may_start_translating(self.request.user, instance):
            # Said without the title: the draft's title is its owner's.
            raise PermissionDenied
        return instance

    @transaction.atomic
    def form_valid(self, form):
        """wagtail-localize's, with translations published only by those who may (the
        others' are drafts, submitted for moderation from the translation editor)."""
        locales = form.cleaned_data["locales"]
        creator = ModeratedTranslationCreator(self.request.user, locales)
        creator.create_translations(self.object)
        self.components.save(creator, sources_and_translations=creator.mappings)
        if isinstance(self.object, Page) and form.cleaned_data.get("include_subtree"):
            background.enqueue(
                translate_subtree,
                [self.object.id, locales, self.components, self.request.user],
                {},
            )
        single = None
        names = ", ".join(locale.get_display_name() for locale in locales)
        if len(locales) == 1:
            single = self.object.get_translation_or_none(locales[0])
        messages.success(self.request, self.get_success_message(names))
        if single is not None and is_translator(self.request.user):
            messages.info(
                self.request,
                _("When it is translated, submit it for moderation: a moderator publishes it."),
            )
        return redirect(self.get_success_url() or self.get_default_success_url(single))


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
    every locale at once: a translator may use it only when all are in their locales, and
    "publish" publishes only the translations the user may publish (the others: drafts)."""

    def dispatch(self, request, *args, **kwargs):
        locales = translator_locales(request.user)
        if locales is not None:
            source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
            translations = source.translations.filter(enabled=True)
            if translations.exclude(target_locale__in=locales).exists():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        if is_translator(self.request.user):
            del form.fields["publish_translations"]
        return form

    @transaction.atomic
    def form_valid(self, form):
        """wagtail-localize's, each translation published only if the user may publish it
        (and its source is live); the others are re-synced as drafts."""
        self.object.update_from_db()
        translations = list(self.object.translations.filter(enabled=True))
        if form.cleaned_data.get("use_machine_translation"):
            translator = get_machine_translator()
            for translation in translations:
                apply_machine_translation(translation.id, self.request.user, translator)
        publish = bool(form.cleaned_data.get("publish_translations"))
        for translation in translations:
            if publish:
                save_translation(translation, self.request.user, publish=True)
            else:
                with contextlib.suppress(ValidationError):
                    translation.source.update_target_view_restrictions(translation.target_locale)
        self.components.save(self.object, sources_and_translations={self.object: translations})
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url() or self.get_default_success_url())


class OutOfDateTranslationsPanel(Component):
    """A translator's day starts here: per locale, what is left to translate, what changed at
    the source, and the latest out-of-date pages, each linked to the translation work list."""

    name = "pact_out_of_date_translations"
    template_name = "pact_pages/admin/out_of_date_panel.html"
    order = 60

    def __init__(self, user=None):
        self.user = user or AnonymousUser()

    def get_context_data(self, parent_context=None):
        from pact_pages.translation import worklist

        # The panel's "Update from the source" forms post: they need the page's CSRF token.
        context = {"csrf_token": (parent_context or {}).get("csrf_token")}
        locales = translator_locales(self.user)
        locales = list(locales) if locales is not None else []
        if not locales:
            return context | {"pages": [], "summary": []}
        summary = []
        for locale in locales:
            querysets = worklist.tabs(self.user, locale)
            missing = worklist.capped_count(querysets["missing"])
            progress = worklist.capped_count(querysets["progress"])
            summary.append(
                {
                    "locale": locale,
                    "missing": missing,
                    "missing_shown": worklist.count_label(missing),
                    "progress": progress,
                    "progress_shown": worklist.count_label(progress),
                }
            )
        # Not the translations of a page taken down since (issue 14: translators see them not).
        pages = without_hidden_pages(self.user, out_of_date_translations(locales))
        return context | {"pages": pages[:OUT_OF_DATE_SHOWN], "summary": summary}
