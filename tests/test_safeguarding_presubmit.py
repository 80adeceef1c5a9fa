"""The safeguarding check before submitting (issue 19, pact_pages.safeguarding.presubmit): a
submission whose text has findings the editor has not been shown is saved as a draft and the
editor sees them, linked to their fields; submitting again sends it. Nothing typed is lost,
and a page without findings, or with findings already shown, is submitted at once."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pact_pages.models import InitiativePage
from tests.factories import InitiativePageFactory, StandardPageFactory
from tests.test_safeguarding_review import (  # noqa: F401 (fixtures)
    PHONE,
    RISKY,
    SAFE,
    edit_url,
    editor,
    moderation,
    post_data,
)

pytestmark = pytest.mark.django_db

HELD = "Not submitted yet: the safeguarding check found"


@pytest.fixture
def client(editor) -> Client:  # noqa: F811
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def initiative(signatory, editor) -> InitiativePage:  # noqa: F811
    page = InitiativePageFactory(parent=signatory, title="After-school club", live=False)
    page.save_revision(user=editor)
    return page


def submit(client, page, summary: str):
    return client.post(edit_url(page), post_data(page, summary, **{"action-submit": "1"}))


def in_moderation(page) -> bool:
    return Page.objects.get(pk=page.pk).workflow_in_progress


def test_a_submission_with_unseen_findings_is_saved_and_shown(client, initiative):
    response = submit(client, initiative, RISKY)

    assert response.status_code == 302 and response["Location"] == edit_url(initiative)
    assert not in_moderation(initiative)
    draft = InitiativePage.objects.get(pk=initiative.pk).get_latest_revision_as_object()
    assert draft.summary == RISKY  # nothing typed is lost
    html = client.get(response["Location"]).content.decode()
    assert f"{HELD} 2 passages" in html
    assert f"<mark>{PHONE}</mark>" in html and "<mark>Anna, 12</mark>" in html
    assert 'href="#panel-child-content-summary-section"' in html

    # Checked, kept: submitting again sends it to the moderators.
    again = submit(client, initiative, RISKY)
    assert again.status_code == 302
    assert in_moderation(initiative)


def test_a_new_finding_is_held_back_again(client, initiative):
    submit(client, initiative, RISKY)
    changed = f"{RISKY} Or write to anna.m@example.org."

    response = submit(client, initiative, changed)

    assert not in_moderation(initiative)
    assert f"{HELD} 1 passage " in client.get(response["Location"]).content.decode()
    submit(client, initiative, changed)
    assert in_moderation(initiative)


def test_findings_seen_in_the_editor_are_submitted_at_once(client, initiative):
    initiative.summary = RISKY
    initiative.save_revision()
    assert "The safeguarding check found 2" in client.get(edit_url(initiative)).content.decode()

    submit(client, initiative, RISKY)

    assert in_moderation(initiative)


def test_a_page_without_findings_is_submitted_at_once(client, initiative):
    response = submit(client, initiative, SAFE)

    assert response.status_code == 302
    assert in_moderation(initiative)


def test_a_new_page_with_findings_is_created_as_a_draft(client, signatory):
    url = reverse("wagtailadmin_pages:add", args=["pact_pages", "initiativepage", signatory.pk])
    new = InitiativePage(title="Helpline week", slug="helpline-week")
    data = post_data(new, RISKY, **{"action-submit": "1"})

    response = client.post(url, data)

    page = InitiativePage.objects.get(slug="helpline-week")
    assert response.status_code == 302 and response["Location"] == edit_url(page)
    assert not page.live and not in_moderation(page)
    assert page.get_latest_revision_as_object().summary == RISKY
    assert HELD in client.get(response["Location"]).content.decode()
    submit(client, page, RISKY)
    assert in_moderation(page)


def test_a_hosts_page_under_wagtails_own_workflow_is_left_alone(admin_client, home_page):
    page = StandardPageFactory(parent=home_page, title="Call us")
    data = {"title": f"Call {PHONE}", "slug": page.slug, "body": streamfield([])}

    response = admin_client.post(edit_url(page), nested_form_data({**data, "action-submit": "1"}))

    assert response.status_code == 302
    assert HELD not in admin_client.get(edit_url(page)).content.decode()
    assert Page.objects.get(pk=page.pk).workflow_in_progress  # Wagtail's own workflow
