"""Each API list endpoint costs a fixed number of SQL queries, for 10 items as for 100.

The same content is built at two sizes and every endpoint is checked against the same bound.
Pictures get their renditions on a first, unmeasured request (as on a live site); the response
cache is off so that the second request, the one counted, is computed.
"""

import pytest

from tests.factories import ImageFactory, InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"
PILLARS = ("prevention", "protection", "prosecution", "participation")
COUNTRIES = ("FR", "DE", "IT", "ES", "PL")

# N per endpoint, measured on SQLite and PostgreSQL and identical for 10 and 100 items. The
# lists answer from the read index (pact_pages/api/index.py): the locales,
# the stored total (a count when filtered), the rows (filters and search are subqueries) and the Ps
# for their names; whatever the filters. The other endpoints query the pages: the view
# restrictions that ``.public()`` reads, counts, the Ps in the locale.
QUERIES = {
    "signatories?limit=100": 4,
    "signatories?limit=100&locale=fr&pillar=prevention&q=Town": 5,
    "initiatives?limit=100": 4,
    "initiatives?limit=100&locale=fr&tag=schools&country=FR&q=Initiative": 5,
    "map.geojson": 2,
    "pillars": 10,
    "countries": 8,
    "tags": 5,
    "stats": 6,
}


@pytest.fixture(autouse=True)
def _setup(settings, quiet_saves):
    settings.PACT_API_CACHE_TIMEOUT = 0
    # The search index is needed by the "q" cases.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}


def build(directory, count: int) -> None:
    pictures = [ImageFactory() for _ in range(5)]
    signatories = [
        SignatoryPageFactory(
            parent=directory,
            country=COUNTRIES[number % len(COUNTRIES)],
            logo=pictures[number % len(pictures)],
            commitment_prevention="Train every coach.",
        )
        for number in range(count)
    ]
    for number in range(count):
        InitiativePageFactory(
            parent=signatories[number],
            pillars=(PILLARS[number % 4], PILLARS[(number + 1) % 4]),
            tags=[f"topic-{number}", "schools"],
            featured_image=pictures[number % len(pictures)],
        )


@pytest.mark.parametrize("size", [10, 100])
def test_constant_queries(client, directory, fr_locale, size, django_assert_max_num_queries):
    build(directory, size)

    for path, bound in QUERIES.items():
        assert client.get(f"{API}/{path}").status_code == 200  # renditions made here
        with django_assert_max_num_queries(bound):
            response = client.get(f"{API}/{path}")
        assert response.status_code == 200
        if path.endswith("limit=100"):
            assert len(response.json()["results"]) == size, path
