"""The demo's follow-up (home/demo/follow_up.py): plans for most signatories, a closed round
2024 most answered, an open round 2026 with published, moderated and overdue signatories."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, WorkflowState

from home.demo.follow_up import build_follow_up
from pact_pages.follow_up import queries
from pact_pages.models import ActionPlanPage, ProgressReportPage, ReportingRoundPage
from pact_pages.moderation.workflow import setup_moderation
from tests.factories import SignatoryPageFactory

pytestmark = pytest.mark.django_db


def test_the_demo_follow_up(home_page, directory, quiet_saves, django_capture_on_commit_callbacks):
    setup_moderation(whole_tree=True)
    get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    signatories = [SignatoryPageFactory(parent=directory, title="Strasbourg", slug="strasbourg")]
    signatories += [SignatoryPageFactory(parent=directory) for _ in range(27)]
    with django_capture_on_commit_callbacks(execute=True):
        build_follow_up(home_page, signatories)

    plans = ActionPlanPage.objects.live()
    assert 0.8 * len(signatories) <= plans.count() < len(signatories)
    for plan in plans:
        by_pillar = plan.actions_by_pillar()
        assert len(by_pillar) == 4
        assert all(1 <= len(actions) <= 3 for _p, actions in by_pillar)
        assert all(a.indicator and a.indicator_target for _p, actions in by_pillar for a in actions)

    closed = ReportingRoundPage.objects.get(slug="round-2024")
    open_round = ReportingRoundPage.objects.get(slug="round-2026")
    assert closed.closed and not open_round.closed
    assert open_round.deadline < datetime.date.today()  # overdue signatories exist
    reported_2024 = queries.reports_of(closed).count()
    assert reported_2024 >= 0.6 * len(signatories)
    published_2026 = queries.reports_of(open_round).count()
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
    submitted = ProgressReportPage.submitted_signatory_keys(open_round)
    overdue = [page for page in signatories if open_round.is_overdue_for(page)]
    assert published_2026 >= 5 and waiting >= 3 and len(overdue) >= 5
    assert len(submitted) == published_2026 + waiting
    strasbourg = ProgressReportPage.objects.child_of(signatories[0]).get(round=open_round)
    assert not strasbourg.live
    assert strasbourg.get_latest_revision().user.username == "editor"
    # Every report's entries are the signatory's own plan's actions.
    for report in ProgressReportPage.objects.all():
        plan = ActionPlanPage.objects.child_of(report.get_parent()).get()
        assert {e.action.page_id for e in report.entries.all()} == {plan.pk}

    count = Page.objects.count()
    build_follow_up(home_page, signatories)  # a rerun adds nothing
    assert Page.objects.count() == count
