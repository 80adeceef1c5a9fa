"""The safeguarding check where people work (issue 19): the editor sees the findings in the
page editor, linked to their fields, and always saves; the moderator approves a page with
open findings only after ticking each one, and the ticks are logged. Another signatory's
editor sees none of it; a translation goes through the same check.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, PageLogEntry, Task, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pact_pages.models import InitiativePage, SafeguardingApprovalTask, SafeguardingCheck
from pact_pages.moderation.workflow import TASK, setup_moderation
from pact_pages.safeguarding.review import open_findings_of
from pact_pages.signatories import access
from tests.factories import (
    InitiativePageFactory,
    SignatoryPageFactory,
    StandardPageFactory,
    pillar,
)

pytestmark = pytest.mark.django_db

PHONE = "+33 6 12 34 56 78"
RISKY = f"Anna, 12, told her teacher. Her mother answers on {PHONE}."
SAFE = "Children advise the town council on safety."


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderation():
    return setup_moderation()


@pytest.fixture
def editor(signatory, moderation, django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    access.grant(user, signatory)
    return user


@pytest.fixture
def other_editor(directory, moderation, django_user_model):
    user = django_user_model.objects.create_user("lyonnais", "l@example.org", "pw")
    access.grant(user, SignatoryPageFactory(parent=directory, title="Lyon"))
    return user


@pytest.fixture
def moderator(moderation, django_user_model):
    user = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    user.groups.add(moderation.group)
    return user


def submitted(page: InitiativePage, summary: str, user) -> InitiativePage:
    page.summary = summary
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return InitiativePage.objects.get(pk=page.pk)


@pytest.fixture
def risky(signatory, editor) -> InitiativePage:
    """A new initiative, submitted with a child's name and age and a mobile number."""
    page = InitiativePageFactory(parent=signatory, title="After-school club", live=False)
    return submitted(page, RISKY, editor)


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action: str) -> str:
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def post_data(page, summary: str, **fields) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": summary,
        "status": "ongoing",
        "start_date": "2024-09-01",
        "end_date": "",
        "target_groups": "",
        "partners": "",
        "results": "",
        "tags": "",
        "body": streamfield([]),
        "pillar_links": inline_formset([{"pillar": pillar("prevention").pk}], min=1, max=4),
        "children_summary": "",
        "children_meaning": "",
        "children_helpline": "",
        "children_image": "",
    }
    data.update(fields)
    return nested_form_data(data)


def keys(page) -> list[str]:
    return [finding.key for finding in open_findings_of(Page.objects.get(pk=page.pk))]


class TestTheEditor:
    def test_the_editor_sees_each_finding_linked_to_its_field_and_marked(self, editor, risky):
        html = client_for(editor).get(edit_url(risky)).content.decode()

        assert "The safeguarding check found 2 passages" in html
        assert f"<mark>{PHONE}</mark>" in html and "<mark>Anna, 12</mark>" in html
        links = re.findall(r'href="#(panel-child-content-summary-section)"', html)
        assert len(links) == 2
        assert 'id="panel-child-content-summary-section"' in html  # the link leads somewhere

    def test_a_page_without_findings_shows_nothing(self, editor, initiative):
        html = client_for(editor).get(edit_url(initiative)).content.decode()

        assert "safeguarding check found" not in html

    def test_a_hosts_page_under_wagtails_own_workflow_shows_nothing(
        self, admin_client, home_page, moderation
    ):
        host_page = StandardPageFactory(parent=home_page, title=f"Call {PHONE}")

        html = admin_client.get(edit_url(host_page)).content.decode()

        assert "safeguarding check found" not in html

    def test_a_draft_with_findings_saves_and_is_submitted(self, editor, initiative):
        client = client_for(editor)
        saved = client.post(edit_url(initiative), post_data(initiative, RISKY))
        assert saved.status_code == 302
        draft = InitiativePage.objects.get(pk=initiative.pk).get_latest_revision_as_object()
        assert draft.summary == RISKY  # nothing typed is lost
        assert "The safeguarding check found 2" in client.get(saved["Location"]).content.decode()

        # Seen in the editor: submitting sends it on (tests/test_safeguarding_presubmit.py).
        submitted = client.post(
            edit_url(initiative), post_data(initiative, RISKY, **{"action-submit": "1"})
        )
        assert submitted.status_code == 302
        assert Page.objects.get(pk=initiative.pk).workflow_in_progress

    def test_another_signatorys_editor_sees_neither_findings_nor_log(
        self, other_editor, moderator, risky
    ):
        client_for(moderator).post(
            action_url(risky, "approve"),
            {"review_task_state": risky.current_workflow_task_state.pk, "checked": keys(risky)},
        )
        client = client_for(other_editor)
        for url in (edit_url(risky), reverse("wagtailadmin_pages:history", args=[risky.pk])):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url
            assert PHONE not in response.content.decode()


class TestTheModerator:
    def test_approval_without_ticks_is_refused_with_a_form_error(self, moderator, risky):
        client = client_for(moderator)
        modal = client.get(action_url(risky, "approve"))
        html = json.loads(modal.content)["html"]
        assert f"<mark>{PHONE}</mark>" in html  # the passages, marked, in the approval form
        assert html.count('name="checked"') == 2

        response = client.post(
            action_url(risky, "approve"),
            {"review_task_state": risky.current_workflow_task_state.pk, "checked": keys(risky)[:1]},
            headers={"x-requested-with": "XMLHttpRequest"},
        )

        assert (
            "1 finding of the safeguarding check is not ticked"
            in json.loads(response.content)["html"]
        )
        page = Page.objects.get(pk=risky.pk)
        assert not page.live and page.workflow_in_progress
        assert not SafeguardingCheck.objects.exists()

    def test_a_plain_approval_sent_without_the_form_is_refused(self, moderator, risky):
        """Wagtail's one-click approval (a form without the ticks): the task refuses it."""
        response = client_for(moderator).post(action_url(risky, "approve"), {"comment": ""})

        assert response.status_code in (302, 403)  # Wagtail's "no permission" message
        assert not Page.objects.get(pk=risky.pk).live
        assert not SafeguardingCheck.objects.exists()

    def test_approval_with_every_tick_publishes_and_is_logged(self, moderator, risky):
        task_state = risky.current_workflow_task_state
        response = client_for(moderator).post(
            action_url(risky, "approve"),
            {"review_task_state": task_state.pk, "checked": keys(risky), "comment": "Checked"},
        )

        assert response.status_code == 302
        page = Page.objects.get(pk=risky.pk)
        assert page.live
        checks = SafeguardingCheck.objects.filter(page=page).order_by("kind")
        assert [(c.kind, c.passage, c.user, c.revision_id) for c in checks] == [
            ("child_age", "Anna, 12", moderator, page.live_revision_id),
            ("phone", PHONE, moderator, page.live_revision_id),
        ]
        entry = PageLogEntry.objects.get(page=page, action="pact_pages.safeguarding_checked")
        assert entry.user == moderator and PHONE in entry.message
        history = client_for(moderator).get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        assert "Safeguarding findings checked" in history.content.decode()

    def test_a_ticked_passage_is_not_asked_again(self, editor, moderator, risky):
        client_for(moderator).post(
            action_url(risky, "approve"),
            {"review_task_state": risky.current_workflow_task_state.pk, "checked": keys(risky)},
        )
        again = submitted(InitiativePage.objects.get(pk=risky.pk), RISKY + " Thanks!", editor)

        assert open_findings_of(again) == []
        assert ("approve", "Approve", False) in again.current_workflow_task.specific.get_actions(
            again, moderator
        )

    def test_approving_from_the_editor_without_ticks_saves_a_draft_only(self, moderator, risky):
        data = post_data(risky, RISKY + " Edited by the moderator.")
        data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})

        response = client_for(moderator).post(edit_url(risky), data, follow=True)

        page = InitiativePage.objects.get(pk=risky.pk)
        assert not page.live and page.workflow_in_progress
        assert page.get_latest_revision_as_object().summary.endswith("Edited by the moderator.")
        assert (
            "Not approved: 2 findings of the safeguarding check are not ticked"
            in response.content.decode()
        )

    def test_approving_from_the_editor_with_ticks_publishes(self, moderator, risky):
        data = approval(risky)

        assert client_for(moderator).post(edit_url(risky), data).status_code == 302
        assert Page.objects.get(pk=risky.pk).live
        assert SafeguardingCheck.objects.filter(page=risky).count() == 2

    def test_pages_without_findings_keep_wagtails_one_click_approval(
        self, editor, moderator, initiative
    ):
        page = submitted(initiative, SAFE, editor)
        actions = page.current_workflow_task.specific.get_actions(page, moderator)
        assert ("approve", "Approve", False) in actions

        response = client_for(moderator).post(action_url(page, "approve"), {"comment": ""})

        assert response.status_code == 302 and Page.objects.get(pk=page.pk).live


AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def approval(page) -> dict:
    data = post_data(page, RISKY)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"checked": keys(page), "comment": ""}),
        }
    )
    return data


class TestAutosave:
    """Wagtail 8's autosave posts the edit form as JSON; a decision taken in the editor puts
    its hidden fields into that form before the form's own submission. Autosave saves drafts
    only, and a decision that reaches the task twice is taken once."""

    def test_an_autosave_carrying_an_approval_is_refused_and_approves_nothing(
        self, moderator, risky
    ):
        client = client_for(moderator)

        response = client.post(edit_url(risky), approval(risky), **AUTOSAVE)

        assert response.status_code == 400
        body = response.json()
        assert body["success"] is False and body["error_code"] == "blocked_by_hook"
        assert "Autosave saves drafts only" in body["error_message"]
        page = InitiativePage.objects.get(pk=risky.pk)
        assert not page.live and page.workflow_in_progress
        assert not SafeguardingCheck.objects.exists()
        # The form's own submission, which follows, approves once.
        assert client.post(edit_url(risky), approval(risky)).status_code == 302
        assert Page.objects.get(pk=risky.pk).live
        assert SafeguardingCheck.objects.filter(page=risky).count() == 2

    def test_an_autosave_carrying_a_publish_or_submit_is_refused(self, editor, risky):
        client = client_for(editor)
        for field in ("action-publish", "action-submit", "action-cancel-workflow"):
            data = post_data(risky, RISKY + " Autosaved.", **{field: "1"})

            response = client.post(edit_url(risky), data, **AUTOSAVE)

            assert response.status_code == 400, field
            assert response.json()["error_code"] == "blocked_by_hook"
        page = InitiativePage.objects.get(pk=risky.pk)
        assert page.workflow_in_progress and not page.live
        assert not page.get_latest_revision_as_object().summary.endswith("Autosaved.")

    def test_an_autosave_without_a_decision_still_saves_the_draft(self, editor, initiative):
        data = post_data(initiative, SAFE + " Autosaved.")

        response = client_for(editor).post(edit_url(initiative), data, **AUTOSAVE)

        assert response.status_code == 200 and response.json()["success"] is True
        page = InitiativePage.objects.get(pk=initiative.pk)
        assert page.get_latest_revision_as_object().summary.endswith("Autosaved.")

    def test_the_editor_loads_the_guard_that_keeps_decisions_out_of_autosave(
        self, editor, initiative
    ):
        html = client_for(editor).get(edit_url(initiative)).content.decode()

        assert "pact_pages/js/autosave-guard.js" in html

    def test_the_same_approval_reaching_the_task_twice_is_taken_once(self, moderator, risky):
        # Two requests that both found the task in progress: the second holds a stale state.
        task_state = risky.current_workflow_task_state
        task = risky.current_workflow_task.specific
        ticks = keys(risky)

        task.on_action(task_state, moderator, "approve", checked=ticks, comment="")
        task.on_action(task_state, moderator, "approve", checked=ticks, comment="")

        page = Page.objects.get(pk=risky.pk)
        assert page.live
        assert SafeguardingCheck.objects.filter(page=page).count() == 2
        approvals = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
        assert approvals.count() == 1
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1

    def test_another_signatorys_editor_cannot_autosave_into_the_page(self, other_editor, risky):
        data = post_data(risky, RISKY + " Written by Lyon.")

        response = client_for(other_editor).post(edit_url(risky), data, **AUTOSAVE)

        assert response.status_code in (302, 403)
        page = InitiativePage.objects.get(pk=risky.pk)
        assert "Lyon" not in page.get_latest_revision_as_object().summary
        assert page.workflow_in_progress and not page.live

    def test_an_anonymous_autosave_is_sent_to_the_login(self, risky):
        response = Client().post(edit_url(risky), approval(risky), **AUTOSAVE)

        assert response.status_code in (302, 401, 403)
        assert not SafeguardingCheck.objects.exists()


def test_the_workflows_task_is_the_safeguarding_task_with_its_groups(moderation):
    task = Task.objects.get(name=TASK).specific

    assert isinstance(task, SafeguardingApprovalTask)
    assert list(task.groups.all()) == [moderation.group]


def test_a_plain_group_task_of_that_name_becomes_one_in_place(moderation):
    """A site whose task was made before migration 0024: the same task, its groups kept."""
    Task.objects.filter(name=TASK).delete()
    old = GroupApprovalTask.objects.create(name=TASK)
    old.groups.add(moderation.group)

    setup_moderation()

    task = Task.objects.get(name=TASK)
    assert task.pk == old.pk and isinstance(task.specific, SafeguardingApprovalTask)
    assert list(task.specific.groups.all()) == [moderation.group]
    assert WorkflowState.objects.count() == 0
