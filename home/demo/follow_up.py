"""The demo's follow-up of the Pact (issue 20): an action plan for most signatories (one to
three actions under each P, each with an indicator and a target), a closed round 2024 that
most of them answered, and an open round 2026 past its deadline: some reports published,
some waiting for the moderators, the others overdue. Strasbourg's plan is also in French.

Quick to load: about 300 pages without images, built like an editor's (revisions, the
moderation workflow), dated back so the site's history reads right.
"""

import contextlib
import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail import signal_handlers
from wagtail.models import Locale, Page, ReferenceIndex

from pact_pages.models import (
    ActionPlanPage,
    ActionReport,
    InitiativePage,
    Pillar,
    PlanAction,
    ProgressReportPage,
    ReportingRoundIndexPage,
    ReportingRoundPage,
    SignatoryPage,
)

from .translations import needs_translation, translate

# (title, indicator, target) per P; each plan takes one to three of each P's.
ACTIONS = {
    "prevention": [
        ("Train teachers to recognise the signs of abuse", "teachers trained", 400),
        ("Body-safety lessons in every primary school", "schools reached", 60),
        ("Awareness campaign for parents", "parents reached", 5000),
        ("Safeguarding code for sports clubs", "clubs signed up", 80),
    ],
    "protection": [
        ("Open a child-friendly house (Barnahus)", "children heard there", 150),
        ("Round-the-clock helpline for children", "calls answered", 3000),
        ("Train social workers in trauma care", "social workers trained", 120),
    ],
    "prosecution": [
        ("Specialised police and prosecutors for child victims", "officers trained", 90),
        ("Recorded interviews so children testify once", "interviews recorded", 200),
        ("Joint case reviews with the courts", "cases reviewed", 50),
    ],
    "participation": [
        ("Children's council on safety", "council meetings", 12),
        ("Ask children what makes them feel safe", "children consulted", 1000),
        ("Child-friendly version of our plan", "languages published", 3),
    ],
}
STRASBOURG_FR = {
    "Action plan": "Plan d'action",
    "What we will do under the four Ps, and how we will know it worked.": (
        "Ce que nous ferons sous les quatre P, et comment nous saurons que cela a fonctionné."
    ),
    "Train teachers to recognise the signs of abuse": (
        "Former les enseignants à reconnaître les signes d'abus"
    ),
    "teachers trained": "enseignants formés",
}
HELPED = [
    "Strong support from the schools and the regional health service.",
    "A dedicated budget line voted by the council.",
    "Partnership with the national child helpline.",
]
HINDERED = [
    "Staff turnover slowed the training.",
    "Delays in recruiting specialised staff.",
    "",
]


def build_follow_up(home: Page, signatories: list[SignatoryPage]) -> None:
    """Adds the follow-up section, plans, rounds and reports, unless already there (a rerun)."""
    if ReportingRoundIndexPage.objects.child_of(home).exists():
        _translate_strasbourg(signatories)  # an earlier plain copy becomes a translation
        return
    today = datetime.date.today()
    rng = random.Random(2026)
    pillars = {p.slug: p for p in Pillar.objects.filter(locale=home.locale)}
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=["admin", "editor"])
    }
    # The demo's submissions are news to nobody: no mail to the moderators while loading.
    # Wagtail would also rebuild a page's references on each save of each of its actions or
    # entries (most of the time): they are recorded once a page, at the end.
    with (
        transaction.atomic(),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        _references_off(),
    ):
        index = _publish(home, ReportingRoundIndexPage(title="Follow-up", slug="follow-up"))
        closed = _publish(index, _round(2024, datetime.date(2024, 9, 30), closed=True))
        # Past its deadline and still open: late reports accepted, the others overdue.
        deadline = min(today - datetime.timedelta(days=10), datetime.date(2026, 11, 30))
        open_round = _publish(index, _round(2026, deadline, closed=False))
        _dated(closed, datetime.date(2024, 6, 1))
        _dated(open_round, datetime.date(2026, 6, 1))
        planned = [page for number, page in enumerate(signatories) if number % 7 != 6]
        for number, signatory in enumerate(planned):
            plan = _plan(signatory, pillars, rng)
            _dated(plan, max(signatory.signed_on, datetime.date(2023, 3, 1)))
            evidence = InitiativePage.objects.child_of(signatory).live().first()
            if number % 6 != 5:  # most answered 2024
                report = _report(signatory, closed, plan, rng, 0, evidence)
                _dated(_publish(signatory, report), datetime.date(2024, 9, 10))
            share = number % 10
            if signatory.slug == "catalonia" or share >= 6:
                continue  # overdue for 2026 (the second demo editor can write one)
            report = _report(signatory, open_round, plan, rng, 1, evidence)
            if signatory.slug == "strasbourg" or share in (4, 5):
                # Waiting for the moderators: Strasbourg's sent by its demo editor.
                submitter = users.get("editor" if signatory.slug == "strasbourg" else "admin")
                _submit(signatory, report, submitter)
            else:
                _dated(_publish(signatory, report), deadline - datetime.timedelta(days=20))
        for model in (
            ReportingRoundIndexPage,
            ReportingRoundPage,
            ActionPlanPage,
            ProgressReportPage,
        ):
            for page in model.objects.iterator():
                ReferenceIndex.create_or_update_for_object(page)
    _translate_strasbourg(signatories)


def _references_off() -> contextlib.AbstractContextManager:
    """Wagtail's switch, unless already off (it is not re-entrant: tests' quiet_saves)."""
    if getattr(signal_handlers.reference_index_auto_update_disabled, "value", False):
        return contextlib.nullcontext()
    return signal_handlers.disable_reference_index_auto_update()


def _round(year: int, deadline: datetime.date, closed: bool) -> ReportingRoundPage:
    return ReportingRoundPage(
        title=f"Reporting round {year}",
        slug=f"round-{year}",
        period_start=datetime.date(year - 1, 7, 1),
        period_end=datetime.date(year, 6, 30),
        deadline=deadline,
        languages=["en", "fr", "de"],
        closed=closed,
        question_prevention="What did you do to prevent sexual abuse of children?",
        question_protection="How were child victims supported and protected?",
        question_prosecution="How did you make justice child-friendly?",
        question_participation="How did children take part in your work?",
    )


def _plan(signatory: SignatoryPage, pillars: dict, rng: random.Random) -> ActionPlanPage:
    existing = ActionPlanPage.objects.child_of(signatory).first()
    if existing:
        return existing
    actions = []
    for slug, choices in ACTIONS.items():
        for title, indicator, target in rng.sample(choices, rng.randint(1, 3)):
            actions.append(
                PlanAction(
                    pillar=pillars[slug],
                    title=title,
                    indicator=indicator,
                    indicator_target=target,
                    target_date=datetime.date(2027, rng.choice((6, 12)), 30),
                    sort_order=len(actions),
                )
            )
    plan = ActionPlanPage(
        title="Action plan",
        slug="action-plan",
        introduction="What we will do under the four Ps, and how we will know it worked.",
        actions=actions,
    )
    return _publish(signatory, plan)


def _report(
    signatory: SignatoryPage,
    round: ReportingRoundPage,
    plan: ActionPlanPage,
    rng: random.Random,
    stage: int,
    evidence: InitiativePage | None,
) -> ProgressReportPage:
    """Entries further on in the later round (``stage`` 1) than in the earlier (0)."""
    entries = []
    for order, action in enumerate(plan.actions.all()):
        progress = min(100, rng.randint(10, 55) + 40 * stage)
        status = "done" if progress == 100 else rng.choice(["in_progress"] * 4 + ["not_started"])
        if status == "not_started":
            progress = 0
        entries.append(
            ActionReport(
                action=action,
                status=status,
                progress=progress,
                indicator_value=(action.indicator_target or 0) * progress // 100,
                helped=rng.choice(HELPED) if progress else "",
                hindered=rng.choice(HINDERED),
                evidence=evidence if progress and order == 0 else None,
                sort_order=order,
            )
        )
    year = round.period_end.year
    return ProgressReportPage(
        title=f"Progress report {year}",
        slug=f"progress-report-{year}",
        round=round,
        summary=f"{signatory.title}: where our action plan stands in {year}.",
        entries=entries,
    )


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _submit(signatory: SignatoryPage, report: ProgressReportPage, user) -> None:
    """A report sent to the moderators, as the editor's "Submit for moderation"."""
    report.live = False
    signatory.add_child(instance=report)
    report.save_revision(user=user)
    workflow = report.get_workflow()
    if workflow is not None and user is not None:
        workflow.start(report, user)


def _dated(page: Page, day: datetime.date) -> None:
    moment = min(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))), timezone.now()
    )
    Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)


def _translate_strasbourg(signatories: list[SignatoryPage]) -> None:
    french = Locale.objects.filter(language_code="fr").first()
    strasbourg = next((page for page in signatories if page.slug == "strasbourg"), None)
    plan = ActionPlanPage.objects.child_of(strasbourg).first() if strasbourg else None
    if french is None or plan is None or not needs_translation(plan, french):
        return
    translate(plan, french, STRASBOURG_FR)
