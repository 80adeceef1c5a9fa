"""Wagtail's stock API v2 at /api/v2/ and CORS on the APIs."""

import pytest
from wagtail.models import PageViewRestriction

from pact_pages.api import wagtail_v2
from tests.factories import InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db


def pages(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_signatory_fields(client, signatory):
    items = pages(client, type="pact_pages.SignatoryPage", fields="*")

    assert [item["title"] for item in items] == ["Strasbourg"]
    assert items[0]["official_name"] == "Ville de Strasbourg"
    assert items[0]["country"] == "FR"


def test_initiative_fields(client, initiative):
    item = pages(client, type="pact_pages.InitiativePage", fields="*")[0]

    assert item["summary"] == initiative.summary
    assert item["tags"] == ["sport"]
    assert [pillar["slug"] for pillar in item["pillars"]] == ["prevention", "participation"]
    assert item["pillars"][0]["name"] == "Prevention"


def test_initiative_ps_are_a_field_of_their_own(client, initiative):
    item = pages(client, type="pact_pages.InitiativePage", fields="pillars")[0]

    assert set(item) >= {"id", "meta", "title", "pillars"} and "summary" not in item


def test_contact_only_when_public(client, directory):
    details = {"contact_person": "Marie Curie", "contact_email": "marie@example.org"}
    SignatoryPageFactory(parent=directory, title="Open", contact_public=True, **details)
    SignatoryPageFactory(parent=directory, title="Closed", **details)

    items = {
        item["title"]: item for item in pages(client, type="pact_pages.SignatoryPage", fields="*")
    }

    assert items["Open"]["public_contact"] == {
        "person": "Marie Curie",
        "email": "marie@example.org",
    }
    assert items["Closed"]["public_contact"] is None
    for item in items.values():
        assert "contact_email" not in item and "contact_person" not in item
    content = client.get("/api/v2/pages/", {"type": "pact_pages.SignatoryPage", "fields": "*"})
    assert content.content.decode().count("marie@example.org") == 1


@pytest.mark.parametrize("by_path", [200, 0], ids=["paths", "subquery"])
def test_hidden_pages_stay_hidden(client, directory, signatory, by_path, monkeypatch):
    # Initiatives of hidden signatories are left out by the signatories' paths, or, past
    # HIDDEN_SIGNATORIES_BY_PATH of them, by a subquery: both leave out the same pages.
    monkeypatch.setattr(wagtail_v2, "HIDDEN_SIGNATORIES_BY_PATH", by_path)
    SignatoryPageFactory(parent=directory, title="Hidden draft", live=False)
    gone = SignatoryPageFactory(parent=directory, title="Hidden gone")
    InitiativePageFactory(parent=gone, title="Hidden orphan")
    gone.unpublish()
    private = SignatoryPageFactory(parent=directory, title="Hidden private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get("/api/v2/pages/", {"limit": 100})

    assert response.status_code == 200
    assert "Hidden" not in response.content.decode()


def test_images_and_documents_endpoints(client):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


@pytest.mark.parametrize("path", ["/api/pact/v1/signatories", "/api/v2/pages/"])
def test_cors_for_allowed_origins_only(client, settings, path, signatory):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.org"]

    allowed = client.get(path, headers={"origin": "https://front.example.org"})
    refused = client.get(path, headers={"origin": "https://evil.example.com"})

    assert allowed["Access-Control-Allow-Origin"] == "https://front.example.org"
    assert "Access-Control-Allow-Origin" not in refused


def test_no_cors_outside_the_apis(client, settings, home_page):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.org"]

    response = client.get("/en/", headers={"origin": "https://front.example.org"})

    assert "Access-Control-Allow-Origin" not in response
