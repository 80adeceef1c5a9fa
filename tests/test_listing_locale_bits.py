"""Each index row knows the locales of its translation group (``locale_bits``): a translation's
reader's lists test the row alone, and walk an index in order instead of sorting every row.

The bits follow every change of a group: a translation published, unpublished, deleted, in
another language; the API's lists, the site search and ``differences()`` agree with them.
"""

import importlib

import pytest
from django.db import connection
from wagtail.models import Locale

from pact_pages.api import index
from pact_pages.core import fallbacks
from pact_pages.core.fallbacks import locale_bit
from pact_pages.models import ApiIndexEntry
from pact_pages.search.models import SearchEntry
from tests.factories import publish
from tests.test_search import titles as found

pytestmark = pytest.mark.django_db
API = "/api/pact/v1"


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0


def bits(page) -> tuple[int, int]:
    """The page's bits in the API's index and in the search index."""
    index.flush()
    api = ApiIndexEntry.objects.get(page_id=page.pk).locale_bits
    return api, SearchEntry.objects.get(page_id=page.pk).locale_bits


def titles(client, path: str, locale: str = "fr", **params) -> list[str]:
    response = client.get(f"{API}/{path}", {"locale": locale, **params})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def translated(page, locale, title: str):
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    return publish(copy)


def test_a_published_translation_marks_its_group(client, signatory, initiative, fr_locale):
    english = Locale.get_default()
    assert bits(initiative) == (0, 0)
    assert titles(client, "initiatives") == ["Safe sports clubs"]

    french = translated(initiative, fr_locale, "Clubs sportifs sûrs")

    assert bits(initiative) == (locale_bit(fr_locale.pk),) * 2
    assert bits(french) == (locale_bit(english.pk),) * 2
    assert titles(client, "initiatives") == ["Clubs sportifs sûrs"]
    assert titles(client, "initiatives", q="sûrs") == ["Clubs sportifs sûrs"]
    assert index.differences() == 0


@pytest.mark.parametrize("how", ["unpublish", "delete"])
def test_a_translation_taken_down_gives_the_source_back(
    client, signatory, initiative, fr_locale, how
):
    french = translated(initiative, fr_locale, "Clubs sportifs sûrs")

    if how == "unpublish":
        french.unpublish()
    else:
        french.delete()

    assert bits(initiative) == (0, 0)
    assert titles(client, "initiatives") == ["Safe sports clubs"]
    assert titles(client, "initiatives", q="safe") == ["Safe sports clubs"]
    assert found(client.get("/fr/search/", {"q": "safe"})) == ["Safe sports clubs"]
    assert index.differences() == 0


def test_another_language_leaves_the_french_list_alone(client, signatory, initiative, fr_locale):
    german = Locale.objects.get_or_create(language_code="de")[0]
    translated(initiative, german, "Sichere Sportvereine")

    assert titles(client, "initiatives") == ["Safe sports clubs"]
    assert titles(client, "initiatives", locale="de") == ["Sichere Sportvereine"]
    assert titles(client, "signatories", locale="de") == ["Strasbourg"]
    assert index.differences() == 0


def test_a_locale_beyond_the_bits_is_listed_by_its_rows(client, signatory, initiative, monkeypatch):
    """A locale whose id has no bit (a site that made and removed many) is read the old way."""
    german = Locale.objects.get_or_create(language_code="de")[0]
    monkeypatch.setattr(fallbacks, "LAST_BIT", german.pk - 1)
    assert locale_bit(german.pk) == 0
    translated(initiative, german, "Sichere Sportvereine")

    assert titles(client, "initiatives", locale="de") == ["Sichere Sportvereine"]
    assert titles(client, "initiatives", locale="de", q="sportvereine") == ["Sichere Sportvereine"]
    assert found(client.get("/de/search/", {"q": "sportvereine"})) == ["Sichere Sportvereine"]
    assert index.differences() == 0


class _Editor:
    """What the migration's step uses of a schema editor (SQLite's refuses to open in a
    test's transaction)."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_fills_existing_rows(signatory, initiative, fr_locale):
    translated(initiative, fr_locale, "Clubs sportifs sûrs")
    index.flush()
    expected = dict(ApiIndexEntry.objects.values_list("page_id", "locale_bits"))
    ApiIndexEntry.objects.update(locale_bits=0)
    SearchEntry.objects.update(locale_bits=0)

    migration = importlib.import_module("pact_pages.migrations.0021_listing_locale_bits")
    migration.fill(None, _Editor())

    assert dict(ApiIndexEntry.objects.values_list("page_id", "locale_bits")) == expected
    assert index.differences() == 0


def _french_newest_first():
    french = Locale.objects.get_or_create(language_code="fr")[0]
    entries = index.in_language(
        ApiIndexEntry.objects.filter(kind="i"), french, Locale.get_default()
    )
    return entries.order_by("-first_published_at", "-pk").values_list("data")[:20]


def test_the_french_list_walks_the_date_index(signatory, initiative):
    if connection.vendor == "sqlite":
        plan = _french_newest_first().explain()
        assert "pact_api_kind_date" in plan
        assert "TEMP B-TREE" not in plan  # no sort of every row
        return
    with connection.cursor() as cursor:
        # A two-row table would be scanned and sorted: the planner's choice for its size.
        # Without sorting, the plan shows whether the index gives the page in order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        plan = _french_newest_first().explain()
    assert "pact_api_kind_date" in plan
    assert "Sort" not in plan
