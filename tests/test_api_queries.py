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

# N per endpoint, measured on SQLite and PostgreSQL and identical for 10 and 100 items. About
# half is per-request overhead shared by every endpoint: the locales (all, and the default one,
# which Wagtail looks up a few times), the view restrictions that ``.public()`` reads, the site.
# The rest: count, page, logos and their renditions, translations (one query for the whole
# page); initiatives add their Ps, tags, pictures, signatories and the Ps in the locale.
QUERIES = {
    "signatories?limit=100": 14,
    "signatories?limit=100&locale=fr&pillar=prevention&q=Town": 15,
    "initiatives?limit=100": 17,
    "initiatives?limit=100&locale=fr&tag=schools&country=FR&q=Initiative": 17,
    "map.geojson": 7,
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
