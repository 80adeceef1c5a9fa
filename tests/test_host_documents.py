"""The media boundary guards the plugin's uploads, not the host's (issue 16): with the default
``PACT_GUARDED_MEDIA = "plugin"`` a host's document that no page uses (a snippet, a form or a
mail links it) downloads for anyone, as in any Wagtail site, while a signatory's document
waits for a live, public page; with ``"all"`` (the reference site's value) every document
waits. The download and ``/api/v2/`` agree on each side.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Collection

from pact_pages.signatories import access
from pact_pages.signatories.media_scope import plugin_collections
from pact_pages.trust.checks import check_boundaries
from tests.factories import ImageFactory, InitiativePageFactory, SignatoryPageFactory
from tests.test_media_boundary import make_document, story, v2_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def default_scope(settings):
    """A host that leaves PACT_GUARDED_MEDIA unset (the reference site sets "all")."""
    del settings.PACT_GUARDED_MEDIA
    return settings


@pytest.fixture
def all_scope(settings):
    settings.PACT_GUARDED_MEDIA = "all"
    return settings


@pytest.fixture
def signatory_collection(signatory) -> Collection:
    editor = get_user_model().objects.create_user("editor")
    return access.grant(editor, signatory).collection


@pytest.fixture
def documents(signatory, signatory_collection):
    """A host's unused documents (root collection, a collection of its own), a signatory's
    unused one, and one of each that a live initiative uses."""
    recipes = Collection.get_first_root_node().add_child(name="Recipes")
    made = {
        "host root": make_document("host root"),
        "host collection": make_document("host collection", collection=recipes),
        "signatory": make_document("signatory draft", collection=signatory_collection),
        "host used": make_document("host used"),
        "signatory used": make_document("signatory used", collection=signatory_collection),
    }
    InitiativePageFactory(
        parent=signatory, body=story(made["host used"]) + story(made["signatory used"])
    )
    return made


def served(client, documents) -> dict[str, int]:
    return {name: client.get(document.url).status_code for name, document in documents.items()}


def v2_details(client, documents) -> dict[str, int]:
    return {
        name: client.get(f"/api/v2/documents/{document.pk}/").status_code
        for name, document in documents.items()
    }


@pytest.mark.usefixtures("default_scope")
class TestDefaultGuardsThePluginsFiles:
    EXPECTED = {
        "host root": 200,
        "host collection": 200,
        "signatory": 404,
        "host used": 200,
        "signatory used": 200,
    }

    def test_download(self, client, documents):
        assert served(client, documents) == self.EXPECTED

    def test_api_v2_lists_and_details(self, client, documents):
        shown = {name for name, status in self.EXPECTED.items() if status == 200}
        assert v2_titles(client, "documents") == {documents[name].title for name in shown}
        assert v2_details(client, documents) == self.EXPECTED

    def test_api_v2_search(self, client, documents):
        response = client.get("/api/v2/documents/", {"search": "host root"})
        assert "host root" in {item["title"] for item in response.json()["items"]}
        response = client.get("/api/v2/documents/", {"search": "signatory draft"})
        assert response.status_code == 200 and response.json()["items"] == []

    def test_api_v2_images(self, client, signatory_collection):
        ImageFactory(title="host picture")
        ImageFactory(title="signatory picture", collection=signatory_collection)
        assert v2_titles(client, "images") == {"host picture"}

    def test_api_v2_search_before_the_plugin_made_a_collection(self, client, db):
        make_document("host lonely")
        response = client.get("/api/v2/documents/", {"search": "lonely"})
        assert [item["title"] for item in response.json()["items"]] == ["host lonely"]

    def test_the_signatorys_editor_still_gets_the_draft_file(self, client, documents):
        client.force_login(get_user_model().objects.get(username="editor"))
        assert client.get(documents["signatory"].url).status_code == 200

    def test_every_collection_the_plugin_makes_is_guarded(
        self, client, directory, signatory, signatory_collection
    ):
        below = signatory_collection.add_child(name="Annexes")
        moved = access.grant(
            get_user_model().objects.create_user("other"),
            SignatoryPageFactory(parent=directory, title="Moved"),
        ).collection
        moved.move(Collection.get_first_root_node(), pos="sorted-child")
        assert Collection.objects.get(pk=moved.pk).get_parent().is_root()
        departed = SignatoryPageFactory(parent=directory, title="Departed")
        leaving = access.ensure_access(departed).collection
        files = {
            "below": make_document("below", collection=below),
            "moved": make_document("moved", collection=Collection.objects.get(pk=moved.pk)),
            "archived": make_document("archived", collection=leaving),
        }
        access.remove_access(departed.translation_key)  # its files go to the archive
        files["archived"].refresh_from_db()
        assert files["archived"].collection.name == access.ARCHIVE_COLLECTION

        assert served(client, files) == dict.fromkeys(files, 404)
        assert v2_titles(client, "documents") == set()

    def test_the_scope_is_one_query_whatever_the_number_of_signatories(
        self, directory, django_assert_num_queries
    ):
        for number in range(5):
            access.ensure_access(SignatoryPageFactory(parent=directory, title=f"S{number}"))
        with django_assert_num_queries(1):
            assert len(list(plugin_collections())) == 1 + 5  # "Signatories" and theirs

    def test_lists_stay_bounded(self, client, directory, documents, django_assert_max_num_queries):
        for number in range(5):
            collection = access.ensure_access(
                SignatoryPageFactory(parent=directory, title=f"S{number}")
            ).collection
            make_document(f"more {number}", collection=collection)
            make_document(f"host more {number}")
        # As with "all" (tests/test_media_boundary.py): the scope is a subquery.
        with django_assert_max_num_queries(7):
            assert client.get("/api/v2/documents/").status_code == 200
        with django_assert_max_num_queries(6):
            assert client.get(f"/api/v2/documents/{documents['host root'].pk}/").status_code == 200


@pytest.mark.usefixtures("all_scope")
class TestAllGuardsEveryFile:
    EXPECTED = {
        "host root": 404,
        "host collection": 404,
        "signatory": 404,
        "host used": 200,
        "signatory used": 200,
    }

    def test_download(self, client, documents):
        assert served(client, documents) == self.EXPECTED

    def test_api_v2_lists_and_details(self, client, documents):
        assert v2_titles(client, "documents") == {"host used", "signatory used"}
        assert v2_details(client, documents) == self.EXPECTED

    def test_api_v2_images(self, client, signatory_collection):
        ImageFactory(title="host picture")
        ImageFactory(title="signatory picture", collection=signatory_collection)
        assert v2_titles(client, "images") == set()


def test_the_reference_site_guards_every_file(settings):
    assert settings.PACT_GUARDED_MEDIA == "all"


def test_an_unknown_value_is_a_check_error(settings):
    settings.PACT_GUARDED_MEDIA = "signatories"
    assert "pact_pages.E030" in {problem.id for problem in check_boundaries()}
    settings.PACT_GUARDED_MEDIA = "plugin"
    assert "pact_pages.E030" not in {problem.id for problem in check_boundaries()}
