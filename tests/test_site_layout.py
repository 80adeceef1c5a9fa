"""The site's frame around every page: the header's navigation (same order in every
language, "Join the Pact" apart as the call to action), the footer, and the 404 page, which
Django renders without a Wagtail page but must still let the reader find their way."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Locale

from home.models import StandardPage
from tests.conftest import _published_under
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


def soup(client: Client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def menu_slugs(page: BeautifulSoup) -> list[str]:
    """The header's main navigation, as the last segment of each address."""
    nav = page.select_one("header nav.main-nav")
    return [link["href"].rstrip("/").rsplit("/", 1)[-1] for link in nav.select("ul.nav a")]


@pytest.fixture
def sections(home_page, directory, library, join_page):
    """Four sections in the menu; the join page among them, before the standard page."""
    for page in (directory, library, join_page):
        page.show_in_menus = True
        page.save_revision().publish()
    about = _published_under(
        home_page, StandardPage(title="About the campaign", slug="about", show_in_menus=True)
    )
    return {"directory": directory, "library": library, "join": join_page, "about": about}


@pytest.fixture
def translated_in_another_order(sections, home_page, django_capture_on_commit_callbacks):
    """French and German trees whose pages were translated in another order than the English
    tree's (join first, as the demo does): their own tree order differs from the source's."""
    for code in ("fr", "de"):
        locale = Locale.objects.get_or_create(language_code=code)[0]
        translate(home_page, locale, {}, django_capture_on_commit_callbacks)
        for name in ("join", "about", "library", "directory"):
            translate(sections[name], locale, {}, django_capture_on_commit_callbacks)
    return sections


def test_the_navigation_has_the_same_order_in_every_language(client, translated_in_another_order):
    orders = {code: menu_slugs(soup(client, f"/{code}/")) for code in ("en", "fr", "de")}

    assert orders["en"] == ["participants", "initiatives", "about"]
    assert orders["fr"] == orders["en"]
    assert orders["de"] == orders["en"]


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_join_the_pact_is_the_call_to_action_not_a_menu_item(
    client, translated_in_another_order, language
):
    page = soup(client, f"/{language}/")
    cta = page.select_one("header a.header-cta")

    assert cta["href"] == f"/{language}/join/"
    assert "join" not in menu_slugs(page)


def test_the_phone_menu_is_a_disclosure_that_works_without_script(client, sections):
    page = soup(client, "/en/")
    menu = page.select_one("header details.site-menu")

    assert menu.select_one(":scope > summary").get_text(strip=True) == "Menu"
    # Everything the header offers is inside it: the navigation, the search, the languages.
    assert menu.select_one("nav.main-nav ul.nav")
    assert menu.select_one("form.header-search input[type=search]")
    assert menu.select_one("nav.language-switcher a[hreflang=fr]")


def test_the_logo_is_a_drawn_circle(client, sections):
    mark = soup(client, "/en/").select_one("a.brand svg.brand-mark")

    assert mark["viewbox"] == "0 0 64 64" and mark["aria-hidden"] == "true"
    assert mark.find("circle")["r"] == "32"


def test_the_footer_links_the_sections_the_pact_and_the_privacy_notice(client, sections, home_page):
    privacy = _published_under(home_page, StandardPage(title="Privacy notice", slug="privacy"))
    join = sections["join"]
    join.privacy_page = privacy
    join.pact_page = sections["about"]  # in the menu already: listed once
    join.save_revision().publish()

    footer = soup(client, "/en/participants/").select_one("footer.site-footer")
    hrefs = [link["href"] for link in footer.select(".footer-links a")]

    assert hrefs == [
        "/en/participants/",
        "/en/initiatives/",
        "/en/about/",
        "/en/join/",
        "/en/privacy/",
    ]
    assert footer.select_one(".footer-languages a[hreflang=fr]")
    assert "Council of Europe" in footer.get_text()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_404_page_has_the_readers_navigation(client, translated_in_another_order, language):
    page = soup(client, f"/{language}/no-such-page/", status=404)

    assert page.h1.get_text(strip=True)
    assert menu_slugs(page) == ["participants", "initiatives", "about"]
    assert {link["href"] for link in page.select("header ul.nav a")} == {
        f"/{language}/participants/",
        f"/{language}/initiatives/",
        f"/{language}/about/",
    }
    assert page.select_one("header a.header-cta")["href"] == f"/{language}/join/"
    assert page.select_one("footer .footer-links a")
    assert page.select_one("main a.button")["href"] == f"/{language}/"


def test_a_translated_footer_links_the_translated_pact_and_privacy_notice(
    client, sections, home_page, django_capture_on_commit_callbacks
):
    """The French join page still points to the English pages (wagtail-localize keeps the
    chosen pages): the French footer names their French versions, once each."""
    privacy = _published_under(home_page, StandardPage(title="Privacy notice", slug="privacy"))
    join = sections["join"]
    join.privacy_page = privacy
    join.pact_page = sections["about"]
    join.save_revision().publish()
    french = Locale.objects.get_or_create(language_code="fr")[0]
    capture = django_capture_on_commit_callbacks
    translate(home_page, french, {}, capture)
    for page, title in [(privacy, "Confidentialité"), (sections["about"], "À propos")]:
        translate(page, french, {page.title: title}, capture)
    translate(join, french, {}, capture)

    footer = soup(client, "/fr/").select_one("footer.site-footer")
    links = [(a.get_text(strip=True), a["href"]) for a in footer.select(".footer-links a")]

    assert ("Confidentialité", "/fr/privacy/") in links
    assert not any(text in ("Privacy notice", "About the campaign") for text, _ in links)
    assert [href for _, href in links].count("/fr/about/") == 1
