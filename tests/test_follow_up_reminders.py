"""Reminders of the reporting rounds (issue 20): when they go, to whom, in which language,
never twice, never to a signatory that reported or stopped them; staff's one-click reminder
to the overdue; who may stop and resume them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from pact_pages.follow_up import reminders
from pact_pages.models import ReminderLog, ReminderStop
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from tests import follow_up_factories as fu
from tests.factories import SignatoryPageFactory

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 3, 31)


def day(days_before_deadline: int) -> datetime.date:
    return DEADLINE - datetime.timedelta(days=days_before_deadline)


def editor(page, name: str, language: str = ""):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    access.grant(user, page)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def run(on: datetime.date) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_round_reminders", date=on.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def world(home_page, directory, signatory):
    setup_moderation()
    index = fu.round_index(home_page)
    berlin = SignatoryPageFactory(parent=directory, title="Berlin", country="DE")
    return {
        "round": fu.reporting_round(index, "Round 2026", deadline=DEADLINE),
        "strasbourg": signatory,
        "berlin": berlin,
        "anna": editor(signatory, "anna"),
        "bernd": editor(berlin, "bernd", language="de"),
    }


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_nothing_before_14_days_then_once_at_14_and_at_3(world):
    assert "Sent 0 reminder(s)" in run(day(20))
    assert mail.outbox == []
    assert "Sent 2 reminder(s): 2 e-mail(s) queued." in run(day(14))
    assert recipients() == ["anna@example.org", "bernd@example.org"]
    run(day(14))  # the same day again: nothing more
    run(day(10))  # between the steps: nothing
    assert len(mail.outbox) == 2
    run(day(3))
    assert len(mail.outbox) == 4
    assert set(ReminderLog.objects.values_list("kind", "step")) == {
        ("before", "14"),
        ("before", "3"),
    }


def test_a_missed_day_sends_the_nearest_step_only(world):
    run(day(2))
    assert len(mail.outbox) == 2
    assert set(ReminderLog.objects.values_list("step", flat=True)) == {"3"}
    run(day(1))
    assert len(mail.outbox) == 2


def test_overdue_once_after_the_deadline_and_none_once_closed(world):
    run(day(-1))
    assert len(mail.outbox) == 2
    assert "overdue" in mail.outbox[0].subject.lower() or "überfällig" in mail.outbox[0].subject
    run(day(-2))
    assert len(mail.outbox) == 2
    round = world["round"]
    round.closed = True
    round.save_revision().publish()
    ReminderLog.objects.all().delete()
    run(day(-3))
    assert len(mail.outbox) == 2


def test_a_signatory_that_reported_or_stopped_gets_none(world):
    fu.report(world["strasbourg"], world["round"])
    reminders.set_stopped(world["berlin"], True)
    run(day(14))
    assert mail.outbox == []
    reminders.set_stopped(world["berlin"], False)
    run(day(14))
    assert recipients() == ["bernd@example.org"]


def test_a_draft_report_does_not_stop_the_reminders(world):
    fu.report(world["strasbourg"], world["round"], live=False)
    run(day(3))
    assert "anna@example.org" in recipients()


def test_each_recipient_reads_it_in_their_language(world, fr_locale):
    french_editor = editor(world["strasbourg"], "claire", language="fr")
    assert french_editor.email
    run(day(3))
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient["bernd@example.org"].body.startswith("Guten Tag bernd,")
    assert "31. März 2026" in by_recipient["bernd@example.org"].body
    assert by_recipient["claire@example.org"].body.startswith("Bonjour claire,")
    assert "31 mars 2026" in by_recipient["claire@example.org"].body
    assert by_recipient["anna@example.org"].body.startswith("Dear anna,")
    assert "in 3 days" in by_recipient["anna@example.org"].body
    add = reverse(
        "wagtailadmin_pages:add",
        args=["pact_pages", "progressreportpage", world["strasbourg"].pk],
    )
    assert add in by_recipient["anna@example.org"].body


def test_two_runs_at_once_send_it_once(world):
    due = reminders.scheduled(day(3))
    assert len(due) == 2
    run(day(3))  # the other run, which logged them first
    assert [reminders.send(reminder) for reminder in due] == [0, 0]
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2


def test_staffs_one_click_reminder_leaves_out_the_recently_reminded(world, admin_user):
    round = world["round"]
    round.deadline = datetime.date.today() - datetime.timedelta(days=1)
    round.save_revision().publish()
    fu.report(world["berlin"], round)
    assert reminders.remind_overdue(round, admin_user) == (1, 0)
    assert recipients() == ["anna@example.org"]
    log = ReminderLog.objects.get(kind="manual")
    assert log.sent_by == admin_user and log.step == datetime.date.today().isoformat()
    # Clicked again, that day or in the week after: left out, and counted.
    assert reminders.remind_overdue(round, admin_user) == (0, 1)
    ReminderLog.objects.filter(pk=log.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=6)
    )
    assert reminders.remind_overdue(round, admin_user) == (0, 1)
    assert len(mail.outbox) == 1
    # A week on, the click reminds again.
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    ReminderLog.objects.filter(pk=log.pk).update(
        sent_at=eight_days_ago, step=eight_days_ago.date().isoformat()
    )
    assert reminders.remind_overdue(round, admin_user) == (1, 0)
    assert len(mail.outbox) == 2
    with pytest.raises(PermissionDenied):
        reminders.remind_overdue(round, world["anna"])


def test_no_reminder_by_hand_on_the_day_of_the_scheduled_one(world, admin_user):
    round = world["round"]
    round.deadline = datetime.date.today() - datetime.timedelta(days=1)
    round.save_revision().publish()
    run(datetime.date.today())  # the daily run's "after" reminder
    assert ReminderLog.objects.filter(kind="after").count() == 2
    assert len(mail.outbox) == 2

    assert reminders.remind_overdue(round, admin_user) == (0, 2)
    assert len(mail.outbox) == 2


def test_who_may_stop_and_resume_reminders(world, admin_client):
    strasbourg = world["strasbourg"]
    url = reverse("pact_follow_up_reminders", args=[strasbourg.pk])
    own, other = Client(), Client()
    own.force_login(world["anna"])
    other.force_login(world["bernd"])
    # Refused as Wagtail refuses (back to the dashboard with a message).
    assert other.get(url).status_code in (302, 403)
    assert other.post(url, {"action": "stop"}).status_code in (302, 403)
    assert not ReminderStop.objects.exists()
    page = own.get(url)
    assert page.status_code == 200 and "Stop reminders" in page.content.decode()
    assert own.post(url, {"action": "stop"}).status_code == 302
    assert ReminderStop.objects.get().signatory_id == strasbourg.pk
    assert admin_client.post(url, {"action": "resume"}).status_code == 302
    assert not ReminderStop.objects.exists()
    edit = own.get(reverse("wagtailadmin_pages:edit", args=[strasbourg.pk])).content.decode()
    assert url in edit
    assert Client().get(url).status_code == 302  # anonymous: to the login page
