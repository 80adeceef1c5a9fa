"""Sitemap, robots.txt, link-preview meta tags, favicons and HTTP caching of public pages."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import InitiativePageFactory, SignatoryPageFactory, StandardPageFactory
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
        assert entry.findtext(f"{SITEMAP}lastmod") == signatory.last_published_at.strftime(
            "%Y-%m-%d"
        )

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
        assert absolute(french_signatory) in locations

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
