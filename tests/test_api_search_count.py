"""The API's lists with ``q``: matches counted up to PACT_API_SEARCH_COUNT_LIMIT, then
``count_exact`` false, while ``next`` and ``next_cursor`` still walk every match once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def walk(client, first: dict, by_cursor: bool, **filters) -> list[dict]:
    """Every page from ``first`` on, following ``next`` or passing ``next_cursor`` (with the
    list's ``filters``)."""
    pages = [first]
    while pages[-1]["next"]:
        assert len(pages) < 10, "the pages never end"
        if by_cursor:
            url = f"{API}/initiatives"
            params = {"q": "walnut", "limit": 2, "cursor": pages[-1]["next_cursor"], **filters}
            pages.append(client.get(url, params).json())
        else:
            pages.append(client.get(pages[-1]["next"]).json())
    return pages


@pytest.mark.parametrize("by_cursor", [False, True])
@pytest.mark.parametrize("dense", [1.0, 0.25])  # 0.25: "walnut" is a common word (SQLite)
def test_beyond_the_limit_count_is_a_lower_bound_and_paging_finds_every_match(
    client, settings, monkeypatch, walnuts, by_cursor, dense
):
    settings.PACT_API_SEARCH_COUNT_LIMIT = 3
    monkeypatch.setattr(search_query, "DENSE", dense)

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


@pytest.mark.parametrize("scan_limit", [1, 7, 10_000])
@pytest.mark.parametrize("limit", [2, 7, 1000])
def test_a_search_with_another_filter_counts_the_filtered_list(
    client, settings, monkeypatch, walnuts, scan_limit, limit
):
    """``q`` alone is counted on the search index; with another filter the list itself is
    counted: the same figures where the filter keeps every match, none where it keeps none."""
    settings.PACT_API_SEARCH_COUNT_LIMIT = limit
    monkeypatch.setattr(search_query, "SCAN_LIMIT", scan_limit)

    alone = api(client, "initiatives", q="walnut", limit=2)
    here = api(client, "initiatives", q="walnut", country="FR", limit=2)
    elsewhere = api(client, "initiatives", q="walnut", country="DE", limit=2)

    expected = (min(7, limit), limit >= 7)
    assert (alone["count"], alone["count_exact"]) == expected
    assert (here["count"], here["count_exact"]) == expected
    assert [item["id"] for item in here["results"]] == [item["id"] for item in alone["results"]]
    assert (elsewhere["count"], elsewhere["count_exact"], elsewhere["results"]) == (0, True, [])


def test_a_word_of_the_kind_column_finds_nothing(client, walnuts):
    """SQLite keeps each row's kind ("s", "i") in its full-text table: the reader's words are
    never looked for there, so "i" finds no initiative by its kind."""
    for path in ("initiatives", "signatories"):
        assert api(client, path, q="i")["results"] == []
        assert api(client, path, q="s")["results"] == []
    assert "Walnut" not in client.get("/en/search/", {"q": "i"}).content.decode()


# The three ways SQLite reads a searched list newest first (Match.api_filter), each forced by
# its thresholds: the matches lead; the list's index leads, each row looked up in the
# matches gathered once; the list's index leads, FTS5 asked about each row.
PLANS = {
    "matches lead": {"DENSE": 2.0, "GATHERED_WALK": 10**9},
    "gathered walk": {"DENSE": 2.0, "GATHERED_WALK": 1},
    "asked each row": {"DENSE": 0.0, "GATHERED_WALK": 1},
}
LEADS, GATHERED, ASKED = "(page_id IN (SELECT rowid", "(+page_id IN", "EXISTS (SELECT 1"


@pytest.mark.parametrize("by_cursor", [False, True])
@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize(
    "filters",
    [{}, {"ordering": "oldest"}, {"pillar": "prevention"}, {"country": "FR"}, {"locale": "fr"}],
    ids=["alone", "oldest", "pillar", "country", "french reader"],
)
def test_every_reading_plan_lists_the_same_pages(
    client, settings, monkeypatch, walnuts, plan, filters, by_cursor
):
    """Whatever the thresholds choose, a searched list pages through the same matches in the
    same order, and the plan asked for is the one SQLite was given."""
    settings.PACT_API_SEARCH_COUNT_LIMIT = 3
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(search_query, name, value)

    with CaptureQueriesContext(connection) as queries:
        first = api(client, "initiatives", q="walnut", limit=2, **filters)
    # Read now: the next request empties the connection's log.
    sql = [query["sql"] for query in queries.captured_queries]
    pages = walk(client, first, by_cursor, **filters)

    found = [item["title"] for page in pages for item in page["results"]]
    newest_first = list(reversed(WALNUTS))
    assert found == (WALNUTS if filters.get("ordering") == "oldest" else newest_first)
    if connection.vendor == "sqlite" and "locale" not in filters:
        # Rows are asked about one by one only when the words alone filter the list.
        alone = set(filters) <= {"ordering"}
        expected = {"matches lead": LEADS, "gathered walk": GATHERED}.get(plan)
        expected = expected or (ASKED if alone else GATHERED)
        assert any(expected in statement for statement in sql)
