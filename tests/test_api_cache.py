"""HTTP caching of the API: headers, 304 revalidation, and invalidation when content changes."""

import pytest
from wagtail.models import PageViewRestriction

from pact_pages.models import Pillar
from tests.factories import InitiativePageFactory, SignatoryPageFactory, publish

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["results"]]


def test_cache_headers(client, signatory):
    response = client.get(f"{API}/signatories")

    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert response["X-Cache"] == "miss"
    assert client.get(f"{API}/signatories")["X-Cache"] == "hit"


def test_revalidation_gives_304(client, signatory):
    first = client.get(f"{API}/signatories")

    again = client.get(f"{API}/signatories", headers={"if-none-match": first["ETag"]})
    since = client.get(f"{API}/signatories", headers={"if-modified-since": first["Last-Modified"]})
    other = client.get(f"{API}/signatories", headers={"if-none-match": '"something-else"'})

    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"] and "max-age=60" in again["Cache-Control"]
    assert since.status_code == 304
    assert other.status_code == 200


def test_each_url_is_cached_separately(client, directory):
    SignatoryPageFactory(parent=directory, title="Lyon", country="FR")
    SignatoryPageFactory(parent=directory, title="Berlin", country="DE")

    assert titles(client.get(f"{API}/signatories?country=FR")) == ["Lyon"]
    assert titles(client.get(f"{API}/signatories?country=DE")) == ["Berlin"]
    assert client.get(f"{API}/signatories?country=DE")["X-Cache"] == "hit"


def test_errors_are_not_cached(client, signatory):
    assert client.get(f"{API}/signatories?limit=0").status_code == 400
    assert "X-Cache" not in client.get(f"{API}/signatories?limit=0")


def test_publishing_invalidates(client, directory, signatory):
    first = client.get(f"{API}/signatories")
    draft = SignatoryPageFactory(parent=directory, title="Lyon", live=False)
    assert titles(client.get(f"{API}/signatories")) == ["Strasbourg"]  # a draft: no change

    publish(draft)

    response = client.get(f"{API}/signatories", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"
    assert titles(response) == ["Lyon", "Strasbourg"]


def test_unpublishing_invalidates(client, signatory, initiative):
    assert client.get(f"{API}/initiatives").json()["count"] == 1

    signatory.unpublish()

    assert client.get(f"{API}/initiatives").json()["count"] == 0
    assert client.get(f"{API}/signatories").json()["count"] == 0


def test_moving_and_deleting_invalidate(client, directory, signatory, initiative):
    other = SignatoryPageFactory(parent=directory, title="Lyon", country="DE")
    assert client.get(f"{API}/initiatives?country=DE").json()["count"] == 0

    initiative.move(other, pos="last-child")
    assert client.get(f"{API}/initiatives?country=DE").json()["count"] == 1

    initiative.refresh_from_db()
    initiative.delete()
    assert client.get(f"{API}/initiatives?country=DE").json()["count"] == 0


def test_view_restriction_invalidates(client, signatory):
    assert client.get(f"{API}/signatories").json()["count"] == 1

    PageViewRestriction.objects.create(
        page=signatory, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert client.get(f"{API}/signatories").json()["count"] == 0


def test_saving_a_pillar_invalidates(client, signatory):
    assert client.get(f"{API}/pillars").json()[0]["name"] == "Prevention"

    pillar = Pillar.objects.get(slug="prevention", locale__language_code="en")
    pillar.name = "Prevent"
    pillar.save()

    assert client.get(f"{API}/pillars").json()[0]["name"] == "Prevent"


def test_new_initiative_published_shows_in_counts(client, signatory):
    assert client.get(f"{API}/stats").json()["initiatives"] == 0

    page = InitiativePageFactory(parent=signatory, live=False)
    publish(page)

    assert client.get(f"{API}/stats").json()["initiatives"] == 1


def test_hits_are_answered_before_sessions_and_keep_cors(client, settings, signatory):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.org"]
    origin = {"origin": "https://front.example.org"}
    client.get(f"{API}/signatories", headers=origin)

    hit = client.get(f"{API}/signatories", headers=origin)

    assert hit["X-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == "https://front.example.org"
    assert "Cookie" not in hit.get("Vary", "") and not hit.cookies
    assert "max-age=60" in hit["Cache-Control"]


def test_hits_answer_revalidation_with_304(client, signatory):
    etag = client.get(f"{API}/signatories")["ETag"]

    again = client.get(f"{API}/signatories", headers={"if-none-match": etag})

    assert again.status_code == 304 and again.content == b""


def test_searches_meet_the_throttle_before_the_cache(client, settings, signatory):
    settings.PACT_SEARCH_RATE_LIMIT = (2, 60)
    statuses = [client.get(f"{API}/signatories", {"q": "Strasbourg"}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
