"""The layout's cache (pact_pages.core.layout_cache) never shows a stale menu, language link,
locale or P: each change a page can show makes it stale at once, page cache or not."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from home.models import StandardPage
from pact_pages.models import Pillar
from tests.conftest import _published_under
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_page_cache(settings):
    """The layout's cache must follow changes on its own, not through the page cache's."""
    settings.PACT_PAGE_CACHE = None


def menu(client, url: str) -> list[str]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select("nav.main-nav a")]


def switcher(client, url: str) -> dict[str, str]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}


def test_a_new_section_shows_in_the_menu_at_once(client, home_page, directory):
    assert "About us" not in menu(client, directory.url)

    _published_under(home_page, StandardPage(title="About us", slug="about", show_in_menus=True))

    assert "About us" in menu(client, directory.url)


def test_a_retitled_section_and_an_unpublished_one(client, home_page, directory):
    about = _published_under(
        home_page, StandardPage(title="About us", slug="about", show_in_menus=True)
    )
    assert "About us" in menu(client, directory.url)

    about.title = "Who we are"
    about.save_revision().publish()
    assert "Who we are" in menu(client, "/en/")
    assert "About us" not in menu(client, "/en/")

    about.unpublish()
    assert "Who we are" not in menu(client, directory.url)


def test_a_translation_shows_in_the_language_links_at_once(
    client, home_page, directory, fr_locale, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert "fr" not in switcher(client, directory.url)  # only translations are alternates

    translate(home_page, fr_locale, {}, capture)
    french = translate(directory, fr_locale, {directory.slug: "signataires"}, capture)

    assert switcher(client, directory.url)["fr"].endswith("/fr/signataires/")

    french.slug = "participants-fr"
    french.save_revision().publish()
    assert switcher(client, directory.url)["fr"].endswith("/fr/participants-fr/")


def test_a_new_locale_and_a_renamed_pillar(client, directory, signatory):
    from pact_pages.core.layout_cache import locales

    known = {locale.language_code for locale in locales().values()}
    assert "pl" in known  # the migrations made every language's locale
    Locale.objects.get(language_code="pl").delete()
    assert {locale.language_code for locale in locales().values()} == known - {"pl"}
    Locale.objects.create(language_code="pl")
    assert {locale.language_code for locale in locales().values()} == known

    prevention = Pillar.objects.get(slug="prevention", locale__language_code="en")
    signatory.commitment_prevention = "Train every coach."
    signatory.save_revision().publish()
    assert prevention.name in client.get(signatory.url).content.decode()
    prevention.name = "Prevent it"
    prevention.save()
    assert "Prevent it" in client.get(signatory.url).content.decode()
