"""The people boundary (issue 14, holes 2, 6 and 12): accounts, user names and mails.

* The sweep: every admin URL pattern of the resolver, GET as A's editor and as the French
  translator (tests/test_permission_sweep.py fills the patterns; one it cannot fill fails
  here too). Where the response's listing has filters whose choices are users, each such
  filter is requested again set to B's editor. No response may name B's editor (user name,
  e-mail, full name): the "requested by", "owner", "edited by", "locked by" and history
  "user" filters of any listing, present or future, are found by their choices, not by name.
* Approval with an address that an editor took: nobody's account is bound by the match.
* Per-recipient limits of the join and newsletter mails, whatever the client address.
* django-axes counts failures per (user name, client): a stranger cannot lock an editor out.
"""

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import product

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Locale, Page

from pact_pages.models import SignupRequest
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.onboarding.decisions import approve
from pact_pages.signatories import access
from pact_pages.translation.translators import setup_translator_groups
from pact_pages.trust.people_scope import visible_users
from tests.factories import SignatoryPageFactory
from tests.sweep_fixtures import MARKERS, Target, World, build_world
from tests.test_onboarding import JOIN_DATA
from tests.test_permission_sweep import build_path, fills, routes

pytestmark = pytest.mark.django_db

PEOPLE_MARKERS = {name: MARKERS[name] for name in ("user_email", "user_username", "user_full_name")}
SWEPT_ROLES = ("editor_a", "translator")
WORKFLOW, HISTORY = "wagtailadmin_reports:workflow", "wagtailadmin_pages:history"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------------------------------
# The sweep of user lists
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        world.b_french = _b_french_page(world)
        yield world
        transaction.set_rollback(True)


def _b_french_page(world: World) -> Page:
    """B's page in French, edited by B's editor and approved by the moderator: the French
    translator may edit it, and its history names both (the rows, not only the filters)."""
    User = get_user_model()
    french = Locale.objects.get(language_code="fr")
    page = world.b_signatory.specific.copy_for_translation(french, copy_parents=True)
    page.save_revision(user=User.objects.get(pk=world.b_user_id), log_action=True)
    page.save_revision(user=User.objects.get(pk=world.user_ids["moderator"]), log_action=True)
    setup_translator_groups()  # the French tree is new: its translators' rights
    return Page.objects.get(pk=page.pk)


def _client(world: World, role: str) -> Client:
    # A server error is the permission sweep's to judge; here only its text matters.
    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def _get(client: Client, path: str, data: dict | None = None):
    """A GET in a savepoint rolled back afterwards (a view may record something)."""
    with transaction.atomic():
        response = client.get(path, data or {})
        transaction.set_rollback(True)
    return response


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    if response.get("Content-Type", "").startswith(XLSX):
        workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        rows = (row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True))
        return "\n".join(" ".join(str(cell) for cell in row if cell is not None) for row in rows)
    return response.content.decode(errors="replace")


def _exports(response) -> list[str]:
    """The spreadsheet formats the response's listing exports (its rows, user fields too)."""
    view = (response.context or {}).get("view") if response.context else None
    if isinstance(view, SpreadsheetExportMixin) and view.list_export:
        return [SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX]
    return []


def _user_filters(response) -> list[str]:
    """The names of the response's listing filters whose choices are users."""
    filterset = (response.context or {}).get("filters") if response.context else None
    if filterset is None or not hasattr(filterset, "filters"):
        return []
    names = []
    for name, filter_ in filterset.filters.items():
        queryset = filter_.extra.get("queryset", getattr(filter_, "queryset", None))
        if callable(queryset):
            queryset = queryset(filterset.request)
        if isinstance(queryset, QuerySet) and issubclass(queryset.model, get_user_model()):
            names.append(name)
    return names


def _admin_routes():
    return [route for route in routes() if route.route.startswith("admin/")]


def _targets(world: World, role: str) -> list[Target]:
    """B's objects (as the permission sweep), and for A's editor its own page too: the
    listings a user may open (its explorer, its page's history) are where user lists are."""
    targets = [world.targets[role]]
    if role == "editor_a":
        targets.append(replace(world.targets[role], page=world.a_signatory))
    if role == "translator":
        targets.append(replace(world.targets[role], page=world.b_french))
    return targets


def sweep_user_lists(
    world: World, role: str, only: str = ""
) -> tuple[list[str], dict[str, list[str]], int]:
    """(the leaks, the user filters found by URL name, the number of requests) of ``role`` on
    every admin pattern (``only``: on the pattern of that URL name alone)."""
    client = _client(world, role)
    leaks, user_filters, count = [], {}, 0
    routes = [route for route in _admin_routes() if not only or route.key == only]
    for route, target in product(routes, _targets(world, role)):
        for kwargs in fills(route, world, target):  # Unfilled: a pattern the sweep lacks
            path = build_path(route, kwargs, world)
            response = _get(client, path)
            requests = [(path, {}, response)]
            names = _user_filters(response)
            query = {name: str(world.b_user_id) for name in names}
            if names:
                user_filters[route.key] = names
                requests.append((path, query, _get(client, path, query)))
            for export in _exports(response):
                exported = {**query, "export": export}
                requests.append((path, exported, _get(client, path, exported)))
            count += len(requests)
            for requested, query, answer in requests:
                text = _text(answer)
                shown = [name for name, marker in PEOPLE_MARKERS.items() if marker in text]
                if shown:
                    leaks.append(f"GET {requested} {query} ({route.key}) shows B's {shown}")
    return leaks, user_filters, count


class TestUserLists:
    """B's world lives for this class only (the tests below make their own people)."""

    @pytest.mark.parametrize("role", SWEPT_ROLES)
    def test_no_admin_listing_names_another_signatorys_people(self, world, role):
        leaks, user_filters, count = sweep_user_lists(world, role)
        print(
            f"people sweep, {role}: {len(_admin_routes())} admin URL patterns, {count} GETs, "
            f"{len(user_filters)} listings with user filters: {sorted(user_filters)}"
        )
        assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks)
        # The sweep reached the user filters (a broken detection would pass vacuously).
        reached = {"wagtailadmin_reports:site_history", "wagtailadmin_explore"}
        if role == "editor_a":
            reached |= {"wagtailadmin_reports:workflow"}
        else:
            reached |= {"wagtailadmin_pages:history"}
        assert reached <= set(user_filters)

    def test_the_sweep_finds_the_lists_when_nothing_scopes_them(self, world, monkeypatch):
        """Without pact_pages.trust.people_scope, the sweep (of the workflow report, where
        the leak is looked for) names the leaks by itself."""
        monkeypatch.setattr("pact_pages.trust.people_scope.visible_users", lambda user: None)
        leaks = sweep_user_lists(world, "editor_a", only=WORKFLOW)[0]
        assert any(WORKFLOW in leak for leak in leaks), leaks

    def test_the_sweep_finds_the_names_in_rows_when_nothing_hides_them(self, world, monkeypatch):
        """Without pact_pages.trust.people_display, B's French page's history names B's
        editor to the French translator, and the sweep (of the history) says so."""
        monkeypatch.setattr("pact_pages.trust.people_display.hidden_label", lambda user: None)
        leaks = sweep_user_lists(world, "translator", only=HISTORY)[0]
        assert any(HISTORY in leak for leak in leaks), leaks

    def test_strangers_and_staff_get_neutral_labels_and_staff_see_names(self, world):
        path = reverse("wagtailadmin_pages:history", args=[world.b_french.pk])
        text = _text(_get(_client(world, "translator"), path))
        assert "Another user" in text and "Congress staff" in text
        assert "sweep_moderator" not in text and MARKERS["user_full_name"] not in text
        text = _text(_get(_client(world, "moderator"), path))
        assert "sweep_moderator" in text and MARKERS["user_full_name"] in text

    def test_staff_still_see_every_requester(self, world):
        """The moderator's workflow report still offers B's editor as "requested by"."""
        response = _get(_client(world, "moderator"), reverse("wagtailadmin_reports:workflow"))
        assert "requested_by" in _user_filters(response)
        assert MARKERS["user_full_name"] in _text(response)

    def test_an_editor_sees_its_co_editors_and_itself(self, world):
        """A's second editor, who submitted A's page, is in A's editor's "requested by" list."""
        User = get_user_model()
        with transaction.atomic():
            colleague = User.objects.create_user("sweep_colleague_a", first_name="Colleaguea")
            access.grant(colleague, world.a_signatory)
            page = world.a_signatory.specific
            page.save_revision(user=colleague)
            page.get_workflow().start(page, colleague)
            editor_a = User.objects.get(pk=world.user_ids["editor_a"])
            assert set(visible_users(editor_a)) == {editor_a, colleague}
            response = _client(world, "editor_a").get(reverse("wagtailadmin_reports:workflow"))
            text = _text(response)
            assert "Colleaguea" in text and MARKERS["user_full_name"] not in text
            transaction.set_rollback(True)


# ---------------------------------------------------------------------------------------
# Approval when an editor took the applicant's address (hole 2)
# ---------------------------------------------------------------------------------------

APPLICANT = "applicant@victim.example"


@pytest.fixture
def people(directory):
    User = get_user_model()
    editor = User.objects.create_user("editor", "editor@example.org", "editor-pact-2026")
    own = SignatoryPageFactory(parent=directory, title="Strasbourg")
    access.grant(editor, own)
    moderator = User.objects.create_user("moderator", "mod@example.org", "moderator-2026")
    moderator.groups.add(setup_moderation().group)
    return {"editor": editor, "own": own, "moderator": moderator}


def _account_form(**changes) -> dict:
    return {
        "name_email-first_name": "Ed",
        "name_email-last_name": "Itor",
        "locale-preferred_language": "en",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "theme-keyboard_clipboard_shortcut": "cmd",
        **changes,
    }


def _signup(email: str = APPLICANT) -> SignupRequest:
    return SignupRequest.objects.create(
        name="Victim Town",
        signatory_type="town",
        country="FR",
        place="Lyon",
        contact_person="Vic Tim",
        email=email,
        role="Mayor",
        accepted_pact=True,
        accepted_privacy=True,
    )


def test_an_editor_cannot_take_an_applicants_address_and_signatory(
    client, people, django_capture_on_commit_callbacks
):
    editor = people["editor"]
    assert client.login(username="editor", password="editor-pact-2026")
    page = _text(client.get(reverse("wagtailadmin_account")))
    assert 'name="name_email-email"' not in page and 'name="pact_email-new_email"' in page
    # Wagtail's own field, posted anyway, is ignored; the panel only mails the new address.
    response = client.post(
        reverse("wagtailadmin_account"),
        _account_form(**{"name_email-email": APPLICANT, "pact_email-new_email": APPLICANT}),
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.email == "editor@example.org"
    assert [message.to for message in mail.outbox] == [[APPLICANT]]

    signup = _signup()
    moderator = Client()
    moderator.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        moderator.post(reverse("pact_signups:review", args=[signup.pk]), {"action": "approve"})
    victim = Page.objects.get(title="Victim Town")
    assert [page.pk for page in access.signatories_of(editor)] == [people["own"].pk]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[victim.pk])).status_code != 200
    # The real applicant gets a new account, named after the contact, and a set-password link.
    applicant = get_user_model().objects.get(email=APPLICANT)
    assert applicant.username == "vic-tim" and "@" not in applicant.username
    assert [page.pk for page in access.signatories_of(applicant)] == [victim.pk]
    assert "/admin/password_reset/confirm/" in mail.outbox[-1].body


def test_an_address_changes_once_its_owner_follows_the_link(client, people):
    editor = people["editor"]
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_account"), _account_form(**{"pact_email-new_email": "new@ed.example"})
    )
    link = re.search(r"http://testserver(/admin/pact/account-email/\S+/)", mail.outbox[-1].body)[1]
    other = Client()
    other.force_login(people["moderator"])
    assert other.post(link).status_code == 400  # another account cannot use it
    assert client.get(link).status_code == 200
    client.post(link)
    editor.refresh_from_db()
    assert editor.email == "new@ed.example"
    assert client.post(link).status_code == 400  # once only


def test_an_address_another_account_has_is_refused_at_confirmation(client, people):
    client.force_login(people["editor"])
    client.post(
        reverse("wagtailadmin_account"),
        _account_form(**{"pact_email-new_email": "MOD@example.org"}),
    )
    link = re.search(r"http://testserver(/admin/pact/account-email/\S+/)", mail.outbox[-1].body)[1]
    client.post(link)
    people["editor"].refresh_from_db()
    assert people["editor"].email == "editor@example.org"


def test_the_owner_of_an_existing_address_claims_the_signatory_signed_in(
    client, people, django_capture_on_commit_callbacks
):
    editor = people["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        result = approve(_signup("EDITOR@example.org"), by=people["moderator"])
    assert result.user is None
    assert [page.pk for page in access.signatories_of(editor)] == [people["own"].pk]
    link = re.search(r"http://testserver(/admin/pact/claim/\S+/)", mail.outbox[-1].body)[1]
    assert client.get(link)["Location"].startswith("/admin/login/")  # signed in only
    client.force_login(editor)
    assert "Victim Town" in _text(client.get(link))
    client.post(link)
    assert {page.pk for page in access.signatories_of(editor)} == {
        people["own"].pk,
        result.signatory.pk,
    }
    assert client.get(link).status_code == 400


# ---------------------------------------------------------------------------------------
# Mails per recipient (hole 12)
# ---------------------------------------------------------------------------------------


def test_the_join_form_mails_one_mailbox_a_few_times_whatever_the_client(join_page, settings):
    settings.PACT_JOIN_MAIL_RATE_LIMIT = (2, 3600)
    spellings = ["victim@example.org", "Victim@Example.org", "victim+1@example.org"]
    responses = [
        Client(REMOTE_ADDR=f"192.0.2.{number}").post(
            join_page.url, {**JOIN_DATA, "email": spellings[number % 3]}
        )
        for number in range(6)
    ]
    assert len(mail.outbox) == 2
    # Every request is stored, and the form answers the same way (nothing to enumerate).
    assert SignupRequest.objects.count() == 6
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, join_page.url + "?sent=1")}
    # Another mailbox is not affected.
    Client(REMOTE_ADDR="192.0.2.99").post(join_page.url, JOIN_DATA)
    assert mail.outbox[-1].to == [JOIN_DATA["email"]]


def test_the_newsletter_mails_one_mailbox_a_few_times_whatever_the_client(
    newsletter_page, settings
):
    settings.PACT_NEWSLETTER_MAIL_RATE_LIMIT = (2, 3600)
    for number in range(5):
        response = Client(REMOTE_ADDR=f"198.51.100.{number}").post(
            newsletter_page.url,
            {"email": f"reader+{number}@example.org", "language": "en", "consent": "on"},
        )
        assert response.status_code in (200, 302)
    assert len(mail.outbox) == 2


# ---------------------------------------------------------------------------------------
# Lockout per (user name, client) (hole 6)
# ---------------------------------------------------------------------------------------


def test_a_stranger_cannot_lock_an_editor_out_by_its_user_name(people, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    login = reverse("wagtailadmin_login")
    stranger = Client(REMOTE_ADDR="203.0.113.66")
    for _attempt in range(4):
        stranger.post(login, {"username": "editor", "password": "wrong"})
    locked = stranger.post(login, {"username": "editor", "password": "editor-pact-2026"})
    assert locked.status_code == 429  # the stranger's connection is locked out
    owner = Client(REMOTE_ADDR="192.0.2.10")
    response = owner.post(login, {"username": "editor", "password": "editor-pact-2026"})
    assert response.status_code == 302 and owner.session.get("_auth_user_id")


def test_staff_cannot_give_two_accounts_one_address(client, people):
    admin = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-staff-1")
    client.force_login(admin)
    edit = reverse("wagtailusers_users:edit", args=[people["moderator"].pk])
    form = {
        "username": "moderator",
        "email": "Editor@example.org",
        "first_name": "Mo",
        "last_name": "Derator",
        "is_active": "on",
        "groups": [str(group.pk) for group in people["moderator"].groups.all()],
    }
    response = client.post(edit, form)
    assert response.status_code == 200 and "Another account uses this address." in _text(response)
    assert client.post(edit, {**form, "email": "mod2@example.org"}).status_code == 302
    people["moderator"].refresh_from_db()
    assert people["moderator"].email == "mod2@example.org"
