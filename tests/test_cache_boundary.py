"""The cache boundary (issue 14, holes 9 to 11 and 13): what a shared cache (the site's or a
CDN) may keep, and what a take-down must remove from it.

* A password-protected page can be unlocked, and what it shows then is the visitor's only.
* The API's response cache does not grow with undeclared parameters, and lives apart from
  the sign-in lockout and rate-limit counters.
* The sweep enumerates every URL pattern outside the admin (the URL resolver), fills it with
  live pages and files, and requests each address with several query strings: a response
  that sets a cookie, or that depends on the visitor's session, is never ``public``; after a
  take-down (or a page turned private, or moved) every address that had shown the page is
  purged from the CDN (a recording backend) and no longer shows it from the site's caches.
"""

import re
from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from pact_pages.signatories import access
from tests import factories as f
from tests.factories import ImageFactory, InitiativePageFactory, SignatoryPageFactory
from tests.test_media_boundary import _arguments, _fill, make_document, public_routes, story

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def is_shared(response) -> bool:
    """A copy a CDN or proxy may keep."""
    directives = cache_control(response)
    return "public" in directives and not directives & {"private", "no-store"}


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


# ---------------------------------------------------------------------------------------
# Hole 13: page passwords
# ---------------------------------------------------------------------------------------


class TestPagePassword:
    @pytest.fixture
    def locked(self, library, directory, initiative):
        PageViewRestriction.objects.create(
            page=initiative, restriction_type=PageViewRestriction.PASSWORD, password="kids-safe"
        )
        return initiative

    def test_the_form_unlocks_the_page_for_this_visitor_only(self, client, locked):
        form = client.get(locked.url)
        assert form.status_code == 200 and 'name="password"' in text(form)
        assert locked.summary not in text(form) and not is_shared(form)
        action = re.search(r'<form[^>]+action="([^"]+)"', text(form)).group(1)
        assert client.get(action).status_code == 200  # the form at its own address

        wrong = client.post(action, {"password": "guess", "return_url": locked.url})
        assert wrong.status_code == 200 and locked.summary not in text(wrong)
        assert not is_shared(wrong)
        right = client.post(action, {"password": "kids-safe", "return_url": locked.url})
        assert right.status_code == 302 and right["Location"] == locked.url

        page = client.get(locked.url)
        assert page.status_code == 200 and locked.summary in text(page)
        assert cache_control(page) >= {"private"} and not is_shared(page)
        assert Client().get(locked.url).status_code == 200  # another visitor: the form again
        assert locked.summary not in text(Client().get(locked.url))

    def test_a_page_for_signed_in_users_sends_to_the_admin_sign_in(self, client, initiative):
        PageViewRestriction.objects.create(
            page=initiative, restriction_type=PageViewRestriction.LOGIN
        )

        response = client.get(initiative.url, follow=True)

        assert response.status_code == 200 and initiative.summary not in text(response)
        assert response.redirect_chain[-1][0] == "/admin/login/?" + urlencode(
            {"next": initiative.url}
        )
        client.force_login(get_user_model().objects.create_user("reader"))
        page = client.get(initiative.url)
        assert initiative.summary in text(page) and not is_shared(page)

    @pytest.mark.parametrize("unlocked", [False, True])
    def test_nowhere_else_for_anonymous_readers(self, client, locked, library, unlocked):
        if unlocked:
            form = client.get(locked.url)
            action = re.search(r'<form[^>]+action="([^"]+)"', text(form)).group(1)
            client.post(action, {"password": "kids-safe", "return_url": locked.url})
        elsewhere = [
            f"{API}/initiatives",
            f"{API}/initiatives/{locked.pk}",
            f"{API}/signatories/{locked.get_parent().pk}",
            "/api/v2/pages/?limit=100",
            f"/api/v2/pages/{locked.pk}/",
            "/en/feeds/initiatives.rss",
            "/sitemap.xml",
            library.url,
            f"/en/search/?q={locked.title.split()[0]}",
        ]
        for url in elsewhere:
            response = client.get(url)
            assert locked.title not in text(response), url
            assert locked.slug not in text(response), url


# ---------------------------------------------------------------------------------------
# Hole 11: the API's response cache
# ---------------------------------------------------------------------------------------


def api_entries() -> int:
    return sum(1 for key in caches["api"]._cache if ":pact_api:response:" in key)


class TestApiCache:
    def test_undeclared_parameters_make_no_new_entry(self, client, signatory):
        first = client.get(f"{API}/signatories", {"limit": 1})
        junk = [client.get(f"{API}/signatories", {"limit": 1, "junk": n}) for n in range(50)]

        assert api_entries() == 1
        assert all(response.content == first.content for response in junk)
        assert all(response["X-Cache"] == "hit" for response in junk)
        # Not for a CDN either: each address would be one more copy to purge.
        assert all(not is_shared(response) for response in junk)
        assert is_shared(first)

    def test_declared_parameters_still_make_their_own_entries(self, client, directory):
        SignatoryPageFactory(parent=directory, title="Lyon", country="FR")
        SignatoryPageFactory(parent=directory, title="Berlin", country="DE")

        for country in ("FR", "DE", "FR"):
            client.get(f"{API}/signatories", {"country": country})

        assert api_entries() == 2

    def test_links_repeat_no_undeclared_parameter(self, client, directory):
        for name in ("Lyon", "Berlin"):
            SignatoryPageFactory(parent=directory, title=name)

        body = client.get(f"{API}/signatories", {"limit": 1, "junk": "x"}).json()

        assert "junk" not in body["next"] and "limit=1" in body["next"]

    def test_responses_never_evict_security_counters(self, client, signatory, settings):
        caches["default"].set("axes-counter-of-someone", 3, None)
        for offset in range(400):  # more responses than the API cache holds
            client.get(f"{API}/signatories", {"offset": offset})

        assert caches["default"].get("axes-counter-of-someone") == 3
        assert settings.PACT_API_CACHE != "default"
        assert api_entries() <= settings.CACHES["api"]["OPTIONS"]["MAX_ENTRIES"]


# ---------------------------------------------------------------------------------------
# The sweep
# ---------------------------------------------------------------------------------------


class RecordingBackend(BaseBackend):
    urls: list[str] = []

    def purge(self, url) -> None:
        RecordingBackend.urls.append(url)


def address(url: str) -> str:
    """Path and query of a URL: the CDN's key without the host (purges name the site's
    host, the test client asks "testserver")."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# Query strings each address is also requested with: junk, the API's declared filters, a
# listing's page and filters, a search.
QUERIES = [
    {},
    {"utm_source": "newsletter"},
    {"locale": "en"},
    {"country": "FR"},
    {"pillar": "prevention"},
    {"page": "1"},
    {"q": "SWEEPCDN"},
]


class World:
    def __init__(self, home_page, directory, library):
        self.signatory = SignatoryPageFactory(
            parent=directory, title="SWEEPCDN Signatory", country="FR"
        )
        self.image = ImageFactory(title="SWEEPCDN-IMAGE")
        self.document = make_document("SWEEPCDN-DOCUMENT", body=b"SWEEPCDN-BODY")
        self.initiative = InitiativePageFactory(
            parent=self.signatory,
            title="SWEEPCDN Initiative",
            featured_image=self.image,
            body=story(self.document, self.image),
            tags=["sweepcdn-tag"],
        )
        self.other = SignatoryPageFactory(parent=directory, title="Other", country="DE")
        self.locked = InitiativePageFactory(parent=self.other, title="Locked story")
        self.restriction = PageViewRestriction.objects.create(
            page=self.locked, restriction_type=PageViewRestriction.PASSWORD, password="pw"
        )
        self.pages = [home_page, directory, library, self.signatory, self.initiative, self.other]
        self.markers = ["SWEEPCDN Initiative", "SWEEPCDN-BODY", "SWEEPCDN-IMAGE"]
        self.markers += [self.initiative.slug, "SWEEPCDN-DOCUMENT"]

    def fresh(self) -> "World":
        """The world read again: a test's changes (rolled back with it) never reach the next."""
        copy = object.__new__(World)
        for name in ("signatory", "initiative", "other", "locked"):
            setattr(copy, name, Page.objects.get(pk=getattr(self, name).pk).specific)
        copy.pages = [Page.objects.get(pk=page.pk).specific for page in self.pages]
        copy.image = type(self.image).objects.get(pk=self.image.pk)
        copy.document = type(self.document).objects.get(pk=self.document.pk)
        copy.restriction = PageViewRestriction.objects.get(pk=self.restriction.pk)
        copy.markers = list(self.markers)
        return copy

    def arguments(self) -> dict:
        return {
            "pk": [self.initiative.pk, self.image.pk, self.document.pk],
            "signatory_id": [self.signatory.pk],
            "initiative_id": [self.initiative.pk],
            "slug": [self.signatory.slug],
            # The events, plans, rounds and reports of the API and the .ics feed: the
            # world's pages are none of them (404), as for restriction_id below.
            "event_id": [self.initiative.pk],
            "plan_id": [self.initiative.pk],
            "round_id": [self.initiative.pk],
            "report_id": [self.initiative.pk],
            "key": [self.initiative.translation_key],
            "restriction_id": [0],
            "page_view_restriction_id": [self.restriction.pk],
            "page_id": [self.locked.pk],
            "pillar": ["prevention"],
            "token": ["not-a-token"],
        }

    def positional(self) -> dict:
        return {
            "documents/^(\\d+)/(.*)$": [self.document.url],
            "en/^((?:[\\w\\-]+/)*)$": [page.url for page in self.pages],
            "api/pact/v1/^.*$": [f"{API}/nothing-here"],
        }


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once per module in a transaction rolled back at the end (each test's changes
    roll back with the test), under tests/conftest.py's home page, directory and library."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = Page.objects.get(depth=2).specific
        directory = f.SignatoryIndexPageFactory(parent=home)
        yield World(home, directory, f.InitiativeLibraryPageFactory(parent=home))
        transaction.set_rollback(True)


@pytest.fixture
def world(built_world, settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    settings.WAGTAILAPI_BASE_URL = "http://testserver"
    settings.PACT_SEARCH_RATE_LIMIT = (100_000, 60)
    RecordingBackend.urls = []
    return built_world.fresh()


def addresses(world: World) -> list[str]:
    """Every pattern outside the admin, filled with the world's live pages and files, with
    each query string. A pattern it cannot fill fails the sweep."""
    found, unfilled = [], []
    arguments, positional = world.arguments(), world.positional()
    for route, (levels, _pattern) in public_routes().items():
        names, unnamed = _arguments(levels)
        if unnamed:
            paths = positional.get(route)
        elif all(name in arguments for name in names):
            paths = [_fill(levels, {name: arguments[name][0] for name in names})]
            for name in names:  # each value of each argument once
                for value in arguments[name][1:]:
                    paths.append(_fill(levels, {n: arguments[n][0] for n in names} | {name: value}))
        else:
            paths = None
        if paths is None:
            unfilled.append(route)
            continue
        found += [
            f"{path}?{urlencode(query)}" if query else path for path in paths for query in QUERIES
        ]
    assert unfilled == [], "patterns the sweep cannot fill"
    return found


def shows(response, markers: list[str]) -> bool:
    """The response shows the page: one of its markers in a 200, other than the address a
    password form sends the visitor back to."""
    if response.status_code != 200:
        return False
    body = text(response)
    if 'name="password"' in body:
        body = re.sub(r'name="return_url"[^>]*>', "", body)
    return any(marker in body for marker in markers)


def _unlocked_client(world: World) -> Client:
    client = Client()
    action = reverse(
        "wagtailcore_authenticate_with_password", args=[world.restriction.pk, world.locked.pk]
    )
    client.post(action, {"password": "pw", "return_url": world.locked.url})
    assert client.session.keys(), "the visitor's session holds the unlocked restriction"
    return client


def test_no_shared_copy_of_what_depends_on_the_visitor(world):
    anonymous, unlocked = Client(), _unlocked_client(world)
    problems, shared = [], 0
    for url in addresses(world):
        response = anonymous.get(url)
        if is_shared(response):
            shared += 1
            if response.cookies:
                problems.append(f"{url}: public with Set-Cookie")
        personal = unlocked.get(url)
        # Only an API response answered from its cache before the session is read may be
        # shared (it cannot depend on the session); anything else the session reached is not.
        if is_shared(personal) and personal.get("X-Cache") != "hit":
            problems.append(f"{url}: public though the visitor has a session")
    assert shared > 50, "the sweep must see shared responses"
    assert problems == []


@pytest.mark.parametrize("change", ["take_down", "take_down_signatory", "restrict", "move"])
def test_a_change_leaves_no_cached_copy(world, change, client, home_page):
    editor = get_user_model().objects.create_user("editor")
    access.grant(editor, world.signatory)
    served = {}
    for url in addresses(world):
        response = client.get(url)
        if shows(response, world.markers):
            served[url] = is_shared(response)
    assert len(served) > 20, "the sweep must see the initiative in many places"
    RecordingBackend.urls = []

    if change.startswith("take_down"):
        page = world.initiative if change == "take_down" else world.signatory
        editor_client = Client()
        editor_client.force_login(editor)
        response = editor_client.post(reverse("pact_take_down", args=[page.pk]))
        assert response.status_code == 302
    elif change == "restrict":
        PageViewRestriction.objects.create(
            page=world.initiative, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    else:
        world.initiative.move(world.other, pos="last-child")

    purged = {address(url) for url in RecordingBackend.urls}
    missing = [url for url, shared in served.items() if shared and address(url) not in purged]
    assert missing == [], "addresses a CDN still holds"
    if change != "move":  # a moved page is still public, at its new address
        still = [url for url in served if shows(client.get(url), world.markers)]
        assert still == [], "addresses the site's caches still answer with it"


def test_deleting_a_live_page_purges_it(world):
    url = world.initiative.url
    world.initiative.delete()

    assert url in {address(purged) for purged in RecordingBackend.urls}


@pytest.mark.parametrize("change", ["restrict_collection", "delete"])
def test_a_document_made_private_or_deleted_is_purged(world, change):
    url = world.document.url
    assert is_shared(Client().get(url))
    RecordingBackend.urls = []

    if change == "delete":
        world.document.delete()
    else:
        collection = Collection.get_first_root_node().add_child(name="Private")
        world.document.collection = collection
        world.document.save()
        RecordingBackend.urls = []
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )

    assert url in {address(purged) for purged in RecordingBackend.urls}
    assert Client().get(url).status_code in (302, 404)


def test_junk_query_strings_cannot_grow_the_purge_record(world, settings, home_page):
    settings.PACT_CDN_VARIANTS_PER_PATH = 20
    shared = [is_shared(Client().get(home_page.url, {"junk": n})) for n in range(30)]

    assert shared == [True] * 20 + [False] * 10  # beyond the limit: private, never purged
    records = [key for key in caches["default"]._cache if ":pact_cdn:" in key]
    assert len(records) <= 2 * 20 + 2  # an address and its "seen" mark each, and two counts
    assert is_shared(Client().get(home_page.url))  # the address itself is always purged
    assert is_shared(Client().get(home_page.url, {"junk": 3}))  # recorded: still shared


def test_the_whole_purge_record_is_bounded(world, settings, home_page):
    settings.PACT_CDN_VARIANTS_MAX = 10
    directory = world.pages[1]

    shared = [
        is_shared(Client().get(page.url, {"junk": n}))
        for page in (home_page, directory)
        for n in range(8)
    ]

    assert shared.count(True) == 10
