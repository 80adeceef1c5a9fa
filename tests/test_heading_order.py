"""Headings never skip a level (the Nu HTML checker's rule, axe's heading-order, WCAG 1.3.1):
the listings' cards (h3) come under the number of results (h2), not straight under the page's
h1; every page type, with its header and footer, has one h1 and no jump."""

import re

import pytest
from django.test import Client

from home.models import StandardPage
from tests.conftest import _published_under
from tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"<h([1-6])\b")


def skipped_levels(html: str) -> list[tuple[int, int]]:
    levels = [int(level) for level in HEADING.findall(html)]
    return [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_directory_and_the_library(directory, library, signatory, language):
    InitiativePageFactory(parent=signatory, title="Safe clubs")
    for page in (directory, library):
        url = page.url.replace("/en/", f"/{language}/", 1)
        html = Client().get(url).content.decode()
        assert "card-title" in html
        assert skipped_levels(html) == [], url


@pytest.fixture
def every_page_type(
    home_page, directory, library, signatory, initiative, join_page, newsletter_page
) -> dict[str, str]:
    from tests.test_map import MapPageFactory

    InitiativePageFactory(parent=signatory, title="Court hearings", pillars=("prosecution",))
    for page in (directory, library, join_page):
        page.show_in_menus = True
        page.save_revision().publish()
    about = _published_under(home_page, StandardPage(title="About", slug="about"))
    return {
        "home": home_page.url,
        "directory": directory.url,
        "signatory": signatory.url,
        "initiative": initiative.url,
        "library": library.url,
        "P page": f"{library.url}?pillar=prevention",
        "map": MapPageFactory(parent=home_page).url,
        "search": "/en/search/?q=Strasbourg",
        "join": join_page.url,
        "newsletter": newsletter_page.url,
        "404": "/en/no-such-page/",
        "standard page": about.url,
    }


def test_every_page_type(every_page_type):
    client = Client()
    for name, url in every_page_type.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), name
        html = response.content.decode()
        assert len(re.findall(r"<h1\b", html)) == 1, name
        assert skipped_levels(html) == [], name
