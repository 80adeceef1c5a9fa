"""hreflang of an initiative's version for children (issue 19): a translation that has no
version for children (published before it was written) is named by its standard address,
which is its canonical one, never by a ``?version=children`` address that is not."""

import pytest

from pact_pages.models import InitiativePage
from tests.test_children_version import EASY, kids, soup  # noqa: F401  (fixture)
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


def alternates(client, url: str) -> dict[str, str]:
    page = soup(client.get(url).content.decode())
    return {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}


def canonical(client, url: str) -> str:
    page = soup(client.get(url.replace("http://testserver", "")).content.decode())
    return page.select_one('link[rel="canonical"]')["href"]


def test_each_alternate_is_a_canonical_address(
    client,
    kids,  # noqa: F811
    fr_locale,
    django_capture_on_commit_callbacks,
):
    french = translate(kids, fr_locale, {EASY: "Texte"}, django_capture_on_commit_callbacks)
    links = alternates(client, f"{kids.url}?version=children")
    assert links["fr"].endswith("?version=children")
    assert canonical(client, links["fr"]) == links["fr"]

    InitiativePage.objects.filter(pk=french.pk).update(children_summary="")
    links = alternates(client, f"{kids.url}?version=children")
    assert not links["fr"].endswith("?version=children")
    assert canonical(client, links["fr"]) == links["fr"]
    assert links["en"].endswith("?version=children")
