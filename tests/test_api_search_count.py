"""The API's lists with ``q``: matches counted up to PACT_API_SEARCH_COUNT_LIMIT, then
``count_exact`` false, while ``next`` and ``next_cursor`` still walk every match once."""

import pytest

from pact_pages.search import query as search_query
from tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db
API = "/api/pact/v1"
WALNUTS = [f"Story {number}" for number in range(7)]


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0


@pytest.fixture
def walnuts(signatory):
    for title in WALNUTS:
        InitiativePageFactory(parent=signatory, title=title, summary="Walnut orchards.")
    InitiativePageFactory(parent=signatory, title="Pear", summary="Orchards.")


def api(client, path: str, **params) -> dict:
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def walk(client, first: dict, by_cursor: bool) -> list[dict]:
    """Every page from ``first`` on, following ``next`` or passing ``next_cursor``."""
    pages = [first]
    while pages[-1]["next"]:
        assert len(pages) < 10, "the pages never end"
        if by_cursor:
            url = f"{API}/initiatives"
            params = {"q": "walnut", "limit": 2, "cursor": pages[-1]["next_cursor"]}
            pages.append(client.get(url, params).json())
        else:
            pages.append(client.get(pages[-1]["next"]).json())
    return pages


@pytest.mark.parametrize("by_cursor", [False, True])
@pytest.mark.parametrize("rank_limit", [1000, 2])  # 2: "walnut" is a common word (SQLite)
def test_beyond_the_limit_count_is_a_lower_bound_and_paging_finds_every_match(
    client, settings, monkeypatch, walnuts, by_cursor, rank_limit
):
    settings.PACT_API_SEARCH_COUNT_LIMIT = 3
    monkeypatch.setattr(search_query, "RANK_LIMIT", rank_limit)

    first = api(client, "initiatives", q="walnut", limit=2)
    pages = walk(client, first, by_cursor)

    assert (first["count"], first["count_exact"]) == (3, False)
    assert all(page["count"] == 3 and page["count_exact"] is False for page in pages)
    found = [item["title"] for page in pages for item in page["results"]]
    assert sorted(found) == WALNUTS  # each match once, the pear never
    assert [len(page["results"]) for page in pages] == [2, 2, 2, 1]
    assert pages[-1]["next"] is None and pages[-1]["next_cursor"] is None


def test_offsets_past_the_limit_still_work(client, settings, walnuts):
    settings.PACT_API_SEARCH_COUNT_LIMIT = 3

    page = api(client, "initiatives", q="walnut", ordering="title", limit=2, offset=4)
    last = api(client, "initiatives", q="walnut", ordering="title", limit=2, offset=6)
    beyond = api(client, "initiatives", q="walnut", ordering="title", limit=2, offset=50)

    assert [item["title"] for item in page["results"]] == ["Story 4", "Story 5"]
    assert "offset=6" in page["next"] and "offset=2" in page["previous"]
    assert [item["title"] for item in last["results"]] == ["Story 6"] and last["next"] is None
    assert beyond["results"] == [] and beyond["next"] is None and "offset=48" in beyond["previous"]


@pytest.mark.parametrize("limit", [7, 1000])
def test_up_to_the_limit_the_count_is_exact(client, settings, walnuts, limit):
    settings.PACT_API_SEARCH_COUNT_LIMIT = limit

    data = api(client, "initiatives", q="walnut", limit=3, offset=3)

    assert (data["count"], data["count_exact"]) == (7, True)
    assert "offset=6" in data["next"] and "offset=0" in data["previous"]


def test_without_q_the_count_is_exact(client, settings, walnuts):
    settings.PACT_API_SEARCH_COUNT_LIMIT = 3

    for path, params in [("initiatives", {}), ("initiatives", {"ordering": "title"})]:
        data = api(client, path, limit=2, **params)
        assert (data["count"], data["count_exact"]) == (8, True)
    assert api(client, "signatories")["count_exact"] is True
    assert api(client, "signatories", country="FR")["count_exact"] is True


def test_signatories_are_capped_alike(client, settings, walnuts, signatory):
    settings.PACT_API_SEARCH_COUNT_LIMIT = 0

    data = api(client, "signatories", q=signatory.title)

    assert (data["count"], data["count_exact"]) == (0, False)
    assert [item["id"] for item in data["results"]] == [signatory.pk]
    assert data["next"] is None


@pytest.mark.parametrize("scan_limit", [1, 3, 6, 7, 10_000])
@pytest.mark.parametrize("limit", [2, 6, 7, 1000])
def test_the_count_is_the_same_however_many_matches_are_read_first(
    client, settings, monkeypatch, walnuts, scan_limit, limit
):
    """SQLite counts through the first SCAN_LIMIT matches, then the whole filter when they
    were not enough: the same count either way, for a list and for one the matches are not
    in (the signatories: the walnuts are initiatives)."""
    settings.PACT_API_SEARCH_COUNT_LIMIT = limit
    monkeypatch.setattr(search_query, "SCAN_LIMIT", scan_limit)

    data = api(client, "initiatives", q="walnut", limit=2)
    signatories = api(client, "signatories", q="walnut")

    assert (data["count"], data["count_exact"]) == (min(7, limit), limit >= 7)
    assert (signatories["count"], signatories["count_exact"]) == (0, True)
    assert signatories["results"] == []
