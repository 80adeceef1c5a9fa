"""A reader who chose a language stays in it: every internal link of every public page keeps
the language prefix, whether the page is translated, shown from the source with the fallback
note, or the language has no page tree at all; fallback text carries its own ``lang``."""

from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from home.models import StandardPage
from pact_pages.models import MapPage
from tests.conftest import _published_under
from tests.factories import InitiativePageFactory, SignatoryPageFactory
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """Every address a reader can follow or submit to, with the element that holds it."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, dict]] = []
        self._in_switcher = 0
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav" and "language-switcher" in (attributes.get("class") or ""):
            self._in_switcher = 1
        elif tag == "nav" and self._in_switcher:
            self._in_switcher += 1
        for name in ("href", "action", "data-geojson-url"):
            if attributes.get(name):
                self.links.append(
                    (attributes[name], {**attributes, "tag": tag, "switcher": self._in_switcher})
                )

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_switcher:
            self._in_switcher -= 1


def links_of(html: str) -> list[tuple[str, dict]]:
    parser = Links()
    parser.feed(html)
    return parser.links


def foreign_links(html: str, language: str) -> list[str]:
    """Internal addresses under another language's prefix than ``language``, except the
    language switcher's entries and the hreflang alternates (<link>, and the footer's list of
    languages), whose job that is."""
    prefixes = [f"/{code}/" for code in ("en", "fr", "de", "es")]
    own = f"/{language}/"
    return [
        url
        for url, element in links_of(html)
        if not element["switcher"]
        and not element.get("hreflang")
        and any(url.startswith(prefix) for prefix in prefixes)
        and not url.startswith(own)
    ]


@pytest.fixture
def site(home_page, directory, library, signatory, initiative, join_page, newsletter_page):
    """The English site, every section in the menu, the home page's "more…" links set."""
    about = _published_under(
        home_page, StandardPage(title="About the campaign", slug="about", show_in_menus=True)
    )
    map_page = _published_under(home_page, MapPage(title="Map", slug="map", show_in_menus=True))
    for page in (directory, library):
        page.show_in_menus = True
        page.save_revision().publish()
    home_page.aims_text = f'<p>Our <a linktype="page" id="{about.pk}">aims</a>.</p>'
    home_page.aims_link = about
    home_page.pact_text, home_page.pact_link = "<p>The Pact.</p>", join_page
    home_page.save_revision().publish()
    return {"about": about, "map": map_page}


@pytest.fixture
def french_lyon(site, directory, fr_locale, django_capture_on_commit_callbacks):
    """Lyon translated into French: wagtail-localize makes French aliases (fallback copies)
    of the untranslated home page and directory above it; nothing else is French."""
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    InitiativePageFactory(parent=lyon, title="Lyon listens", slug="listens")
    return translate(
        lyon,
        fr_locale,
        {"Lyon signed the Pact.": "Lyon a signé le Pacte."},
        django_capture_on_commit_callbacks,
    )


STRASBOURG = "participants/strasbourg/"
CLUBS = "participants/strasbourg/safe-sports-clubs/"
# Every public page type, with a link to a page that it must hold in the reader's language.
PAGES = {
    "": CLUBS,  # the latest initiatives' cards
    "participants/": STRASBOURG,
    STRASBOURG: CLUBS,
    CLUBS: STRASBOURG,
    "initiatives/": CLUBS,
    "initiatives/?pillar=prevention": CLUBS,
    "map/": STRASBOURG,
    "join/": "join/",  # the form posts in the reader's language
    "newsletter/": "newsletter/",
    "about/": "initiatives/",  # the main navigation
    "search/?q=Strasbourg": STRASBOURG,
}


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def addresses(html: str) -> set[str]:
    return {url for url, _element in links_of(html)}


class TestEveryLinkKeepsThePrefix:
    @pytest.mark.parametrize("path", PAGES)
    def test_in_a_language_without_a_page_tree(self, client, site, path):
        assert not Page.objects.filter(locale__language_code="es").exists()

        html = get(client, f"/es/{path}")

        assert foreign_links(html, "es") == []
        assert f"/es/{PAGES[path]}" in addresses(html)
        assert "/es/initiatives/" in addresses(html)  # the main navigation

    def test_in_a_locale_without_pages(self, client, site):
        """Once migrations create every configured locale, Spanish has a Locale but no page."""
        Locale.objects.get_or_create(language_code="es")
        for path, target in PAGES.items():
            html = get(client, f"/es/{path}")
            assert foreign_links(html, "es") == [], path
            assert f"/es/{target}" in addresses(html), path

    @pytest.mark.parametrize("path", [*PAGES, "participants/lyon/", "participants/lyon/listens/"])
    def test_in_a_partly_translated_language(self, client, french_lyon, path):
        html = get(client, f"/fr/{path}")

        assert foreign_links(html, "fr") == []
        assert "/fr/initiatives/" in addresses(html)
        if path in PAGES:
            assert f"/fr/{PAGES[path]}" in addresses(html)

    def test_the_navigation_lists_every_section_in_the_readers_language(
        self, client, site, french_lyon
    ):
        for language in ("es", "fr"):
            html = get(client, f"/{language}/participants/lyon/")
            nav = html.split('<ul class="nav">', 1)[1].split("</nav>", 1)[0]
            for slug in ("participants", "initiatives", "map", "about"):
                assert f'href="/{language}/{slug}/"' in nav, (language, slug)

    def test_untranslated_sections_in_the_navigation_say_their_language(self, client, french_lyon):
        page = BeautifulSoup(get(client, "/fr/participants/lyon/"), "html.parser")
        links = {link["href"]: link for link in page.select("ul.nav a")}

        assert page.html["lang"] == "fr"
        assert links["/fr/initiatives/"]["lang"] == "en"  # not translated
        assert links["/fr/participants/"]["lang"] == "en"  # a fallback copy

    def test_the_home_pages_links_and_cards(self, client, site, french_lyon):
        html = get(client, "/fr/")
        hrefs = {url for url, _element in links_of(html)}

        assert {
            "/fr/map/",
            "/fr/join/",
            "/fr/about/",
            "/fr/initiatives/",
            "/fr/initiatives/?pillar=prevention",  # the four Ps, in English until translated
            "/fr/participants/strasbourg/safe-sports-clubs/",
        } <= hrefs
        assert "/fr/newsletter/" in {
            element["action"] for _url, element in links_of(html) if element["tag"] == "form"
        }

    @pytest.mark.parametrize("language", ["en", "es", "fr"])
    def test_page_links_in_rich_text(self, client, site, french_lyon, language):
        page = BeautifulSoup(get(client, f"/{language}/"), "html.parser")

        assert page.find("a", string="aims")["href"] == f"/{language}/about/"

    def test_the_english_site_keeps_english_addresses(self, client, site, french_lyon):
        html = get(client, "/en/")

        assert foreign_links(html, "en") == []
        assert 'href="/en/initiatives/"' in html

    def test_the_language_switcher_and_alternates_still_reach_english(self, client, french_lyon):
        html = get(client, "/fr/participants/lyon/")

        switcher = [url for url, element in links_of(html) if element["switcher"]]
        assert "/en/participants/lyon/" in switcher
        assert 'hreflang="en" href="http://testserver/en/participants/lyon/"' in html

    def test_the_map_asks_the_api_for_the_readers_language(self, client, site):
        html = get(client, "/es/map/")

        assert 'data-locale="es"' in html

    def test_the_maps_popups_link_in_the_readers_language(self, client, site):
        response = client.get("/api/pact/v1/map.geojson?locale=es")

        urls = [feature["properties"]["url"] for feature in response.json()["features"]]
        assert urls == ["http://testserver/es/participants/strasbourg/"]

    def test_the_page_not_found_leads_home_in_the_readers_language(self, client, site):
        response = client.get("/es/no-such-page/")

        assert response.status_code == 404
        assert "/es/" in addresses(response.content.decode())
        assert foreign_links(response.content.decode(), "es") == []

    def test_newsletter_link_pages_lead_back_in_the_subscribers_language(self, client, site):
        """The newsletter's mail links live outside the language prefix; their pages (here
        an invalid link's) are in the subscriber's language, and so are their links."""
        response = client.get("/newsletter/confirm/not-a-token/", HTTP_ACCEPT_LANGUAGE="es")

        html = response.content.decode()
        assert response.status_code == 400
        assert foreign_links(html, "es") == []
        assert "/es/newsletter/" in addresses(html)


class TestListedFallbackText:
    """Items listed in the source language because they are not translated yet say so."""

    @pytest.fixture
    def french_directory(
        self, french_lyon, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        """The directory really translated (not an alias): its text is French."""
        return translate(directory, fr_locale, {}, django_capture_on_commit_callbacks)

    def cards(self, html: str) -> dict[str, object]:
        page = BeautifulSoup(html, "html.parser")
        return {
            card.find(class_="card-title").text.strip(): card for card in page.select("li.card")
        }

    def test_source_cards_carry_their_language(self, client, french_directory):
        html = get(client, "/fr/participants/")
        cards = self.cards(html)

        assert not BeautifulSoup(html, "html.parser").main.has_attr("lang")
        assert cards["Strasbourg"]["lang"] == "en"
        assert {p["lang"] for p in cards["Strasbourg"].select(".card-meta")} == {"fr"}
        assert not cards["Lyon"].has_attr("lang")

    def test_cards_in_a_fallback_copy_say_theirs(self, client, french_lyon):
        """The French home page is an alias (English text, lang="en" on <main>): there, the
        French initiative's card is the one that says its language."""
        html = get(client, "/fr/")
        page = BeautifulSoup(html, "html.parser")
        cards = self.cards(html)

        assert page.main["lang"] == "en"
        assert not cards["Safe sports clubs"].has_attr("lang")

    def test_the_four_ps_on_a_home_page_translated_before_them(
        self, client, french_lyon, fr_pillar
    ):
        page = BeautifulSoup(get(client, "/fr/"), "html.parser")
        cards = {card.h3.text.strip(): card for card in page.select("li.pillar-card")}

        assert len(cards) == 4
        assert cards["Prévention"]["lang"] == "fr"  # in the alias's English <main>
        assert not cards["Protection"].has_attr("lang")
        assert cards["Prévention"].a["href"] == "/fr/initiatives/?pillar=prevention"

    def test_search_results_and_the_map_list(
        self, client, site, french_directory, fr_locale, django_capture_on_commit_callbacks
    ):
        translate(site["map"], fr_locale, {}, django_capture_on_commit_callbacks)
        results = BeautifulSoup(get(client, "/fr/search/?q=Strasbourg"), "html.parser")
        listed = BeautifulSoup(get(client, "/fr/map/"), "html.parser")

        assert results.select_one("li.search-result")["lang"] == "en"
        strasbourg = next(
            item for item in listed.select("li.map-list-item") if "Strasbourg" in item.text
        )
        assert strasbourg["lang"] == "en"
        assert strasbourg.select_one(".card-meta")["lang"] == "fr"


def test_queries_do_not_grow_with_the_listing(client, french_lyon, directory):
    """The French navigation, lang and addresses of each card cost the same for 3 or 13."""

    def count() -> int:
        get(client, "/fr/participants/")  # the API's read index catches up first
        with CaptureQueriesContext(connection) as queries:
            get(client, "/fr/participants/")
        return len(queries)

    few = count()
    for number in range(10):
        SignatoryPageFactory(parent=directory, title=f"Town {number}", slug=f"town-{number}")
    assert count() == few
