"""Reminders of a reporting round to the signatories' editors, never sent twice.

``send_round_reminders`` (a management command run daily by cron, docs/deployment.md) sends,
for each open round, "before" reminders when the deadline is 14 days away and again at 3
days, and one "after" reminder once it has passed; staff add a "manual" one to a signatory
not reminded of the round in the last 7 days (``remind_overdue``, the dashboard's button).
A signatory is skipped when it submitted a report (published, or waiting in moderation), or
when it asked for no reminders (``ReminderStop``).

Once only: each reminder is a ``ReminderLog`` row, inserted before the mail is queued and in
the same transaction; two runs at once insert the same (round, signatory, kind, step) and
the second fails on the unique constraint, sending nothing. A cron run that missed days
sends the nearest step only (a run 2 days before sends the 3-day reminder, not both).

Each recipient gets the mail in their own language: their admin language (Wagtail's
account setting), else the language of the signatory's page, else the site's.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from pact_pages.core.tasks import enqueue_email
from pact_pages.follow_up.models import ReminderKind, ReminderLog, ReminderStop, canonical
from pact_pages.follow_up.report_form import may_run_rounds
from pact_pages.follow_up.reports import ProgressReportPage
from pact_pages.follow_up.rounds import ReportingRoundPage
from pact_pages.signatories.models import SignatoryAccess, SignatoryPage

BEFORE_DAYS = (14, 3)  # reminders before the deadline, days ahead (largest first)
# Staff's reminder by hand leaves out a signatory reminded of the round this recently: one
# click a day would otherwise mail the same editors every day, or twice on the day of the
# scheduled "overdue" reminder.
MANUAL_GAP = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Reminder:
    round: ReportingRoundPage  # the round's first page (canonical)
    signatory: SignatoryPage  # the signatory's first page (canonical)
    kind: str
    step: str
    today: datetime.date  # the day of the run (days left in the mail)


def due_step(round: ReportingRoundPage, today: datetime.date) -> tuple[str, str] | None:
    """(kind, step) of the scheduled reminder due today for ``round``, or None."""
    if round.closed:
        return None
    days_left = (round.deadline - today).days
    if days_left < 0:
        return ReminderKind.AFTER, "overdue"
    steps = [days for days in sorted(BEFORE_DAYS) if days_left <= days]
    return (ReminderKind.BEFORE, str(steps[0])) if steps else None


def _pending_signatories(round: ReportingRoundPage) -> list[SignatoryPage]:
    """Live signatories (first page of each) that have not submitted nor stopped reminders."""
    submitted = ProgressReportPage.submitted_signatory_keys(round)
    stopped = ReminderStop.objects.values("signatory__translation_key")
    rows = (
        SignatoryPage.objects.live()
        .exclude(translation_key__in=stopped)
        .order_by("pk")
        .values_list("pk", "translation_key")
    )
    first: dict = {}
    for pk, key in rows:
        if key not in submitted:
            first.setdefault(key, pk)
    # The group's first page, whether or not it is the live one.
    firsts = (
        SignatoryPage.objects.filter(translation_key__in=list(first)).order_by("pk").defer("body")
    )
    chosen: dict = {}
    for page in firsts:
        chosen.setdefault(page.translation_key, page)
    return list(chosen.values())


def scheduled(today: datetime.date | None = None) -> list[Reminder]:
    """The reminders the daily run would send today, not yet logged."""
    today = today or timezone.localdate()
    reminders = []
    for round in ReportingRoundPage.objects.filter(closed=False, live=True).order_by("pk"):
        step = due_step(round, today)
        if step is None:
            continue
        first_round = canonical(round)
        if first_round.pk != round.pk:
            continue  # a translation of a round: its source's reminders cover it
        kind, step_name = step
        logged = set(
            ReminderLog.objects.filter(round=first_round, kind=kind, step=step_name).values_list(
                "signatory_id", flat=True
            )
        )
        reminders += [
            Reminder(first_round, signatory, kind, step_name, today)
            for signatory in _pending_signatories(first_round)
            if signatory.pk not in logged
        ]
    return reminders


def send(reminder: Reminder, sent_by=None) -> int:
    """Logs and queues one reminder; the number of mails queued: 0 if it was sent already,
    or if the signatory has no editor to write to yet (then a later run sends it)."""
    recipients = editors_of(reminder.signatory)
    if not recipients:
        return 0
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                round=reminder.round,
                signatory=reminder.signatory,
                kind=reminder.kind,
                step=reminder.step,
                sent_by=sent_by,
                recipients=len(recipients),
            )
            for user in recipients:
                _mail(reminder, user)
    except IntegrityError:
        return 0  # another run logged it first: it sends it
    return log.recipients


def send_scheduled(today: datetime.date | None = None) -> tuple[int, int]:
    """The daily run: (reminders sent, mails queued)."""
    sent = mails = 0
    for reminder in scheduled(today):
        count = send(reminder)
        sent += bool(count)
        mails += count
    return sent, mails


def remind_overdue(round: ReportingRoundPage, user) -> tuple[int, int]:
    """Staff's one-click reminder to the signatories overdue for ``round``: (signatories
    reminded, signatories left out because they had a reminder of this round, scheduled or
    by hand, in the last ``MANUAL_GAP``). Refused to anyone who may not run rounds."""
    if not may_run_rounds(user, round):
        raise PermissionDenied
    today = timezone.localdate()
    if round.closed or not round.is_past_deadline(today):
        return 0, 0
    first_round = canonical(round)
    recent = set(
        ReminderLog.objects.filter(
            round=first_round, sent_at__gte=timezone.now() - MANUAL_GAP
        ).values_list("signatory_id", flat=True)
    )
    overdue = list(_pending_signatories(first_round))
    due = [signatory for signatory in overdue if signatory.pk not in recent]
    step = today.isoformat()
    sent = sum(
        bool(send(Reminder(first_round, signatory, ReminderKind.MANUAL, step, today), user))
        for signatory in due
    )
    return sent, len(overdue) - len(due)


def editors_of(signatory: Page) -> list:
    """The active users of the signatory's group with an e-mail address."""
    access = SignatoryAccess.objects.filter(translation_key=signatory.translation_key).first()
    if access is None:
        return []
    users = get_user_model().objects.filter(groups=access.group_id, is_active=True)
    return list(users.exclude(email="").select_related("wagtail_userprofile").order_by("pk"))


def language_of(user, signatory: Page) -> str:
    """The recipient's admin language, else the signatory page's, else the site's."""
    known = {code for code, _name in settings.LANGUAGES}
    profile = getattr(user, "wagtail_userprofile", None)
    for code in (
        getattr(profile, "preferred_language", "") or "",
        signatory.locale.language_code,
    ):
        if code in known:
            return code
    return settings.LANGUAGE_CODE


def _translation(page: Page, language: str) -> Page:
    locale = Locale.objects.filter(language_code=language).first()
    found = page.get_translation_or_none(locale) if locale else None
    return (found or page).specific


def _mail(reminder: Reminder, user) -> None:
    signatory = reminder.signatory
    language = language_of(user, signatory)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "user": user,
        "round": _translation(reminder.round, language),
        "signatory": _translation(signatory, language),
        "kind": reminder.kind,
        "days_left": (reminder.round.deadline - reminder.today).days,
        "pages_url": base + reverse("wagtailadmin_explore", args=[signatory.pk]),
        "add_url": base
        + reverse(
            "wagtailadmin_pages:add", args=["pact_pages", "progressreportpage", signatory.pk]
        ),
    }
    with translation.override(language):
        subject = render_to_string("pact_pages/emails/round_reminder_subject.txt", context)
        body = render_to_string("pact_pages/emails/round_reminder.txt", context)
    enqueue_email(subject, body, [user.email])


def stopped(signatory: Page) -> bool:
    return ReminderStop.objects.filter(
        signatory__translation_key=signatory.translation_key
    ).exists()


def set_stopped(signatory: Page, stop: bool, user=None) -> None:
    """Stops or resumes the reminders of ``signatory`` (every translation of it)."""
    first = canonical(signatory)
    if stop:
        ReminderStop.objects.get_or_create(signatory=first, defaults={"stopped_by": user})
    else:
        ReminderStop.objects.filter(signatory__translation_key=first.translation_key).delete()
