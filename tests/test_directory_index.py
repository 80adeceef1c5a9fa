"""The directory and the map list from the API's read index, page by page, through indexes:
a second directory keeps its own signatories, and the database walks the title index of the
reader's alphabet instead of sorting every signatory."""

import pytest
from django.db import connection
from wagtail.models import Locale

from pact_pages.api import title_indexes
from pact_pages.map.models import MapFilters, MapPage
from pact_pages.signatories.listing import IndexedSignatories, listable, under
from tests.factories import SignatoryIndexPageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db


def test_a_second_directory_keeps_its_own_signatories(client, home_page, directory):
    other = SignatoryIndexPageFactory(parent=home_page, title="Observers", slug="observers")
    SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    SignatoryPageFactory(parent=other, title="Nantes", slug="nantes")

    ours = client.get(directory.url).context["page_obj"]
    theirs = client.get(other.url).context["page_obj"]

    assert [page.title for page in ours] == ["Lyon"]
    assert [page.title for page in theirs] == ["Nantes"]


def test_pages_slices_and_counts_agree(directory, settings):
    for number in range(7):
        SignatoryPageFactory(parent=directory, title=f"Town {number}", slug=f"t-{number}")
    listing = IndexedSignatories(under(listable(Locale.get_default()), directory), "en")

    assert listing.count() == len(listing) == 7
    assert [page.title for page in listing[2:4]] == ["Town 2", "Town 3"]
    assert listing[6].title == "Town 6"
    assert all(page.initiative_count == 0 for page in listing)


def test_the_map_list_leaves_out_signatories_without_a_place(home_page, directory):
    map_page = home_page.add_child(instance=MapPage(title="Map", slug="map"))
    SignatoryPageFactory(parent=directory, title="Placed", slug="placed")
    SignatoryPageFactory(parent=directory, title="Nowhere", latitude=None, longitude=None)

    listed = map_page.signatories(MapFilters(), Locale.get_default())

    assert [page.title for page in listed] == ["Placed"]
    assert listed.count() == 1


def test_every_content_language_has_its_title_index():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, title_indexes.TABLE)
    for collation in title_indexes.collations():
        assert title_indexes.index_name(collation) in indexes


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's below")
def test_the_page_of_ids_walks_the_title_index(directory):
    SignatoryPageFactory(parent=directory)
    listing = IndexedSignatories(under(listable(Locale.get_default()), directory), "en")

    plan = listing.entries.values_list("page_id", "initiative_count")[:20].explain()

    assert "COVERING INDEX pact_api_title_pact_root" in plan
    assert "TEMP B-TREE" not in plan  # no sort of every row


def test_the_page_of_ids_uses_the_title_index_on_postgresql(directory):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plan; SQLite's above")
    SignatoryPageFactory(parent=directory)
    listing = IndexedSignatories(under(listable(Locale.get_default()), directory), "en")
    with connection.cursor() as cursor:
        # A two-row table would be scanned, or read by another index and sorted: the planner's
        # choice for tiny tables; the point is that the title index can give the page in order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        plan = listing.entries.values_list("page_id")[:20].explain()

    assert "pact_api_title_" in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps each index's SQL text")
def test_an_index_over_every_entry_is_replaced_by_the_signatories_only_one():
    collation = sorted(title_indexes.collations())[0]
    name = title_indexes.index_name(collation)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(f'CREATE INDEX "{name}" ON "{title_indexes.TABLE}" ("kind", "title")')

        title_indexes.ensure()

        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [name])
        assert "WHERE \"kind\" = 's'" in cursor.fetchone()[0]
