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


# The detail endpoints read the pages, not the read index: the locales, the view restrictions
# (once for the listing, once for the pages a reader may see), the page, its Ps, its tags with
# their links (one query), its picture with the list's rendition and one for the detail's
# other size, its parent signatory, its translations, the site, its first publication; with a
# locale, the default locale (``prefer_locale``). Whatever the number of pages.
DETAIL_QUERIES = {
    "signatories/{signatory}": 10,
    "signatories/{signatory}?locale=fr": 11,
    "initiatives/{initiative}": 13,
    "initiatives/{initiative}?locale=fr": 14,
}


@pytest.mark.parametrize("size", [10, 100])
def test_detail_queries(client, directory, fr_locale, size, django_assert_max_num_queries):
    build(directory, size)
    initiative = InitiativePageFactory._meta.model.objects.order_by("pk").last()
    ids = {"signatory": initiative.get_parent().pk, "initiative": initiative.pk}

    for path, bound in DETAIL_QUERIES.items():
        url = f"{API}/{path.format(**ids)}"
        assert client.get(url).status_code == 200  # renditions made here
        with django_assert_max_num_queries(bound):
            response = client.get(url)
        assert response.status_code == 200
        assert response.json()["id"] in ids.values()
