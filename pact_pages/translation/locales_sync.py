"""Every configured content language is a Wagtail locale with its translators, after migrate.

Without this, translating into a configured language first needs someone to create its locale
by hand (Settings → Locales) and to run ``setup_groups`` again. The ``post_migrate`` handler
does both on every ``migrate`` (and ``flush``), in the reference site as in a host site that
installs the plugin:

* only the languages of ``WAGTAIL_CONTENT_LANGUAGES`` become locales;
* it adds what is missing and changes nothing else: running it twice is a no-op;
* a locale whose language was removed from the settings stays (it may have content);
* before the tables of Wagtail, wagtail-localize and pact_pages exist (a partial migrate),
  it does nothing;
* it writes to the database that was migrated (the signal's ``using``).

A locale's tree usually appears later (the first translation of the home page): its
translators get their rights on it then (pact_pages.signatories.signals).
"""

from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models.signals import post_migrate
from wagtail.coreutils import get_content_languages
from wagtail.models import GroupPagePermission, Locale, Page

from pact_pages.translation.models import LocaleTranslators
from pact_pages.translation.translators import (
    missing_translator_permissions,
    setup_translator_groups,
)

# The tables the handler reads and writes: all must exist, else the migration is partial.
MODELS = (Locale, Page, LocaleTranslators, Group, Permission, GroupPagePermission)


def connect(app_config: AppConfig) -> None:
    post_migrate.connect(
        sync_locales,
        sender=app_config,
        dispatch_uid="pact_pages.translation.locales_sync.sync_locales",
    )


def sync_locales(using: str = DEFAULT_DB_ALIAS, verbosity: int = 1, **kwargs) -> None:
    """The ``post_migrate`` handler: the configured locales, and their translator groups."""
    if not _tables_ready(using):
        return
    created = create_configured_locales(using)
    stdout = kwargs.get("stdout")
    if verbosity >= 2 and created and stdout is not None:
        stdout.write(f"Created locales: {', '.join(created)}")
    # pact_pages' own permissions (change_pillar) are created by auth's post_migrate handler,
    # which runs after this one: create them now (it is idempotent).
    create_permissions(apps.get_app_config("pact_pages"), verbosity=0, using=using)
    if missing_translator_permissions(using):
        return  # e.g. a flush without wagtail-localize's migration data: nothing to grant
    setup_translator_groups(using)


def create_configured_locales(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """A locale for each ``WAGTAIL_CONTENT_LANGUAGES`` code that has none; the codes created."""
    created = []
    for code in configured_languages():
        _locale, was_created = Locale.objects.using(using).get_or_create(language_code=code)
        if was_created:
            created.append(code)
    return created


def configured_languages() -> list[str]:
    # Wagtail's reading: unset, it is the default language alone (not all of LANGUAGES).
    return list(get_content_languages())


def _tables_ready(using: str) -> bool:
    if not all(router.allow_migrate_model(using, model) for model in MODELS):
        return False
    existing = set(connections[using].introspection.table_names())
    return all(model._meta.db_table in existing for model in MODELS)
