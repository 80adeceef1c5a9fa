"""Translators per locale: they translate pages and the four Ps into their locales only.

wagtail-localize has one global ``submit_translation`` permission and Wagtail's page
permissions do not follow translations, so per-locale rights are ours to give: a group per
locale with ``change_page`` on that locale's tree (the plugin's pages: a host's own pages are
not theirs), the four Ps of that locale, and the "Translate" screens limited to the
translator's own locales.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least, Length, Substr
from wagtail.coreutils import get_content_languages
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.permission_policies import ModelPermissionPolicy

from pact_pages.core.page_rules import page_rule_apps
from pact_pages.translation.models import LocaleTranslators

TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("pact_pages", "change_pillar"),
]
ALL_LOCALES_PERMISSION = "pact_pages.review_signuprequest"  # moderators translate anywhere


def group_name(locale: Locale) -> str:
    return f"Translators ({locale.get_display_name()})"


def setup_translator_groups(using: str = DEFAULT_DB_ALIAS) -> list[LocaleTranslators]:
    """One group per content language other than the source's, with rights on its tree.

    ``using``: the database, for the ``post_migrate`` handler (pact_pages.translation.locales_sync).
    """
    groups = []
    default = Locale.objects.db_manager(using).get_for_language(settings.LANGUAGE_CODE)
    with transaction.atomic(using=using):
        # Only the plugin's content languages: a host's other Locale rows are not ours.
        locales = Locale.objects.using(using).filter(language_code__in=get_content_languages())
        for locale in locales.exclude(pk=default.pk):
            translators = LocaleTranslators.objects.using(using).filter(locale=locale).first()
            if translators is None:
                group, _ = Group.objects.using(using).get_or_create(name=group_name(locale))
                translators = LocaleTranslators.objects.using(using).create(
                    locale=locale, group=group
                )
            sync_translator_permissions(translators, using)
            groups.append(translators)
    return groups


def missing_translator_permissions(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The translators' permissions not in the database yet (e.g. before their migration)."""
    return [
        f"{app}.{code}"
        for app, code in TRANSLATOR_PERMISSIONS
        if not Permission.objects.using(using)
        .filter(content_type__app_label=app, codename=code)
        .exists()
    ]


def _permission(app_label: str, codename: str, using: str) -> Permission:
    return Permission.objects.using(using).get(content_type__app_label=app_label, codename=codename)


def sync_translator_permissions(
    translators: LocaleTranslators, using: str = DEFAULT_DB_ALIAS
) -> None:
    group = translators.group
    group.permissions.add(*[_permission(app, code, using) for app, code in TRANSLATOR_PERMISSIONS])
    change_page = _permission("wagtailcore", "change_page", using)
    roots = translated_roots(translators.locale_id, using)
    grants = GroupPagePermission.objects.using(using)
    grants.filter(group=group).exclude(page__in=roots).delete()
    for root in roots:
        grants.get_or_create(group=group, page=root, permission=change_page)


def translated_roots(locale_id: int, using: str = DEFAULT_DB_ALIAS) -> QuerySet:
    """The pages of a locale whose trees its translators translate: the topmost pages of the
    plugin's page types (or of an app that follows its page rules, as the reference site's
    home pages), never a host's own pages (``pact_pages.core.page_rules``)."""
    ours = Page.objects.using(using).filter(
        locale_id=locale_id, depth__gt=1, content_type__app_label__in=page_rule_apps()
    )
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    return ours.annotate(parent_path=parent_path).exclude(parent_path__in=ours.values("path"))


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

    wagtail-localize keeps one copy of the source for every language (``TranslationSource``,
    re-read by any language's update) and logs each language's saves from it
    (``TranslationLog``): a translation is up to date when both happened after the source's
    last publication, so one language's update leaves the others out of date.
    """
    from wagtail_localize.models import TranslationLog, TranslationSource

    sources = TranslationSource.objects.filter(object_id=OuterRef("translation_key")).exclude(
        locale_id=OuterRef("locale_id")
    )
    logs = TranslationLog.objects.filter(
        source__object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    ).order_by("-created_at")
    source_pages = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=OuterRef("source_locale_id")
    )
    return (
        Page.objects.filter(
            locale__in=locales,
            alias_of__isnull=True,
            content_type__app_label__in=page_rule_apps(),  # not a host's own pages
        )
        .annotate(
            read_at=Subquery(sources.values("last_updated_at")[:1]),
            source_locale_id=Subquery(sources.values("locale_id")[:1]),
            logged_at=Subquery(logs.values("created_at")[:1]),
        )
        .annotate(
            synced_at=Least("read_at", Coalesce("logged_at", "read_at")),
            source_published_at=Subquery(source_pages.values("last_published_at")[:1]),
        )
        .filter(source_published_at__gt=F("synced_at"))
        .select_related("locale")
        .order_by("-source_published_at")
    )
