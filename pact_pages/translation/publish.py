"""Translations go live through the Pact moderation workflow only (issue 14, hole 1).

wagtail-localize publishes a translation as soon as it is created from a live source, when
"Update translations" is ticked "publish", and from its editor: here translators' actions
save drafts, which they submit to the moderators' workflow (``submit_for_moderation``);
moderators keep publishing directly. And whoever publishes, a translation of a source that
is not live does not stay live (``keep_translations_behind_their_source``): the source's
take-down takes its translations down with it.
"""

import contextlib
import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page, WorkflowState
from wagtail.signals import page_published, page_unpublished
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation, TranslationLog, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments.ingest import ingest_segments

from pact_pages.core.page_rules import follows_page_rules
from pact_pages.safeguarding.admin_hooks import unchecked_findings
from pact_pages.translation.rules import (
    is_live,
    is_translator,
    may_publish,
    may_work_on,
    source_is_live,
    target_of,
    translations_of,
)

logger = logging.getLogger(__name__)


class ModeratedTranslationCreator(TranslationCreator):
    """wagtail-localize's TranslationCreator, publishing only what the user may publish.

    Translators' translations are drafts; their subtrees skip pages that are not live (a
    draft of another signatory must not be copied into a tree the translator can read).
    """

    def create_translations(self, instance, include_related_objects=True):
        if isinstance(instance, Page):
            instance = instance.specific
        if is_translator(self.user) and not is_live(instance):
            return
        if instance.translation_key in self.seen_objects:
            return
        self.seen_objects.add(instance.translation_key)
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        if include_related_objects:
            for segment in source.relatedobjectsegment_set.all():
                related = segment.object.get_instance(instance.locale)
                self.create_translations(related, include_related_objects=False)
        mode = getattr(
            instance,
            "localize_default_translation_mode",
            getattr(settings, "WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"),
        )
        for locale in self.target_locales:
            if locale != source.locale:
                self._translate(instance, source, locale, enabled=mode == "synced")

    def _translate(self, instance, source, locale, enabled: bool) -> None:
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": enabled}
        )
        self.mappings[source].append(translation)
        with contextlib.suppress(ValidationError):
            if self._publish(instance, locale):
                translation.save_target(user=self.user, publish=True)
            else:
                save_draft(translation, self.user)

    def _publish(self, instance, locale) -> bool:
        if not isinstance(instance, DraftStateMixin):
            return True  # cannot be a draft (the four Ps: the translator's own locale)
        if not getattr(instance, "live", True):
            return False
        existing = instance.get_translation_or_none(locale)
        if existing is not None:
            return may_publish(self.user, existing)
        # A new page: its publishers are those of the parent it will be created under.
        return not is_translator(self.user) and may_publish_new(self.user, instance, locale)


def may_publish_new(user, instance, locale) -> bool:
    if not isinstance(instance, Page):
        return True
    source_parent = instance.get_parent().specific
    # The translated parent, or (copied along with the page) the source's own.
    parent = source_parent.get_translation_or_none(locale) or source_parent
    return parent.permissions_for_user(user).can_publish_subpage()


def translate_subtree(page_id: int, locales, components, user) -> None:
    """wagtail-localize's translate_page_subtree, with the moderated creator."""
    creator = ModeratedTranslationCreator(user, locales)

    def walk(page: Page) -> None:
        for child in page.get_children():
            creator.create_translations(child)
            if child.numchild:
                walk(child)

    walk(Page.objects.get(id=page_id))
    if components is not None:
        components.save(creator, sources_and_translations=creator.mappings)


def save_translation(translation: Translation, user, publish: bool) -> bool:
    """Apply the translated strings to the target: published only if ``user`` may."""
    target = target_of(translation)
    if publish and target is not None and not may_publish(user, target):
        publish = False
    if publish and held_for_safeguarding(translation, user):
        return True  # saved as a draft: its findings wait for a moderator's ticks
    try:
        if publish:
            translation.save_target(user=user, publish=True)
        else:
            save_draft(translation, user)
    except ValidationError:
        return False
    return True


def held_for_safeguarding(translation: Translation, user) -> bool:
    """Before publishing a page's translation: saved as a draft, and True (not to be
    published) when that draft has findings of the safeguarding check no moderator ticked
    (issue 19): they are ticked in the workflow's approval only."""
    target = target_of(translation)
    if not isinstance(target, Page):
        return False
    try:
        save_draft(translation, user)
    except ValidationError:
        return False  # the caller's publish reports the errors
    return bool(unchecked_findings(Page.objects.get(pk=target.pk).specific))


def save_draft(translation: Translation, user) -> None:
    """wagtail-localize's ``save_target(publish=False)``, without touching what readers see.

    Its "draft" writes the translated fields into the page's row, which *is* the live
    version of a live page: readers of /fr/ would get an unmoderated (or half-English) text
    at once. A live translation gets a revision only; a live fallback copy (the alias of an
    untranslated parent) becomes a regular page taken offline, so its address keeps showing
    the source with the "not yet translated" note until a moderator publishes it.
    """
    target = target_of(translation)
    if not isinstance(target, Page) or not target.live:
        translation.save_target(user=user, publish=False)
        return
    if target.alias_of_id:
        translation.save_target(user=user, publish=False)
        _take_offline(target)
        return
    page, source = target.specific, translation.source
    original = source.as_instance()
    copy_synchronised_fields(original, page)
    segments = source._get_segments_for_translation(translation.target_locale, fallback=True)
    ingest_segments(original, page, source.locale, translation.target_locale, segments)
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.pk)
    revision = page.save_revision(user=user)  # saves the row's revision fields only
    # As wagtail-localize logs its own saves: this language now follows the source.
    TranslationLog.objects.create(
        source=source, locale=translation.target_locale, revision=revision
    )


def _take_offline(page: Page) -> None:
    """Unpublishes the former alias alone: its translated children stay live."""
    UnpublishPageAction(
        Page.objects.get(pk=page.pk).specific, include_descendants=False, log_action=False
    ).execute(skip_permission_checks=True)


# ---------------------------------------------------------------------------------------
# Translators submit their translation for moderation
# ---------------------------------------------------------------------------------------


@require_POST
def submit_for_moderation(request, translation_id: int):
    """Save the translation as a draft of its page, and start (or restart) the workflow."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = target_of(translation)
    if not isinstance(page, Page) or not may_work_on(request.user, translation):
        raise PermissionDenied
    page = page.specific
    if not source_is_live(page):
        messages.error(
            request, _("The original page is not published: its translation cannot be published.")
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    with transaction.atomic():
        if not save_translation(translation, request.user, publish=False):
            messages.error(request, _("The translation has errors: please correct them."))
            return redirect("wagtailadmin_pages:edit", page.pk)
        page.refresh_from_db()
        _submit(page, request.user)
    messages.success(request, _("The translation was submitted for moderation."))
    return redirect("wagtailadmin_pages:edit", page.pk)


def _submit(page: Page, user) -> None:
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return
    if state is not None:
        state.cancel(user=user)  # the task now reviews the new draft, as Wagtail's restart
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        raise PermissionDenied  # no moderation: nobody could ever approve it
    workflow.start(page, user)


# ---------------------------------------------------------------------------------------
# A translation is never live while its source is not
# ---------------------------------------------------------------------------------------


def _unpublish(page: Page, reason: str) -> None:
    logger.warning("Unpublished %s (page %s): %s", page.locale, page.pk, reason)
    UnpublishPageAction(page.specific, log_action=True).execute(skip_permission_checks=True)


def keep_translations_behind_their_source(sender, instance, **kwargs) -> None:
    """Published (by the workflow, a scheduled date, an editor…) while the source is not
    live: taken down again at once. Every way of publishing ends here. The plugin's pages
    only (``pact_pages.core.page_rules``): a host's translations follow the host's rules."""
    if follows_page_rules(instance) and not source_is_live(instance):
        _unpublish(instance, "its source is not live")


def take_down_translations(sender, instance, **kwargs) -> None:
    """The source was unpublished (taken down): its translations are too."""
    if not follows_page_rules(instance):
        return
    for target in translations_of(instance):
        if target.live:
            _unpublish(target, "its source was unpublished")


def connect_signals() -> None:
    page_published.connect(keep_translations_behind_their_source, dispatch_uid="pact_t_live")
    page_unpublished.connect(take_down_translations, dispatch_uid="pact_t_takedown")
