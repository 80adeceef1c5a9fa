"""The public forms' error states, as a screen-reader or keyboard user meets them.

After a failed submit the error summary (focused on load) lists "Label: message" lines that
link to their fields; each field in error says so (aria-invalid) and points to its message
(aria-describedby). No select offers Django's "---------".
"""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from pact_pages.models import MapPage
from pact_pages.onboarding.forms import JoinForm
from pact_pages.templatetags.pact_forms import summary_label
from tests.factories import BasePageFactory
from tests.test_onboarding import JOIN_DATA

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    """Attributes of every element by id, and the summary's links and lines."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str]] = {}
        self.described: list[dict[str, str]] = []
        self.summary: dict[str, str] | None = None
        self.links: list[str] = []
        self.lines: list[str] = []
        self._in_summary_link = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.by_id[attributes["id"]] = {"tag": tag, **attributes}
        if "aria-describedby" in attributes:
            self.described.append({"tag": tag, **attributes})
        if "error-summary" in attributes.get("class", "").split():
            self.summary = attributes
        if self.summary is not None and tag == "a" and not self.lines_closed:
            self.links.append(attributes["href"])
            self.lines.append("")
            self._in_summary_link = True

    lines_closed = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_summary_link = False
        if tag == "ul" and self.summary is not None:
            self.lines_closed = True

    def handle_data(self, data: str) -> None:
        if self._in_summary_link:
            self.lines[-1] += data


def _parse(response) -> _Elements:
    parsed = _Elements()
    parsed.feed(response.content.decode())
    return parsed


def _assert_described_fields(page: _Elements, invalid: set[str], valid: set[str]) -> None:
    for field_id in invalid:
        field = page.by_id[field_id]
        assert field.get("aria-invalid") == "true", field_id
        described = field["aria-describedby"].split()
        assert f"{field_id}_error" in described
        # Every id the field points to is on the page (no dangling reference).
        assert all(ref in page.by_id for ref in described), described
    for field_id in valid:
        assert "aria-invalid" not in page.by_id[field_id], field_id


def _assert_summary(page: _Elements, targets: set[str]) -> None:
    assert page.summary is not None
    assert page.summary["tabindex"] == "-1" and "autofocus" in page.summary
    assert page.by_id[page.summary["aria-labelledby"]]["tag"] == "h2"
    assert {href.removeprefix("#") for href in page.links} == targets
    assert all(href.removeprefix("#") in page.by_id for href in page.links)
    for line in page.lines:
        assert re.search(r"[.!?…。]:", line) is None, line
        label, _, message = line.partition(": ")
        assert label and message, line


def test_a_failed_join_marks_each_bad_field_and_sums_them_up(client, join_page):
    data = {**JOIN_DATA, "email": "not-an-address", "country": "", "accepted_pact": ""}

    page = _parse(client.post(join_page.url, data))

    bad = {"id_email", "id_country", "id_accepted_pact"}
    _assert_described_fields(page, invalid=bad, valid={"id_name", "id_place", "id_role"})
    _assert_summary(page, targets=bad)
    assert "Country: Choose a country." in page.lines
    assert (
        "I have read the Pact and commit to it on behalf of the signatory: "
        "Please accept the Pact to sign it."
    ) in page.lines


def test_a_failed_newsletter_subscription_marks_each_bad_field(client, newsletter_page):
    data = {"email": "nobody", "language": "en", "pillars": ["nonsense"]}

    page = _parse(client.post(newsletter_page.url, data))

    _assert_described_fields(page, invalid={"id_email", "id_consent"}, valid={"id_language"})
    # The Ps are a group of boxes: the fieldset points to the message, the link to the 1st box.
    group = next(e for e in page.described if "id_pillars_error" in e["aria-describedby"])
    assert group["tag"] == "fieldset"
    assert group["aria-describedby"] == "id_pillars_helptext id_pillars_error"
    assert {"id_pillars_helptext", "id_pillars_error"} <= page.by_id.keys()
    _assert_summary(page, targets={"id_email", "id_pillars_0", "id_consent"})


def test_a_form_without_errors_has_no_summary_and_no_invalid_field(client, join_page):
    html = client.get(join_page.url).content.decode()

    assert "error-summary" not in html and "aria-invalid" not in html
    assert "Choose a country…" in html and "Choose a type of signatory…" in html


class _MapPageFactory(BasePageFactory):
    class Meta:
        model = MapPage


def test_no_select_on_a_public_page_offers_dashes(
    client, home_page, join_page, newsletter_page, directory, library
):
    map_page = _MapPageFactory(parent=home_page, title="Map", slug="map")
    pages = [home_page, join_page, newsletter_page, directory, library, map_page]
    urls = [page.url for page in pages] + ["/en/search/?q=town"]
    urls.append(join_page.url)  # and after a failed submit
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "---------" not in response.content.decode(), url
    failed = client.post(join_page.url, {"name": "x"}).content.decode()
    assert "---------" not in failed


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("I have read the Pact and commit to it.", "I have read the Pact and commit to it"),
        ("Country", "Country"),
        ("Pays :", "Pays"),
        ("Etc…", "Etc"),
        ("同意する。", "同意する"),
        ("The “town”", "The “town”"),
        ("...", "..."),
    ],
)
def test_a_summary_label_loses_its_closing_punctuation(label, expected):
    assert summary_label(label) == expected


def test_a_french_summary_line_follows_french_typography(db):
    """French puts a (non-breaking) space before the colon: « Pays : Choisissez un pays. »"""
    with translation.override("fr"):
        form = JoinForm(data={**JOIN_DATA, "country": ""})
        html = render_to_string("pact_pages/includes/error_summary.html", {"form": form})

    assert "Pays\u00a0: Choisissez un pays." in html, html
