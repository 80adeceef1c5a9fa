"""The admin dashboard by role: the site's name as its title, no Gravatar, and a signatory
editor's own pages with their moderation state and an "Add an initiative" button."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from pact_pages.models import LocaleTranslators, SignupRequest
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.onboarding.decisions import approve, invitation_link
from pact_pages.signatories import access
from pact_pages.staff.signatory_panel import INITIATIVES_SHOWN
from tests.factories import InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

PANEL = 'id="pact-signatory-pages-section"'
SITE_NAME = "ONE in FIVE: Pact of Towns and Regions"


def dashboard(client) -> str:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def title(html: str) -> str:
    """The dashboard's heading (Wagtail's "branding_welcome" block)."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "no h1"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def state_of(html: str, page) -> str:
    """The state shown in the panel's row of ``page``."""
    row = re.search(rf'<tr data-page="{page.pk}">(.*?)</tr>', html, re.S)
    assert row, f"no row for {page.title}"
    cell = re.search(r'<td data-state="[^"]*">(.*?)</td>', row.group(1), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split())


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderation():
    return setup_moderation()


@pytest.fixture
def editor(signatory, moderation, django_user_model):
    """Edits Strasbourg (and only it), under moderation."""
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    access.grant(user, signatory)
    return user


@pytest.fixture
def lyon(directory):
    return SignatoryPageFactory(parent=directory, title="Lyon")


@pytest.fixture
def other_editor(lyon, moderation, django_user_model):
    user = django_user_model.objects.create_user("lyonnais", "l@example.org", "pw")
    access.grant(user, lyon)
    return user


@pytest.fixture
def moderator(moderation, django_user_model):
    user = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    user.groups.add(moderation.group)
    return user


@pytest.fixture
def translator(fr_locale, moderation, django_user_model):
    user = django_user_model.objects.create_user("translator", "t@example.org", "pw")
    user.groups.add(LocaleTranslators.objects.get(locale=fr_locale).group)
    return user


class TestTheSitesName:
    def test_the_migrations_name_the_site(self, home_page):
        assert Site.objects.get(is_default_site=True).site_name == SITE_NAME

    def test_every_role_sees_the_sites_name_as_the_title(
        self, admin_client, editor, moderator, translator, home_page
    ):
        for client in (admin_client, *(client_for(u) for u in (editor, moderator, translator))):
            html = dashboard(client)

            assert title(html) == SITE_NAME
            assert "localhost" not in title(html)


class TestTheEditorsPanel:
    def test_the_editor_sees_its_pages_their_states_and_the_add_button(
        self, editor, signatory, initiative, moderation
    ):
        draft = InitiativePageFactory(parent=signatory, title="Helpline", live=False)
        waiting = InitiativePageFactory(parent=signatory, title="School visits", live=False)
        waiting.save_revision(user=editor)
        waiting.get_workflow().start(waiting, editor)
        returned = InitiativePageFactory(parent=signatory, title="Youth council", live=False)
        returned.save_revision(user=editor)
        state = returned.get_workflow().start(returned, editor)
        state.current_task_state.reject(user=None)

        html = dashboard(client_for(editor))

        assert PANEL in html
        assert "Strasbourg" in html
        assert state_of(html, signatory) == "Published"
        assert state_of(html, initiative) == "Published"
        assert state_of(html, draft) == "Draft, not published"
        assert state_of(html, waiting) == "Awaiting moderation"
        assert state_of(html, returned) == "Changes requested"
        for page in (signatory, initiative, draft, waiting, returned):
            assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
        add = reverse("wagtailadmin_pages:add", args=("pact_pages", "initiativepage", signatory.pk))
        assert f'href="{add}"' in html
        assert "Add an initiative" in html

    def test_the_add_button_opens_the_initiative_form_under_the_signatory(self, editor, signatory):
        add = reverse("wagtailadmin_pages:add", args=("pact_pages", "initiativepage", signatory.pk))

        assert client_for(editor).get(add).status_code == 200

    def test_another_signatorys_editor_does_not_see_strasbourg(
        self, other_editor, editor, signatory, initiative, lyon
    ):
        html = dashboard(client_for(other_editor))

        assert PANEL in html
        assert "Lyon" in html
        assert "Strasbourg" not in html
        assert initiative.title not in html
        assert reverse("wagtailadmin_pages:edit", args=[signatory.pk]) not in html

    def test_an_unpublished_change_is_named(self, editor, initiative):
        initiative.title = "Safe sports clubs, season two"
        initiative.save_revision(user=editor)

        html = dashboard(client_for(editor))

        assert state_of(html, initiative) == "Published, with unpublished changes"
        assert "Safe sports clubs, season two" in html  # the editor's own draft title

    def test_the_queries_do_not_grow_with_the_initiatives(
        self, editor, signatory, django_assert_max_num_queries
    ):
        client = client_for(editor)
        InitiativePageFactory(parent=signatory)
        dashboard(client)  # warm caches (content types, site root paths)
        with django_assert_max_num_queries(100) as few:
            dashboard(client)
        for _number in range(INITIATIVES_SHOWN + 5):
            InitiativePageFactory(parent=signatory)

        with django_assert_max_num_queries(len(few.captured_queries)):
            html = dashboard(client)

        assert html.count("<tr data-page=") == 1 + INITIATIVES_SHOWN
        assert f"See all {INITIATIVES_SHOWN + 6} initiatives" in html


class TestOthersGetNoEditorsPanel:
    def test_moderator_translator_and_superuser(
        self, admin_client, moderator, translator, signatory, initiative
    ):
        for client in (admin_client, client_for(moderator), client_for(translator)):
            html = dashboard(client)

            assert PANEL not in html
            assert "Add an initiative" not in html


class TestAFreshlyOnboardedSignatory:
    def test_first_sign_in_leads_to_its_page(self, directory, moderator):
        signup = SignupRequest.objects.create(
            name="Ville de Namur",
            signatory_type="town",
            country="BE",
            place="Namur",
            contact_person="Julie Lambert",
            email="julie.lambert@namur.example.org",
            role="Alderwoman for youth",
            accepted_pact=True,
            accepted_privacy=True,
        )
        approval = approve(signup, by=moderator)
        client = Client()

        # The invitation's one-time link, a password, then the sign-in form.
        form = client.get(invitation_link(approval.user), follow=True)
        client.post(
            form.redirect_chain[-1][0],
            {"new_password1": "Namur-pact-2026!", "new_password2": "Namur-pact-2026!"},
        )
        signed_in = client.post(
            reverse("wagtailadmin_login"),
            {"username": approval.user.username, "password": "Namur-pact-2026!"},
        )
        assert signed_in.status_code == 302
        html = dashboard(client)

        assert title(html) == SITE_NAME
        assert PANEL in html
        page = approval.signatory
        assert state_of(html, page) == "Draft, not published"
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
        assert "Your signatory page is not published yet" in html
        assert "No initiative yet" in html
        assert "Add an initiative" in html


def test_no_admin_page_asks_gravatar(admin_client, editor, moderator, translator, initiative):
    """Wagtail's default avatar, never gravatar.com (the CSP blocks it: a broken picture)."""
    pages = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_pages:edit", args=[initiative.pk]),
        reverse("wagtailadmin_explore_root"),
    ]
    clients = [admin_client, *(client_for(user) for user in (editor, moderator, translator))]
    for client in clients:
        for url in pages:
            response = client.get(url)
            if response.status_code == 200:
                assert "gravatar" not in response.content.decode().lower(), url
    users = get_user_model().objects.count()
    assert users >= 4


@pytest.fixture
def small_demo(monkeypatch, quiet_saves):
    """The demo loader's users and rights, with Strasbourg and Catalonia only (tiny pictures:
    drawing the real ones takes seconds)."""
    from home.demo import images
    from home.demo.builder import DemoBuilder
    from tests.test_demo import tiny_png

    def tiny(*args, **kwargs):
        return tiny_png(name=kwargs.get("name") or args[-1])

    for drawing in ("banner", "emblem", "illustration"):  # the file name comes last
        if hasattr(images, drawing):
            monkeypatch.setattr(images, drawing, tiny)
    DemoBuilder(limit=1).build()


def test_every_demo_role_sees_the_sites_name_and_no_gravatar(small_demo):
    from home.demo.builder import DEMO_USERS, EDITED_SIGNATORIES

    for demo in DEMO_USERS:
        client = Client()
        assert client.login(username=demo.username, password=demo.password), demo.username
        for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
            html = client.get(url).content.decode()

            assert "gravatar" not in html.lower(), (demo.username, url)
        html = dashboard(client)
        assert title(html) == SITE_NAME, demo.username
        assert (PANEL in html) == (demo.username in EDITED_SIGNATORIES), demo.username
