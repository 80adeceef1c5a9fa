"""Follow-up pages for the tests of its public, staff and open-data side (pact_pages.progress):
a "Follow-up" section with rounds, a signatory's action plan and its progress reports."""

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


def follow_up_section(home_page: Page) -> ReportingRoundIndexPage:
    section = ReportingRoundIndexPage(title="Follow-up", slug="follow-up")
    home_page.add_child(instance=section)
    return publish(section)


def reporting_round(
    section: Page, year: int, *, closed: bool = False, deadline: datetime.date | None = None
) -> ReportingRoundPage:
    page = ReportingRoundPage(
        title=f"Round {year}",
        slug=f"round-{year}",
        period_start=datetime.date(year - 2, 1, 1),
        period_end=datetime.date(year - 1, 12, 31),
        deadline=deadline or datetime.date(year, 6, 30),
        question_prevention="What did you do to prevent sexual violence?",
        question_participation="How did children take part?",
        languages=["en", "fr"],
        closed=closed,
    )
    section.add_child(instance=page)
    return publish(page)


def action_plan(signatory: Page, *actions: tuple, live: bool = True) -> ActionPlanPage:
    """``actions``: (P slug, title, indicator, target) each."""
    plan = ActionPlanPage(
        title=f"Action plan of {signatory.title}",
        introduction="What we commit to.",
        live=False,
    )
    for index, (slug, title, indicator, target) in enumerate(actions):
        plan.actions.add(
            PlanAction(
                pillar=pillar(slug),
                title=title,
                indicator=indicator,
                indicator_target=target,
                target_date=datetime.date(2026, 12, 31),
                sort_order=index,
            )
        )
    signatory.add_child(instance=plan)
    if live:
        return publish(plan)
    plan.save_revision()
    return plan


def progress_report(
    signatory: Page, round_page: ReportingRoundPage, *entries: tuple, live: bool = True, **fields
) -> ProgressReportPage:
    """``entries``: (action, status, progress, indicator value[, evidence]) each. Not live:
    a draft."""
    report = ProgressReportPage(
        title=fields.pop("title", f"{signatory.title}: {round_page.title}"),
        round=round_page,
        summary=fields.pop("summary", "A year of work."),
        live=False,
        **fields,
    )
    for index, (action, status, percent, value, *evidence) in enumerate(entries):
        report.entries.add(
            ActionReport(
                action=action,
                status=status,
                progress=percent,
                indicator_value=value,
                helped="The schools' support.",
                hindered="Few trainers.",
                evidence=evidence[0] if evidence else None,
                sort_order=index,
            )
        )
    signatory.add_child(instance=report)
    if live:
        return publish(report)
    report.save_revision()
    return report


def actions_of(plan: ActionPlanPage) -> list[PlanAction]:
    return list(PlanAction.objects.filter(page=plan).order_by("sort_order"))
