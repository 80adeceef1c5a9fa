"""The staff's follow-up of an open round (issue 20): dashboard, CSV, one-click reminder to the
overdue; Congress moderators only, a fixed number of queries."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from pact_pages.models import LocaleTranslators, ReminderLog, SignatoryType
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.progress.views import ROUND_COLUMNS
from pact_pages.signatories import access
from tests.factories import SignatoryPageFactory
from tests.progress_helpers import (
    action_plan,
    actions_of,
    follow_up_section,
    progress_report,
    reporting_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderation():
    return setup_moderation()


@pytest.fixture
def moderator(moderation, django_user_model):
    user = django_user_model.objects.create_user("moderator", "mod@example.org", "pw")
    user.groups.add(moderation.group)
    return user


@pytest.fixture
def overdue_round(home_page):
    today = timezone.localdate()
    return reporting_round(
        follow_up_section(home_page), 2026, deadline=today - datetime.timedelta(days=10)
    )


@pytest.fixture
def world(directory, overdue_round, moderation, django_user_model):
    """Strasbourg (FR town) published its report, Lyon (FR town) waits in moderation, Berlin
    (DE region) and Vienna (AT town) are overdue; Vienna's editor has an e-mail address."""
    towns = {}
    for title, country, kind in (
        ("Strasbourg", "FR", SignatoryType.TOWN),
        ("Lyon", "FR", SignatoryType.TOWN),
        ("Berlin", "DE", SignatoryType.REGION),
        ("Vienna", "AT", SignatoryType.TOWN),
    ):
        towns[title] = SignatoryPageFactory(
            parent=directory, title=title, country=country, signatory_type=kind
        )
    plan = action_plan(towns["Strasbourg"], ("protection", "Helpline", "calls", 100))
    progress_report(towns["Strasbourg"], overdue_round, (actions_of(plan)[0], "done", 100, 80))
    waiting = progress_report(towns["Lyon"], overdue_round, live=False)
    editor = django_user_model.objects.create_user("lyon-editor", "lyon@example.org", "pw")
    access.grant(editor, towns["Lyon"])
    waiting.get_workflow().start(waiting, editor)
    vienna_editor = django_user_model.objects.create_user("vienna", "vienna@example.org", "pw")
    access.grant(vienna_editor, towns["Vienna"])
    towns["lyon_editor"] = editor
    return towns


def url(name: str, round_page) -> str:
    return reverse(name, args=[round_page.pk])


def test_dashboard_counts_submitted_pending_overdue_by_country_and_type(
    client, moderator, world, overdue_round
):
    client.force_login(moderator)

    response = client.get(url("pact_follow_up_dashboard", overdue_round))
    context = response.context

    assert response.status_code == 200
    assert context["totals"]["submitted"] == 1
    assert context["totals"]["pending"] == 1
    assert context["totals"]["overdue"] == 2
    france = next(row for row in context["by_country"] if row.key == "FR")
    assert (france["submitted"], france["pending"], france["overdue"]) == (1, 1, 0)
    regions = next(row for row in context["by_type"] if row.key == SignatoryType.REGION)
    assert regions["overdue"] == 1
    assert [row.title for row in context["overdue"]] == ["Berlin", "Vienna"]
    page = response.content.decode()
    assert 'data-pillar="protection"' in page  # the chart per P
    assert "Remind the 2 overdue signatories" in page


def test_rounds_list_links_each_round(client, moderator, overdue_round):
    client.force_login(moderator)

    page = client.get(reverse("pact_follow_up_rounds")).content.decode()

    assert url("pact_follow_up_dashboard", overdue_round) in page


def test_csv_export_has_stable_columns(client, moderator, world, overdue_round):
    client.force_login(moderator)

    response = client.get(url("pact_follow_up_export", overdue_round))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert "no-store" in response["Cache-Control"]
    assert rows[0] == ROUND_COLUMNS
    states = {row[1]: row[5] for row in rows[1:]}
    assert states == {
        "Berlin": "overdue",
        "Lyon": "pending",
        "Strasbourg": "submitted",
        "Vienna": "overdue",
    }


def test_remind_the_overdue_once_a_week(client, moderator, world, overdue_round, mailoutbox):
    client.force_login(moderator)
    remind = url("pact_follow_up_remind", overdue_round)

    assert client.get(remind).status_code == 405
    response = client.post(remind, follow=True)

    assert response.status_code == 200
    assert "A reminder was sent to 1 overdue signatory." in response.content.decode()
    # Vienna only: Berlin has no editor to write to, Lyon's report waits in moderation.
    assert [log.signatory.title for log in ReminderLog.objects.all()] == ["Vienna"]
    again = client.post(remind, follow=True).content.decode()
    assert ReminderLog.objects.count() == 1  # not again within the week
    assert "A reminder was sent to 0 overdue signatories." in again
    assert (
        "1 overdue signatory had a reminder of this round in the last 7 days and was left out."
        in again
    )


@pytest.mark.parametrize("who", ["editor", "translator", "anonymous"])
def test_others_are_refused(client, world, overdue_round, who, fr_locale, django_user_model):
    if who == "editor":
        client.force_login(world["lyon_editor"])
    elif who == "translator":
        translator = django_user_model.objects.create_user("traductrice", "t@example.org", "pw")
        translator.groups.add(LocaleTranslators.objects.get(locale=fr_locale).group)
        client.force_login(translator)

    responses = [
        client.get(reverse("pact_follow_up_rounds")),
        client.get(url("pact_follow_up_dashboard", overdue_round)),
        client.get(url("pact_follow_up_export", overdue_round)),
        client.post(url("pact_follow_up_remind", overdue_round)),
    ]

    for response in responses:
        if who == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            assert response.status_code == 403
        assert b"Vienna" not in response.content
    assert not ReminderLog.objects.exists()


def test_dashboard_queries_do_not_grow_with_signatories(
    client, moderator, world, directory, overdue_round, django_assert_max_num_queries
):
    client.force_login(moderator)
    dashboard = url("pact_follow_up_dashboard", overdue_round)
    client.get(dashboard)
    with django_assert_max_num_queries(60) as few:
        client.get(dashboard)
    bound = len(few)
    for number in range(15):
        town = SignatoryPageFactory(parent=directory, title=f"Town {number}", country="IT")
        if number % 2:
            progress_report(town, overdue_round)
    client.get(dashboard)  # the layout's caches (the Ps' names), made stale by the publishing

    with django_assert_max_num_queries(bound):
        response = client.get(dashboard)
    assert response.context["totals"]["submitted"] == 8
