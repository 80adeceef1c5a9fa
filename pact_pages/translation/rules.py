"""Who may do what with a translation (issue 14, holes 1, 7 and 8): the rules the views of
the translation boundary apply (pact_pages.translation.guard and .publish).

* A translator works in the locales of their group only, and on objects they may edit;
* a translation is published by someone who may publish it, and never while its source is
  not live (a draft, a never-published page, a page taken down);
* translators start translations of live sources only (never another signatory's draft);
* translators see, in their locales, only pages the public can read or translations of a
  page it can read (``translator_hidden_pages``): not a signatory's never-published page,
  nor the translation of a page taken down (issue 14, hole 3). Their group has
  ``change_page`` on the whole locale tree (pact_pages.translation.translators), so
  ``TranslatorPagePermissionPolicy`` removes those pages from every listing Wagtail asks the
  policy for, and pact_pages.trust.admin_restrictions refuses the views that name one by id.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, Model, OuterRef, QuerySet
from wagtail.models import DraftStateMixin, GroupPagePermission, Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation, TranslationSource

from pact_pages.core.page_rules import follows_page_rules
from pact_pages.translation.models import LocaleTranslators
from pact_pages.translation.translators import TranslatablePermissionPolicy, translator_locales


def is_translator(user) -> bool:
    """Limited to some locales (moderators and superusers are not)."""
    return translator_locales(user) is not None


def may_translate_into(user, locale_id: int) -> bool:
    locales = translator_locales(user)
    return locales is None or locales.filter(pk=locale_id).exists()


def translator_hidden_pages(user) -> QuerySet | None:
    """The pages of a translator's locales that are neither live nor a translation of a live
    page, outside the signatories the user edits (None: the user sees every page).

    A page with a live page of the same translation key in another locale is a translation
    of a live source; anything else in the locale is a signatory's own draft or follows a
    source that is not public: the translator's group rights on the tree must not show it.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_pact_translator_hidden", False)
    if cache is not False:
        return cache
    locales = translator_locales(user)
    hidden = None
    if locales is not None:
        live_elsewhere = Page.objects.filter(
            translation_key=OuterRef("translation_key"), live=True
        ).exclude(locale_id=OuterRef("locale_id"))
        hidden = Page.objects.filter(locale__in=locales, live=False, depth__gt=1).exclude(
            Exists(live_elsewhere)
        )
        for path in _signatory_paths(user):
            hidden = hidden.exclude(path__startswith=path)
    user._pact_translator_hidden = hidden  # (per request: the user object is the request's)
    return hidden


def _signatory_paths(user) -> list[str]:
    """Where the user has page rights through a group other than a translator group."""
    translator_groups = LocaleTranslators.objects.values("group_id")
    permissions = GroupPagePermission.objects.filter(group__user=user).exclude(
        group_id__in=translator_groups
    )
    return sorted(set(permissions.values_list("page__path", flat=True)))


def translator_may_see(user, page: Page) -> bool:
    """Whether ``user`` may explore, open, edit or choose ``page`` as far as the translator
    rule goes (Wagtail's own permissions still apply)."""
    hidden = translator_hidden_pages(user)
    return hidden is None or not hidden.filter(pk=page.pk).exists()


def without_hidden_pages(user, pages: QuerySet) -> QuerySet:
    hidden = translator_hidden_pages(user)
    return pages if hidden is None else pages.exclude(pk__in=hidden.values("pk"))


class TranslatorPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, without the pages translators may not see: the explorer, the
    page search, the admin API, the reports, the workflow and dashboard lists and the bulk
    actions ask it which pages a user may explore or act on."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return without_hidden_pages(user, pages)

    def explorable_instances(self, user):
        return without_hidden_pages(user, super().explorable_instances(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        allowed = super().user_has_any_permission_for_instance(user, actions, instance)
        return allowed and translator_may_see(user, instance)


def may_edit(user, instance: Model | None) -> bool:
    """Edit rights on a page (Wagtail's) or a translatable snippet (ours, per locale)."""
    if instance is None:
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit() and translator_may_see(user, instance)
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
    """A translation may be public only while its source is (True: not a translation, or
    not the plugin's: a host's own pages and snippets follow the host's rules)."""
    if not follows_page_rules(instance):
        return True
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
    translations stay drafts, see pact_pages.translation.publish). Nobody translates a
    translation: its page would get a second source, and taking the translation down would
    then take its own original down with it (the plugin's objects: a host's are its own)."""
    if follows_page_rules(source) and source_of(source)[0]:
        return False
    return not is_translator(user) or is_live(source)
