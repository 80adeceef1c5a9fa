"""The API's read index: list endpoints answer from it, and it follows every change.

After each change a reader could see, the list endpoints show it at once, and
``index.differences()`` (a full rebuild compared with what is stored) is 0.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, PageViewRestriction

from pact_pages.api import index
from pact_pages.core.queries import private_q, public
from pact_pages.models import ApiIndexEntry, InitiativePillar
from tests.factories import (
    InitiativePageFactory,
    SignatoryPageFactory,
    pillar,
    publish,
)

API = "/api/pact/v1"


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0


def items(client, path, **params) -> list[dict]:
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def titles(client, path, **params) -> list[str]:
    return [item["title"] for item in items(client, path, **params)]


def assert_exact() -> None:
    assert index.differences() == 0


def test_list_items_equal_detail_items(client, initiative, signatory, fr_locale):
    """The index serialises with the detail endpoints' code: same fields, same values."""
    for path, page in (("initiatives", initiative), ("signatories", signatory)):
        for locale in ("en", "fr"):
            listed = items(client, path, locale=locale)[0]
            detail = client.get(f"{API}/{path}/{page.pk}", {"locale": locale}).json()
            detail.pop("body")
            for field in ("target_groups", "partners", "results"):
                detail.pop(field, None)
            # Details give every image size, lists the first one.
            for key in ("image", "logo"):
                if detail.get(key):
                    detail[key]["renditions"] = {
                        name: rendition
                        for name, rendition in detail[key]["renditions"].items()
                        if name in listed[key]["renditions"]
                    }
            assert listed == detail


def test_french_reader_gets_french_labels_and_urls(client, initiative, signatory, fr_locale):
    item = items(client, "initiatives", locale="fr")[0]

    assert item["url"].startswith("http://testserver/fr/")
    assert item["fallback"] is True and item["served_locale"] == "en" and item["locale"] == "fr"
    assert item["status_label"] == "En cours"
    assert item["signatory"]["url"].startswith("http://testserver/fr/")
    town = items(client, "signatories", locale="fr")[0]
    assert town["country_name"] == "France" and town["type_label"] != "Town"


def test_host_comes_from_the_request(client, initiative):
    response = client.get(f"{API}/initiatives", HTTP_HOST="localhost")

    assert response.json()["results"][0]["url"].startswith("http://localhost/en/")


def test_new_initiative_is_listed_and_counted(client, signatory, initiative):
    InitiativePageFactory(parent=signatory, title="Night buses", pillars=("protection",))

    assert "Night buses" in titles(client, "initiatives")
    assert items(client, "signatories")[0]["initiative_count"] == 2
    assert titles(client, "signatories", pillar="protection") == [signatory.title]
    assert_exact()


def test_unpublish_and_republish(client, signatory, initiative):
    initiative.unpublish()
    assert titles(client, "initiatives") == []
    assert items(client, "signatories")[0]["initiative_count"] == 0

    publish(initiative)
    assert titles(client, "initiatives") == [initiative.title]
    assert_exact()


def test_unpublishing_a_signatory_hides_its_initiatives(client, signatory, initiative):
    signatory.unpublish()

    assert titles(client, "signatories") == [] and titles(client, "initiatives") == []
    assert_exact()


def test_renaming_a_signatory_renames_it_in_its_initiatives(client, signatory, initiative):
    signatory.title = "Strasbourg Eurométropole"
    publish(signatory)

    assert items(client, "initiatives")[0]["signatory"]["title"] == "Strasbourg Eurométropole"
    assert_exact()


def test_move_updates_both_signatories(client, directory, signatory, initiative):
    other = SignatoryPageFactory(parent=directory, title="Metz", slug="metz", country="DE")
    initiative.move(other, pos="last-child")

    counts = {item["title"]: item["initiative_count"] for item in items(client, "signatories")}
    assert counts == {signatory.title: 0, "Metz": 1}
    assert titles(client, "initiatives", country="DE") == [initiative.title]
    assert_exact()


def test_delete(client, signatory, initiative):
    Page.objects.get(pk=initiative.pk).delete()

    assert titles(client, "initiatives") == []
    assert items(client, "signatories")[0]["initiative_count"] == 0
    assert not ApiIndexEntry.objects.filter(page_id=initiative.pk).exists()
    assert_exact()


def test_view_restriction_hides_the_subtree(client, signatory, initiative):
    restriction = PageViewRestriction.objects.create(
        page=signatory, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles(client, "signatories") == [] and titles(client, "initiatives") == []

    restriction.delete()
    assert titles(client, "initiatives") == [initiative.title]
    assert_exact()


def test_a_page_published_under_a_restricted_signatory_gets_no_row(
    directory, signatory, initiative
):
    """The rebuild's own test of restrictions (core.queries.public) keeps Wagtail's rule:
    a page under a restricted ancestor is not public, its siblings elsewhere are."""
    PageViewRestriction.objects.create(
        page=signatory, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden = InitiativePageFactory(parent=signatory, title="Night buses")
    metz = SignatoryPageFactory(parent=directory, title="Metz", slug="metz")
    shown = InitiativePageFactory(parent=metz, title="Safe parks")

    keys = {page.translation_key for page in (signatory, hidden, metz, shown)}
    assert index.rebuild(keys) == 2
    listed = set(ApiIndexEntry.objects.values_list("page_id", flat=True))
    assert listed == {metz.pk, shown.pk}
    assert {p.pk for p in public(Page.objects.all())} == {p.pk for p in Page.objects.public()}
    assert_exact()


def test_without_restrictions_public_reads_no_page(db, django_assert_num_queries):
    # Wagtail's .public() joined the empty restriction table to every page (SQLite read
    # them all); the restricted pages' paths are read only when there are some.
    with django_assert_num_queries(1) as captured:
        private_q()
    assert 'wagtailcore_page"' not in captured.captured_queries[0]["sql"]


def test_ps_changed_outside_a_publish(client, initiative):
    InitiativePillar.objects.create(page=initiative, pillar=pillar("prosecution"), sort_order=5)

    assert titles(client, "initiatives", pillar="prosecution") == [initiative.title]
    assert_exact()


def test_translation_appears_and_links_its_source(client, signatory, initiative, fr_locale):
    french = signatory.copy_for_translation(fr_locale, copy_parents=True)
    french.title = "Strasbourg (FR)"
    publish(french)

    town = items(client, "signatories", locale="fr")[0]
    assert town["title"] == "Strasbourg (FR)" and town["fallback"] is False
    english = items(client, "signatories")[0]
    assert set(english["translations"]) == {"en", "fr"}
    assert_exact()


def test_control_characters_in_content_cannot_inject_placeholders(client, signatory):
    signatory.title = "Evil \x01B:\x01 \x01L:\x01 \x01F:xx\x01 \x01Z:y\x01 \\u0001"
    publish(signatory)

    title = items(client, "signatories")[0]["title"]
    assert title == "Evil B: L: F:xx Z:y \\u0001"
    assert "testserver" not in title


def test_rebuild_command_and_check(db, signatory, initiative, capsys):
    call_command("rebuild_api_index", "--check")
    ApiIndexEntry.objects.filter(page_id=initiative.pk).update(title="Stale")

    with pytest.raises(CommandError, match="1 page"):
        call_command("rebuild_api_index", "--check")
    call_command("rebuild_api_index")
    call_command("rebuild_api_index", "--check")
    assert "2 entries written" in capsys.readouterr().out


# --- Cursor pagination -----------------------------------------------------------------------


@pytest.fixture
def seven(signatory):
    return [
        InitiativePageFactory(parent=signatory, title=f"Story {n}", slug=f"story-{n}")
        for n in range(7)
    ]


def walk(client, path, **params) -> list[str]:
    seen, cursor = [], None
    for _ in range(20):
        query = dict(params, limit=3)
        if cursor:
            query["cursor"] = cursor
        data = client.get(f"{API}/{path}", query).json()
        seen += [item["title"] for item in data["results"]]
        cursor = data["next_cursor"]
        assert (data["next"] is None) == (cursor is None)
        if cursor is None:
            return seen
    raise AssertionError("the cursor never ended")


@pytest.mark.parametrize("ordering", ["newest", "oldest", "title", "-title"])
def test_cursor_walk_equals_the_full_list(client, seven, ordering):
    everything = titles(client, "initiatives", ordering=ordering, limit=100)

    assert walk(client, "initiatives", ordering=ordering) == everything
    assert len(everything) == 7


@pytest.mark.parametrize("ordering", ["name", "-signed_on", "initiatives", "-initiatives"])
def test_cursor_over_signatories(client, directory, ordering):
    for n in range(5):
        SignatoryPageFactory(parent=directory, title=f"Town {n}", slug=f"town-{n}")

    assert walk(client, "signatories", ordering=ordering) == titles(
        client, "signatories", ordering=ordering, limit=100
    )


def test_items_published_meanwhile_do_not_shift_the_pages(client, signatory, seven):
    first = client.get(f"{API}/initiatives", {"limit": 3}).json()
    InitiativePageFactory(parent=signatory, title="Brand new")
    second = client.get(f"{API}/initiatives", {"limit": 3, "cursor": first["next_cursor"]}).json()

    shown = [item["title"] for item in first["results"] + second["results"]]
    assert len(set(shown)) == 6 and "Brand new" not in shown


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "garbage!"},
        {"cursor": "eyJvIjogIm5ld2VzdCJ9"},  # {"o": "newest"}: no values
        {"cursor": "eyJvIjogInRpdGxlIiwgInYiOiBbIngiLCAxXX0", "ordering": "newest"},
        {"cursor": "eyJvIjogIm5ld2VzdCIsICJ2IjogWyJub3QgYSBkYXRlIiwgMV19"},
        {
            "cursor": "eyJvIjogIm5ld2VzdCIsICJ2IjogWyIyMDI2LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwgMV19",
            "offset": 3,
        },
    ],
)
def test_bad_cursor_is_a_400_naming_it(client, seven, params):
    response = client.get(f"{API}/initiatives", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_tag_words_are_searchable_on_creation(client, signatory):
    InitiativePageFactory(parent=signatory, title="Plain story", tags=["cyberbullying"])

    assert titles(client, "initiatives", q="cyberbullying") == ["Plain story"]


def test_addresses_with_non_ascii_slugs(client, directory):
    town = SignatoryPageFactory(parent=directory, title="Zürich", slug="zürich", country="CH")
    InitiativePageFactory(parent=town, title="Kinderschutz", slug="kinderschütz")

    listed = items(client, "initiatives")[0]
    detail = client.get(f"{API}/initiatives/{listed['id']}").json()
    assert (
        listed["url"]
        == detail["url"]
        == "http://testserver/en/participants/z%C3%BCrich/kindersch%C3%BCtz/"
    )
    assert listed["signatory"]["url"] == detail["signatory"]["url"]


def test_updated_since_with_an_unusual_offset(client, initiative):
    # PostgreSQL refuses a -17:32 offset; the API compares in UTC.
    response = client.get(f"{API}/initiatives", {"updated_since": "1910-01-01T18:17:01-17:32"})

    assert response.status_code == 200 and response.json()["count"] == 1


def test_a_deferred_bulk_load_leaves_the_index_exact(client, signatory, initiative):
    """A bulk load (the demo) defers the index: nothing is rebuilt per commit inside the
    block, and the whole index is rebuilt once at its end."""
    with index.deferred():
        InitiativePageFactory(parent=signatory, title="Night buses", pillars=("protection",))
        assert not ApiIndexEntry.objects.filter(title="Night buses").exists()

    assert "Night buses" in titles(client, "initiatives")
    assert items(client, "signatories")[0]["initiative_count"] == 2
    assert_exact()
    # Outside the block, changes are applied at once again.
    InitiativePageFactory(parent=signatory, title="Safe libraries")
    assert "Safe libraries" in titles(client, "initiatives")
    assert_exact()
