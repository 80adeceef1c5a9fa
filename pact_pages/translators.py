"""Translators per locale: they translate pages and the four Ps into their locales only.

wagtail-localize has one global ``submit_translation`` permission and Wagtail's page
permissions do not follow translations, so per-locale rights are ours to give: a group per
locale with ``change_page`` on that locale's tree, the four Ps of that locale, and the
"Translate" screens limited to the translator's own locales.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.permission_policies import ModelPermissionPolicy

from .access import permission
from .models import LocaleTranslators

TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("pact_pages", "change_pillar"),
]
ALL_LOCALES_PERMISSION = "pact_pages.review_signuprequest"  # moderators translate anywhere


def group_name(locale: Locale) -> str:
    return f"Translators ({locale.get_display_name()})"


@transaction.atomic
def setup_translator_groups() -> list[LocaleTranslators]:
    """One group per locale other than the source's, with rights on that locale's tree."""
    groups = []
    for locale in Locale.objects.exclude(pk=Locale.get_default().pk):
        translators = LocaleTranslators.objects.filter(locale=locale).first()
        if translators is None:
            group, _ = Group.objects.get_or_create(name=group_name(locale))
            translators = LocaleTranslators.objects.create(locale=locale, group=group)
        sync_translator_permissions(translators)
        groups.append(translators)
    return groups


def sync_translator_permissions(translators: LocaleTranslators) -> None:
    group = translators.group
    group.permissions.add(*[permission(app, code) for app, code in TRANSLATOR_PERMISSIONS])
    change_page = permission("wagtailcore", "change_page")
    roots = Page.objects.filter(depth=2, locale=translators.locale)
    GroupPagePermission.objects.filter(group=group).exclude(page__in=roots).delete()
    for root in roots:
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=change_page)


def translator_locales(user) -> QuerySet | None:
    """The locales a translator may translate into; None: not limited to some locales.

    Staff and moderators are not limited; a member of a translator group is, to its locales.
    """
    if user.is_superuser or user.has_perm(ALL_LOCALES_PERMISSION):
        return None
    locales = Locale.objects.filter(translators__group__user=user)
    return locales if locales.exists() else None


class TranslatablePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and for translators only the objects of their own locales."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        locales = translator_locales(user)
        return locales is None or locales.filter(pk=instance.locale_id).exists()

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        locales = translator_locales(user)
        return instances if locales is None else instances.filter(locale__in=locales)


def out_of_date_translations(locales) -> QuerySet:
    """Translated pages in ``locales`` whose source was published after their last sync.

    wagtail-localize records when it last read the source (``TranslationSource``); a source
    published since then has changes the translation does not have yet.
    """
    from wagtail_localize.models import TranslationSource

    sources = TranslationSource.objects.filter(object_id=OuterRef("translation_key")).exclude(
        locale_id=OuterRef("locale_id")
    )
    source_pages = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=OuterRef("source_locale_id")
    )
    return (
        Page.objects.filter(locale__in=locales, alias_of__isnull=True)
        .annotate(
            synced_at=Subquery(sources.values("last_updated_at")[:1]),
            source_locale_id=Subquery(sources.values("locale_id")[:1]),
        )
        .annotate(source_published_at=Subquery(source_pages.values("last_published_at")[:1]))
        .filter(source_published_at__gt=F("synced_at"))
        .select_related("locale")
        .order_by("-source_published_at")
    )
