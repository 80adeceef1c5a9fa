"""Follow-up models (issue 20): plans, rounds, reports and where they may live."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pact_pages.follow_up import queries
from pact_pages.models import (
    ActionPlanPage,
    InitiativePage,
    ProgressReportPage,
    ReportingRoundIndexPage,
    ReportingRoundPage,
    SignatoryPage,
)
from tests import follow_up_factories as fu
from tests.factories import SignatoryPageFactory, publish

pytestmark = pytest.mark.django_db


def test_page_types_live_where_the_contract_says(home_page, directory, signatory):
    index = fu.round_index(home_page)
    round = fu.reporting_round(index)
    assert set(SignatoryPage.allowed_subpage_models()) >= {
        InitiativePage,
        ActionPlanPage,
        ProgressReportPage,
    }
    assert ActionPlanPage.can_create_at(signatory)
    assert ProgressReportPage.can_create_at(signatory)
    assert ReportingRoundIndexPage in home_page.specific.allowed_subpage_models()
    assert ReportingRoundPage.can_create_at(index)
    for parent in (home_page, directory, signatory, round):
        assert not ReportingRoundPage.can_create_at(parent), parent
    for parent in (home_page, directory, index, round):
        assert not ActionPlanPage.can_create_at(parent), parent
        assert not ProgressReportPage.can_create_at(parent), parent


def test_one_plan_per_signatory(signatory):
    fu.action_plan(signatory)
    assert not ActionPlanPage.can_create_at(signatory)


def test_plan_lists_actions_by_pillar_in_order(signatory):
    plan = fu.action_plan(
        signatory,
        (("protection", "Barnahus"), ("prevention", "Train"), ("prevention", "Teach")),
    )
    grouped = [(p.slug, [a.title for a in actions]) for p, actions in plan.actions_by_pillar()]
    assert grouped == [("prevention", ["Train", "Teach"]), ("protection", ["Barnahus"])]


def test_round_open_overdue_and_questions(home_page, directory):
    round = fu.reporting_round(fu.round_index(home_page), deadline=datetime.date(2026, 3, 1))
    on_time, late, silent = (SignatoryPageFactory(parent=directory) for _ in range(3))
    fu.report(on_time, round)
    fu.report(late, round, live=False)
    assert round.is_open
    assert round.questions() == [("prevention", "What did you do to prevent abuse?")]
    today = datetime.date(2026, 3, 2)
    assert round.is_overdue_for(silent, today)
    assert not round.is_overdue_for(on_time, today)
    # A draft is not a report.
    assert round.is_overdue_for(late, today)
    assert not round.is_overdue_for(silent, datetime.date(2026, 3, 1))


def test_round_dates_and_languages_are_checked(home_page):
    round = ReportingRoundPage(
        title="Bad",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2025, 6, 1),
        languages=["en", "xx"],
    )
    with pytest.raises(ValidationError) as error:
        round.full_clean()
    assert set(error.value.message_dict) >= {"period_end", "deadline", "languages"}
    assert "before the start of the period" in error.value.message_dict["deadline"][0]


def test_queries_read_only_public_reports(home_page, directory, django_assert_max_num_queries):
    index = fu.round_index(home_page)
    round = fu.reporting_round(index)
    published, drafted, hidden = (SignatoryPageFactory(parent=directory) for _ in range(3))
    plan = fu.action_plan(published)
    fu.report(published, round, plan)
    fu.report(drafted, round, live=False)
    fu.report(hidden, round)
    hidden.unpublish()
    with django_assert_max_num_queries(3):
        assert [r.get_parent().pk for r in queries.reports_of(round)] == [published.pk]
    with django_assert_max_num_queries(3):
        assert queries.reported_signatory_ids(round) == {published.pk}
    assert list(queries.rounds()) == [round]
    assert queries.latest_closed_round() is None
    with django_assert_max_num_queries(3):
        found = queries.plan_of(published)
        assert [a.title for a in found.actions.all()] == ["Train teachers", "Open a Barnahus"]
    assert queries.plan_of(drafted) is None
    assert [r.pk for r in queries.reports_of_signatory(published)] == [
        queries.reports_of(round).get().pk
    ]


def test_a_public_report_does_not_name_the_actions_of_a_draft_plan_or_a_draft_round(
    client, home_page, directory, signatory
):
    """The plan and the round are drafts; the report is approved and public: readers see its
    figures, never the plan's unpublished action titles or the round's draft title."""
    draft_round = fu.reporting_round(fu.round_index(home_page), title="DRAFT-ROUND")
    draft_round.unpublish()
    plan = fu.action_plan(signatory, (("prevention", "SECRET-ACTION"),), live=False)
    published = fu.report(signatory, draft_round, plan=plan, title="Our report")

    html = client.get(published.url).content.decode()
    assert "50 %" in html
    assert "SECRET-ACTION" not in html and "DRAFT-ROUND" not in html
    assert "(an action of a plan not yet published)" in html

    response = client.get("/api/pact/v1/reports", {"limit": 100})
    assert "SECRET-ACTION" not in response.content.decode()

    publish(plan)
    html = client.get(published.url).content.decode()
    assert "SECRET-ACTION" in html
    assert "SECRET-ACTION" in client.get("/api/pact/v1/reports").content.decode()
