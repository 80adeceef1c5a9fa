"""The plugin's rules stay on its own pages (issue 16): a host's page types (here Wagtail's own
``Page``, which is neither the plugin's nor of an app that asked for its rules, as the
reference site's ``home`` does) keep Wagtail's behaviour, and a host's editors their admin.

Each rule is checked on both sides: the host's page is left alone, the plugin's page (a
signatory directory) still follows it.
"""

import importlib
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import GroupPagePermission, Locale, Page, PageViewRestriction

from pact_pages.api import index
from pact_pages.api.cache import current_version
from pact_pages.core.page_rules import follows_page_rules
from pact_pages.core.rich_text_links import ReaderPageLinkHandler
from pact_pages.models import LocaleTranslators, SignatoryIndexPage
from pact_pages.signatories import access
from pact_pages.translation.rules import may_publish
from pact_pages.translation.worklist import to_translate
from pact_pages.trust import privacy_sync
from pact_pages.wagtail_hooks import hide_staff_reports
from tests.factories import SignatoryIndexPageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Unannounced recipe (draft)"


def _host_page(title: str, slug: str) -> Page:
    return Page(title=title, slug=slug)


def _plugin_page(title: str, slug: str) -> Page:
    return SignatoryIndexPage(title=title, slug=slug)


KINDS: dict[str, tuple[Callable[[str, str], Page], bool]] = {
    # (the page type, whether the plugin's rule applies to it)
    "host": (_host_page, False),
    "plugin": (_plugin_page, True),
}


@pytest.fixture
def host_editor(db):
    """A host's editor: Wagtail's "Editors" group, with page rights on every locale's tree."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.filter(group=group).delete()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    user = get_user_model().objects.create_user("baker", "baker@example.org", "pw")
    user.groups.add(group)
    return user


def _published(parent: Page, page: Page, user) -> Page:
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return Page.objects.get(pk=page.pk)


def _translated(page: Page, locale, user) -> Page:
    """The French page (and its French parents), published by ``user``."""
    french = page.copy_for_translation(locale, copy_parents=True)
    for parent in french.get_ancestors().filter(depth__gt=1, live=False):
        parent.specific.save_revision(user=user).publish(user=user)
    french.save_revision(user=user).publish(user=user)
    return Page.objects.get(pk=french.pk)


@pytest.mark.parametrize("kind", KINDS)
def test_a_translation_follows_its_source_down_on_the_plugins_pages_only(
    kind, home_page, fr_locale, host_editor
):
    build, ruled = KINDS[kind]
    english = _published(home_page, build("Bread", "bread"), host_editor)
    assert follows_page_rules(english) is ruled
    french = _translated(english, fr_locale, host_editor)
    assert french.live

    english.specific.unpublish(user=host_editor)

    french.refresh_from_db()
    assert french.live is not ruled


@pytest.mark.parametrize("kind", KINDS)
def test_a_translation_published_while_its_source_is_a_draft(
    kind, home_page, fr_locale, host_editor
):
    build, ruled = KINDS[kind]
    english = build("Cake", "cake")
    english.live = False
    home_page.add_child(instance=english)  # never published
    french = english.copy_for_translation(fr_locale, copy_parents=True)

    french.save_revision(user=host_editor).publish(user=host_editor)

    french.refresh_from_db()
    assert french.live is not ruled
    # The translation screens' rule (pact_pages.translation.guard and .publish) likewise.
    assert may_publish(host_editor, french) is not ruled


@pytest.mark.parametrize("kind", KINDS)
def test_view_restrictions_are_copied_across_locales_on_the_plugins_pages_only(
    kind, home_page, fr_locale, host_editor
):
    build, ruled = KINDS[kind]
    english = _published(home_page, build("Scones", "scones"), host_editor)
    french = _translated(english, fr_locale, host_editor)

    PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.PASSWORD, password="flour"
    )
    assert french.view_restrictions.exists() is ruled

    # A page joining the family later gets the restrictions of its translations (Wagtail's
    # copy gives it only those of the page it is copied from): the plugin's only.
    later = _published(home_page, build("Muffins", "muffins"), host_editor)
    french = _translated(later, fr_locale, host_editor)
    PageViewRestriction.objects.create(
        page=french, restriction_type=PageViewRestriction.PASSWORD, password="sugar"
    )
    german_locale = Locale.objects.get_or_create(language_code="de")[0]
    german = later.copy_for_translation(german_locale, copy_parents=True)
    assert german.view_restrictions.exists() is ruled


@pytest.mark.parametrize("kind", KINDS)
def test_rich_text_links_to_a_hosts_page_are_wagtails(kind, home_page, host_editor):
    """The plugin serves its pages' source under the reader's language prefix; a host may
    serve no copy of its own there."""
    build, ruled = KINDS[kind]
    page = _published(home_page, build("Bread", "bread"), host_editor)
    wagtails = page.url
    assert wagtails.startswith("/en/")

    with translation.override("fr"):
        html = ReaderPageLinkHandler.expand_db_attributes_many([{"id": str(page.pk)}])[0]

    expected = "/fr/" + wagtails[len("/en/") :] if ruled else wagtails
    assert html == f'<a href="{expected}">'


def test_installing_the_plugin_leaves_a_hosts_restrictions_in_their_locale(
    home_page, fr_locale, host_editor
):
    """The migration that mirrored existing restrictions (0011) reads the plugin's pages."""
    migration = importlib.import_module("pact_pages.migrations.0011_mirror_view_restrictions")
    pages = {}
    for kind, (build, _ruled) in KINDS.items():
        english = _published(home_page, build(kind, f"{kind}-restricted"), host_editor)
        pages[kind] = _translated(english, fr_locale, host_editor)
        with privacy_sync.paused():  # as a host had them before installing the plugin
            PageViewRestriction.objects.create(page=english, restriction_type="login")

    with privacy_sync.paused():  # migrate runs with historical models: no receiver
        migration.mirror_existing(django_apps, None)

    for kind, (_build, ruled) in KINDS.items():
        assert pages[kind].view_restrictions.exists() is ruled, kind


@pytest.mark.parametrize("kind", KINDS)
def test_the_translation_work_list_holds_the_plugins_pages(kind, home_page, fr_locale, host_editor):
    build, ruled = KINDS[kind]
    english = _published(home_page, build("Rolls", "rolls"), host_editor)

    assert to_translate(fr_locale).filter(pk=english.pk).exists() is ruled


def test_translators_get_no_rights_on_a_hosts_pages(fr_locale):
    """A host's own French site root is not the translators'; the plugin's directory under
    it is, as the reference site's French home page (which follows the plugin's rules)."""
    translators = LocaleTranslators.objects.get(locale=fr_locale)
    root = Page.get_first_root_node()
    host_root = root.add_child(instance=Page(title="Site français", slug="fr", locale=fr_locale))
    granted = GroupPagePermission.objects.filter(group=translators.group)
    assert not granted.filter(page=host_root).exists()

    directory = host_root.add_child(
        instance=SignatoryIndexPage(title="Signataires", slug="signataires", locale=fr_locale)
    )
    assert granted.filter(page=directory, permission__codename="change_page").exists()
    assert not granted.filter(page=host_root).exists()


@pytest.fixture
def secret(home_page) -> Page:
    """A host's draft that the host editor has no rights on (only Wagtail's chooser shows it)."""
    draft = Page(title=SECRET, slug="unannounced", live=False)
    home_page.add_child(instance=draft)
    return draft


@pytest.fixture
def signatory_editor(directory):
    signatory_access = access.ensure_access(SignatoryPageFactory(parent=directory, title="Lyon"))
    user = get_user_model().objects.create_user("lyon", "lyon@example.org", "pw")
    user.groups.add(signatory_access.group)
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_host_editor_sees_wagtails_choosers(home_page, host_editor, secret, signatory_editor):
    # The host editor's rights: one section of the host's, not the draft's parent.
    section = _published(home_page, Page(title="Recipes", slug="recipes"), host_editor)
    GroupPagePermission.objects.filter(group__name="Editors").update(page=section)
    chooser = reverse("wagtailadmin_choose_page_child", args=[home_page.pk])
    search = reverse("wagtailadmin_choose_page_search")

    for path, data in ((chooser, {}), (search, {"q": "Unannounced"})):
        response = _client(host_editor).get(path, data)
        assert response.status_code == 200 and SECRET in response.content.decode(), path
        # The plugin's signatory editors still see only what they may.
        assert SECRET not in _client(signatory_editor).get(path, data).content.decode(), path


STAFF_REPORTS = (
    "wagtailadmin_reports:page_types_usage",
    "wagtail_localize:translations_report",
)


def _menu(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    items = [SimpleNamespace(url=reverse(name)) for name in STAFF_REPORTS]
    hide_staff_reports(request, items)
    return [item.url for item in items]


def test_a_host_editor_keeps_the_reports(host_editor, signatory_editor):
    assert _menu(host_editor) == [reverse(name) for name in STAFF_REPORTS]
    assert _menu(signatory_editor) == []
    client = _client(host_editor)
    for name in STAFF_REPORTS:
        assert client.get(reverse(name)).status_code == 200, name


class TestTheIndexAndCachesFollowThePluginsPagesOnly:
    """A host's own page changes nothing the plugin shows (its API index, API cache and CDN
    purges stay untouched, and none of its tables is read: they may be gone after
    ``migrate pact_pages zero``), unless plugin pages live under it."""

    @pytest.fixture
    def purged(self, settings):
        settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
        settings.WAGTAILAPI_BASE_URL = "https://pact.example.org"
        RecordingBackend.urls = []
        return RecordingBackend.urls

    def test_publishing_a_host_page_reads_no_plugin_table(
        self, purged, signatory, host_editor, django_capture_on_commit_callbacks
    ):
        host = Page(title="Bakery", slug="bakery", live=False)
        Page.get_first_root_node().add_child(instance=host)
        version = current_version()[0]

        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            host.save_revision(user=host_editor).publish(user=host_editor)

        read = [query["sql"] for query in queries if "pact_pages_" in query["sql"]]
        assert read == []
        assert Page.objects.get(pk=host.pk).live
        assert current_version()[0] == version
        assert purged == []

    def test_moving_a_host_page_that_holds_a_directory_moves_its_urls(
        self, client, settings, purged, home_page, host_editor, django_capture_on_commit_callbacks
    ):
        settings.PACT_API_CACHE_TIMEOUT = 0
        section = _published(home_page, Page(title="Campaign", slug="campaign"), host_editor)
        about = _published(home_page, Page(title="About", slug="about"), host_editor)
        directory = SignatoryIndexPageFactory(parent=section, slug="signatories")
        SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
        assert _signatory_urls(client) == ["http://testserver/en/campaign/signatories/lyon/"]
        version = current_version()[0]
        purged.clear()

        with django_capture_on_commit_callbacks(execute=True):
            Page.objects.get(pk=section.pk).move(about, pos="last-child")

        moved = "http://testserver/en/about/campaign/signatories/lyon/"
        assert _signatory_urls(client) == [moved]
        assert index.differences() == 0
        assert current_version()[0] != version
        assert "https://pact.example.org/api/pact/v1/signatories" in purged


def _signatory_urls(client) -> list[str]:
    response = client.get("/api/pact/v1/signatories")
    assert response.status_code == 200, response.content
    return [item["url"] for item in response.json()["results"]]


class RecordingBackend(BaseBackend):
    urls: list[str] = []

    def purge(self, url) -> None:
        RecordingBackend.urls.append(url)


def test_a_new_slug_on_a_host_page_holding_a_directory_moves_its_urls(
    client, settings, home_page, host_editor, django_capture_on_commit_callbacks
):
    settings.PACT_API_CACHE_TIMEOUT = 0
    section = _published(home_page, Page(title="Campaign", slug="campaign"), host_editor)
    directory = SignatoryIndexPageFactory(parent=section, slug="signatories")
    SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")

    section.slug = "pact"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision(user=host_editor).publish(user=host_editor)

    assert _signatory_urls(client) == ["http://testserver/en/pact/signatories/lyon/"]
    assert index.differences() == 0
