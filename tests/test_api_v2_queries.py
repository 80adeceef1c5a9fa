"""Wagtail API v2 (/api/v2/pages/) answers in a number of queries that does not grow with the
number of pages listed: each item's locale, picture or logo, Ps and tags come with the list."""

from collections.abc import Callable

import pytest

from tests.factories import ImageFactory, InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

LISTINGS = {
    "every type": {},
    "initiatives, all fields": {"type": "pact_pages.InitiativePage", "fields": "*"},
    "signatories, all fields": {"type": "pact_pages.SignatoryPage", "fields": "*"},
    "initiatives, benchmark": {
        "type": "pact_pages.InitiativePage",
        "locale": "en",
        "order": "-first_published_at",
        "fields": "summary,status,start_date,end_date,pillars,tags,featured_image",
    },
}
# Site, root paths, view restrictions, hidden signatories, count, rows, the prefetches: 15 to 18
# for a list (Wagtail alone made 5 more a page), 14 to 16 for a page, SQLite and PostgreSQL.
LIST_QUERIES = 18
DETAIL_QUERIES = 16


@pytest.fixture
def grow(directory) -> Callable[[int], None]:
    """Adds signatories, each with one initiative, until there are ``count`` of each."""
    image = ImageFactory()
    made: list[int] = []

    def grow_to(count: int) -> None:
        while len(made) < count:
            number = len(made)
            signatory = SignatoryPageFactory(
                parent=directory,
                title=f"City {number}",
                logo=image,
                contact_public=number % 2 == 0,
                contact_person="Marie Curie",
                contact_email=f"marie{number}@example.org",
            )
            InitiativePageFactory(
                parent=signatory,
                title=f"Initiative {number}",
                pillars=("participation", "prevention"),
                tags=[f"topic {number}", "Sport", "ball"],
                featured_image=image,
            )
            made.append(signatory.pk)

    return grow_to


@pytest.mark.parametrize("params", LISTINGS.values(), ids=LISTINGS.keys())
def test_listing_queries_do_not_grow_with_the_limit(
    client, grow, params, django_assert_max_num_queries
):
    counts = []
    for size in (10, 50):
        grow(size)
        # The first request of a test also reads the sites' root paths into the cache.
        with django_assert_max_num_queries(LIST_QUERIES):
            client.get("/api/v2/pages/", {**params, "limit": size})
        with django_assert_max_num_queries(LIST_QUERIES) as queries:
            response = client.get("/api/v2/pages/", {**params, "limit": size})

        assert response.status_code == 200, response.content
        assert len(response.json()["items"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_prefetched_fields_read_as_before(client, grow):
    grow(10)

    items = client.get(
        "/api/v2/pages/", {"type": "pact_pages.InitiativePage", "fields": "*", "limit": 10}
    ).json()["items"]
    signatories = client.get(
        "/api/v2/pages/", {"type": "pact_pages.SignatoryPage", "fields": "*", "limit": 10}
    ).json()["items"]

    first = next(item for item in items if item["title"] == "Initiative 0")
    # Wagtail's order: by name in the database (upper case first in its binary order).
    assert first["tags"] == ["Sport", "ball", "topic 0"]
    assert [pillar["slug"] for pillar in first["pillars"]] == ["participation", "prevention"]
    assert first["featured_image"]["title"] == signatories[0]["logo"]["title"]
    assert {item["meta"]["locale"] for item in items + signatories} == {"en"}
    contacts = {item["title"]: item["public_contact"] for item in signatories}
    assert contacts["City 0"] == {"person": "Marie Curie", "email": "marie0@example.org"}
    assert contacts["City 1"] is None


@pytest.mark.parametrize("title", ["City 0", "Initiative 0"])
def test_detail_queries_are_bounded(client, grow, title, django_assert_max_num_queries):
    grow(3)
    listed = client.get("/api/v2/pages/", {"title": title}).json()["items"][0]

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(f"/api/v2/pages/{listed['id']}/")

    assert response.status_code == 200
    assert response.json()["title"] == title
