"""After ``migrate``, every configured content language is a locale with its translators.

The test database is made by the migrations, so what ``migrate`` leaves is what each test
starts with; the handler is also called directly, as a second ``migrate`` would.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Locale

from pact_pages.models import LocaleTranslators
from pact_pages.translation.locales_sync import sync_locales
from pact_pages.translation.translators import TRANSLATOR_PERMISSIONS

pytestmark = pytest.mark.django_db

CONFIGURED = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


def state() -> dict:
    return {
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "translators": sorted(
            LocaleTranslators.objects.values_list("locale__language_code", "group__name")
        ),
        "groups": Group.objects.count(),
        "permissions": sorted(
            (group.name, permission.codename)
            for group in Group.objects.all()
            for permission in group.permissions.all()
        ),
        "page_permissions": GroupPagePermission.objects.count(),
    }


def test_every_configured_language_is_a_locale_after_migrate():
    assert set(Locale.objects.values_list("language_code", flat=True)) == CONFIGURED
    assert len(CONFIGURED) == 12


def test_every_locale_but_the_default_has_its_translator_group():
    groups = {
        translators.locale.language_code: translators.group
        for translators in LocaleTranslators.objects.select_related("locale", "group")
    }

    assert set(groups) == CONFIGURED - {settings.LANGUAGE_CODE}
    assert groups["it"].name == "Translators (Italiano)"
    assert groups["ru"].name == "Translators (Русский)"
    codenames = set(groups["it"].permissions.values_list("codename", flat=True))
    assert codenames == {code for _app, code in TRANSLATOR_PERMISSIONS}


def test_running_it_again_changes_nothing():
    before = state()

    sync_locales(using="default", verbosity=0)
    call_command("migrate", verbosity=0)

    assert state() == before


def test_a_language_not_configured_is_not_created():
    sync_locales(using="default", verbosity=0)

    assert not Locale.objects.filter(language_code="ja").exists()
    assert not Locale.objects.filter(language_code="en-us").exists()


def test_a_language_removed_from_the_settings_keeps_its_locale(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [("en", "English"), ("fr", "French")]

    sync_locales(using="default", verbosity=0)

    assert Locale.objects.filter(language_code="it").exists()
    assert LocaleTranslators.objects.filter(locale__language_code="it").exists()


def test_a_locale_tree_made_later_is_given_to_its_translators(home_page):
    italian = Locale.objects.get(language_code="it")
    translators = LocaleTranslators.objects.get(locale=italian)
    assert not GroupPagePermission.objects.filter(group=translators.group).exists()

    home = home_page.copy_for_translation(italian)  # the Italian tree's root

    grant = GroupPagePermission.objects.get(group=translators.group)
    assert grant.page_id == home.pk
    assert grant.permission.codename == "change_page"


def test_a_host_site_with_its_own_language_code(settings):
    """A host site that installs the plugin: "en-us" is its source language."""
    settings.LANGUAGE_CODE = "en-us"
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        ("en-us", "English (US)"),
        ("fr", "French"),
    ]

    sync_locales(using="default", verbosity=0)

    assert Locale.objects.filter(language_code="en-us").exists()
    assert Locale.get_default().language_code == "en-us"
    assert not LocaleTranslators.objects.filter(locale__language_code="en-us").exists()
    assert LocaleTranslators.objects.filter(locale__language_code="fr").exists()


def test_nothing_happens_before_the_tables_exist(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kwargs: [])
    Locale.objects.filter(language_code="el").delete()

    sync_locales(using="default", verbosity=0)

    assert not Locale.objects.filter(language_code="el").exists()
