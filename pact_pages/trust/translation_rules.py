"""Who may do what with a translation (issue 14, holes 1, 7 and 8): the rules the views of
the translation boundary apply (pact_pages.trust.translation_guard and _publish).

* A translator works in the locales of their group only, and on objects they may edit;
* a translation is published by someone who may publish it, and never while its source is
  not live (a draft, a never-published page, a page taken down);
* translators start translations of live sources only (never another signatory's draft).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from ..translators import TranslatablePermissionPolicy, translator_locales


def is_translator(user) -> bool:
    """Limited to some locales (moderators and superusers are not)."""
    return translator_locales(user) is not None


def may_translate_into(user, locale_id: int) -> bool:
    locales = translator_locales(user)
    return locales is None or locales.filter(pk=locale_id).exists()


def may_edit(user, instance: Model | None) -> bool:
    """Edit rights on a page (Wagtail's) or a translatable snippet (ours, per locale)."""
    if instance is None:
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = TranslatablePermissionPolicy(type(instance))
    return policy.user_has_permission_for_instance(user, "change", instance)


def target_of(translation: Translation) -> Model | None:
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def may_work_on(user, translation: Translation) -> bool:
    """Read or write one translation: its locale is the user's and its object theirs."""
    if not may_translate_into(user, translation.target_locale_id):
        return False
    target = target_of(translation)
    # No target (deleted): re-creating it in the user's locale makes a draft, nothing more.
    return target is None or may_edit(user, target)


def is_live(instance: Model | None) -> bool:
    """Public: a live page (an alias: its original) or a published snippet; a snippet
    without drafts is always public."""
    if instance is None:
        return False
    if isinstance(instance, Page) and instance.alias_of_id:
        return instance.live and is_live(instance.alias_of)
    if isinstance(instance, DraftStateMixin):
        return bool(instance.live)
    return True


def translation_record(instance: Model) -> Translation | None:
    """The wagtail-localize translation whose target ``instance`` is (None: not one)."""
    if not hasattr(instance, "translation_key"):
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id
        )
        .exclude(source__locale_id=instance.locale_id)
        .select_related("source")
        .first()
    )


def source_of(instance: Model) -> tuple[bool, Model | None]:
    """(is a translation, its source). The source is what wagtail-localize translated from
    (a ``TranslationSource`` in another locale, with or without ``Translation`` records:
    the demo has none), else the default locale's object of the same translation key."""
    key = getattr(instance, "translation_key", None)
    if key is None:
        return False, None
    sources = TranslationSource.objects.filter(object_id=key).exclude(locale_id=instance.locale_id)
    translation = translation_record(instance)
    source = translation.source if translation is not None else sources.first()
    if source is not None:
        try:
            found = source.get_source_instance()
        except ObjectDoesNotExist:
            return True, None
        return True, found.specific if isinstance(found, Page) else found
    default = Locale.get_default()
    if instance.locale_id == default.pk:
        return False, None
    model = Page if isinstance(instance, Page) else type(instance)
    found = model._default_manager.filter(translation_key=key, locale=default).first()
    if found is None:
        return False, None
    return True, found.specific if isinstance(found, Page) else found


def source_is_live(instance: Model) -> bool:
    """A translation may be public only while its source is (True: not a translation)."""
    is_translation, source = source_of(instance)
    return not is_translation or is_live(source)


def translations_of(page: Page) -> list[Page]:
    """The pages of other locales whose source ``page`` is."""
    others = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    return [other for other in others.specific() if source_of(other)[1] == page]


def may_publish(user, instance: Model) -> bool:
    """Publish a translation now: publish rights on it, and a live source."""
    if isinstance(instance, Page):
        allowed = instance.permissions_for_user(user).can_publish()
    else:
        allowed = not is_translator(user) or not isinstance(instance, DraftStateMixin)
    return allowed and source_is_live(instance)


def may_start_translating(user, source: Model) -> bool:
    """Translators translate what the public can read; staff may translate drafts (the
    translations stay drafts, see pact_pages.trust.translation_publish)."""
    return not is_translator(user) or is_live(source)
