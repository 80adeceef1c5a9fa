"""The plugin in a host site as ``wagtail start`` makes it (tests/stock_host): one
``include("pact_pages.urls")`` at the root, no i18n_patterns, a base.html with only the blocks
of Wagtail's project template. Every page, feed and API answer without a NoReverseMatch, the
map and the plugin's stylesheet reach the page, and no host address is taken."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from pact_pages.models import MapPage, SignatoryIndexPage
from pact_pages.public.checks import check_base_template, check_urls, template_blocks
from tests.factories import BasePageFactory

pytestmark = pytest.mark.django_db

STOCK_TEMPLATES = Path(__file__).parent / "stock_host" / "templates"


def stock_templates(**options) -> list[dict]:
    """Wagtail's project template's TEMPLATES, with the stock host's base.html."""
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [STOCK_TEMPLATES],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.debug",
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ],
                **options,
            },
        }
    ]


@pytest.fixture
def stock_host(settings):
    settings.ROOT_URLCONF = "tests.stock_host.urls"
    settings.TEMPLATES = stock_templates()
    return settings


class MapPageFactory(BasePageFactory):
    title = "Map of participants"
    slug = "map"

    class Meta:
        model = MapPage


def ok(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.usefixtures("stock_host")
class TestStockHost:
    def test_pages_render_in_the_hosts_layout_with_the_plugins_stylesheet(
        self, client, signatory, initiative, library, newsletter_page, join_page
    ):
        for page in (signatory.get_parent(), signatory, initiative, library, newsletter_page):
            html = ok(client, page.url)
            assert "<!DOCTYPE html>" in html  # the host's base.html
            assert 'href="/static/pact_pages/css/pact.css"' in html
            assert html.index("pact.css") < html.index("</head>")
        assert "/static/pact_pages/js/print.js" in ok(client, initiative.url)

    def test_the_map_gets_its_assets_and_its_data(self, client, home_page, signatory):
        html = ok(client, MapPageFactory(parent=home_page).url)
        head, body = html.split("</head>")
        # Leaflet's stylesheet is named for map.js, which adds it before it starts the map
        # (so that it does not hold up the first paint), not linked in the head.
        assert "/static/pact_pages/vendor/leaflet/leaflet.css" not in head
        assert re.search(
            r'data-stylesheets="[^"]*/static/pact_pages/vendor/leaflet/leaflet\.css', body
        )
        assert "/static/pact_pages/js/map.js" in body
        assert 'data-geojson-url="/api/pact/v1/map.geojson"' in body
        assert 'data-locale="en"' in body
        # The signatory's own mini-map too.
        signatory_html = ok(client, signatory.url)
        assert "/static/pact_pages/js/map.js" in signatory_html.split("</head>")[1]

    def test_the_maps_markers_load_with_the_stock_language_code(
        self, client, settings, home_page, signatory
    ):
        """wagtail start's LANGUAGE_CODE is "en-us" and it has no LocaleMiddleware: the map
        asks the API for the content language Wagtail maps it to, which the API accepts."""
        settings.LANGUAGE_CODE = "en-us"
        settings.MIDDLEWARE = [
            name
            for name in settings.MIDDLEWARE
            if name != "django.middleware.locale.LocaleMiddleware"
        ]
        html = ok(client, MapPageFactory(parent=home_page).url)
        url = re.search(r'data-geojson-url="([^"]+)"', html).group(1)
        locale = re.search(r'data-locale="([^"]*)"', html).group(1)
        assert locale == "en"
        response = client.get(url, {"locale": locale})  # as map.js asks for the markers
        assert response.status_code == 200, response.content
        assert response.json()["features"][0]["properties"]["name"] == signatory.title

    def test_feeds_without_a_language_prefix(self, client, library, initiative):
        assert reverse("pact_initiatives_rss") == "/feeds/initiatives.rss"
        with translation.override("fr"):
            assert reverse("pact_initiatives_rss") == "/feeds/initiatives.rss"
        assert "<rss" in ok(client, "/feeds/initiatives.rss")
        assert "<feed" in ok(client, "/feeds/initiatives/prevention.atom")
        html = ok(client, library.url + "?pillar=prevention")
        assert 'href="/feeds/initiatives/prevention.rss"' in html

    def test_the_api(self, client, signatory):
        assert '"Strasbourg"' in ok(client, "/api/pact/v1/signatories")
        assert ok(client, "/api/pact/v1/map.geojson")

    def test_newsletter_links_answer(self, client, newsletter_page):
        for url in ("/newsletter/confirm/not-a-token/", "/newsletter/unsubscribe/not-a-token/"):
            response = client.get(url)
            assert response.status_code in (400, 410)
            assert 'data-testid="newsletter-link-error"' in response.content.decode()
            assert "pact.css" in response.content.decode()

    def test_no_host_address_is_taken(self, client, home_page, directory):
        # The host's search, and its pages whose slugs are the plugin's prefixes.
        assert ok(client, "/search/") == "The host's search"
        for slug in ("feeds", "newsletter"):
            index = home_page.add_child(instance=SignatoryIndexPage(title=slug, slug=slug))
            index.save_revision().publish()
            assert f"<h1>{slug}</h1>" in ok(client, f"/{slug}/")
        for opt_in in ("/sitemap.xml", "/robots.txt", "/favicon.ico"):
            assert client.get(opt_in).status_code == 404

    def test_no_check_warns(self):
        assert check_base_template(None) == []
        assert check_urls(None) == []


class TestBaseTemplate:
    def test_a_base_without_the_blocks_is_told(self, client, stock_host, directory):
        stock_host.PACT_BASE_TEMPLATE = "bakerydemo_base.html"
        html = ok(client, directory.url)
        assert f"<h1>{directory.title}</h1>" in html
        assert "pact.css" not in html  # no extra_css block: what the check says
        [warning] = check_base_template(None)
        assert warning.id == "pact_pages.W010"
        assert "extra_css, extra_js" in warning.msg

    def test_an_adapter_for_it_is_enough(self, client, stock_host, home_page, signatory):
        stock_host.PACT_BASE_TEMPLATE = "bakerydemo_pact_base.html"
        assert check_base_template(None) == []
        html = ok(client, MapPageFactory(parent=home_page).url)
        assert "/static/js/main.js" in html  # the host's own block keeps its content
        for asset in ("css/pact.css", "vendor/leaflet/leaflet.css", "js/map.js"):
            assert f"/static/pact_pages/{asset}" in html.split("<main>")[1]

    @pytest.mark.usefixtures("stock_host")
    def test_blocks_are_read_through_extends(self):
        assert template_blocks("bakerydemo_pact_base.html") == {
            "title",
            "body_class",
            "content",
            "js",
            "extra_css",
            "extra_js",
        }
        # A template extending a variable (the plugin's own base) cannot be told.
        assert template_blocks("pact_pages/search.html") is None
        assert template_blocks("no/such/template.html") is None

    def test_feeds_follow_a_hosts_language_prefix(self, client, stock_host, initiative):
        stock_host.ROOT_URLCONF = "tests.stock_host.i18n_urls"
        assert reverse("pact_initiatives_rss") == "/feeds/initiatives.rss"
        with translation.override("fr"):
            assert reverse("pact_initiatives_atom") == "/fr/feeds/initiatives.atom"
        assert "<rss" in ok(client, "/feeds/initiatives.rss")
        assert "<language>fr</language>" in ok(client, "/fr/feeds/initiatives.rss")
        assert client.get("/en/feeds/initiatives.rss").status_code == 404


def test_the_reference_site_keeps_its_addresses():
    assert settings.ROOT_URLCONF == "oneinfive.urls"
    with translation.override("fr"):
        assert reverse("pact_initiatives_rss") == "/fr/feeds/initiatives.rss"
        assert reverse("pact_initiatives_atom", kwargs={"pillar": "prevention"}) == (
            "/fr/feeds/initiatives/prevention.atom"
        )
        assert reverse("pact_search") == "/fr/search/"
    assert reverse("pact_newsletter_confirm", args=["t"]) == "/newsletter/confirm/t/"
    assert reverse("pact_api:signatory_map") == "/api/pact/v1/map.geojson"
    assert reverse("pact_sitemap") == "/sitemap.xml"
    assert reverse("favicon") == "/favicon.ico"
