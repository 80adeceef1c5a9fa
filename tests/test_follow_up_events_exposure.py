"""Events and the follow-up seen from outside (review of issues 20 and 21): the pages under
a signatory taken down stay out of Wagtail's API v2, and bad parameters of the events' and
follow-up's addresses are answered 4xx, never 500; another signatory's editor cannot read a
draft plan's or report's title in Wagtail's explorer."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from pact_pages.api import wagtail_v2
from pact_pages.models import SignatoryPage
from tests import test_permissions
from tests.event_helpers import days_from_now, make_calendar, make_event
from tests.factories import SignatoryPageFactory, publish
from tests.follow_up_factories import action_plan, report, reporting_round, round_index

pytestmark = pytest.mark.django_db

world = test_permissions.world  # signatories A and B, their editors, a translator

HIDDEN = ("GONE-EVENT", "GONE-PLAN", "GONE-REPORT")


@pytest.fixture
def taken_down(home_page, directory):
    """A signatory taken down (Wagtail leaves its children live) with an event, a plan and
    a report, each published before."""
    town = publish(SignatoryPageFactory(parent=directory, title="Gonetown"))
    round_page = reporting_round(round_index(home_page), title="Round 2026")
    make_event(town, "GONE-EVENT", days_from_now(3))
    plan = action_plan(town)
    plan.title = "GONE-PLAN"
    plan.save_revision().publish()
    progress = report(town, round_page, plan=plan)
    progress.title = "GONE-REPORT"
    progress.save_revision().publish()
    town.unpublish()
    return town


@pytest.mark.parametrize("by_path", [200, 0], ids=["paths", "subquery"])
@pytest.mark.parametrize("kind", ["EventPage", "ActionPlanPage", "ProgressReportPage", ""])
def test_api_v2_hides_the_pages_of_a_signatory_taken_down(
    client, taken_down, kind, by_path, monkeypatch
):
    monkeypatch.setattr(wagtail_v2, "HIDDEN_SIGNATORIES_BY_PATH", by_path)
    query = {"limit": 100} | ({"type": f"pact_pages.{kind}"} if kind else {})
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 200
    text = response.content.decode()
    assert not [marker for marker in HIDDEN if marker in text]
    assert "Round 2026" in text or kind  # the round itself is public


@pytest.mark.parametrize(
    "url",
    [
        "/api/pact/v1/events?from=2026-13-45",
        "/api/pact/v1/events?month=2026-99",
        "/api/pact/v1/events?pillar=zzz",
        "/api/pact/v1/events?limit=99999999999999999999",
        "/api/pact/v1/events?limit=-1",
        "/api/pact/v1/events?offset=abc",
        "/api/pact/v1/events/abc",
        "/api/pact/v1/events/99999999999999999999999",
        "/api/pact/v1/events?country=XX",
        "/api/pact/v1/events.geojson?pillar=zzz&bbox=a,b,c",
        "/api/pact/v1/plans?limit=10000000",
        "/api/pact/v1/plans/abc",
        "/api/pact/v1/rounds/99999999999999999999999",
        "/api/pact/v1/reports?round=abc",
        "/api/pact/v1/reports?round=99999999999999999999999",
        "/api/pact/v1/reports/abc",
        "/api/pact/v1/reports.csv?round=abc",
        "/api/pact/v1/plans.csv?pillar=zzz",
        "/en/feeds/calendar.ics?month=2026-99&pillar=zz&signatory=%00&country=ZZ&type=q",
        "/en/feeds/calendar.ics?signatory=" + "x" * 3000,
        "/en/feeds/events/not-a-uuid.ics",
        "/en/feeds/events.rss?pillar=zzz",
    ],
)
def test_bad_parameters_are_refused_or_ignored(client, home_page, url):
    assert client.get(url).status_code < 500


def test_the_calendar_page_with_bad_parameters(client, home_page):
    calendar = make_calendar(home_page)
    for query in (
        "?view=month&month=2026-99",
        "?view=month&month=99999-01",
        "?view=month&month=0001-01",
        "?view=month&month=9999-12",
        "?page=999999999999999999",
        "?when=past&page=-1",
        "?tz=Nowhere/City",
    ):
        assert client.get(calendar.url + query).status_code == 200, query


# --- Another signatory's editor in Wagtail's explorer ------------------------------------


@pytest.fixture
def b_follow_up_drafts(world):
    """Signatory B's never-published action plan and progress report, by draft titles."""
    signatory_b = SignatoryPage.objects.get(pk=world.pk["b"])
    home = signatory_b.get_parent().get_parent()
    round_page = reporting_round(round_index(home), title="Round 2026")
    plan = action_plan(signatory_b, live=False)
    progress = report(signatory_b, round_page, plan=plan, live=False)
    for page, title in ((plan, "B-DRAFT-PLAN"), (progress, "B-DRAFT-REPORT")):
        Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)
    return {"B-DRAFT-PLAN": plan.pk, "B-DRAFT-REPORT": progress.pk}


def test_the_explorer_hides_another_signatorys_draft_plan_and_report(
    client, world, b_follow_up_drafts
):
    client.force_login(world.users["editor_a"])
    for title, pk in b_follow_up_drafts.items():
        response = client.get(reverse("wagtailadmin_explore", args=[pk]), follow=True)
        assert response.status_code == 200
        assert title not in response.content.decode()
    # B's own editor explores them.
    client.force_login(world.users["editor_b"])
    for title, pk in b_follow_up_drafts.items():
        response = client.get(reverse("wagtailadmin_explore", args=[pk]))
        assert response.status_code == 200 and title in response.content.decode()
