"""The media boundary (issue 14, holes 4 and 9): a signatory's images and documents reach
the public only once a live, public page uses them; until then they are served to those who
manage them only, and a document unlocked with a collection password is never cached
publicly.

The last tests sweep every URL pattern outside the admin, taken from the URL resolver, for
B's unpublished image and document (tests/sweep_fixtures.py): none may answer 2xx with it.
"""

import re
from collections.abc import Iterator
from itertools import product

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from tests.factories import ImageFactory, InitiativePageFactory, SignatoryPageFactory, publish
from tests.sweep_fixtures import MARKERS, World, build_world

pytestmark = pytest.mark.django_db

Document = get_document_model()
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def make_document(title: str, collection=None, user=None, body: bytes = b"body") -> Document:
    return Document.objects.create(
        title=title,
        file=ContentFile(body, name=f"{title.lower().replace(' ', '-')}.txt"),
        collection=collection or Collection.get_first_root_node(),
        uploaded_by_user=user,
    )


def story(document=None, image=None) -> list[dict]:
    """A StreamField body (raw form) with a document link and an image."""
    blocks = []
    if document is not None:
        blocks.append({"type": "document", "value": {"document": document.pk, "title": ""}})
    if image is not None:
        blocks.append(
            {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}}
        )
    return blocks


def v2_titles(client, kind: str) -> set[str]:
    response = client.get(f"/api/v2/{kind}/", {"limit": 100})
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


@pytest.fixture
def files(directory, signatory):
    """Files used by: a live initiative, a draft, a restricted page, the initiative of a
    signatory taken down, a draft revision of a live page, and nothing."""
    made = {}
    for name in ("live", "draft", "restricted", "orphaned", "revision", "unused"):
        made[name] = (ImageFactory(title=f"image {name}"), make_document(f"document {name}"))

    def page_with(name: str, parent, **kwargs):
        image, document = made[name]
        return InitiativePageFactory(
            parent=parent,
            title=f"page {name}",
            featured_image=image,
            body=story(document),
            **kwargs,
        )

    page_with("live", signatory)
    page_with("draft", signatory, live=False)
    restricted = page_with("restricted", signatory)
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    gone = SignatoryPageFactory(parent=directory, title="Gone")
    page_with("orphaned", gone)
    gone.unpublish()
    revised = InitiativePageFactory(parent=signatory, title="page revised")
    revised.featured_image, revised.body = made["revision"][0], story(made["revision"][1])
    revised.save_revision()  # a draft: the live row keeps no file
    return made


class TestApiV2:
    def test_lists_only_files_a_live_public_page_uses(self, client, files):
        assert v2_titles(client, "images") == {"image live"}
        assert v2_titles(client, "documents") == {"document live"}

    def test_details_of_other_files_are_not_found(self, client, files):
        for name, (image, document) in files.items():
            expected = 200 if name == "live" else 404
            assert client.get(f"/api/v2/images/{image.pk}/").status_code == expected, name
            assert client.get(f"/api/v2/documents/{document.pk}/").status_code == expected, name

    def test_publishing_and_taking_down_change_the_lists(self, client, signatory):
        document = make_document("document later")
        page = InitiativePageFactory(parent=signatory, title="later", live=False)
        page.body = story(document)
        page.save_revision()
        assert "document later" not in v2_titles(client, "documents")

        publish(page)
        assert "document later" in v2_titles(client, "documents")

        page.unpublish()
        assert "document later" not in v2_titles(client, "documents")

    def test_queries_are_bounded(self, client, files, signatory, django_assert_max_num_queries):
        for number in range(10):
            document = make_document(f"more {number}")
            InitiativePageFactory(
                parent=signatory, featured_image=ImageFactory(), body=story(document)
            )
        image, document = files["live"]
        # Measured: 7 and 8 for the lists (whatever their length: tags are prefetched), 6
        # and 7 for a detail (documents also read the restricted collections), 8 to search.
        # One of them reads the view restrictions alone (core.queries.public), rather than
        # joined to every page.
        for url, bound in (("/api/v2/images/", 7), ("/api/v2/documents/", 8)):
            with django_assert_max_num_queries(bound):
                assert client.get(url).status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get("/api/v2/images/", {"search": "image"}).status_code == 200
        with django_assert_max_num_queries(6):
            assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200
        with django_assert_max_num_queries(7):
            assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 200


class TestDocumentServe:
    def test_the_public_gets_only_files_of_public_pages(self, client, files):
        for name, (_image, document) in files.items():
            response = client.get(document.url)
            assert response.status_code == (200 if name == "live" else 404), name
            if name != "live":  # it may turn public any moment: not kept by any cache
                assert "no-store" in response["Cache-Control"], name

    def test_those_who_manage_a_file_still_get_it(self, client, signatory):
        User = get_user_model()
        uploader, editor, other, moderator = (
            User.objects.create_user(name) for name in ("uploader", "editor", "other", "mod")
        )
        collection = access.grant(editor, signatory).collection
        access.grant(other, SignatoryPageFactory(parent=signatory.get_parent(), title="Other"))
        moderator.groups.add(setup_moderation().group)
        admin = User.objects.create_superuser("admin")
        document = make_document("draft plan", collection=collection, user=uploader)

        assert client.get(document.url).status_code == 404
        for user, expected in [
            (uploader, 200),
            (editor, 200),
            (moderator, 200),
            (admin, 200),
            (other, 404),
        ]:
            client.force_login(user)
            response = client.get(document.url)
            assert response.status_code == expected, user.username
            if expected == 200:
                assert "private" in response["Cache-Control"], user.username

    def test_a_take_down_takes_the_file_down(self, client, signatory):
        document = make_document("plan")
        InitiativePageFactory(parent=signatory, body=story(document))
        assert client.get(document.url).status_code == 200

        signatory.unpublish()  # the signatory alone: its initiative stays live

        assert client.get(document.url).status_code == 404


class TestCollectionPassword:
    """Hole 9: a document unlocked with its collection's password is the visitor's only."""

    @pytest.fixture
    def locked(self, signatory):
        collection = Collection.get_first_root_node().add_child(name="Locked")
        CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="open-sesame",
        )
        document = make_document("locked plan", collection=collection, body=b"LOCKED-BODY")
        InitiativePageFactory(parent=signatory, body=story(document))
        return document

    def test_unlocked_document_is_private(self, client, locked):
        form = client.get(locked.url)
        assert form.status_code == 200 and b"LOCKED-BODY" not in form.getvalue()
        assert "public" not in form["Cache-Control"]
        restriction = CollectionViewRestriction.objects.get()
        action = f"/documents/authenticate_with_password/{restriction.pk}/"

        wrong = client.post(action, {"password": "nope", "return_url": locked.url})
        assert wrong.status_code == 200 and "public" not in wrong["Cache-Control"]
        right = client.post(action, {"password": "open-sesame", "return_url": locked.url})
        assert right.status_code == 302

        response = client.get(locked.url)
        assert response.status_code == 200 and b"LOCKED-BODY" in response.getvalue()
        assert "public" not in response["Cache-Control"]
        assert "private" in response["Cache-Control"]

    def test_not_in_the_public_api(self, client, locked):
        assert "locked plan" not in v2_titles(client, "documents")


def test_the_apis_link_only_files_the_public_can_get(client, files, signatory):
    """Every document address in the APIs' answers downloads for an anonymous reader."""
    answers = [
        client.get("/api/pact/v1/initiatives", {"limit": 100}),
        client.get(f"/api/pact/v1/signatories/{signatory.pk}"),
        client.get("/api/v2/pages/", {"fields": "*", "limit": 100}),
        client.get("/api/v2/documents/"),
    ]
    for page in Page.objects.live().type(InitiativePageFactory._meta.model):
        answers.append(client.get(f"/api/pact/v1/initiatives/{page.pk}"))
        answers.append(client.get(f"/api/v2/pages/{page.pk}/"))
    links = set()
    for answer in answers:
        links |= set(re.findall(r"/documents/\d+/[\w.\-]+", answer.content.decode()))
    assert links, "the live initiative links its document"
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_headless_preview_shows_a_draft_file_to_its_editors_only(client, signatory):
    from pact_pages.api.headless_preview import make_token

    editor = get_user_model().objects.create_user("editor")
    collection = access.grant(editor, signatory).collection
    document = make_document("draft annex", collection=collection, user=editor)
    page = InitiativePageFactory(parent=signatory, title="previewed")
    page.body = story(document)
    revision = page.save_revision(user=editor)

    response = client.get("/api/pact/v1/preview", {"token": make_token(page, revision.pk)})

    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    link = re.search(r"/documents/\d+/[\w.\-]+", response.content.decode()).group(0)
    assert client.get(link).status_code == 404  # the token's holder is not its editor
    client.force_login(editor)
    assert client.get(link).status_code == 200


# ---------------------------------------------------------------------------------------
# The sweep: every URL pattern outside the admin, for B's unpublished image and document
# (last in the module: its world lives until the module ends)
# ---------------------------------------------------------------------------------------


def _walk(resolver: URLResolver, levels: tuple) -> Iterator[tuple[str, tuple, object]]:
    for pattern in resolver.url_patterns:
        path = (*levels, pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, path)
        elif isinstance(pattern, URLPattern):
            yield "".join(str(level) for level in path), path, pattern


def public_routes() -> dict[str, tuple]:
    """Every pattern outside /admin/, by route (a shadowed repeat is never reached)."""
    routes: dict[str, tuple] = {}
    for route, levels, pattern in _walk(get_resolver(), ()):
        if not route.startswith("admin/"):
            routes.setdefault(route, (levels, pattern))
    return routes


def _arguments(levels) -> tuple[list[str], bool]:
    names, positional = [], False
    for level in levels:
        if isinstance(level, RoutePattern):
            names += list(level.converters)
        elif isinstance(level, RegexPattern):
            names += list(level.regex.groupindex)
            positional |= level.regex.groups > len(level.regex.groupindex)
    return names, positional


def _fill(levels, kwargs: dict) -> str:
    parts = []
    for level in levels:
        text = str(level)
        if isinstance(level, RoutePattern):
            text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), text)
        elif isinstance(level, RegexPattern):
            text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), text)
            text = text.lstrip("^").rstrip("$").replace("\\.", ".")
        parts.append(text)
    return "/" + "".join(parts)


def _b_page_paths(world: World) -> list[str]:
    pages = [world.b_signatory, world.b_initiative, world.b_draft_initiative, world.b_german]
    return [page.specific.url or f"/en/{page.slug}/" for page in pages]


# Values for each argument name: B's objects (files, pages, restrictions).
ARGUMENTS = {
    "pk": lambda w: [w.image_id, w.document_id, w.b_draft_initiative.pk],
    "signatory_id": lambda w: [w.b_signatory.pk, w.b_german.pk],
    "initiative_id": lambda w: [w.b_initiative.pk, w.b_draft_initiative.pk],
    "slug": lambda w: [w.b_signatory.slug, w.b_draft_initiative.slug],
    # The API's events, plans, rounds and reports and the .ics feed: B's pages, none of
    # them one of those (404, nothing of B's files shown), as in the permission sweep.
    "event_id": lambda w: [w.b_initiative.pk, w.b_draft_initiative.pk],
    "plan_id": lambda w: [w.b_initiative.pk, w.b_draft_initiative.pk],
    "round_id": lambda w: [w.b_initiative.pk, w.b_draft_initiative.pk],
    "report_id": lambda w: [w.b_initiative.pk, w.b_draft_initiative.pk],
    "key": lambda w: [w.b_initiative.translation_key, w.b_draft_initiative.translation_key],
    "restriction_id": lambda w: [w.collection_restriction_id],
    "page_view_restriction_id": lambda w: [w.page_restriction_id],
    "page_id": lambda w: [w.b_initiative.pk],
    "pillar": lambda w: ["prevention"],
    "token": lambda w: ["not-a-token"],
}
# Patterns with unnamed groups: their addresses, built from B's objects.
POSITIONAL = {
    "documents/^(\\d+)/(.*)$": lambda w: [f"/documents/{w.document_id}/{w.document_filename}"],
    "en/^((?:[\\w\\-]+/)*)$": _b_page_paths,
    "api/pact/v1/^.*$": lambda w: [f"/api/pact/v1/documents/{w.document_id}"],
}
# Queries that name a file or page by id (the list endpoints' own filters).
QUERIES = {
    "api/v2/^pages/find/": lambda w: [{"html_path": path} for path in _b_page_paths(w)],
    "api/v2/^images/find/": lambda w: [{"id": w.image_id}],
    "api/v2/^documents/find/": lambda w: [{"id": w.document_id}],
    "api/pact/v1/preview": lambda w: [{"token": "x"}],
    "api/v2/^pages/": lambda w: [{"fields": "*", "limit": 100}],
    "api/v2/^images/": lambda w: [{"limit": 100, "search": MARKERS["image"]}],
    "api/v2/^documents/": lambda w: [{"limit": 100, "search": MARKERS["document"]}],
}


class Unfilled(Exception):
    pass


def addresses(route: str, levels, world: World) -> list[tuple[str, dict]]:
    names, positional = _arguments(levels)
    if positional:
        if route not in POSITIONAL:
            raise Unfilled(f"{route}: unnamed groups, not in POSITIONAL")
        paths = POSITIONAL[route](world)
    else:
        missing = [name for name in names if name not in ARGUMENTS]
        if missing:
            raise Unfilled(f"{route}: no values for {missing} (ARGUMENTS)")
        choices = [ARGUMENTS[name](world) for name in names]
        paths = [
            _fill(levels, dict(zip(names, values, strict=True))) for values in product(*choices)
        ]
    queries = QUERIES.get(route, lambda w: [{}])(world)
    return [(path, query) for path in paths for query in queries]


def revealed(response, secrets: list[str]) -> list[str]:
    text = response.content.decode(errors="replace") if not response.streaming else ""
    if response.streaming:
        text = b"".join(response.streaming_content).decode(errors="replace")
    text += response.get("Location", "")
    return [secret for secret in secrets if secret in text]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """B's world; B's draft initiative and its restricted live one use B's files, and a
    draft revision of B's live signatory page does too (none of them public)."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        image = get_image_model().objects.get(pk=world.image_id)
        document = Document.objects.get(pk=world.document_id)
        for page in (world.b_draft_initiative, world.b_initiative):
            page = page.specific
            page.featured_image, page.body = image, story(document, image)
            page.save()
        signatory = world.b_signatory.specific
        signatory.body = story(document, image)
        signatory.save_revision()
        yield world
        transaction.set_rollback(True)


def test_every_pattern_outside_the_admin_is_filled(world):
    unfilled = []
    for route, (levels, _pattern) in public_routes().items():
        try:
            for path, _query in addresses(route, levels, world):
                language = path.split("/")[1]
                with translation.override(language if language in LANGUAGES else "en"):
                    resolve(path)
        except Unfilled as error:
            unfilled.append(str(error))
    assert unfilled == []


@pytest.mark.parametrize("collection_restricted", [True, False])
def test_no_pattern_serves_bs_unpublished_files_anonymously(world, collection_restricted):
    image = get_image_model().objects.get(pk=world.image_id)
    secrets = [
        MARKERS["image"],
        MARKERS["document"],
        MARKERS["document_body"],
        world.document_filename,
        image.file.name.rsplit("/", 1)[-1],
    ]
    found, requested = [], 0
    with transaction.atomic():
        if not collection_restricted:
            # Without the collection's restriction only the boundary itself stands.
            CollectionViewRestriction.objects.filter(pk=world.collection_restriction_id).delete()
        client = Client()
        for route, (levels, _pattern) in public_routes().items():
            for path, query in addresses(route, levels, world):
                response = client.get(path, query)
                requested += 1
                leaks = revealed(response, secrets)
                if response.status_code < 400 and leaks:
                    found.append(f"{path} {query} {response.status_code}: {leaks}")
        transaction.set_rollback(True)
    assert requested > 40
    assert found == []


def test_make_run_serves_no_document_file_by_its_media_address(settings, tmp_path, rf):
    """``make run`` (DEBUG) serves media as the production proxy does: a document only
    through /documents/<id>/…, never by its file's address; images by theirs."""
    from django.http import Http404

    from oneinfive.urls import serve_media

    for folder in ("documents", "images"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "secret.bin").write_bytes(b"SWEEP-MEDIA")
    with pytest.raises(Http404):
        serve_media(rf.get("/media/documents/secret.bin"), "documents/secret.bin", tmp_path)
    response = serve_media(rf.get("/media/images/secret.bin"), "images/secret.bin", tmp_path)
    assert response.status_code == 200
