"""The admin's permission matrix: who may do what with whose pages and media.

Two signatories, A (Aubervilliers) and B (Bordeaux), each with a live initiative, both
translated into French and published; each has an image and a document in its own
collection. The actors:

* ``editor_a`` / ``editor_b``: signatory editors (``access.grant``), under moderation;
* ``translator``: in a group "Translators (French)" with ``wagtailadmin.access_admin`` only;
* ``fr_translator``: in the project's real French translators group, which
  ``setup_moderation()`` creates ("Translators (Français)", ``change_page`` on the French
  tree: pact_pages.translation.translators);
* ``moderator``: in "Congress moderators" (``setup_moderation().group``);
* ``anonymous``.

Every case is one request (or a GET and a POST) through the Django test client against
Wagtail's real admin URLs, and for POSTs a check of what changed in the database.

``EXPECTED`` is the table of what each actor may do: the targets where the action must
succeed; everywhere else the action must be refused (anonymous: a redirect to the login
page; logged-in: 403, a redirect with Wagtail's "no permission" message, or a form error)
and change nothing. A refusal is never a page showing the content, nor a server error.

The data set is built once per module (in a transaction rolled back at the end); each test
runs in a savepoint of its own, so what a test changes is undone before the next one.
"""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import querydict_from_html

from home.models import HomePage
from pact_pages.models import InitiativePage, InitiativePillar, LocaleTranslators, Pillar
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from tests.factories import (
    ImageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    SignatoryPageFactory,
    publish,
)

pytestmark = pytest.mark.django_db

OK, DENIED, LOGIN = "allowed", "refused", "login"
NO_PERMISSION = "Sorry, you do not have permission to access this area."
DASHBOARD = "/admin/"
LOGIN_URL = "/admin/login/"

# ---------------------------------------------------------------------------------------
# Targets and the expectation table
# ---------------------------------------------------------------------------------------

# Pages: each signatory's page and initiative, in English and French.
A = frozenset({"a", "a_ini", "a_fr", "a_fr_ini"})
B = frozenset({"b", "b_ini", "b_fr", "b_fr_ini"})
PAGES = tuple(sorted(A)) + tuple(sorted(B))
ALL = A | B
NONE: frozenset[str] = frozenset()
FR = frozenset({"a_fr", "a_fr_ini", "b_fr", "b_fr_ini"})
INI = frozenset({"a_ini", "a_fr_ini", "b_ini", "b_fr_ini"})
SIG = ALL - INI
A_SIG, B_SIG, A_INI, B_INI = A & SIG, B & SIG, A & INI, B & INI
# The parents where a new signatory page would go.
DIRS = frozenset({"directory", "directory_fr"})
# Each signatory's image and document (in its collection), and its name searched for.
MEDIA = frozenset({"a_media", "b_media"})
A_MEDIA, B_MEDIA = frozenset({"a_media"}), frozenset({"b_media"})
NAMES = frozenset({"a_name", "b_name"})
A_NAME, B_NAME = frozenset({"a_name"}), frozenset({"b_name"})
# Administration screens; "pillar_edit" is the English "Prevention" snippet's edit view.
ADMIN_AREAS = {
    "users": "/admin/users/",
    "groups": "/admin/groups/",
    "sites": "/admin/sites/",
    "locales": "/admin/locales/",
    "collections": "/admin/collections/",
    "workflows": "/admin/workflows/list/",
    "redirects": "/admin/redirects/",
    "pillar_edit": None,
    "signups": "/admin/pact/signups/",
    "access": "/admin/pact/access/",
}
AREAS = frozenset(ADMIN_AREAS)
STAFF_AREAS = frozenset({"pillar_edit", "signups", "access"})

ACTORS = ("editor_a", "editor_b", "translator", "fr_translator", "moderator", "anonymous")


@dataclass(frozen=True)
class Rule:
    """The targets of an action, and those where each logged-in actor is allowed.

    Anonymous visitors are always sent to the login page."""

    targets: frozenset
    editor_a: frozenset
    editor_b: frozenset
    translator: frozenset
    fr_translator: frozenset
    moderator: frozenset

    def expected(self, actor: str, target: str) -> str:
        if actor == "anonymous":
            return LOGIN
        return OK if target in getattr(self, actor) else DENIED


# fmt: off
EXPECTED = {
    # action                    targets editor_a editor_b translator fr_transl. moderator
    #
    # Reading and editing: the owner in both locales; the French translators on the French
    # tree (pact_pages.translation.translators, by design); the moderators everywhere.
    "explore":             Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "edit":                Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "save_draft":          Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "preview":             Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "view_draft":          Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "history":             Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "revision_view":       Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "revisions_compare":   Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    # Publication goes through the moderation workflow: only moderators publish or
    # unpublish. ("Publish" by an editor saves a draft: Wagtail ignores the button.)
    "submit_for_moderation": Rule(PAGES, A,      B,       NONE,      FR,        ALL),
    "publish":             Rule(PAGES,  NONE,    NONE,    NONE,      NONE,      ALL),
    "unpublish":           Rule(PAGES,  NONE,    NONE,    NONE,      NONE,      ALL),
    "unpublish_post":      Rule(PAGES,  NONE,    NONE,    NONE,      NONE,      ALL),
    # Taking a live page down at once is the signatory editors' tool
    # (pact_pages.moderation.takedown):
    # publishers use "unpublish"; translators are nobody's signatory editors. (The view must
    # unpublish without Wagtail's own check, which asks for the publish right.)
    "take_down":           Rule(PAGES,  A,       B,       NONE,      NONE,      NONE),
    "take_down_post":      Rule(PAGES,  A,       B,       NONE,      NONE,      NONE),
    # New pages: initiatives under one's own signatory page; new signatories: staff only.
    "add_subpage":         Rule(PAGES,  A_SIG,   B_SIG,   NONE,      NONE,      SIG),
    "add_initiative":      Rule(PAGES,  A_SIG,   B_SIG,   NONE,      NONE,      SIG),
    "add_signatory":       Rule(DIRS,   NONE,    NONE,    NONE,      NONE,      DIRS),
    # Wagtail opens "copy" to whoever can edit the page; the destination decides: an owner
    # may duplicate an initiative in its own signatory, never its signatory page.
    "copy":                Rule(PAGES,  A,       B,       NONE,      FR,        ALL),
    "copy_post":           Rule(PAGES,  A_INI,   B_INI,   NONE,      NONE,      ALL),
    # Moving and deleting live pages take the publish right; moderators have no bulk_delete
    # right, so they delete leaf pages (initiatives) only. move_post: to the other signatory.
    "move":                Rule(PAGES,  NONE,    NONE,    NONE,      NONE,      ALL),
    "move_post":           Rule(INI,    NONE,    NONE,    NONE,      NONE,      INI),
    "delete":              Rule(PAGES,  NONE,    NONE,    NONE,      NONE,      INI),
    "delete_post":         Rule(PAGES,  NONE,    NONE,    NONE,      NONE,      INI),
    # Media: each signatory's own collection; the moderators have the root collection.
    "image_edit":          Rule(MEDIA,  A_MEDIA, B_MEDIA, NONE,      NONE,      MEDIA),
    "image_chooser":       Rule(MEDIA,  A_MEDIA, B_MEDIA, NONE,      NONE,      MEDIA),
    "document_edit":       Rule(MEDIA,  A_MEDIA, B_MEDIA, NONE,      NONE,      MEDIA),
    "document_chooser":    Rule(MEDIA,  A_MEDIA, B_MEDIA, NONE,      NONE,      MEDIA),
    # The admin's page search lists a signatory's pages to those who may edit them.
    "page_search":         Rule(NAMES,  A_NAME,  B_NAME,  NONE,      NAMES,     NAMES),
    # Administration: staff only, and only what moderators were given (the translators'
    # change_pillar right covers French Ps only).
    "admin_area":          Rule(AREAS,  NONE,    NONE,    NONE,      NONE,      STAFF_AREAS),
}
# fmt: on

CASES = [
    pytest.param(actor, action, target, id=f"{action}-{actor}-{target}")
    for action, rule in EXPECTED.items()
    for actor in ACTORS
    for target in sorted(rule.targets)
]


# ---------------------------------------------------------------------------------------
# The data set
# ---------------------------------------------------------------------------------------


def _translate_initiative(initiative: InitiativePage, locale: Locale) -> InitiativePage:
    """French copy of an initiative, its Ps pointing at the French Ps (as Localize does)."""
    french = initiative.copy_for_translation(locale)
    french_pillars = {p.translation_key: p for p in Pillar.objects.filter(locale=locale)}
    for link in InitiativePillar.objects.filter(page=french).select_related("pillar"):
        link.pillar = french_pillars[link.pillar.translation_key]
        link.save()
    return publish(french)


def _scrape_form(client: Client, url: str) -> dict:
    """The fields of Wagtail's page form as the browser would post them back."""
    response = client.get(url)
    assert response.status_code == 200, url
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # StreamFields are rendered by JavaScript; ours are empty.
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in data.lists()
        if "__prefix__" not in key
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The data set, built once per module in a transaction rolled back after its last test.

    (conftest's fixtures are per test, hence the factories used directly.) Each test runs in
    a savepoint of its own: what it changes is undone before the next test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> SimpleNamespace:
    User = get_user_model()
    french = Locale.objects.get_or_create(language_code="fr")[0]
    for pillar in Pillar.objects.filter(locale=Locale.get_default()):
        pillar.copy_for_translation(french).save()
    directory = SignatoryIndexPageFactory(parent=HomePage.objects.get(depth=2))
    pages, media, users = {}, {}, {}
    for key, town in (("a", "Aubervilliers"), ("b", "Bordeaux")):
        signatory = SignatoryPageFactory(parent=directory, title=town)
        initiative = InitiativePageFactory(parent=signatory, title=f"{town} youth club")
        # Published through revisions, so that every page has a history to look at.
        signatory, initiative = publish(signatory), publish(initiative)
        users[f"editor_{key}"] = User.objects.create_user(f"editor_{key}")
        signatory_access = access.grant(users[f"editor_{key}"], signatory)
        pages[key], pages[f"{key}_ini"] = signatory, initiative
        pages[f"{key}_fr"] = publish(signatory.copy_for_translation(french, copy_parents=True))
        pages[f"{key}_fr_ini"] = _translate_initiative(initiative, french)
        collection = signatory_access.collection
        media[f"{key}_media"] = SimpleNamespace(
            image=ImageFactory(title=f"{town} logo", collection=collection),
            document=get_document_model().objects.create(
                title=f"{town} annual report",
                file=ContentFile(b"Annual report", name=f"report-{key}.txt"),
                collection=collection,
            ),
        )
    moderation = setup_moderation()
    users["moderator"] = User.objects.create_user("moderator")
    users["moderator"].groups.add(moderation.group)
    bare_translators = Group.objects.create(name="Translators (French)")
    bare_translators.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    users["translator"] = User.objects.create_user("translator")
    users["translator"].groups.add(bare_translators)
    users["fr_translator"] = User.objects.create_user("fr_translator")
    users["fr_translator"].groups.add(LocaleTranslators.objects.get(locale=french).group)

    sessions = {}
    for name, user in users.items():
        session_client = Client()
        session_client.force_login(user)
        sessions[name] = session_client.cookies[settings.SESSION_COOKIE_NAME].value
    scraper = Client()
    scraper.cookies[settings.SESSION_COOKIE_NAME] = sessions["moderator"]
    edit_forms = {
        target: _scrape_form(scraper, reverse("wagtailadmin_pages:edit", args=[page.pk]))
        for target, page in pages.items()
    }
    add_forms = {}  # an initiative with the first of the four Ps of its locale
    for target in ("a", "a_fr"):
        form = _scrape_form(scraper, _add_url("initiativepage", pages[target].pk))
        prevention = Pillar.objects.get(slug="prevention", locale=pages[target].locale)
        add_forms[target] = form | {"pillar_links-0-pillar": str(prevention.pk)}
    return SimpleNamespace(
        pk={target: page.pk for target, page in pages.items()}
        | {"directory": directory.pk, "directory_fr": pages["a_fr"].get_parent().pk},
        users=users,
        sessions=sessions,
        media=media,
        edit_forms=edit_forms,
        add_forms=add_forms | {"b": add_forms["a"], "b_fr": add_forms["a_fr"]},
        english_pillar=Pillar.objects.get(slug="prevention", locale=Locale.get_default()).pk,
        workflow=moderation.workflow,
    )


# ---------------------------------------------------------------------------------------
# Reading responses
# ---------------------------------------------------------------------------------------


def _add_url(model: str, parent_pk: int) -> str:
    return reverse("wagtailadmin_pages:add", args=["pact_pages", model, parent_pk])


def refusal(response) -> str | None:
    """LOGIN or DENIED if ``response`` refuses the request the way Wagtail does, else None."""
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(LOGIN_URL):
        return LOGIN
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302 and location == DASHBOARD:
        messages = [str(message) for message in get_messages(response.wsgi_request)]
        if any(NO_PERMISSION in message for message in messages):
            return DENIED
    return None


def outcome(response, allowed: bool) -> str:
    """The result of a GET: the view shown (200) or refused; anything else is reported."""
    refused = refusal(response)
    if refused:
        return refused
    if allowed:
        return OK
    return f"unexpected {response.status_code} {response.get('Location', '')}"


def effect(response, changed: bool) -> str:
    """The result of a POST: what it did to the database decides, the response must agree."""
    refused = refusal(response)
    if changed:
        return OK if refused is None else f"changed although refused ({refused})"
    if refused:
        return refused
    if response.status_code == 200 and b'class="error-message"' in response.content:
        return DENIED  # the form again, saying why

    return f"unchanged, unexpected {response.status_code} {response.get('Location', '')}"


def page(world, target: str) -> Page:
    return Page.objects.get(pk=world.pk[target]).specific


# ---------------------------------------------------------------------------------------
# Actions: each returns OK, DENIED, LOGIN or a description of what went wrong
# ---------------------------------------------------------------------------------------


def explore(client, world, target):
    url = reverse("wagtailadmin_explore", args=[world.pk[target]])
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith("/admin/pages/"):
        return DENIED  # Wagtail sends the user to the part of the tree they can explore
    return outcome(response, response.status_code == 200)


def edit(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[world.pk[target]]))
    return outcome(response, response.status_code == 200 and b"page-edit-form" in response.content)


def _post_edit(client, world, target, title_suffix, **extra):
    data = world.edit_forms[target] | {"title": world.edit_forms[target]["title"] + title_suffix}
    return client.post(reverse("wagtailadmin_pages:edit", args=[world.pk[target]]), data | extra)


def save_draft(client, world, target):
    before = page(world, target)
    response = _post_edit(client, world, target, " (edited)")
    after = page(world, target)
    revision = after.get_latest_revision()
    saved = revision.pk != before.latest_revision_id and revision.content["title"].endswith(
        " (edited)"
    )
    assert after.title == before.title, "saving a draft must not change the live page"
    return effect(response, saved)


def publish_action(client, world, target):
    before = page(world, target)
    response = _post_edit(client, world, target, " (published)", **{"action-publish": "1"})
    after = page(world, target)
    published = after.title.endswith(" (published)") and after.live_revision_id != (
        before.live_revision_id
    )
    if not published and response.status_code == 302 and refusal(response) is None:
        return DENIED  # the edit view saved a draft instead: no publish right
    return effect(response, published)


def submit_for_moderation(client, world, target):
    response = _post_edit(client, world, target, " (submitted)", **{"action-submit": "1"})
    return effect(response, page(world, target).workflow_in_progress)


def preview(client, world, target):
    """Posts the edited form to the preview (view_draft shows a preview page rendered)."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[world.pk[target]])
    response = client.post(url, world.edit_forms[target] | {"title": "Preview of the draft"})
    refused = refusal(response)
    if refused:
        return refused
    return OK if response.json() == {"is_valid": True, "is_available": True} else response.json()


def view_draft(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[world.pk[target]]))
    title = page(world, target).title.encode()
    return outcome(response, response.status_code == 200 and title in response.content)


def history(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:history", args=[world.pk[target]]))
    return outcome(response, response.status_code == 200)


def revision_view(client, world, target):
    revision = page(world, target).latest_revision_id
    url = reverse("wagtailadmin_pages:revisions_view", args=[world.pk[target], revision])
    response = client.get(url)
    return outcome(response, response.status_code == 200)


def revisions_compare(client, world, target):
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[world.pk[target], "earliest", "latest"]
    )
    response = client.get(url)
    return outcome(response, response.status_code == 200)


def unpublish(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:unpublish", args=[world.pk[target]]))
    return outcome(response, response.status_code == 200)


def unpublish_post(client, world, target):
    url = reverse("wagtailadmin_pages:unpublish", args=[world.pk[target]])
    response = client.post(url, {"include_descendants": "on"})
    return effect(response, not page(world, target).live)


def take_down(client, world, target):
    response = client.get(reverse("pact_take_down", args=[world.pk[target]]))
    return outcome(response, response.status_code == 200)


def take_down_post(client, world, target):
    response = client.post(reverse("pact_take_down", args=[world.pk[target]]))
    return effect(response, not page(world, target).live)


def add_subpage(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[world.pk[target]]))
    # One type of child page allowed: Wagtail goes straight to its "add" form.
    goes_to_form = response.get("Location") == _add_url("initiativepage", world.pk[target])
    return outcome(response, response.status_code == 200 or goes_to_form)


def add_initiative(client, world, target):
    data = world.add_forms[target.removesuffix("_ini")] | {
        "title": "Safe playgrounds",
        "slug": "safe-playgrounds-new",
        "summary": "Playground staff trained to listen.",
    }
    response = client.post(_add_url("initiativepage", world.pk[target]), data)
    created = Page.objects.filter(slug="safe-playgrounds-new").first()
    if created is not None:
        assert created.get_parent().pk == world.pk[target] and not created.live
    return effect(response, created is not None)


def add_signatory(client, world, target):
    response = client.get(_add_url("signatorypage", world.pk[target]))
    return outcome(response, response.status_code == 200)


def copy(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:copy", args=[world.pk[target]]))
    return outcome(response, response.status_code == 200)


def copy_post(client, world, target):
    original = page(world, target)
    data = {
        "new_title": f"{original.title} (copy)",
        "new_slug": "a-copy-of-it",
        "new_parent_page": original.get_parent().pk,
    }
    response = client.post(reverse("wagtailadmin_pages:copy", args=[original.pk]), data)
    copied = Page.objects.filter(slug="a-copy-of-it").first()
    if copied is not None:
        assert copied.specific_class is original.specific_class and not copied.live
    return effect(response, copied is not None)


def move(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:move", args=[world.pk[target]]))
    return outcome(response, response.status_code == 200)


def move_post(client, world, target):
    """Moves an initiative under the other signatory of its locale."""
    other = {"a": "b", "b": "a"}[target[0]] + target[1:].removesuffix("_ini")
    url = reverse("wagtailadmin_pages:move_confirm", args=[world.pk[target], world.pk[other]])
    response = client.post(url)
    return effect(response, page(world, target).get_parent().pk == world.pk[other])


def delete(client, world, target):
    response = client.get(reverse("wagtailadmin_pages:delete", args=[world.pk[target]]))
    return outcome(response, response.status_code == 200)


def delete_post(client, world, target):
    response = client.post(reverse("wagtailadmin_pages:delete", args=[world.pk[target]]))
    return effect(response, not Page.objects.filter(pk=world.pk[target]).exists())


def image_edit(client, world, target):
    image = world.media[target].image
    response = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    return outcome(response, response.status_code == 200)


def document_edit(client, world, target):
    document = world.media[target].document
    response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    return outcome(response, response.status_code == 200)


def _listed(client, url: str, text: str) -> str:
    """Allowed if ``text`` is listed; a listing without it is a refusal too."""
    response = client.get(url)
    refused = refusal(response)
    if refused:
        return refused
    assert response.status_code == 200, response
    return OK if text in response.content.decode() else DENIED


def image_chooser(client, world, target):
    title = world.media[target].image.title
    return _listed(client, reverse("wagtailimages_chooser:choose"), title)


def document_chooser(client, world, target):
    title = world.media[target].document.title
    return _listed(client, reverse("wagtaildocs_chooser:choose"), title)


def page_search(client, world, target):
    """Searches the signatory's name: allowed if any of its pages (any locale) is listed."""
    signatory = target.removesuffix("_name")
    query = {"q": page(world, signatory).title}
    response = client.get(reverse("wagtailadmin_pages:search"), query)
    refused = refusal(response)
    if refused:
        return refused
    assert response.status_code == 200, response
    html = response.content.decode()
    pages = A if signatory == "a" else B
    links = [reverse("wagtailadmin_pages:edit", args=[world.pk[key]]) for key in pages]
    return OK if any(link in html for link in links) else DENIED


def admin_area(client, world, target):
    url = ADMIN_AREAS[target] or reverse(
        "wagtailsnippets_pact_pages_pillar:edit", args=[world.english_pillar]
    )
    response = client.get(url)
    return outcome(response, response.status_code == 200)


ACTIONS = {
    "explore": explore,
    "edit": edit,
    "save_draft": save_draft,
    "preview": preview,
    "view_draft": view_draft,
    "history": history,
    "revision_view": revision_view,
    "revisions_compare": revisions_compare,
    "submit_for_moderation": submit_for_moderation,
    "publish": publish_action,
    "unpublish": unpublish,
    "unpublish_post": unpublish_post,
    "take_down": take_down,
    "take_down_post": take_down_post,
    "add_subpage": add_subpage,
    "add_initiative": add_initiative,
    "add_signatory": add_signatory,
    "copy": copy,
    "copy_post": copy_post,
    "move": move,
    "move_post": move_post,
    "delete": delete,
    "delete_post": delete_post,
    "image_edit": image_edit,
    "image_chooser": image_chooser,
    "document_edit": document_edit,
    "document_chooser": document_chooser,
    "page_search": page_search,
    "admin_area": admin_area,
}


def login(client, world, actor: str) -> None:
    """Logs ``actor`` in with the session made for it once (cheaper than force_login)."""
    client.cookies.clear()
    if actor != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[actor]


# ---------------------------------------------------------------------------------------
# The matrix
# ---------------------------------------------------------------------------------------


def test_every_action_has_a_helper():
    assert set(ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize(("actor", "action", "target"), CASES)
def test_permission_matrix(world, client, actor, action, target):
    login(client, world, actor)
    assert ACTIONS[action](client, world, target) == EXPECTED[action].expected(actor, target)


# ---------------------------------------------------------------------------------------
# Around the matrix
# ---------------------------------------------------------------------------------------


def test_revisions_index_is_a_redirect_to_the_history(world, client):
    """``revisions_index`` checks nothing itself: the history view it leads to does."""
    login(client, world, "editor_b")
    url = reverse("wagtailadmin_pages:revisions_index", args=[world.pk["a"]])
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == reverse(
        "wagtailadmin_pages:history", args=[world.pk["a"]]
    )
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert b"Aubervilliers" not in response.content


def test_owner_may_delete_its_own_draft_initiative(world, client):
    """Live pages need a publisher to go; a draft the editor made is theirs to delete."""
    draft = InitiativePageFactory(parent=page(world, "a"), title="Half-baked", live=False)
    login(client, world, "editor_b")
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert refusal(response) == DENIED
    login(client, world, "editor_a")
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_a_translation_made_later_is_editable_by_the_owner_only(world, client):
    """pact_pages.signatories.signals: a new translation of a signatory page gets the group's
    rights."""
    german = Locale.objects.get(language_code="de")  # every configured language is a locale
    translation = page(world, "a").copy_for_translation(german, copy_parents=True)
    url = reverse("wagtailadmin_pages:edit", args=[translation.pk])
    login(client, world, "editor_b")
    assert refusal(client.get(url)) == DENIED
    login(client, world, "editor_a")
    assert client.get(url).status_code == 200


def test_translators_cannot_take_down_the_french_site(world, client):
    """Take-down unpublishes a page with all its descendants: never the translators' tool."""
    home = page(world, "a_fr").get_parent().get_parent()
    url = reverse("pact_take_down", args=[home.pk])
    login(client, world, "fr_translator")
    assert refusal(client.get(url)) == DENIED
    assert refusal(client.post(url)) == DENIED
    assert Page.objects.get(pk=home.pk).live
    assert Page.objects.filter(locale=home.locale, live=True).count() > 1


# Drafts of B that A's editor must never see: a new title waiting for moderation, and a
# new initiative not published yet.
DRAFT_TITLE = "Bordeaux Metropole (draft)"
DRAFT_INITIATIVE = "Shelter plan (unpublished)"


@pytest.fixture
def b_drafts(world):
    signatory = page(world, "b")
    signatory.title = DRAFT_TITLE
    signatory.save_revision(user=world.users["editor_b"])
    world.workflow.start(signatory, world.users["editor_b"])
    InitiativePageFactory(parent=signatory, title=DRAFT_INITIATIVE, live=False)
    return signatory


def _surface(world, name: str) -> tuple[str, dict]:
    pk = world.pk
    bulk_delete = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    return {
        "dashboard": (reverse("wagtailadmin_home"), {}),
        "explore_root": (reverse("wagtailadmin_explore_root"), {}),
        "explore_directory": (reverse("wagtailadmin_explore", args=[pk["directory"]]), {}),
        "explore_directory_fr": (reverse("wagtailadmin_explore", args=[pk["directory_fr"]]), {}),
        "explore_b": (reverse("wagtailadmin_explore", args=[pk["b"]]), {}),
        "explore_b_results": (reverse("wagtailadmin_explore_results", args=[pk["b"]]), {}),
        "explore_b_initiative": (reverse("wagtailadmin_explore", args=[pk["b_ini"]]), {}),
        "page_search": (reverse("wagtailadmin_pages:search"), {"q": "Shelter"}),
        "page_chooser": (reverse("wagtailadmin_choose_page_child", args=[pk["directory"]]), {}),
        "page_chooser_b": (reverse("wagtailadmin_choose_page_child", args=[pk["b"]]), {}),
        "page_chooser_search": (reverse("wagtailadmin_choose_page_search"), {"q": "Shelter"}),
        "page_types_report": ("/admin/reports/page-types-usage/", {}),
        "bulk_delete": (bulk_delete, {"id": pk["b"]}),
    }[name]


# Where B's published name may appear to A's editor (choosers and reports list any page,
# search pages repeat the query): everywhere else B must not be named at all. Wagtail's
# page chooser, page types report and bulk-action confirmation show the admin title of the
# pages they list, which is the draft title: B's drafts must not reach them.
SURFACES = {
    "dashboard": False,
    "explore_root": False,
    "explore_directory": False,
    "explore_directory_fr": False,
    "explore_b": False,
    "explore_b_results": False,
    "explore_b_initiative": False,
    "page_search": True,
    "page_chooser": True,
    "page_chooser_b": True,
    "page_chooser_search": True,
    "page_types_report": True,
    "bulk_delete": True,
}


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json().get("html", "")  # choosers answer with HTML in JSON
    return response.content.decode()


@pytest.mark.parametrize("surface", SURFACES)
def test_other_signatorys_drafts_stay_hidden(world, client, b_drafts, surface):
    url, params = _surface(world, surface)
    login(client, world, "editor_a")
    response = client.get(url, params)
    assert response.status_code in (200, 302, 403)
    text = _text(response)
    assert DRAFT_TITLE not in text
    assert DRAFT_INITIATIVE not in text
    if not SURFACES[surface]:
        assert "Bordeaux" not in text


def test_the_drafts_are_there_for_those_who_may_see_them(world, client, b_drafts):
    """B's editor and the moderators do find B's drafts: the test above is not vacuous."""
    login(client, world, "moderator")
    assert DRAFT_TITLE in _text(client.get(reverse("wagtailadmin_home")))  # to review
    login(client, world, "editor_b")
    assert DRAFT_INITIATIVE in _text(client.get(*_surface(world, "page_search")))
    assert DRAFT_TITLE in _text(client.get(*_surface(world, "explore_directory")))


@pytest.mark.parametrize(
    ("parent", "child"),
    [("directory", "a"), ("directory_fr", "a_fr"), ("a", "a_ini"), ("a_fr", "a_fr_ini")],
)
def test_the_owner_explores_its_own_pages(world, client, parent, child):
    """The explorer restriction (pact_pages.trust.admin_restrictions) leaves the owner's way."""
    login(client, world, "editor_a")
    response = client.get(reverse("wagtailadmin_explore", args=[world.pk[parent]]))
    assert reverse("wagtailadmin_pages:edit", args=[world.pk[child]]) in _text(response)
