"""Shared fixtures: the site tree the migrations create, and the Pact's sections in it."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Locale
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.models import HomePage
from pact_pages.models import JoinPage, NewsletterPage, Pillar
from tests.factories import (
    InitiativeLibraryPageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    SignatoryPageFactory,
)


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request or code that activated another
    language in this worker's thread must not change what the next test reads."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Wagtail caches site roots and image renditions; a test must not see another's."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def quiet_saves(settings):
    """Saves that skip the search and reference indexes, for tests that build a lot of
    content and look at neither: it halves their set-up time."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": False}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with disable_reference_index_auto_update():
        yield


@pytest.fixture
def home_page(db) -> HomePage:
    """The English home page the migrations create (site root, slug "home")."""
    return HomePage.objects.get(depth=2)


@pytest.fixture
def fr_locale(db) -> Locale:
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def fr_pillar(fr_locale) -> Pillar:
    """The French translation of Prevention: same slug and translation key, French name."""
    english = Pillar.objects.get(slug="prevention", locale__language_code="en")
    french = english.copy_for_translation(fr_locale)
    french.name = "Prévention"
    french.save()
    return french


def _published_under(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def join_page(home_page) -> JoinPage:
    """The "Join the Pact" form, published under the home page."""
    return _published_under(home_page, JoinPage(title="Join the Pact", slug="join"))


@pytest.fixture
def newsletter_page(home_page) -> NewsletterPage:
    """The newsletter sign-up form, published under the home page."""
    return _published_under(home_page, NewsletterPage(title="Newsletter", slug="newsletter"))


@pytest.fixture
def directory(home_page):
    return SignatoryIndexPageFactory(parent=home_page)


@pytest.fixture
def library(home_page):
    return InitiativeLibraryPageFactory(parent=home_page)


@pytest.fixture
def signatory(directory):
    return SignatoryPageFactory(
        parent=directory, title="Strasbourg", official_name="Ville de Strasbourg"
    )


@pytest.fixture
def initiative(signatory):
    return InitiativePageFactory(
        parent=signatory,
        title="Safe sports clubs",
        pillars=("prevention", "participation"),
        tags=["sport"],
    )


@pytest.fixture
def team(home_page, directory, fr_locale, django_capture_on_commit_callbacks) -> dict:
    """The French home and directory exist (as in the demo); a logged-in French translator
    ("traductrice") and moderator ("moderatrice"), as test clients by role."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from pact_pages.models import LocaleTranslators
    from pact_pages.moderation.workflow import setup_moderation
    from tests.test_i18n import translate

    capture = django_capture_on_commit_callbacks
    translate(home_page, fr_locale, {}, capture)
    translate(directory, fr_locale, {}, capture)
    moderators = setup_moderation().group
    users = get_user_model().objects
    translator = users.create_user("traductrice", "t@example.org", "pw")
    translator.groups.add(LocaleTranslators.objects.get(locale=fr_locale).group)
    moderator = users.create_user("moderatrice", "m@example.org", "pw")
    moderator.groups.add(moderators)
    clients = {}
    for name, user in (("translator", translator), ("moderator", moderator)):
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


IN_2025 = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
IN_2026 = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


def dated(page, when: datetime.datetime):
    """The page as if first published at ``when`` (an initiative of an earlier year); the
    API's read index follows."""
    from wagtail.models import Page

    from pact_pages.api import index

    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    index.note_changed(Page.objects.filter(pk=page.pk))
    page.refresh_from_db()
    return page


@pytest.fixture
def old_story_translated_today(
    signatory, initiative, fr_locale, django_capture_on_commit_callbacks
):
    """(French translation, English story): an initiative of 2025 translated into French
    today, with its own slug (the wagtail-localize translator gives one), and one of 2026 in
    English only. Translating it made a French alias of its untranslated signatory."""
    from tests.test_i18n import translate

    dated(initiative, IN_2025)
    english = dated(InitiativePageFactory(parent=signatory, title="Only in English"), IN_2026)
    french = translate(
        initiative,
        fr_locale,
        {"Safe sports clubs": "Clubs sportifs sûrs", initiative.slug: "clubs-sportifs-surs"},
        django_capture_on_commit_callbacks,
    )
    return french, english
