"""Headless preview: editors get a token for a draft; the API shows that revision to it only."""

import pytest
from django.core import signing

from pact_pages.api import headless_preview
from tests.factories import InitiativePageFactory

API = "/api/pact/v1"


@pytest.fixture
def draft(initiative):
    initiative.title = "Draft title"
    initiative.summary = "Words not published yet"
    revision = initiative.save_revision()
    return initiative, revision


def preview(client, token, expect=200):
    response = client.get(f"{API}/preview", {"token": token})
    assert response.status_code == expect, response.content
    return response


def test_token_shows_the_draft_never_cached(client, draft):
    page, revision = draft
    response = preview(client, headless_preview.make_token(page, revision.pk))

    data = response.json()
    assert data["title"] == "Draft title" and data["summary"] == "Words not published yet"
    assert data["id"] == page.pk and "body" in data
    assert response["Cache-Control"] == "private, no-store"
    # The public API still shows the published words.
    assert "Draft title" not in client.get(f"{API}/initiatives").content.decode()
    assert "Draft title" not in client.get(f"{API}/initiatives/{page.pk}").content.decode()


def test_a_never_published_page(client, signatory):
    page = InitiativePageFactory(parent=signatory, title="Secret plan", live=False)
    revision = page.save_revision()

    data = preview(client, headless_preview.make_token(page, revision.pk)).json()
    assert data["title"] == "Secret plan"


@pytest.mark.parametrize("token", ["nonsense", "a" * 300])
def test_bad_tokens(client, token):
    response = preview(client, token, expect=400)

    assert response.json()["errors"][0]["parameter"] == "token"


def test_tampered_token(client, draft):
    page, revision = draft
    token = headless_preview.make_token(page, revision.pk)

    preview(client, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), expect=400)


def test_expired_token(client, draft, settings):
    page, revision = draft
    token = headless_preview.make_token(page, revision.pk)
    settings.PACT_HEADLESS_PREVIEW_MAX_AGE = -1

    assert "expired" in preview(client, token, expect=400).json()["errors"][0]["message"]


def test_token_of_another_site_or_salt(client, draft):
    page, revision = draft
    forged = signing.dumps({"page": page.pk, "revision": revision.pk}, salt="other")

    preview(client, forged, expect=400)


def test_deleted_page_is_404(client, draft):
    page, revision = draft
    token = headless_preview.make_token(page, revision.pk)
    page.delete()

    preview(client, token, expect=404)


def test_admin_link_for_editors_only(client, django_user_model, draft, settings):
    page, _revision = draft
    url = f"/admin/pact/headless-preview/{page.pk}/"
    nobody = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get(url).status_code in (302, 403)
    assert "token=" not in client.get(url).get("Location", "")

    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(f"{API}/preview?token=")
    assert client.get(response["Location"]).json()["title"] == "Draft title"

    settings.PACT_HEADLESS_PREVIEW_URL = "https://front.example.org/preview?token={token}"
    assert client.get(url)["Location"].startswith("https://front.example.org/preview?token=")
