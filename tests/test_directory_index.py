"""The directory and the map list from the API's read index, page by page, through indexes:
a second directory keeps its own signatories, and the database walks the title index of the
reader's alphabet (on SQLite, of the titles' stored keys) instead of sorting every
signatory."""

import pytest
from django.db import connection
from wagtail.models import Locale

from pact_pages.api import index, title_indexes
from pact_pages.api.index import flush
from pact_pages.api.title_indexes import ApiIndexTitleKey
from pact_pages.core.collation import by_title, keyed_alphabets, sort_key, stored_key
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
    if connection.vendor == "sqlite":
        assert keyed_alphabets() == {"pact_root", "pact_es", "pact_pl", "pact_tr"}
        return
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, title_indexes.TABLE)
    for collation in title_indexes.collations():
        for kind in ("s", "i"):
            assert title_indexes.index_name(collation, kind) in indexes


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's below")
def test_the_page_of_ids_walks_the_title_keys(directory):
    SignatoryPageFactory(parent=directory)
    listing = IndexedSignatories(under(listable(Locale.get_default()), directory), "en")

    plan = listing.entries.values_list("page_id", "initiative_count")[:20].explain()

    assert "COVERING INDEX pact_api_title_key (kind=? AND alphabet=?)" in plan
    assert "TEMP B-TREE" not in plan  # no sort of every row


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
@pytest.mark.parametrize("fields", [("title", "pk"), ("-title", "-pk")])
def test_initiatives_by_title_walk_the_title_keys(initiative, fields):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    listed = index.in_language(index.entries("i"), french, Locale.get_default())
    entries, order = by_title(listed, "i", "fr", fields)

    plan = entries.order_by(*order).values_list("data")[:20].explain()

    assert "COVERING INDEX pact_api_title_key (kind=? AND alphabet=?)" in plan
    assert "TEMP B-TREE" not in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite stores title keys")
def test_source_entries_have_a_key_in_every_alphabet_translations_in_their_own(directory):
    source = SignatoryPageFactory(parent=directory, title="Łódź")
    polish = Locale.objects.get_or_create(language_code="pl")[0]
    source.copy_for_translation(polish, copy_parents=True).save_revision().publish()
    flush()

    keys = ApiIndexTitleKey.objects.filter(entry__translation_key=source.translation_key)
    stored = set(keys.values_list("entry__locale__language_code", "alphabet"))

    assert stored == {("en", a) for a in keyed_alphabets()} | {("pl", "pact_pl")}
    assert keys.get(entry__locale=polish).key == stored_key("Łódź", "pl")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite stores title keys")
def test_a_retitled_page_gets_its_new_key(directory):
    page = SignatoryPageFactory(parent=directory, title="Brno")
    page.title = "Bălți"
    page.save_revision().publish()
    flush()

    key = ApiIndexTitleKey.objects.get(entry_id=page.pk, alphabet="pact_root").key
    assert key == stored_key("Bălți", "root")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite stores title keys")
def test_migrate_drops_collated_indexes_and_fills_a_new_alphabet(directory):
    SignatoryPageFactory(parent=directory, title="Brno")
    flush()
    ApiIndexTitleKey.objects.filter(alphabet="pact_tr").delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE INDEX "pact_api_title_pact_root" ON "{title_indexes.TABLE}" '
            '("kind", "title" COLLATE "pact_root")'
        )

        title_indexes.ensure()

        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        assert not [sql for (sql,) in cursor.fetchall() if "COLLATE" in sql.upper()]
    assert ApiIndexTitleKey.objects.filter(alphabet="pact_tr").count() == 1


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


NAMES = [
    *("Bălți Baden Brno Łódź Lublin Göteborg Gdańsk Ölüdeniz Iğdır ıspir İzmir Ñandú".split()),
    *("ABC ábc Abc abc abd ss ß SS Æbeltoft Aarhus Øster Zürich Ελλάδα Київ Ґдов Гдов".split()),
    *("a-b a.b ab a_b 10 9 中文 \U00020000".split()),
    "New York",
    "Newark",
    "",
]


@pytest.mark.parametrize("language", ["en", "pl", "tr", "da", "is", "es", None])
def test_stored_keys_sort_as_the_collation_compares(language):
    names = [*NAMES, *(name.upper() for name in NAMES), *(name[::-1] for name in NAMES)]

    by_key = sorted(names, key=lambda name: stored_key(name, language))

    assert by_key == sorted(names, key=lambda name: sort_key(name, language))
