"""Builders for the follow-up's pages (issue 20): plans, rounds and reports, as an editor or
staff member makes them in the admin (added under their parent, published by a revision)."""

import datetime

from wagtail.models import Page

from pact_pages.models import (
    ActionPlanPage,
    ActionReport,
    PlanAction,
    ProgressReportPage,
    ReportingRoundIndexPage,
    ReportingRoundPage,
)
from tests.factories import pillar, publish


def add(parent: Page, page: Page, live: bool = True) -> Page:
    page.live = False  # a draft until published, as the admin's "Save draft"
    parent.add_child(instance=page)
    if live:
        publish(page)
    return page


def round_index(home: Page) -> ReportingRoundIndexPage:
    return add(home, ReportingRoundIndexPage(title="Follow-up", slug="follow-up"))


def reporting_round(
    index: Page,
    title: str = "Round 2026",
    deadline: datetime.date | None = None,
    closed: bool = False,
    languages: tuple[str, ...] = ("en",),
) -> ReportingRoundPage:
    deadline = deadline or datetime.date.today() + datetime.timedelta(days=30)
    return add(
        index,
        ReportingRoundPage(
            title=title,
            period_start=deadline - datetime.timedelta(days=365),
            period_end=deadline - datetime.timedelta(days=30),
            deadline=deadline,
            question_prevention="What did you do to prevent abuse?",
            languages=list(languages),
            closed=closed,
        ),
    )


def action_plan(signatory: Page, actions: tuple[tuple[str, str], ...] = (), live=True):
    """A plan under ``signatory``; ``actions``: (P slug, title) pairs."""
    actions = actions or (("prevention", "Train teachers"), ("protection", "Open a Barnahus"))
    plan = ActionPlanPage(
        title="Action plan",
        slug="action-plan",
        introduction="What we will do.",
        actions=[
            PlanAction(
                pillar=pillar(slug, signatory.locale),
                title=title,
                indicator="professionals trained",
                indicator_target=100,
                target_date=datetime.date(2027, 6, 30),
                sort_order=order,
            )
            for order, (slug, title) in enumerate(actions)
        ],
    )
    return add(signatory, plan, live=live)


def report(signatory: Page, round: ReportingRoundPage, plan=None, live=True, **fields):
    actions = list(plan.actions.all()) if plan else []
    page = ProgressReportPage(
        title=fields.pop("title", f"Report {round.title}"),
        slug=f"report-{round.slug}",
        round=round,
        summary=fields.pop("summary", "Good progress."),
        entries=[
            ActionReport(action=action, status="in_progress", progress=50, indicator_value=40)
            for action in actions
        ],
        **fields,
    )
    return add(signatory, page, live=live)
