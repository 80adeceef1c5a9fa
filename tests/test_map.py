"""The map of signatories: server-side list and filters, settings, vendored Leaflet, privacy."""

import gzip
import io
import json
import re
import tarfile
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import PageViewRestriction

from pact_pages.map import outlines, vendor
from pact_pages.models import MapPage, SignatoryType
from pact_pages.public.frontend_cache import listing_pages
from tests.factories import (
    BasePageFactory,
    InitiativePageFactory,
    SignatoryPageFactory,
    publish,
)
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

GEOJSON = "/api/pact/v1/map.geojson"


class MapPageFactory(BasePageFactory):
    title = "Map of participants"
    slug = "map"
    introduction = "<p>Where the signatories are.</p>"

    class Meta:
        model = MapPage


@pytest.fixture
def map_page(home_page):
    return MapPageFactory(parent=home_page)


def listed_names(response) -> list[str]:
    """Names in the server-rendered list beside the map, in order."""
    html = response.content.decode()
    items = html.split("data-map-list>", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', items)


def tag_attribute(html: str, attribute: str) -> str:
    match = re.search(rf'{attribute}="([^"]*)"', html)
    assert match, attribute
    return match.group(1)


@pytest.fixture
def hidden(directory):
    """Signatories no reader may see on the map, each with "Hidden" in its name."""
    SignatoryPageFactory(parent=directory, title="Hidden draft", slug="draft", live=False)
    gone = SignatoryPageFactory(parent=directory, title="Hidden gone", slug="gone")
    gone.unpublish()
    private = SignatoryPageFactory(parent=directory, title="Hidden private", slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


class TestList:
    def test_only_live_public_signatories_with_a_place(
        self, client, map_page, directory, signatory, hidden
    ):
        SignatoryPageFactory(parent=directory, title="Nowhere", latitude=None, longitude=None)
        signatory.title = "Hidden revision"
        signatory.contact_email = "secret-contact@example.org"
        signatory.save_revision()  # a draft: its words must not appear

        response = client.get(map_page.url)

        assert response.status_code == 200
        html = response.content.decode()
        assert listed_names(response) == ["Strasbourg"]
        assert "Hidden" not in html
        assert "secret-contact@example.org" not in html
        assert "Nowhere" not in html  # no coordinates: not on the map, so not in its list
        assert 'href="/en/participants/strasbourg/"' in html
        assert "1 signatory" in html

    def test_list_shows_type_country_and_initiative_count(
        self, client, map_page, signatory, initiative
    ):
        InitiativePageFactory(parent=signatory, title="Draft story", live=False)

        html = client.get(map_page.url).content.decode()

        item = html.split("data-map-list>", 1)[1].split("</li>", 1)[0]
        assert "Town or municipality · France · 1 initiative" in " ".join(item.split())
        assert 'class="map-symbol map-symbol--town"' in item

    def test_the_list_is_paged_and_keeps_the_filters(self, client, settings, map_page, directory):
        settings.PACT_MAP_LIST_PER_PAGE = 2
        for name in ("Aarhus", "Bergen", "Cork", "Dublin"):
            SignatoryPageFactory(parent=directory, title=name, slug=name.lower(), country="IE")

        first = client.get(map_page.url, {"country": "IE"})
        html = first.content.decode()

        assert listed_names(first) == ["Aarhus", "Bergen"]
        assert "4 signatories" in html  # every match is counted, not the page
        assert 'rel="next" href="?country=IE&amp;page=2"' in html
        second = client.get(map_page.url, {"country": "IE", "page": 2})
        assert listed_names(second) == ["Cork", "Dublin"]
        assert client.get(map_page.url, {"page": "x"}).status_code == 200  # first page

    def test_works_without_any_signatory(self, client, map_page):
        html = client.get(map_page.url).content.decode()

        assert "No signatory matches these filters." in html
        assert "0 signatories" in html


class TestFilters:
    @pytest.fixture
    def places(self, directory):
        def add(title, **fields):
            return SignatoryPageFactory(parent=directory, title=title, slug=title.lower(), **fields)

        lyon = add("Lyon", commitment_prevention="")
        add("Catalonia", country="ES", signatory_type=SignatoryType.REGION)
        add("Lille", commitment_participation="Children's council.")
        InitiativePageFactory(parent=lyon, pillars=("protection",))
        return ["Catalonia", "Lille", "Lyon"]

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("", ["Catalonia", "Lille", "Lyon"]),
            ("?country=FR", ["Lille", "Lyon"]),
            ("?type=region", ["Catalonia"]),
            ("?country=FR&type=region", []),
            # A P matches a commitment under it or a published initiative under it.
            ("?pillar=participation", ["Lille"]),
            ("?pillar=protection", ["Lyon"]),
            ("?pillar=protection&pillar=participation", ["Lille", "Lyon"]),
        ],
    )
    def test_filters_apply_without_javascript(self, client, map_page, places, query, expected):
        response = client.get(map_page.url + query)

        assert listed_names(response) == expected

    @pytest.mark.parametrize(
        "query", ["?country=FR&pillar=protection", "?type=region", "?pillar=participation", ""]
    )
    def test_the_geojson_of_the_same_filters_has_the_same_signatories(
        self, client, map_page, places, query
    ):
        """map.js fetches the API with the form's parameters: markers and list agree."""
        names = listed_names(client.get(map_page.url + query))
        separator = "&" if query else "?"
        data = client.get(f"{GEOJSON}{query}{separator}locale=en").json()

        assert [feature["properties"]["name"] for feature in data["features"]] == names

    def test_the_form_keeps_the_readers_choices(self, client, map_page, places):
        html = client.get(map_page.url + "?country=ES&type=region&pillar=protection").content
        html = html.decode()

        assert '<option value="ES" selected>' in html
        assert '<option value="region" selected>' in html
        assert 'value="protection" checked' in html
        assert 'value="prevention" checked' not in html

    @pytest.mark.parametrize(
        "query", ["?country=XX", "?type=castle", "?pillar=nope", "?country=%00", "?type="]
    )
    def test_values_the_api_refuses_are_ignored(self, client, map_page, places, query):
        response = client.get(map_page.url + query)

        assert response.status_code == 200
        assert listed_names(response) == places


class TestGeoJSON:
    """The markers' data: answered from the API's read index, one stored feature per page."""

    def names(self, client, **params) -> list[str]:
        data = client.get(GEOJSON, params).json()
        return [feature["properties"]["name"] for feature in data["features"]]

    def test_nothing_hidden_reaches_the_markers(self, client, directory, signatory, hidden):
        signatory.title = "Hidden revision"
        signatory.contact_email = "secret-contact@example.org"
        signatory.save_revision()  # a draft: its words must not appear

        response = client.get(GEOJSON)

        assert self.names(client) == ["Strasbourg"]
        assert "Hidden" not in response.content.decode()
        assert "secret-contact" not in response.content.decode()

    def test_follows_publishing_moving_and_unpublishing(self, client, directory, signatory):
        signatory.latitude, signatory.longitude = Decimal("45.764043"), Decimal("4.835659")
        publish(signatory)
        feature = client.get(GEOJSON).json()["features"][0]
        assert feature["geometry"]["coordinates"] == [4.83566, 45.76404]  # to about a metre

        signatory.unpublish()
        assert self.names(client) == []

    def test_search_narrows_the_markers(self, client, settings, directory, signatory):
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": "wagtail.search.backends.database"}
        }
        SignatoryPageFactory(parent=directory, title="Cologne", slug="cologne", country="DE")

        assert self.names(client, q="Cologne") == ["Cologne"]
        assert self.names(client, q="Atlantis") == []

    def test_in_french_with_the_source_where_untranslated(
        self, client, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        brussels = SignatoryPageFactory(
            parent=directory, title="Brussels", slug="brussels", country="BE"
        )
        translate(
            brussels, fr_locale, {"Brussels": "Bruxelles"}, django_capture_on_commit_callbacks
        )
        SignatoryPageFactory(parent=directory, title="Cologne", slug="cologne", country="DE")

        data = client.get(GEOJSON, {"locale": "fr"}).json()

        properties = [feature["properties"] for feature in data["features"]]
        assert [p["name"] for p in properties] == ["Bruxelles", "Cologne"]
        assert [p["country_name"] for p in properties] == ["Belgique", "Allemagne"]
        assert [p["served_locale"] for p in properties] == ["fr", "en"]
        # Both in the reader's language: the untranslated page is served at its French address.
        assert properties[1]["url"] == "http://testserver/fr/participants/cologne/"
        assert properties[0]["url"].startswith("http://testserver/fr/participants/")

    def test_the_host_is_the_requests(self, client, settings, signatory):
        settings.ALLOWED_HOSTS = ["pact.example.org", "testserver"]

        data = client.get(GEOJSON, HTTP_HOST="pact.example.org").json()

        url = data["features"][0]["properties"]["url"]
        assert url == "http://pact.example.org/en/participants/strasbourg/"


# Wagtail's routing and view restrictions (4; the site's layout comes from its cache,
# pact_pages.core.layout_cache), then the list from the API's read index: its count, page of
# ids and the shown signatories, whatever the number of signatories (tests/test_queries.py
# counts the directory alike).
MAP_QUERIES = 12


@pytest.mark.parametrize("size", [10, 100])
def test_bounded_queries(
    client, map_page, directory, size, django_assert_max_num_queries, quiet_saves
):
    for number in range(size):
        signatory = SignatoryPageFactory(
            parent=directory,
            title=f"Place {number:03}",
            slug=f"place-{number}",
            country=("FR", "DE", "IT")[number % 3],
            latitude=Decimal("45") + Decimal(number) / 10,
            commitment_prevention="Train every coach." if number % 2 else "",
        )
        InitiativePageFactory(parent=signatory, pillars=("protection",))
    assert client.get(map_page.url).status_code == 200

    with django_assert_max_num_queries(MAP_QUERIES):
        response = client.get(map_page.url + "?country=FR&pillar=prevention&pillar=protection")

    assert len(listed_names(response)) == len(range(0, size, 3))
    with django_assert_max_num_queries(MAP_QUERIES):
        response = client.get(map_page.url)
    assert len(listed_names(response)) == size


class TestMapSettings:
    def test_tiles_and_credit_come_from_the_settings(self, client, map_page, settings):
        settings.PACT_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
        settings.PACT_MAP_ATTRIBUTION = "Map © Example & friends"

        html = client.get(map_page.url).content.decode()

        assert tag_attribute(html, "data-tile-url") == "https://tiles.example.org/{z}/{x}/{y}.png"
        assert tag_attribute(html, "data-tile-attribution") == "Map © Example &amp; friends"

    def test_a_tile_server_without_a_credit_is_credited_to_openstreetmap(
        self, client, map_page, settings
    ):
        settings.PACT_MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        settings.PACT_MAP_ATTRIBUTION = ""

        html = client.get(map_page.url).content.decode()

        assert "OpenStreetMap" in tag_attribute(html, "data-tile-attribution")
        assert "openstreetmap.org/copyright" in tag_attribute(html, "data-tile-attribution")

    def test_no_tiles_by_default_only_the_sites_own_outlines(self, client, map_page, settings):
        del settings.PACT_MAP_TILE_URL  # a site with the plugin's default
        settings.PACT_MAP_ATTRIBUTION = ""

        html = client.get(map_page.url).content.decode()

        assert tag_attribute(html, "data-tile-url") == ""
        assert tag_attribute(html, "data-tile-attribution") == ""
        outlines = tag_attribute(html, "data-outlines-url")
        assert outlines == "/static/pact_pages/vendor/world-atlas/countries.json"
        assert "Natural Earth" in tag_attribute(html, "data-outlines-attribution")
        assert finders.find(outlines.removeprefix("/static/"))

    @pytest.mark.parametrize("tile_url", ["", None])
    def test_without_tiles_the_csp_allows_no_image_host(self, client, map_page, settings, tile_url):
        if tile_url is None:
            del settings.PACT_MAP_TILE_URL
        else:
            settings.PACT_MAP_TILE_URL = tile_url

        policy = client.get(map_page.url).headers.get("Content-Security-Policy", "")
        img_src = next(part for part in policy.split(";") if "img-src" in part)
        assert not re.search(r"https?://", img_src), img_src

    def test_the_csp_allows_the_tile_server(self, client, map_page, settings):
        settings.PACT_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"

        response = client.get(map_page.url)

        policy = response.headers.get("Content-Security-Policy", "")
        img_src = next(part for part in policy.split(";") if "img-src" in part)
        assert "https://tiles.example.org" in img_src

    def test_the_reference_site_sets_no_tile_server(self):
        from oneinfive.settings import base

        assert not base.PACT_MAP_TILE_URL

    def test_the_map_knows_its_data_and_language(self, client, map_page):
        html = client.get(map_page.url).content.decode()

        assert tag_attribute(html, "data-geojson-url") == GEOJSON
        assert tag_attribute(html, "data-locale") == "en"


class TestAssets:
    def test_no_external_script_or_style(self, client, map_page, signatory):
        for url in (map_page.url, signatory.url):
            html = client.get(url).content.decode()

            scripts = re.findall(r"<script\b([^>]*)>", html)
            assert scripts, url
            for attributes in scripts:
                # Files of this site, or JSON data (json_script): never inline code.
                src = re.search(r'src="([^"]+)"', attributes)
                assert (src and src.group(1).startswith("/static/")) or (
                    'type="application/json"' in attributes
                ), attributes
            for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
                assert href.startswith("/static/"), href
            assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
            for needle in ("unpkg", "cdnjs", "jsdelivr", "cdn."):
                assert needle not in html

    def test_every_file_the_pages_load_is_served(self, client, map_page):
        html = client.get(map_page.url).content.decode()

        paths = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
        assert "pact_pages/vendor/leaflet/leaflet.js" in paths
        assert "pact_pages/js/map.js" in paths
        for path in paths:
            assert finders.find(path), path

    def test_map_styles_keep_no_inline_style(self, client, map_page, signatory):
        html = client.get(map_page.url).content.decode()

        main = html.split('class="map-layout"', 1)[1].split("</main>", 1)[0]
        assert "style=" not in main

    def test_texts_for_the_script_are_json(self, client, map_page):
        html = client.get(map_page.url).content.decode()

        block = html.split('<script id="pact-map-texts" type="application/json">', 1)[1]
        texts = json.loads(block.split("</script>", 1)[0])
        assert texts["types"]["region"]["label"] == "Region"
        assert texts["signatories"]["one"] == "%(counter)s signatory"
        assert texts["signatories"]["other"] == "%(counter)s signatories"


class TestVendoredLeaflet:
    def test_committed_files_match_the_pinned_npm_releases(self):
        assert vendor.check() == []
        lock = json.loads(vendor.LOCK_FILE.read_text(encoding="utf-8"))
        pins = {package.name: (package.version, package.integrity) for package in vendor.PACKAGES}
        assert pins == {
            "leaflet": (
                "1.9.4",
                "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
            ),
            "leaflet.markercluster": (
                "1.5.3",
                "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
            ),
            "world-atlas": (
                "2.0.2",
                "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
            ),
        }
        for name, (version, integrity) in pins.items():
            assert (lock[name]["version"], lock[name]["integrity"]) == (version, integrity)
            for target, digest in lock[name]["files"].items():
                path = vendor.VENDOR_DIR / name / target
                assert vendor.sri(path.read_bytes()) == digest, path
        assert (vendor.VENDOR_DIR / "leaflet" / "LICENSE").exists()
        assert (vendor.VENDOR_DIR / "leaflet.markercluster" / "MIT-LICENCE.txt").exists()
        assert (vendor.VENDOR_DIR / "world-atlas" / "LICENSE").exists()

    def test_a_changed_file_is_caught(self, tmp_path):
        copy = tmp_path / "vendor"
        for package in vendor.PACKAGES:
            for target in package.targets:
                source = vendor.VENDOR_DIR / package.name / target
                (copy / package.name / target).parent.mkdir(parents=True, exist_ok=True)
                (copy / package.name / target).write_bytes(source.read_bytes())
        (copy / vendor.LOCK_FILE.name).write_bytes(vendor.LOCK_FILE.read_bytes())
        assert vendor.check(vendor_dir=copy) == []

        script = copy / "leaflet" / "leaflet.js"
        script.write_bytes(script.read_bytes() + b"\nfetch('https://evil.example/');")

        assert vendor.check(vendor_dir=copy) == ["leaflet/leaflet.js differs from the npm release"]

    @staticmethod
    def tarball(files: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            for name, data in files.items():
                info = tarfile.TarInfo(f"package/{name}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        return buffer.getvalue()

    def test_refresh_extracts_only_the_listed_files(self, tmp_path):
        data = self.tarball(
            {"dist/lib.js": b"lib()", "LICENSE": b"MIT", "src/secret.js": b"x", "README.md": b""}
        )
        package = vendor.Package("lib", "1.0.0", vendor.sri(data), {"dist/lib.js": "lib.js"})

        lock = vendor.refresh([package], tmp_path, fetch=lambda url: data)

        assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*")) == [
            "lib/lib.js",
            "vendor-lock.json",
        ]
        assert lock["lib"]["files"] == {"lib.js": vendor.sri(b"lib()")}
        assert lock["lib"]["tarball"] == "https://registry.npmjs.org/lib/-/lib-1.0.0.tgz"

    def test_refresh_writes_what_a_package_builds(self, tmp_path):
        data = self.tarball({"data.json": b"[1, 2]", "LICENSE": b"ISC"})
        package = vendor.Package(
            "atlas",
            "2.0.0",
            vendor.sri(data),
            {"data.json": "data.json", "LICENSE": "LICENSE"},
            build=lambda files: {"small.json": files["data.json"].replace(b" ", b"")},
            outputs=("small.json",),
        )

        lock = vendor.refresh([package], tmp_path, fetch=lambda url: data)

        assert (tmp_path / "atlas" / "small.json").read_bytes() == b"[1,2]"
        assert not (tmp_path / "atlas" / "data.json").exists()
        assert lock["atlas"]["files"] == {"small.json": vendor.sri(b"[1,2]")}
        assert vendor.check([package], tmp_path) == []

    def test_refresh_refuses_a_tarball_that_does_not_match_its_pin(self, tmp_path):
        genuine = self.tarball({"dist/lib.js": b"lib()"})
        tampered = self.tarball({"dist/lib.js": b"lib(); steal()"})
        package = vendor.Package("lib", "1.0.0", vendor.sri(genuine), {"dist/lib.js": "lib.js"})

        with pytest.raises(vendor.VendorError, match="does not match"):
            vendor.refresh([package], tmp_path, fetch=lambda url: tampered)

        assert list(tmp_path.iterdir()) == []  # nothing written


class TestFrench:
    @pytest.fixture
    def french_map(self, map_page, fr_locale, django_capture_on_commit_callbacks):
        return translate(
            map_page,
            fr_locale,
            {"Map of participants": "Carte des participants"},
            django_capture_on_commit_callbacks,
        )

    def test_names_types_and_countries_in_french(
        self, client, directory, french_map, fr_locale, django_capture_on_commit_callbacks
    ):
        brussels = SignatoryPageFactory(
            parent=directory,
            title="Brussels",
            slug="brussels",
            country="BE",
            signatory_type=SignatoryType.REGION,
        )
        translate(
            brussels, fr_locale, {"Brussels": "Bruxelles"}, django_capture_on_commit_callbacks
        )
        SignatoryPageFactory(parent=directory, title="Cologne", slug="cologne", country="DE")

        response = client.get(french_map.url)

        assert french_map.url.startswith("/fr/")
        html = " ".join(response.content.decode().split())
        assert listed_names(response) == ["Bruxelles", "Cologne"]
        assert "Région · Belgique · 0 initiative" in html
        assert "Ville ou commune · Allemagne" in html
        assert 'href="/fr/participants/cologne/"' in html  # untranslated: stays in French
        assert "Carte des signataires" in html  # the map's label
        assert tag_attribute(html, "data-locale") == "fr"
        block = html.split('<script id="pact-map-texts" type="application/json">', 1)[1]
        texts = json.loads(block.split("</script>", 1)[0])
        assert texts["types"]["town"]["label"] == "Ville ou commune"
        assert texts["language"] == "fr"

    def test_french_ps_in_the_filter(self, client, french_map, fr_pillar):
        html = client.get(french_map.url).content.decode()

        assert "Prévention" in html


class TestHomeLink:
    def test_visit_the_map_goes_to_the_map_page(self, client, home_page, directory, map_page):
        html = client.get(home_page.url).content.decode()

        assert re.search(r'<a href="/en/map/">\s*Visit the map\s*</a>', html)

    def test_without_a_map_page_it_goes_to_the_directory(self, client, home_page, directory):
        html = client.get(home_page.url).content.decode()

        assert re.search(r'<a href="/en/participants/">\s*Visit the map\s*</a>', html)

    def test_in_french_it_goes_to_the_french_map(
        self, client, home_page, directory, map_page, fr_locale, django_capture_on_commit_callbacks
    ):
        translate(map_page, fr_locale, {}, django_capture_on_commit_callbacks)
        french_home = home_page.get_translation(fr_locale)

        html = client.get(french_home.url).content.decode()

        assert 'href="/fr/map/"' in html

    def test_one_map_per_home_page(self, home_page, map_page):
        assert MapPage in home_page.specific.allowed_subpage_models()
        assert not MapPage.can_create_at(home_page)


class TestMiniMap:
    def test_profile_shows_the_place_for_the_mini_map(self, client, signatory):
        html = client.get(signatory.url).content.decode()

        mini = html.split("data-mini-map", 1)[1].split(">", 1)[0]
        # Decimal points whatever the reader's language: map.js parses these.
        assert 'data-latitude="48.583900"' in mini
        assert 'data-longitude="7.745500"' in mini
        assert 'data-name="Strasbourg"' in mini
        assert 'data-type="town"' in mini
        assert "pact_pages/js/map.js" in html
        # The same country outlines as the map, served by the site; no tiles by default.
        assert 'data-outlines-url="/static/pact_pages/vendor/world-atlas/countries.json"' in mini
        assert 'data-tile-url=""' in mini

    def test_profile_leaves_leaflet_to_map_js_until_the_mini_map_is_near(self, client, signatory):
        html = client.get(signatory.url).content.decode()

        # map.js only, deferred; it fetches Leaflet (not markercluster) when it needs it.
        scripts = re.findall(r'<script src="/static/([^"]+)"', html)
        assert "pact_pages/js/map.js" in scripts
        assert not [path for path in scripts if "vendor" in path]
        assert not re.search(r'<link rel="stylesheet" href="[^"]*leaflet', html)
        mini = html.split("data-mini-map", 1)[1].split(">", 1)[0]
        assert 'data-leaflet-script="/static/pact_pages/vendor/leaflet/leaflet.js"' in mini
        assert 'data-stylesheets="/static/pact_pages/vendor/leaflet/leaflet.css"' in mini
        assert "markercluster" not in html

    def test_map_page_stylesheets_hold_up_no_first_paint(self, client, map_page):
        html = client.get(map_page.url).content.decode()

        assert not re.search(r'<link rel="stylesheet" href="[^"]*(leaflet|MarkerCluster)', html)
        stylesheets = re.search(r'data-stylesheets="([^"]+)"', html).group(1).split()
        assert stylesheets == [
            "/static/pact_pages/vendor/leaflet/leaflet.css",
            "/static/pact_pages/vendor/leaflet.markercluster/MarkerCluster.css",
        ]
        for url in stylesheets:
            assert finders.find(url.removeprefix("/static/")), url

    def test_french_profile_keeps_decimal_points(
        self, client, signatory, fr_locale, django_capture_on_commit_callbacks
    ):
        french = translate(signatory, fr_locale, {}, django_capture_on_commit_callbacks)

        html = client.get(french.url).content.decode()

        assert 'data-latitude="48.583900"' in html

    def test_no_mini_map_without_coordinates(self, client, directory):
        nowhere = publish(
            SignatoryPageFactory(parent=directory, title="Nowhere", latitude=None, longitude=None)
        )

        html = client.get(nowhere.url).content.decode()

        assert "data-mini-map" not in html
        assert "leaflet.js" not in html


def test_a_changed_signatory_purges_the_map_from_the_cdn(map_page, signatory):
    assert map_page.pk in {page.pk for page in listing_pages(signatory)}


@pytest.fixture(scope="module")
def geometries() -> list[dict]:
    path = vendor.VENDOR_DIR / "world-atlas" / outlines.OUTLINES
    return json.loads(path.read_bytes())["geometries"]


class TestCountryOutlines:
    """The base layer the site serves itself (Natural Earth via world-atlas)."""

    @staticmethod
    def inside(point: tuple[float, float], ring: list) -> bool:
        x, y = point
        crossings = 0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
        return crossings % 2 == 1

    def on_land(self, geometries, point) -> bool:
        return any(
            self.inside(point, polygon[0])
            for geometry in geometries
            for polygon in geometry["coordinates"]
        )

    @pytest.mark.parametrize(
        "place",
        [
            (7.75, 48.58),  # Strasbourg
            (14.51, 35.90),  # Valletta: Malta is not in the 1:110m data
            (1.52, 42.51),  # Andorra la Vella
            (12.45, 43.94),  # San Marino
            (9.52, 47.14),  # Vaduz
            (-21.9, 64.1),  # Reykjavík
            (44.8, 41.7),  # Tbilisi
            (-74.0, 40.7),  # New York: the rest of the world is drawn too, coarser
        ],
    )
    def test_signatories_stand_on_land(self, geometries, place):
        assert self.on_land(geometries, place)

    def test_the_sea_is_sea(self, geometries):
        assert not self.on_land(geometries, (5.0, 55.0))  # the North Sea
        assert not self.on_land(geometries, (18.0, 35.0))  # the Ionian Sea

    def test_light_enough_for_a_phone(self):
        data = (vendor.VENDOR_DIR / "world-atlas" / outlines.OUTLINES).read_bytes()
        assert len(data) < 200_000  # about 180 KB
        assert len(gzip.compress(data)) < 60_000  # about 53 KB, as served

    def test_topojson_arcs_are_decoded(self):
        # Two triangles sharing the arc 0, the second walking it backwards (~0 = -1).
        topology = {
            "type": "Topology",
            "transform": {"scale": [0.5, 0.25], "translate": [10, 40]},
            "arcs": [[[0, 0], [2, 4]], [[2, 4], [2, -4], [-4, 0]], [[0, 0], [-2, 4], [2, 0]]],
            "objects": {},
        }
        arcs = outlines.decode_arcs(topology)
        assert arcs[1] == [(11.0, 41.0), (12.0, 40.0), (10.0, 40.0)]
        assert outlines.ring(arcs, [0, 1]) == [
            (10.0, 40.0),
            (11.0, 41.0),
            (12.0, 40.0),
            (10.0, 40.0),
        ]
        geometry = {"type": "Polygon", "arcs": [[~0, 2]]}
        assert outlines.polygons(arcs, geometry) == [
            [[(11.0, 41.0), (10.0, 40.0), (9.0, 41.0), (10.0, 41.0)]]
        ]
