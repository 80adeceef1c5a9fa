"""Editing plans and reports in the admin (issue 20): the report form's refusals, its entries
prefilled from the plan, who may edit what, and a report's way through moderation."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from pact_pages.models import ActionPlanPage, ProgressReportPage, ReportingRoundPage
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from tests import follow_up_factories as fu
from tests.factories import InitiativePageFactory, SignatoryPageFactory, pillar

pytestmark = pytest.mark.django_db


def add_url(model: str, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["pact_pages", model, parent.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def report_data(round, entries: list[dict], **fields) -> dict:
    data = {
        "title": "Report 2026",
        "slug": "report-2026",
        "round": round.pk,
        "summary": "A year of work.",
        "entries": inline_formset(entries),
    }
    data.update(fields)
    return nested_form_data(data)


def entry(action, **fields) -> dict:
    values = {
        "action": action.pk if action else "",
        "status": "in_progress",
        "progress": "60",
        "indicator_value": "45",
        "helped": "The schools' support.",
        "hindered": "",
        "evidence": "",
    }
    values.update(fields)
    return values


def round_data(**fields) -> dict:
    data = {
        "title": "Round 2027",
        "slug": "round-2027",
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "deadline": "2028-03-01",
        "languages": ["en", "fr"],
        "question_prevention": "What did you prevent?",
        "question_protection": "",
        "question_prosecution": "",
        "question_participation": "",
    }
    data.update(fields)
    return data


def errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    found = {name: list(messages) for name, messages in form.errors.items()}
    for form_entry in form.formsets["entries"].forms if "entries" in form.formsets else ():
        for name, messages in form_entry.errors.items():
            found.setdefault(f"entries-{name}", []).extend(messages)
    return found


@pytest.fixture
def world(home_page, directory, signatory):
    """Strasbourg (with a plan and an initiative) and Berlin (with its own plan), each with an
    editor; an open round, a closed one."""
    setup_moderation()
    other = SignatoryPageFactory(parent=directory, title="Berlin", country="DE")
    index = fu.round_index(home_page)
    users = get_user_model().objects
    clients = {}
    for name, page in (("own", signatory), ("other", other)):
        user = users.create_user(f"editor_{name}", f"{name}@example.org", "pw")
        access.grant(user, page)
        clients[name] = Client()
        clients[name].force_login(user)
    return {
        "clients": clients,
        "index": index,
        "open": fu.reporting_round(index, "Round 2026"),
        "closed": fu.reporting_round(
            index, "Round 2024", deadline=datetime.date(2025, 3, 1), closed=True
        ),
        "plan": fu.action_plan(signatory),
        "other_plan": fu.action_plan(other, (("prosecution", "Specialised judges"),)),
        "initiative": InitiativePageFactory(parent=signatory, title="Safe clubs"),
        "other": other,
    }


def test_a_new_report_lists_the_plans_actions(world, signatory):
    response = world["clients"]["own"].get(add_url("progressreportpage", signatory))
    assert response.status_code == 200
    forms = response.context["form"].formsets["entries"].forms
    actions = list(world["plan"].actions.all())
    assert [form.initial.get("action") for form in forms] == [a.pk for a in actions]
    html = response.content.decode()
    assert "Train teachers" in html and "Open a Barnahus" in html
    assert "Specialised judges" not in html  # Berlin's action is not offered


def test_a_round_staff_still_prepare_is_not_offered(world, signatory):
    """A draft round (staff write its questions before opening it) is neither listed to
    editors nor accepted from them."""
    prepared = fu.reporting_round(world["index"], "PREPARED-ROUND-2028")
    prepared.unpublish()
    client = world["clients"]["own"]
    response = client.get(add_url("progressreportpage", signatory))
    assert "PREPARED-ROUND-2028" not in response.content.decode()
    assert "Round 2026" in response.content.decode()
    found = errors(client.post(add_url("progressreportpage", signatory), report_data(prepared, [])))
    assert "round" in found
    assert not ProgressReportPage.objects.exists()


def test_an_editor_saves_a_draft_report(world, signatory):
    actions = list(world["plan"].actions.all())
    data = report_data(world["open"], [entry(actions[0]), entry(actions[1], status="done")])
    response = world["clients"]["own"].post(add_url("progressreportpage", signatory), data)
    assert response.status_code == 302, errors(response)
    report = ProgressReportPage.objects.get()
    assert not report.live
    assert [(e.action_id, e.status) for e in report.entries.order_by("sort_order")] == [
        (actions[0].pk, "in_progress"),
        (actions[1].pk, "done"),
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"progress": "101"}, "entries-progress", "less than or equal to 100"),
        ({"progress": "-1"}, "entries-progress", "greater than or equal to 0"),
        ({"indicator_value": "about forty"}, "entries-indicator_value", "Enter a whole number"),
        ({"status": "abandoned"}, "entries-status", "Select a valid choice"),
    ],
)
def test_the_report_form_refuses_bad_entries(world, signatory, change, field, message):
    action = world["plan"].actions.first()
    data = report_data(world["open"], [entry(action, **change)])
    found = errors(world["clients"]["own"].post(add_url("progressreportpage", signatory), data))
    assert message in " ".join(found.get(field, [])), found
    assert not ProgressReportPage.objects.exists()


def test_an_action_or_initiative_of_another_signatory_is_refused(world, signatory):
    theirs = world["other_plan"].actions.first()
    their_story = InitiativePageFactory(parent=world["other"], title="Berlin story")
    client = world["clients"]["own"]
    for bad in (entry(theirs), entry(world["plan"].actions.first(), evidence=their_story.pk)):
        data = report_data(world["open"], [bad])
        found = errors(client.post(add_url("progressreportpage", signatory), data))
        assert "Select a valid choice" in " ".join(
            found.get("entries-action", []) + found.get("entries-evidence", [])
        ), found
    ok = entry(world["plan"].actions.first(), evidence=world["initiative"].pk)
    response = client.post(
        add_url("progressreportpage", signatory), report_data(world["open"], [ok])
    )
    assert response.status_code == 302, errors(response)


def test_a_second_report_for_the_same_round_is_refused(world, signatory):
    fu.report(signatory, world["open"], world["plan"])
    data = report_data(world["open"], [], slug="again")
    found = errors(world["clients"]["own"].post(add_url("progressreportpage", signatory), data))
    assert "already has a report for this round" in " ".join(found["round"])
    # Editing the existing report is fine.
    report = ProgressReportPage.objects.get()
    response = world["clients"]["own"].post(
        edit_url(report), report_data(world["open"], [], slug=report.slug, summary="Updated.")
    )
    assert response.status_code == 302, errors(response)


def test_a_closed_round_takes_no_new_report_from_editors_but_staff_may(
    world, signatory, admin_client
):
    data = report_data(world["closed"], [])
    found = errors(world["clients"]["own"].post(add_url("progressreportpage", signatory), data))
    assert "This round is closed" in " ".join(found["round"])
    response = admin_client.post(add_url("progressreportpage", signatory), data)
    assert response.status_code == 302, errors(response)


def test_a_late_report_while_the_round_is_open_is_accepted_and_marked(world, signatory):
    late_round = fu.reporting_round(
        world["index"], "Round 2025", deadline=datetime.date.today() - datetime.timedelta(days=5)
    )
    form = world["clients"]["own"].get(add_url("progressreportpage", signatory)).content.decode()
    # The choice says it before the editor picks it.
    assert "Round 2025 (deadline " in form
    assert "passed: the report will be marked late)" in form
    data = report_data(late_round, [], slug="late")
    response = world["clients"]["own"].post(add_url("progressreportpage", signatory), data)
    assert response.status_code == 302, errors(response)
    report = ProgressReportPage.objects.get(slug="late")
    assert report.is_late
    assert not fu.report(world["other"], world["open"]).is_late


def test_a_round_whose_deadline_precedes_its_period_is_refused(world, admin_client):
    url = add_url("reportingroundpage", world["index"])
    found = errors(admin_client.post(url, round_data(deadline="2026-12-01")))
    assert "cannot be before the start of the period" in " ".join(found["deadline"])
    found = errors(admin_client.post(url, round_data(languages=["en", "xx"])))
    assert "xx is not one of the available choices" in " ".join(found["languages"])
    form = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="languages" value="fr"' in form and "Français" in form
    response = admin_client.post(url, round_data())
    assert response.status_code == 302, errors(response)
    assert ReportingRoundPage.objects.get(slug="round-2027").languages == ["en", "fr"]


def test_an_editor_cannot_create_or_edit_rounds(world):
    client = world["clients"]["own"]
    url = add_url("reportingroundpage", world["index"])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, round_data(slug="mine")).status_code in (302, 403)
    assert not ReportingRoundPage.objects.filter(slug="mine").exists()
    assert client.get(edit_url(world["open"])).status_code in (302, 403)


def test_another_signatorys_editor_is_refused_on_my_plan_and_report(world, signatory):
    report = fu.report(signatory, world["open"], world["plan"], live=False)
    intruder = world["clients"]["other"]
    for page in (world["plan"], report):
        assert intruder.get(edit_url(page)).status_code in (302, 403)
        data = report_data(world["open"], [], slug=page.slug, summary="Hijacked")
        assert intruder.post(edit_url(page), data).status_code in (302, 403)
    assert intruder.get(add_url("progressreportpage", signatory)).status_code in (302, 403)
    report.refresh_from_db()
    assert report.summary == "Good progress."
    # The owner edits both.
    assert world["clients"]["own"].get(edit_url(world["plan"])).status_code == 200
    assert world["clients"]["own"].get(edit_url(report)).status_code == 200


def test_an_editor_writes_a_plan_with_the_ps_of_its_language(world, directory):
    fresh = SignatoryPageFactory(parent=directory, title="Lyon")
    user = get_user_model().objects.create_user("lyon", "lyon@example.org", "pw")
    access.grant(user, fresh)
    client = Client()
    client.force_login(user)
    actions = [
        {
            "pillar": pillar("prevention").pk,
            "title": "Train teachers",
            "description": "",
            "target_date": "2027-06-30",
            "indicator": "teachers trained",
            "indicator_target": "200",
        }
    ]
    data = nested_form_data(
        {
            "title": "Our plan",
            "slug": "plan",
            "introduction": "",
            "actions": inline_formset(actions),
        }
    )
    response = client.post(add_url("actionplanpage", fresh), data)
    assert response.status_code == 302, response.context["form"].errors
    plan = ActionPlanPage.objects.get(slug="plan")
    assert plan.actions.get().indicator_target == 200
    # A target without saying what it counts is refused.
    actions[0]["indicator"] = ""
    data = nested_form_data(
        {
            "title": "Our plan",
            "slug": "plan",
            "introduction": "",
            "actions": inline_formset(actions),
        }
    )
    response = client.post(edit_url(plan), data)
    assert response.status_code == 200
    action_errors = response.context["form"].formsets["actions"].forms[0].errors
    assert "Say what the target value counts" in " ".join(action_errors["indicator"])


def test_a_report_goes_through_moderation(world, signatory, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    moderator = get_user_model().objects.create_user("mod", "mod@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Congress moderators"))
    action = world["plan"].actions.first()
    data = report_data(world["open"], [entry(action)], **{"action-submit": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = world["clients"]["own"].post(add_url("progressreportpage", signatory), data)
    assert response.status_code == 302, errors(response)
    report = ProgressReportPage.objects.get()
    state = WorkflowState.objects.get(object_id=str(report.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Pact moderation"
    assert not report.live
    anonymous = Client()
    assert anonymous.get(report.url).status_code == 404
    # In moderation counts as submitted: no reminder, not overdue.
    assert signatory.translation_key in ProgressReportPage.submitted_signatory_keys(world["open"])

    client = Client()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[report.pk, "approve", state.current_task_state.pk],
            ),
            {"comment": ""},
        )
    assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.live
    page = anonymous.get(report.url)
    assert page.status_code == 200
    assert "Train teachers" in page.content.decode()


def test_a_report_naming_a_child_in_an_entry_is_held_back_once(world, signatory):
    """The safeguarding check before submitting reads the inline entries too
    (pact_pages.safeguarding.presubmit): the first submission is saved as a draft and the
    passage shown with a link to its entry; the second goes to the moderators."""
    client = world["clients"]["own"]
    action = world["plan"].actions.first()
    hindered = "Léa (CM2) left the club; her father calls on +33 6 12 34 56 78."
    data = report_data(world["open"], [entry(action, hindered=hindered)], **{"action-submit": "1"})

    response = client.post(add_url("progressreportpage", signatory), data)

    report = ProgressReportPage.objects.get()
    assert response.status_code == 302 and response["Location"] == edit_url(report)
    assert not WorkflowState.objects.filter(object_id=str(report.pk)).exists()
    assert report.get_latest_revision_as_object().entries.first().hindered == hindered
    html = client.get(response["Location"]).content.decode()
    assert "Not submitted yet: the safeguarding check found 2 passages" in html
    assert "<mark>+33 6 12 34 56 78</mark>" in html

    data = report_data(
        world["open"],
        [entry(action, hindered=hindered, id=report.entries.first().pk)],
        **{"action-submit": "1"},
    )
    response = client.post(edit_url(report), data)
    assert response.status_code == 302, errors(response)
    state = WorkflowState.objects.get(object_id=str(report.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
