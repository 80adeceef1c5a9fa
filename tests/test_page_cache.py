"""The page cache for anonymous readers (pact_pages.public.page_cache): hits without a query,
what is never cached, what is never served from it, and every change that makes pages stale."""

import gzip
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

from home.models import SocialLinks
from pact_pages.models import Pillar
from tests.factories import (
    ImageFactory,
    InitiativePageFactory,
    SignatoryPageFactory,
    StandardPageFactory,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The cache is off in the test settings (oneinfive/settings/test.py) and on here; the
    conftest empties every cache around each test."""
    settings.PACT_PAGE_CACHE = "pages"


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def served_twice(client, url: str, **extra):
    first = client.get(url, **extra)
    return first, client.get(url, **extra)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "x")


PAGES = ["/en/", "library", "directory", "signatory", "initiative"]


def _url(name: str, **pages) -> str:
    return name if name.startswith("/") else pages[name].url


class TestHits:
    @pytest.mark.parametrize("name", PAGES)
    def test_a_second_reader_costs_no_query(
        self, client, name, home_page, library, directory, signatory, initiative,
        django_assert_num_queries,
    ):  # fmt: skip
        url = _url(
            name, library=library, directory=directory, signatory=signatory, initiative=initiative
        )
        first = client.get(url)
        assert first["X-Cache"] == "miss"

        with django_assert_num_queries(0):
            again = Client().get(url)

        assert again["X-Cache"] == "hit"
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        # Toward browsers and CDNs nothing changes: PublicCacheMiddleware's header.
        assert again["Cache-Control"] == first["Cache-Control"] == "public, max-age=300"
        assert "Cookie" in again["Vary"]
        # The headers of the outer middleware are set on the hit too.
        assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
        assert again["X-Content-Type-Options"] == "nosniff"

    def test_a_head_request_is_answered_from_the_cache(self, client, home_page):
        client.get("/en/")

        response = client.head("/en/")

        assert response.status_code == 200 and response["X-Cache"] == "hit"

    def test_gzip_compresses_each_hit_for_the_client_that_accepts_it(self, client, home_page):
        plain = client.get("/en/")
        packed = client.get("/en/", headers={"accept-encoding": "gzip"})
        plain_again = client.get("/en/")

        assert packed["X-Cache"] == plain_again["X-Cache"] == "hit"
        assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
        # gzip pads at random (BREACH): compare what it unpacks to.
        assert gzip.decompress(packed.content) == plain.content
        assert not plain_again.has_header("Content-Encoding")
        assert plain_again.content == plain.content

    def test_languages_are_kept_apart(self, client, home_page, fr_locale):
        english = client.get("/en/")
        french = client.get("/fr/")

        assert english["X-Cache"] == french["X-Cache"] == "miss"
        assert '<html lang="fr"' in html(french) and '<html lang="en"' in html(english)
        assert '<html lang="fr"' in html(client.get("/fr/"))

    def test_query_strings_are_sorted_into_one_key(self, client, library, initiative):
        client.get(f"{library.url}?status=ongoing&pillar=prevention")

        again = client.get(f"{library.url}?pillar=prevention&status=ongoing")

        assert again["X-Cache"] == "hit"

    def test_an_encoded_query_string_is_not_another_ones_key(self, client, library):
        client.get(f"{library.url}?country=FR%26pillar%3Dprevention")

        other = client.get(f"{library.url}?country=FR&pillar=prevention")

        assert other["X-Cache"] == "miss"

    def test_the_cache_can_be_turned_off(self, client, settings, home_page):
        settings.PACT_PAGE_CACHE = None

        first, again = served_twice(client, "/en/")

        assert "X-Cache" not in first and "X-Cache" not in again


class TestNeverCached:
    def test_the_language_redirect_at_the_root(self, client, home_page):
        first, again = served_twice(client, "/", headers={"accept-language": "fr"})

        assert first.status_code == again.status_code == 302
        assert again["Location"] == "/fr/"
        assert "X-Cache" not in again
        english = client.get("/", headers={"accept-language": "en"})
        assert english["Location"] == "/en/"

    def test_errors(self, client, home_page):
        first, again = served_twice(client, "/en/no-such-page/")

        assert again.status_code == 404 and "X-Cache" not in again

    def test_forms_with_a_csrf_token(self, client, join_page, newsletter_page):
        for page in (join_page, newsletter_page):
            first, again = served_twice(client, page.url)
            assert "csrfmiddlewaretoken" in html(again)
            assert "X-Cache" not in again
            assert "no-store" in again["Cache-Control"]

    def test_searches(self, client, home_page, initiative):
        first, again = served_twice(client, "/en/search/?q=sports")

        assert "X-Cache" not in again

    def test_the_admin_and_the_api(self, client, signatory):
        assert "X-Cache" not in served_twice(client, "/admin/login/")[1]
        assert client.get("/api/pact/v1/signatories")["X-Cache"] == "miss"  # the API's own

    def test_a_password_protected_page(self, client, signatory):
        PageViewRestriction.objects.create(
            page=signatory, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        form = client.get(signatory.url)
        assert "X-Cache" not in form

        client.post(
            f"/en/_util/authenticate_with_password/{PageViewRestriction.objects.get().pk}/"
            f"{signatory.pk}/",
            {"password": "secret", "return_url": signatory.url},
        )
        unlocked = client.get(signatory.url)
        assert "Ville de Strasbourg" in html(unlocked)
        assert "X-Cache" not in unlocked

        stranger = Client().get(signatory.url)
        assert "Ville de Strasbourg" not in html(stranger)
        assert "X-Cache" not in stranger

    def test_a_page_for_signed_in_users(self, client, signatory, editor):
        PageViewRestriction.objects.create(
            page=signatory, restriction_type=PageViewRestriction.LOGIN
        )
        client.force_login(editor)
        assert "X-Cache" not in served_twice(client, signatory.url)[1]

        assert Client().get(signatory.url).status_code == 302

    def test_too_many_parameters(self, client, library):
        url = library.url + "?" + "&".join(f"p{n}=1" for n in range(9))

        assert "X-Cache" not in served_twice(client, url)[1]

    def test_junk_query_strings_cannot_fill_the_cache(self, client, settings, library):
        settings.PACT_PAGE_CACHE_VARIANTS = 2
        kept = [client.get(f"{library.url}?junk={n}").get("X-Cache") for n in range(4)]
        again = [client.get(f"{library.url}?junk={n}").get("X-Cache") for n in range(4)]

        assert kept == ["miss", "miss", None, None]
        assert again == ["hit", "hit", None, None]
        assert client.get(library.url)["X-Cache"] == "miss"  # the plain address still is

    def test_a_response_with_messages(self, client, home_page):
        # A message waiting in its cookie is shown on the next page: that page is the reader's.
        client.get("/en/")
        client.cookies["messages"] = "anything"

        assert "X-Cache" not in client.get("/en/")


class TestPeople:
    def test_an_editor_never_gets_the_anonymous_copy(self, client, signatory, editor):
        Client().get(signatory.url)
        assert Client().get(signatory.url)["X-Cache"] == "hit"

        client.force_login(editor)
        response = client.get(signatory.url)

        assert "X-Cache" not in response
        assert "wagtail-userbar" in html(response)
        assert "private" in response["Cache-Control"]

    def test_a_reader_never_gets_the_editors_page(self, client, signatory, editor):
        client.force_login(editor)
        assert "wagtail-userbar" in html(client.get(signatory.url))

        reader = Client().get(signatory.url)

        assert reader["X-Cache"] == "miss"
        assert "wagtail-userbar" not in html(reader)

    def test_an_editors_draft_never_reaches_readers(self, client, signatory, editor):
        signatory.title = "Draft title"
        signatory.save_revision()
        client.force_login(editor)
        client.get(signatory.url)
        client.get(f"/admin/pages/{signatory.pk}/view_draft/")

        reader = Client().get(signatory.url)

        assert "Draft title" not in html(reader)
        assert "Draft title" not in html(Client().get(signatory.url))

    def test_a_stale_session_cookie_is_a_normal_rendering(self, client, home_page):
        client.get("/en/")
        client.cookies["sessionid"] = "expired-or-forged"

        response = client.get("/en/")

        assert response.status_code == 200 and "X-Cache" not in response
        assert "wagtail-userbar" not in html(response)

    def test_an_authorization_header_skips_the_cache(self, client, home_page):
        client.get("/en/")

        response = client.get("/en/", headers={"authorization": "Bearer x"})

        assert "X-Cache" not in response


class TestHosts:
    def test_a_host_outside_allowed_hosts_is_refused_not_cached(self, client, home_page):
        client.get("/en/")

        response = client.get("/en/", headers={"host": "evil.example"})

        assert response.status_code == 400 and "X-Cache" not in response

    def test_each_host_has_its_own_copy(self, client, home_page):
        client.get("/en/")

        other = client.get("/en/", headers={"host": "localhost"})

        assert other["X-Cache"] == "miss"

    def test_forwarded_headers_do_not_poison_the_copy(self, client, home_page):
        poisoned = client.get(
            "/en/",
            headers={"x-forwarded-host": "evil.example", "x-forwarded-proto": "https"},
        )
        assert "evil.example" not in html(poisoned)

        reader = Client().get("/en/")

        assert reader["X-Cache"] == "hit" and "evil.example" not in html(reader)
        assert "https://testserver" not in html(reader)


class TestChangesShowAtOnce:
    """After each change, the next anonymous reader gets a fresh rendering."""

    def test_publishing(self, client, library, signatory, initiative):
        client.get(library.url)
        draft = InitiativePageFactory(parent=signatory, title="Listening to pupils", live=False)
        assert "Listening to pupils" not in html(client.get(library.url))

        publish(draft)

        assert "Listening to pupils" in html(client.get(library.url))

    def test_unpublishing_takes_contact_details_down(self, client, directory):
        signatory = SignatoryPageFactory(
            parent=directory,
            title="Lyon",
            contact_person="Camille Martin",
            contact_email="camille@lyon.example",
            contact_public=True,
        )
        assert "camille@lyon.example" in html(client.get(signatory.url))
        assert "Lyon" in html(client.get(directory.url))

        signatory.unpublish()

        assert client.get(signatory.url).status_code == 404
        assert "Lyon" not in html(client.get(directory.url))

    def test_moving(self, client, home_page, directory, signatory, initiative):
        old_url = initiative.url
        client.get(old_url)
        other = SignatoryPageFactory(parent=directory, title="Lyon")

        initiative.move(other, pos="last-child")

        moved = client.get(old_url)
        assert moved.status_code == 301  # Wagtail's redirect to the new address
        assert "Safe sports clubs" in html(client.get(moved["Location"]))

    def test_deleting(self, client, directory, signatory):
        client.get(signatory.url)
        client.get(directory.url)

        Page.objects.get(pk=signatory.pk).delete()

        assert client.get(signatory.url).status_code == 404
        assert "Strasbourg" not in html(client.get(directory.url))

    def test_a_live_page_saved_without_publishing(self, client, signatory):
        client.get(signatory.url)

        signatory.official_name = "Eurométropole de Strasbourg"
        signatory.save()

        assert "Eurométropole de Strasbourg" in html(client.get(signatory.url))

    def test_a_view_restriction(self, client, signatory):
        client.get(signatory.url)

        PageViewRestriction.objects.create(
            page=signatory, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        assert "Ville de Strasbourg" not in html(client.get(signatory.url))

    def test_a_p_renamed(self, client, home_page, initiative):
        client.get(initiative.url)
        pillar = Pillar.objects.get(slug="prevention", locale__language_code="en")

        pillar.name = "Preventing abuse"
        pillar.save()

        assert "Preventing abuse" in html(client.get(initiative.url))

    def test_a_host_page_published(self, client, home_page):
        client.get("/en/")

        page = StandardPageFactory(parent=home_page, title="Our campaign", show_in_menus=True)

        assert "Our campaign" in html(client.get("/en/"))
        assert html(client.get(page.url))

    def test_a_retitled_privacy_notice_in_every_footer(self, client, home_page, join_page):
        privacy = StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
        join_page.privacy_page = privacy
        join_page.show_in_menus = True  # the footer links what the menu's join page names
        publish(join_page)
        assert "Privacy notice" in html(client.get("/en/"))

        privacy.title = "How we use your data"
        publish(privacy)

        footer = html(client.get("/en/")).split('<footer class="site-footer">')[1]
        assert "How we use your data" in footer

    def test_the_social_links_setting(self, client, home_page):
        client.get("/en/")
        links = SocialLinks.for_site(Site.objects.get(is_default_site=True))

        links.mastodon = "https://social.coe.example/@pact"
        links.save()

        assert "https://social.coe.example/@pact" in html(client.get("/en/"))

    def test_an_image_changed(self, client, signatory):
        image = ImageFactory(title="Old logo")
        signatory.logo = image
        publish(signatory)
        first = html(client.get(signatory.url))

        image.delete()

        again = client.get(signatory.url)
        assert again["X-Cache"] == "miss" and html(again) != first

    def test_a_translation_published(self, client, signatory, fr_locale):
        assert "Strasbourg" in html(client.get("/fr/participants/strasbourg/"))
        french = signatory.copy_for_translation(fr_locale, copy_parents=True)
        french.official_name = "Ville de Strasbourg (fr)"

        publish(french)

        assert "Ville de Strasbourg (fr)" in html(client.get(french.url))

    @pytest.mark.parametrize("change", ["site", "locale", "document", "collection"])
    def test_what_else_a_page_can_show(self, client, home_page, change):
        client.get("/en/")

        if change == "site":
            Site.objects.filter(is_default_site=True).first().save()
        elif change == "locale":
            Locale.objects.get(language_code="de").save()
        elif change == "document":
            get_document_model().objects.create(
                title="Report", file=ContentFile(b"text", name="report.txt")
            )
        else:
            CollectionViewRestriction.objects.create(
                collection=Collection.get_first_root_node(),
                restriction_type=CollectionViewRestriction.LOGIN,
            )

        assert client.get("/en/")["X-Cache"] == "miss"

    def test_a_draft_saved_changes_nothing_readers_see(self, client, library, initiative):
        client.get(library.url)
        draft = InitiativePageFactory(parent=initiative.get_parent(), live=False)

        draft.save_revision()

        assert client.get(library.url)["X-Cache"] == "hit"

    def test_a_release_and_an_index_rebuild(self, client, home_page):
        # A release runs migrate: kept pages name the previous release's static files.
        client.get("/en/")
        app_config = apps.get_app_config("pact_pages")
        post_migrate.send(
            sender=app_config, app_config=app_config, verbosity=0, interactive=False,
            using="default", apps=apps, plan=[],
        )  # fmt: skip
        assert client.get("/en/")["X-Cache"] == "miss"

        call_command("rebuild_api_index", stdout=StringIO())
        assert client.get("/en/")["X-Cache"] == "miss"
        assert client.get("/en/")["X-Cache"] == "hit"


FEEDS = [
    "/en/feeds/initiatives.rss",
    "/en/feeds/initiatives.atom",
    "/en/feeds/events.rss",
    "/en/feeds/calendar.ics",
]


class TestFeeds:
    """Feed readers poll: each feed is kept like a page, and stale at the next publication."""

    @pytest.mark.parametrize("url", FEEDS)
    def test_a_second_poll_costs_no_query(self, client, url, initiative, django_assert_num_queries):
        first = client.get(url)
        assert first.status_code == 200 and first["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again["X-Cache"] == "hit" and again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]

    def test_a_publication_shows_in_the_next_poll_and_a_draft_never(self, client, initiative):
        url = "/en/feeds/initiatives.rss"
        client.get(url)
        parent = initiative.get_parent()
        draft = InitiativePageFactory(parent=parent, title="Secret draft", live=False)
        draft.save_revision()
        assert client.get(url)["X-Cache"] == "hit"

        published = InitiativePageFactory(parent=parent, title="Night buses")

        fresh = client.get(url)
        assert fresh["X-Cache"] == "miss"
        assert (
            "Night buses" in fresh.content.decode() and "Secret draft" not in fresh.content.decode()
        )
        published.unpublish()
        assert "Night buses" not in client.get(url).content.decode()

    def test_a_signed_in_reader_is_not_served_the_kept_feed(self, client, editor, initiative):
        client.get("/en/feeds/initiatives.rss")
        client.force_login(editor)
        assert "X-Cache" not in client.get("/en/feeds/initiatives.rss")


class TestChecks:
    def test_an_unknown_alias_is_an_error(self, settings):
        settings.PACT_PAGE_CACHE = "nowhere"

        assert "pact_pages.E012" in {message.id for message in run_checks()}

    def test_outside_gzip_is_a_warning(self, settings):
        middleware = [m for m in settings.MIDDLEWARE if not m.endswith("PageCacheMiddleware")]
        middleware.insert(0, "pact_pages.public.page_cache.PageCacheMiddleware")
        settings.MIDDLEWARE = middleware

        assert "pact_pages.W012" in {message.id for message in run_checks()}

    def test_addresses_without_language_are_a_warning(self, settings):
        # A wagtail start site (USE_I18N, no i18n_patterns): the cache would keep no page.
        settings.ROOT_URLCONF = "tests.stock_host.urls"

        assert "pact_pages.W013" in {message.id for message in run_checks()}

        settings.USE_I18N = False
        assert "pact_pages.W013" not in {message.id for message in run_checks()}

    def test_the_reference_site_passes(self):
        ids = {message.id for message in run_checks()}

        assert not ids & {"pact_pages.E012", "pact_pages.W012", "pact_pages.W013"}
