"""Sitemap, robots.txt, link-preview meta tags, favicons and HTTP caching of public pages."""

import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pact_pages.models import JoinPage
from tests.factories import (
    ImageFactory,
    InitiativePageFactory,
    SignatoryPageFactory,
    StandardPageFactory,
)
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client) -> dict[str, list[tuple[str, str]]]:
    """Each <loc> of /sitemap.xml with its (hreflang, href) alternates."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): [
            (link.get("hreflang"), link.get("href")) for link in url.findall(f"{XHTML}link")
        ]
        for url in root.findall(f"{SITEMAP}url")
    }


def absolute(page) -> str:
    return f"http://testserver{page.url}"


class TestSitemap:
    def test_every_public_page_type(self, client, home_page, directory, library, initiative):
        standard = StandardPageFactory(parent=home_page, title="The Lanzarote Convention")
        signatory = initiative.get_parent()

        locations = sitemap(client)

        assert set(locations) == {
            absolute(page)
            for page in (home_page, directory, library, signatory, initiative, standard)
        }

    def test_lastmod_is_the_last_publication(self, client, home_page, signatory):
        response = client.get("/sitemap.xml")
        root = ET.fromstring(response.content)
        entry = next(
            url
            for url in root.iter(f"{SITEMAP}url")
            if url.findtext(f"{SITEMAP}loc") == absolute(signatory)
        )
        # The date in the site's time zone (Europe/Paris), as the sitemap writes it.
        published = timezone.localtime(signatory.last_published_at)
        assert entry.findtext(f"{SITEMAP}lastmod") == published.strftime("%Y-%m-%d")

    def test_never_drafts_private_pages_or_pages_of_a_taken_down_signatory(
        self, client, home_page, directory, signatory, initiative
    ):
        draft = InitiativePageFactory(parent=signatory, title="Draft", live=False)
        private = StandardPageFactory(parent=home_page, title="Staff only")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        under_private = StandardPageFactory(parent=private, title="Below staff only")
        taken_down = SignatoryPageFactory(parent=directory, title="Taken down")
        orphan = InitiativePageFactory(parent=taken_down, title="Story of a taken-down one")
        taken_down.unpublish()

        locations = sitemap(client)

        assert absolute(initiative) in locations
        for hidden in (draft, private, under_private, taken_down, orphan):
            hidden.refresh_from_db()
            assert not any(hidden.url_path.split("/home/")[1] in loc for loc in locations), hidden

    def test_per_language_alternates(
        self,
        client,
        home_page,
        signatory,
        initiative,
        fr_locale,
        django_capture_on_commit_callbacks,
    ):
        capture = django_capture_on_commit_callbacks
        french_home = translate(home_page, fr_locale, {}, capture)
        french = translate(initiative, fr_locale, {"Safe sports clubs": "Clubs sûrs"}, capture)
        french_signatory = signatory.get_translation(fr_locale)

        locations = sitemap(client)

        # Each language's page is listed, both with the same alternates and x-default.
        expected = [
            ("en", absolute(initiative)),
            ("fr", absolute(french)),
            ("x-default", absolute(initiative)),
        ]
        assert absolute(french).startswith("http://testserver/fr/")
        assert locations[absolute(initiative)] == expected
        assert locations[absolute(french)] == expected
        assert ("fr", absolute(french_home)) in locations[absolute(home_page)]
        # The signatory is not translated: its French address holds the English text (a
        # fallback copy made for the initiative), listed once, under /en/.
        assert absolute(french_signatory) not in locations

    def test_a_page_with_one_language_has_no_alternates(self, client, signatory):
        assert sitemap(client)[absolute(signatory)] == []

    def test_a_bounded_number_of_queries(
        self, client, home_page, directory, django_assert_max_num_queries, quiet_saves
    ):
        sitemap(client)  # warms the site root paths cache
        for _number in range(4):
            parent = SignatoryPageFactory(parent=directory)
            for _story in range(3):
                InitiativePageFactory(parent=parent)

        with django_assert_max_num_queries(10):
            assert len(sitemap(client)) == 18


class TestRobots:
    def test_allows_the_site_but_the_admin_and_gives_the_sitemap(self, client):
        response = client.get("/robots.txt")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert lines[0] == "User-agent: *"
        assert "Disallow: /admin/" in lines
        assert "Disallow: /" not in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines

    def test_only_get(self, client):
        assert client.post("/robots.txt").status_code == 405


class TestFavicons:
    def test_favicon_ico_at_the_root(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 302
        assert response["Location"] == "/static/favicons/favicon.ico"

    def test_favicon_under_make_run_too(self, settings):
        """`make run` serves with DEBUG on, where the URLconf also mounts static files: the
        favicon's redirect must still name the file (it once answered 500 there)."""
        import importlib

        from django.urls import clear_url_caches

        import oneinfive.urls

        settings.DEBUG = True
        try:
            module = importlib.reload(oneinfive.urls)
            url = module.FaviconRedirect().get_redirect_url()
        finally:
            settings.DEBUG = False
            importlib.reload(oneinfive.urls)
            clear_url_caches()
        assert url == "/static/favicons/favicon.ico"


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = defaultdict(list)  # name or property → contents
        self.links = defaultdict(list)  # rel → attributes
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_head = False
        elif self.in_head and tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")].append(attrs["content"])
        elif self.in_head and tag == "link":
            self.links[attrs["rel"]].append(attrs)


def head(client, url: str) -> _Head:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


def one(parsed: _Head, key: str) -> str:
    values = parsed.meta[key]
    assert len(values) == 1, (key, values)
    return values[0]


class TestSharingMeta:
    @pytest.fixture
    def pages(self, home_page, directory, library, signatory, initiative):
        standard = StandardPageFactory(parent=home_page, title="The Lanzarote Convention")
        join = home_page.add_child(instance=JoinPage(title="Join the Pact", slug="join"))
        return {
            "home": home_page,
            "directory": directory,
            "library": library,
            "signatory": signatory,
            "initiative": initiative,
            "standard": standard,
            "join": join,
        }

    def test_every_page_type_has_the_tags(self, client, pages):
        for kind, page in pages.items():
            parsed = head(client, page.url)
            url = absolute(page)
            assert [link["href"] for link in parsed.links["canonical"]] == [url], kind
            assert one(parsed, "og:url") == url
            assert one(parsed, "og:title") == page.title
            assert one(parsed, "twitter:title") == page.title
            assert one(parsed, "og:site_name") == "ONE in FIVE: Pact of Towns and Regions"
            assert one(parsed, "og:locale") == "en_GB"
            assert one(parsed, "og:type") == ("article" if kind == "initiative" else "website")
            assert one(parsed, "description") == one(parsed, "og:description")
            assert one(parsed, "og:description"), kind
            assert one(parsed, "og:image").startswith("http://testserver/"), kind
            assert one(parsed, "twitter:card") in ("summary", "summary_large_image")
            assert one(parsed, "theme-color") == "#0b4f8a"
            icons = {link["href"] for link in parsed.links["icon"]}
            assert icons == {"/static/favicons/favicon.ico", "/static/favicons/favicon.svg"}
            assert parsed.links["apple-touch-icon"][0]["href"].endswith(".png")

    def test_descriptions_come_from_the_pages_fields(self, client, pages):
        pages["signatory"].search_description = "Strasbourg and the Pact, in short."
        pages["signatory"].save()

        descriptions = {
            kind: one(head(client, page.url), "og:description") for kind, page in pages.items()
        }

        assert descriptions["signatory"] == "Strasbourg and the Pact, in short."
        assert descriptions["initiative"] == pages["initiative"].summary
        assert descriptions["standard"] == pages["standard"].introduction
        assert descriptions["library"] == "What signatories do under the four Ps."  # rich text
        assert descriptions["join"].startswith("Towns, regions and organisations across Europe")

    def test_a_long_description_is_cut(self, client, signatory):
        signatory.introduction = "Word " * 200
        signatory.save()
        description = one(head(client, signatory.url), "og:description")
        assert len(description) <= 200 and description.endswith("…")

    def test_the_featured_image_as_a_large_card(self, client, signatory):
        story = InitiativePageFactory(parent=signatory, featured_image=ImageFactory())

        parsed = head(client, story.url)

        image = one(parsed, "og:image")
        assert image.startswith("http://testserver/media/images/") and ".fill-1200x630" in image
        assert one(parsed, "twitter:image") == image
        assert one(parsed, "twitter:card") == "summary_large_image"
        assert one(parsed, "og:image:width").isdigit()

    def test_the_logo_of_a_signatory(self, client, signatory):
        signatory.logo = ImageFactory()
        signatory.save()

        parsed = head(client, signatory.url)

        assert ".max-600x600" in one(parsed, "og:image")
        assert one(parsed, "twitter:card") == "summary"

    def test_without_a_picture_the_site_icon(self, client, signatory):
        parsed = head(client, signatory.url)
        assert one(parsed, "og:image") == "http://testserver/static/favicons/icon-512.png"

    def test_a_translated_page(
        self,
        client,
        home_page,
        signatory,
        initiative,
        fr_locale,
        django_capture_on_commit_callbacks,
    ):
        french = translate(
            initiative,
            fr_locale,
            {"Safe sports clubs": "Clubs sûrs"},
            django_capture_on_commit_callbacks,
        )

        english, parsed = head(client, initiative.url), head(client, french.url)

        assert one(english, "og:locale") == "en_GB"
        assert english.meta["og:locale:alternate"] == ["fr_FR"]
        assert one(parsed, "og:locale") == "fr_FR"
        assert parsed.meta["og:locale:alternate"] == ["en_GB"]
        assert one(parsed, "og:title") == "Clubs sûrs"
        assert parsed.links["canonical"][0]["href"] == absolute(french)

    def test_an_untranslated_page_points_to_its_source(
        self, client, home_page, signatory, fr_locale
    ):
        # Shown under /fr/ in English with a note: the canonical address is the English one.
        parsed = head(client, signatory.url.replace("/en/", "/fr/", 1))

        assert parsed.links["canonical"][0]["href"] == absolute(signatory)
        assert one(parsed, "og:locale") == "en_GB"

    def test_a_page_not_found_describes_the_site(self, client, home_page):
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        parser = _Head()
        parser.feed(response.content.decode())
        assert parser.links["canonical"] == []
        assert one(parser, "og:site_name") == "ONE in FIVE: Pact of Towns and Regions"

    def test_a_bounded_number_of_queries_on_a_story(
        self, client, signatory, django_assert_max_num_queries
    ):
        story = InitiativePageFactory(parent=signatory, featured_image=ImageFactory())
        client.get(story.url)  # creates the rendition, warms the caches
        # Measured: 24 for the whole page, the picture's rendition included.
        with django_assert_max_num_queries(28):
            head(client, story.url)


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part}


class TestCaching:
    PUBLIC = {"public", "max-age=300"}
    PERSONAL = {"private", "no-store"}

    @pytest.fixture
    def public_urls(self, home_page, directory, library, signatory, initiative):
        standard = StandardPageFactory(parent=home_page)
        return [
            "/en/",
            directory.url,
            library.url,
            library.url + "?pillar=prevention",
            signatory.url,
            initiative.url,
            standard.url,
            "/en/feeds/initiatives.rss",
            "/fr/feeds/initiatives/protection.atom",
            "/sitemap.xml",
            "/robots.txt",
        ]

    def test_public_for_anonymous_readers(self, client, public_urls):
        for url in public_urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert cache_control(response) == self.PUBLIC, url
            assert "cookie" in vary(response), url
            assert not response.cookies, url

    def test_the_page_does_not_vary_on_the_browsers_language(self, client, signatory):
        # The address says the language; only "/" (redirected by language) varies on it.
        response = client.get(signatory.url, HTTP_ACCEPT_LANGUAGE="fr")
        assert "accept-language" not in vary(response)
        redirect = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        assert redirect.status_code == 302 and redirect["Location"] == "/fr/"
        assert "accept-language" in vary(redirect)
        assert "public" not in cache_control(redirect)

    def test_max_age_setting(self, client, signatory, settings):
        settings.PACT_PUBLIC_MAX_AGE = 60
        assert cache_control(client.get(signatory.url)) == {"public", "max-age=60"}

    def test_private_for_signed_in_users(self, client, public_urls, django_user_model):
        user = django_user_model.objects.create_user("reader", password="a-long-password-1")
        client.force_login(user)
        for url in public_urls:
            response = client.get(url)
            assert cache_control(response) == self.PERSONAL, url
            assert "cookie" in vary(response), url

    def test_private_for_a_form_with_a_csrf_token(self, client, home_page):
        join = home_page.add_child(instance=JoinPage(title="Join the Pact", slug="join"))

        response = client.get(join.url)

        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
        assert cache_control(response) == self.PERSONAL

    def test_private_for_a_password_protected_page(self, client, home_page):
        page = StandardPageFactory(parent=home_page)
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        response = client.get(page.url)

        assert {"private", "no-store"} <= cache_control(response)  # Wagtail's own, stricter

    def test_private_for_posts(self, client, home_page):
        join = home_page.add_child(instance=JoinPage(title="Join the Pact", slug="join"))
        response = client.post(join.url, {})
        assert cache_control(response) >= {"private", "no-store"}

    def test_private_for_a_preview(self, signatory):
        # Wagtail runs a preview through the middleware as a request of its own.
        response = signatory.make_preview_request()

        assert response.status_code == 200
        assert cache_control(response) == self.PERSONAL
        assert '<meta name="robots" content="noindex">' in response.content.decode()

    def test_errors_and_the_api_keep_their_own_rules(self, client, home_page, signatory):
        assert "public" not in cache_control(client.get("/en/no-such-page/"))
        api = client.get("/api/pact/v1/signatories")
        assert api.status_code == 200
        assert "max-age=300" not in cache_control(api)  # the API's own max-age

    def test_the_admin_is_never_public(self, client):
        response = client.get("/admin/login/")
        assert "public" not in cache_control(response)
