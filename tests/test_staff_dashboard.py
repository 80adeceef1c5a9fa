"""The staff panel of the admin dashboard: Congress moderators only, figures from the DB."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Locale

from pact_pages.initiatives.queries import live_initiatives
from pact_pages.models import SignatoryPage, SignatoryType, SignupRequest, SignupStatus
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from pact_pages.staff.dashboard import (
    StaffDashboardPanel,
    initiatives_by_month,
    month_chart,
    pillar_chart,
)
from tests.factories import InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

PANEL = 'id="pact-staff-dashboard-section"'


def make_signup(name: str, status: str = SignupStatus.PENDING, **kwargs) -> SignupRequest:
    fields = {
        "signatory_type": SignatoryType.TOWN,
        "country": "BE",
        "place": name,
        "contact_person": "Anne Dupont",
        "email": "anne@example.org",
        "role": "Mayor",
        "accepted_pact": True,
        "accepted_privacy": True,
        "status": status,
    }
    return SignupRequest.objects.create(name=name, **(fields | kwargs))


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="moderator", password="pw", first_name="Mona", last_name="Moderator"
    )
    user.groups.add(setup_moderation().group)
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def editor(signatory, django_user_model):
    """Edits the Strasbourg signatory (and only it), under moderation."""
    user = django_user_model.objects.create_user(
        username="editor", password="pw", first_name="Eddie", last_name="Editor"
    )
    access.grant(user, signatory)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def pact(directory, signatory, initiative):
    """Three published signatories in two countries, a draft one; three initiatives."""
    SignatoryPageFactory(parent=directory, title="Lyon", country="FR")
    region = SignatoryPageFactory(
        parent=directory, title="Tyrol", country="AT", signatory_type=SignatoryType.REGION
    )
    SignatoryPageFactory(parent=directory, title="Draft town", country="IT", live=False)
    InitiativePageFactory(parent=region, title="Helpline", pillars=("protection", "prevention"))
    InitiativePageFactory(
        parent=signatory, title="Unpublished", pillars=("prosecution",), live=False
    )
    return region


def dashboard(client) -> str:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def cell(html: str, attribute: str, key: str) -> str:
    """The text of ``<td data-<attribute>="<key>">…</td>`` in the panel's tables."""
    match = re.search(rf'<td data-{attribute}="{re.escape(key)}">([^<]*)</td>', html)
    assert match, f"no cell {attribute}={key}"
    return match.group(1)


class TestWhoSeesThePanel:
    def test_moderator_sees_the_panel_and_the_exports_menu(self, moderator_client):
        html = dashboard(moderator_client)

        assert PANEL in html
        assert "pact-exports" in html  # the "Exports" submenu of the sidebar

    def test_superuser_sees_the_panel(self, admin_client):
        assert PANEL in dashboard(admin_client)

    def test_signatory_editor_does_not_see_the_panel(self, editor_client, pact):
        html = dashboard(editor_client)

        assert PANEL not in html
        assert "pact-exports" not in html
        assert reverse("pact_export_signatories") not in html
        assert "Tyrol" not in html  # another signatory's data

    def test_panel_renders_nothing_for_a_signatory_editor(self, rf, editor):
        request = rf.get("/admin/")
        request.user = editor

        assert StaffDashboardPanel().render_html({"request": request}) == ""


class TestFigures:
    def test_pending_sign_up_requests(self, moderator_client):
        for number in range(6):
            make_signup(f"Applicant {number}")
        make_signup("Approved town", status=SignupStatus.APPROVED)
        make_signup("Rejected town", status=SignupStatus.REJECTED)
        oldest = SignupRequest.objects.get(name="Applicant 0")
        SignupRequest.objects.filter(pk=oldest.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=3)
        )

        html = dashboard(moderator_client)

        assert "6 pending sign-up requests" in html
        index = reverse("pact_signups:index") + "?status=pending"
        assert f'href="{index}"' in html
        listed = re.findall(r'href="/admin/pact/signups/review/(\d+)/"', html)
        assert len(listed) == 5
        assert str(oldest.pk) not in listed
        assert "Applicant 5" in html and "Applicant 0" not in html
        assert "Approved town" not in html and "Rejected town" not in html

    def test_signatories_by_country_and_type(self, moderator_client, pact):
        html = dashboard(moderator_client)

        assert "3 published signatories" in html
        assert cell(html, "country", "FR") == "2"
        assert cell(html, "country", "AT") == "1"
        assert 'data-country="IT"' not in html  # a draft
        assert cell(html, "type", "town") == "2"
        assert cell(html, "type", "region") == "1"
        assert cell(html, "type", "association") == "0"

    def test_initiatives_per_pillar_as_an_accessible_svg(self, moderator_client, pact):
        html = dashboard(moderator_client)

        assert "2 published initiatives" in html
        assert cell(html, "pillar", "prevention") == "2"
        assert cell(html, "pillar", "participation") == "1"
        assert cell(html, "pillar", "protection") == "1"
        assert cell(html, "pillar", "prosecution") == "0"  # only in a draft
        svg = re.search(r'<svg role="img" aria-labelledby="pact-pillar-chart-title[^>]*>', html)
        assert svg
        assert '<title id="pact-pillar-chart-title">Published initiatives per P</title>' in html
        assert "Prevention: 2; Protection: 1; Prosecution: 0; Participation: 1" in html

    def test_initiatives_per_month(self, moderator_client, pact):
        html = dashboard(moderator_client)

        this_month = timezone.localdate().strftime("%Y-%m")
        assert cell(html, "month", this_month) == "2"
        assert 'aria-labelledby="pact-month-chart-title pact-month-chart-desc"' in html
        assert len(re.findall(r'<td data-month="\d{4}-\d{2}">', html)) == 12

    def test_pages_awaiting_moderation(self, moderator_client, editor, initiative):
        initiative.title = "Safe sports clubs, second season"
        revision = initiative.save_revision(user=editor)
        initiative.get_workflow().start(initiative, editor)
        assert revision.pk

        html = dashboard(moderator_client)

        assert "1 page awaiting moderation" in html
        edit_url = reverse("wagtailadmin_pages:edit", args=[initiative.pk])
        assert f'<a href="{edit_url}">Safe sports clubs, second season</a>' in html
        # Whose page it is: reports of a round share their title across signatories.
        assert f"<td>{initiative.get_parent().title}</td>" in html
        assert "Eddie Editor" in html

    def test_the_panel_uses_the_default_locale_pages_only(self, moderator_client, pact, fr_locale):
        french = pact.copy_for_translation(fr_locale, copy_parents=True)
        french.save_revision().publish()

        html = dashboard(moderator_client)

        assert SignatoryPage.objects.filter(locale=fr_locale, live=True).count() == 1
        assert cell(html, "country", "AT") == "1"


def test_svg_coordinates_are_not_localised(rf, moderator, pact):
    """French writes 12,5 for 12.5: the SVG's numbers must stay as they are."""
    request = rf.get("/admin/")
    request.user = moderator

    with translation.override("fr"):
        html = StaffDashboardPanel().render_html({"request": request})
        this_month = date_format(timezone.localdate().replace(day=1), "YEAR_MONTH_FORMAT")

    coordinates = re.findall(r'\s(?:x|y|width|height)="([^"]*)"', html)
    assert coordinates
    assert all(re.fullmatch(r"\d+(\.\d+)?%?", value) for value in coordinates), coordinates
    assert f"{this_month}: 2" in html  # while dates are in French


class TestCharts:
    def test_month_chart_scales_to_the_highest_month(self):
        months = [(datetime.date(2025, month, 1), count) for month, count in [(1, 0), (2, 4)]]

        chart = month_chart(months)

        empty, full = chart["bars"]
        assert empty["height"] == 0 and full["height"] == chart["baseline"] - 20
        assert full["year"] == "" and empty["year"] == "2025"
        assert chart["total"] == 4

    def test_charts_without_any_initiative(self):
        assert month_chart([])["bars"] == []
        assert pillar_chart([])["bars"] == []

    def test_months_are_the_last_twelve(self, pact):
        initiative = pact.get_children().first().specific
        long_ago = timezone.now() - datetime.timedelta(days=400)
        type(initiative).objects.filter(pk=initiative.pk).update(first_published_at=long_ago)

        months = initiatives_by_month(live_initiatives(Locale.get_default()))

        assert len(months) == 12
        assert months[-1] == (timezone.localdate().replace(day=1), 1)
        assert sum(count for _month, count in months) == 1
        assert months[0][0] < months[-1][0]


def test_panel_query_count_does_not_grow(rf, moderator, directory, signatory):
    def render() -> int:
        request = rf.get("/admin/")
        request.user = moderator
        with CaptureQueriesContext(connection) as queries:
            StaffDashboardPanel().render_html({"request": request})
        return len(queries)

    InitiativePageFactory(parent=signatory)
    make_signup("Only one")
    render()  # fills the caches (permissions, content types) that later renders reuse
    few = render()
    for number in range(15):
        town = SignatoryPageFactory(parent=directory, country=["FR", "DE", "IT"][number % 3])
        InitiativePageFactory(parent=town, pillars=("prevention", "protection"), tags=["x"])
        make_signup(f"Applicant {number}")
    render()  # the layout's cache again: the new pages bumped its version

    assert render() == few
