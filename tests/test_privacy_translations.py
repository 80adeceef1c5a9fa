"""A page's view restrictions cover its translations (issue 14, pact_pages.trust.privacy_sync).

Each locale has its own page tree: a restriction set on the English page through Wagtail's
privacy modal must also close the French and German pages and their subpages, everywhere
an anonymous reader could read them. The sweep enumerates the public URL patterns (the URL
resolver, as tests/test_media_boundary.py does), fills them with the translations' ids,
slugs and addresses in each language, and checks that none shows the translations'
texts once the English page is private, while all of them could be read before.
"""

import importlib
import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import TranslationSource

from pact_pages.models import ApiIndexEntry
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.trust import privacy_sync
from tests import factories as f
from tests.factories import InitiativePageFactory, publish
from tests.test_cache_boundary import RecordingBackend, address, shows
from tests.test_media_boundary import _arguments, _fill, public_routes

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "de")
MARKERS = {
    "fr": ["FRMARK Strasbourg", "FRMARK-INTRO", "FRMARK Barnahus", "FRMARK-SUMMARY"],
    "de": ["DEMARK Strassburg", "DEMARK-INTRO", "DEMARK Barnahus", "DEMARK-SUMMARY"],
}
QUERIES = [{}, {"limit": "100"}, {"locale": "fr"}, {"locale": "de"}, {"q": "FRMARK"}]
QUERIES += [{"q": "DEMARK"}, {"q": "Barnahus"}]


def restriction_rows(page: Page) -> list[tuple]:
    return [
        (r.restriction_type, r.password, sorted(g.pk for g in r.groups.all()))
        for r in PageViewRestriction.objects.filter(page=page).order_by("pk")
    ]


def translate(page: Page, language: str, title: str, text: str, field: str) -> Page:
    locale = Locale.objects.get_or_create(language_code=language)[0]
    translated = page.specific.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    setattr(translated, field, text)
    translated.save()
    return publish(translated)


class Tree:
    def __init__(self, signatory, initiative):
        self.signatory, self.initiative = signatory, initiative
        self.pages: dict[str, tuple[Page, Page]] = {"en": (signatory, initiative)}
        for language in LANGUAGES:
            name, intro, story, summary = MARKERS[language]
            parent = translate(signatory, language, name, intro, "introduction")
            for ancestor in parent.get_ancestors().filter(depth__gt=1, live=False):
                publish(ancestor.specific)
            child = translate(initiative, language, story, summary, "summary")
            self.pages[language] = (parent, child)
        # Only in English: served under /fr/ and /de/ as a fallback.
        self.untranslated = InitiativePageFactory(
            parent=signatory, title="Only in English", summary="FRMARK-DEMARK-FALLBACK"
        )
        self.markers = [m for language in LANGUAGES for m in MARKERS[language]]
        self.markers.append("FRMARK-DEMARK-FALLBACK")
        # Their addresses too: the sitemap and the feeds name them.
        self.markers += [page.url for page in self.translations()]
        self.memo: dict[str, list[str]] = {}  # shared with the copies fresh() makes

    def fresh(self) -> "Tree":
        """The tree with its pages read again: a test's changes never reach the next."""
        copy = object.__new__(Tree)

        def load(page: Page) -> Page:
            return Page.objects.get(pk=page.pk).specific

        copy.signatory, copy.initiative = load(self.signatory), load(self.initiative)
        copy.pages = {key: tuple(map(load, pair)) for key, pair in self.pages.items()}
        copy.untranslated = load(self.untranslated)
        copy.markers, copy.memo = list(self.markers), self.memo
        return copy

    def translations(self) -> list[Page]:
        return [page for language in LANGUAGES for page in self.pages[language]]

    def arguments(self) -> dict:
        pages = self.translations()
        signatories = [self.pages[language][0] for language in LANGUAGES]
        initiatives = [self.pages[language][1] for language in LANGUAGES]
        return {
            "pk": [page.pk for page in pages],
            "signatory_id": [page.pk for page in signatories],
            "initiative_id": [page.pk for page in initiatives] + [self.untranslated.pk],
            "slug": [page.slug for page in signatories],
            # The API's events, plans, rounds and reports and the .ics feed, by the
            # translations' ids and key: none is one of those (404, nothing of it shown).
            "event_id": [page.pk for page in initiatives],
            "plan_id": [page.pk for page in initiatives],
            "round_id": [page.pk for page in initiatives],
            "report_id": [page.pk for page in initiatives],
            "key": [self.pages["en"][1].translation_key],
            "page_id": [page.pk for page in pages],
            "restriction_id": [0],
            "page_view_restriction_id": [0],
            "pillar": ["prevention"],
            "token": ["not-a-token"],
        }

    def positional(self) -> dict:
        urls = [page.url for page in self.translations()] + [self.untranslated.url]
        urls += [page.get_parent().url for page in self.translations()]
        return {
            "documents/^(\\d+)/(.*)$": ["/documents/0/nothing.txt"],
            "en/^((?:[\\w\\-]+/)*)$": urls,
            "api/pact/v1/^.*$": ["/api/pact/v1/nothing-here"],
        }


def in_languages(path: str) -> list[str]:
    if not path.startswith("/en/"):
        return [path]
    return [path] + [f"/{language}/{path[4:]}" for language in LANGUAGES]


def addresses(tree: Tree) -> list[str]:
    """Every public pattern, filled with the translations, in each language, with each
    query. A pattern it cannot fill fails the sweep."""
    found, unfilled = set(), []
    arguments, positional = tree.arguments(), tree.positional()
    for route, (levels, _pattern) in public_routes().items():
        names, unnamed = _arguments(levels)
        if unnamed:
            paths = positional.get(route)
        elif all(name in arguments for name in names):
            first = {name: arguments[name][0] for name in names}
            paths = [_fill(levels, first)]
            for name in names:
                paths += [_fill(levels, first | {name: value}) for value in arguments[name][1:]]
        else:
            paths = None
        if paths is None:
            unfilled.append(route)
            continue
        for path in {p for original in paths for p in in_languages(original)}:
            found |= {f"{path}?{urlencode(q)}" if q else path for q in QUERIES}
    assert unfilled == [], "patterns the sweep cannot fill"
    return sorted(found)


def served(client: Client, tree: Tree) -> list[str]:
    return [url for url in addresses(tree) if shows(client.get(url), tree.markers)]


def served_before(tree: Tree) -> list[str]:
    """What an anonymous reader is served of the tree as the module built it (no
    restriction): the same for every test that starts from it, so swept once."""
    if "before" not in tree.memo:
        tree.memo["before"] = served(Client(), tree)
    return list(tree.memo["before"])


def serves_any(client: Client, tree: Tree) -> bool:
    """``served(client, tree) != []``, stopping at the first address that shows it."""
    return any(shows(client.get(url), tree.markers) for url in addresses(tree))


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("privacy_moderator")
    user.groups.add(setup_moderation().group)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def built_tree(django_db_setup, django_db_blocker) -> Iterator[Tree]:
    """The pages and their translations, built once per module in a transaction rolled
    back at the end; each test's own changes roll back with the test's transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        # As tests/conftest.py's library, signatory and initiative.
        home = Page.objects.get(depth=2).specific
        f.InitiativeLibraryPageFactory(parent=home)
        signatory = f.SignatoryPageFactory(
            parent=f.SignatoryIndexPageFactory(parent=home),
            title="Strasbourg",
            official_name="Ville de Strasbourg",
        )
        pillars, tags = ("prevention", "participation"), ["sport"]
        title = "Safe sports clubs"
        initiative = InitiativePageFactory(
            parent=signatory, title=title, pillars=pillars, tags=tags
        )
        yield Tree(signatory, initiative)
        transaction.set_rollback(True)


@pytest.fixture
def tree(built_tree, settings) -> Tree:
    settings.PACT_SEARCH_RATE_LIMIT = (100_000, 60)
    return built_tree.fresh()


@pytest.fixture
def readers(db) -> Group:
    return Group.objects.create(name="Barnahus readers")


def set_privacy(client: Client, page: Page, kind: str, **fields) -> None:
    data = {"restriction_type": kind, **fields}
    response = client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), data)
    assert response.status_code == 200, response.content
    assert response.json()["step"] == "set_privacy_done"


RESTRICTIONS = {
    "password": {"password": "secret15"},
    "login": {},
    "groups": {"groups": "readers"},
}


def form_fields(kind: str, readers: Group) -> dict:
    fields = dict(RESTRICTIONS[kind])
    if "groups" in fields:
        fields["groups"] = [readers.pk]
    return fields


@pytest.mark.parametrize("kind", sorted(RESTRICTIONS))
def test_a_restriction_on_the_english_page_closes_every_translation(kind, tree, moderator, readers):
    before = served_before(tree)
    surfaces = {url.split("?")[0] for url in before}
    for expected in ("/fr/feeds/initiatives.rss", "/fr/feeds/initiatives.atom", "/fr/search/"):
        assert expected in surfaces, f"the sweep must see the translations in {expected}"
    assert "/sitemap.xml" in surfaces and f"/api/v2/pages/{tree.pages['fr'][0].pk}/" in surfaces
    assert len(before) > 60, "the sweep must see the translations in many places"

    set_privacy(moderator, tree.signatory, kind, **form_fields(kind, readers))

    wanted = restriction_rows(tree.signatory)
    assert len(wanted) == 1 and wanted[0][0] == kind
    for page in (tree.pages["fr"][0], tree.pages["de"][0]):
        assert restriction_rows(page) == wanted
    assert served(Client(), tree) == [], "addresses that still show a translation"
    for page in tree.translations():
        response = Client().get(page.url)
        if kind == "password":
            assert response.status_code == 200 and 'name="password"' in response.content.decode()
        else:
            assert response.status_code == 302 and "/login/" in response["Location"]

    # Those the restriction lets in still read the French pages.
    reader = Client()
    user = get_user_model().objects.create_user("barnahus_reader")
    user.groups.add(readers)
    reader.force_login(user)
    if kind == "password":
        french = tree.pages["fr"][0]
        restriction = PageViewRestriction.objects.get(page=french)
        action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, french.pk])
        reader = Client()
        reader.post(action, {"password": "secret15", "return_url": french.url})
    for page in tree.pages["fr"]:
        assert "FRMARK" in reader.get(page.url).content.decode()

    # Public again: everywhere again.
    set_privacy(moderator, tree.signatory, "none")
    for page in tree.translations():
        assert restriction_rows(page) == []
    assert sorted(served(Client(), tree)) == sorted(before)


def test_the_french_privacy_modal_shows_the_mirror_and_changes_it_everywhere(
    tree, moderator, readers
):
    set_privacy(moderator, tree.signatory, "password", password="secret15")
    french = tree.pages["fr"][0]

    modal = moderator.get(reverse("wagtailadmin_pages:set_privacy", args=[french.pk]))
    html = modal.json()["html"]
    radios = re.findall(r'<input[^>]*name="restriction_type"[^>]*>', html)
    assert [tag for tag in radios if "checked" in tag and 'value="password"' in tag], radios
    assert "Privacy is inherited" not in html

    set_privacy(moderator, french, "groups", groups=[readers.pk])
    wanted = [("groups", "", [readers.pk])]
    for page in (tree.signatory, french, tree.pages["de"][0]):
        assert restriction_rows(page) == wanted

    set_privacy(moderator, french, "none")
    for page in (tree.signatory, french, tree.pages["de"][0]):
        assert restriction_rows(page) == []
    assert "Strasbourg" in Client().get(tree.signatory.url).content.decode()


def test_the_mirrors_are_purged_from_the_cdn(tree, moderator, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": f"{RecordingBackend.__module__}.RecordingBackend"}
    }
    settings.WAGTAILAPI_BASE_URL = "http://testserver"
    RecordingBackend.urls = []

    set_privacy(moderator, tree.signatory, "login")

    purged = {address(url) for url in RecordingBackend.urls}
    for page in tree.translations():
        assert page.url in purged
        assert f"/api/v2/pages/{page.pk}/" in purged
    for language in LANGUAGES:
        assert f"/{language}/feeds/initiatives.rss" in purged
        assert f"/api/pact/v1/initiatives/{tree.pages[language][1].pk}" in purged


def test_a_translation_made_later_gets_the_restriction(tree, moderator, readers):
    set_privacy(moderator, tree.signatory, "groups", groups=[readers.pk])
    wanted = restriction_rows(tree.signatory)
    italian = Locale.objects.get(language_code="it")  # made by migrate, as every configured one

    copied = tree.signatory.specific.copy_for_translation(italian, copy_parents=True)
    assert restriction_rows(copied) == wanted  # one row: Wagtail's own copy replaced ours

    spanish = Locale.objects.get(language_code="es")
    source, _ = TranslationSource.get_or_create_from_instance(tree.signatory.specific)
    source.create_or_update_translation(spanish, copy_parent_pages=True, fallback=True)
    assert restriction_rows(tree.signatory.get_translation(spanish)) == wanted

    alias = tree.signatory.specific.create_alias(update_slug="strasbourg-alias")
    assert restriction_rows(alias) == wanted
    set_privacy(moderator, tree.signatory, "password", password="other")
    for page in (alias, copied, tree.pages["de"][0]):
        assert restriction_rows(page) == [("password", "other", [])]


def test_deleting_a_translation_keeps_the_others_closed(tree, moderator):
    set_privacy(moderator, tree.signatory, "login")
    french, german = tree.pages["fr"][0], tree.pages["de"][0]

    Page.objects.get(pk=french.pk).delete()

    for page in (tree.signatory, german):
        assert restriction_rows(page) == [("login", "", [])]
        assert Client().get(page.url).status_code == 302


def test_writes_are_not_mirrored_twice(tree, readers):
    restriction = PageViewRestriction.objects.create(
        page=tree.signatory, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(readers)
    restriction.password = ""
    restriction.save()

    for page in (tree.signatory, *[tree.pages[language][0] for language in LANGUAGES]):
        assert restriction_rows(page) == [("groups", "", [readers.pk])]
    readers.pageviewrestriction_set.clear()  # from the group's side
    for page in (tree.signatory, tree.pages["fr"][0]):
        assert restriction_rows(page) == [("groups", "", [])]


def test_the_migration_mirrors_existing_restrictions(tree, readers):
    migration = importlib.import_module("pact_pages.migrations.0011_mirror_view_restrictions")
    french, german = tree.pages["fr"][0], tree.pages["de"][0]
    with privacy_sync.paused():  # the state an older release left
        english = PageViewRestriction.objects.create(
            page=tree.signatory, restriction_type=PageViewRestriction.GROUPS
        )
        english.groups.add(readers)
        PageViewRestriction.objects.create(
            page=german, restriction_type=PageViewRestriction.PASSWORD, password="de-only"
        )
        PageViewRestriction.objects.create(
            page=tree.pages["fr"][1], restriction_type=PageViewRestriction.LOGIN
        )
    assert restriction_rows(french) == [] and serves_any(Client(), tree)
    Client().get("/api/pact/v1/signatories")  # the API index is built
    assert ApiIndexEntry.objects.exists()

    with privacy_sync.paused():  # migrate runs with historical models: no receiver
        migration.mirror_existing(django_apps, None)

    both = [("groups", "", [readers.pk]), ("password", "de-only", [])]
    for page in (tree.signatory, french, german):
        assert sorted(restriction_rows(page)) == both
    for page in (tree.initiative, tree.pages["de"][1]):
        assert restriction_rows(page) == [("login", "", [])]
    assert not ApiIndexEntry.objects.exists()
    assert served(Client(), tree) == []
    migration.mirror_existing(django_apps, None)  # twice: nothing more
    assert sorted(restriction_rows(french)) == both
