"""Headings never skip a level (the Nu HTML checker's rule, WCAG 1.3.1): the listings' cards
(h3) come under the number of results (h2), not straight under the page's h1."""

import re

import pytest
from django.test import Client

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
