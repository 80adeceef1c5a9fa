"""No way around the moderator's ticks (issue 19): a page with open findings of the
safeguarding check is never published directly, neither by a moderator's "Publish" in the
editor, nor by a trusted signatory's editor (SignatoryAccess.can_publish), nor by Wagtail's
bulk publish or a scheduled date; the draft is kept and the editor told to submit it. A page
without findings publishes as before."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from pact_pages.models import InitiativePage, SafeguardingCheck
from pact_pages.signatories import access
from tests.factories import InitiativePageFactory
from tests.test_safeguarding_review import (  # noqa: F401  (fixtures)
    RISKY,
    SAFE,
    client_for,
    edit_url,
    editor,
    moderation,
    moderator,
    post_data,
    risky,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusted_editor(signatory, moderation, django_user_model):  # noqa: F811
    user = django_user_model.objects.create_user("trusted", "t@example.org", "pw")
    signatory_access = access.grant(user, signatory)
    signatory_access.can_publish = True
    signatory_access.save()
    access.sync_permissions(signatory_access)
    return user


def publish_data(page, summary: str, **fields) -> dict:
    data = post_data(page, summary, **fields)
    data["action-publish"] = "1"
    return data


def test_a_moderators_publish_button_does_not_skip_the_ticks(moderator, risky):  # noqa: F811
    response = client_for(moderator).post(edit_url(risky), publish_data(risky, RISKY), follow=True)

    page = InitiativePage.objects.get(pk=risky.pk)
    assert not page.live
    assert page.get_latest_revision_as_object().summary == RISKY  # the draft is kept
    assert "safeguarding check" in response.content.decode()
    assert not SafeguardingCheck.objects.exists()


def test_a_trusted_signatorys_editor_cannot_publish_findings(trusted_editor, initiative):
    client = client_for(trusted_editor)
    response = client.post(edit_url(initiative), publish_data(initiative, RISKY), follow=True)

    page = InitiativePage.objects.get(pk=initiative.pk)
    assert page.live and page.summary != RISKY  # readers still see the approved text
    assert page.get_latest_revision_as_object().summary == RISKY
    assert "safeguarding check" in response.content.decode()


def test_a_trusted_signatorys_editor_publishes_a_text_without_findings(trusted_editor, initiative):
    client = client_for(trusted_editor)
    assert client.post(edit_url(initiative), publish_data(initiative, SAFE)).status_code == 302

    assert InitiativePage.objects.get(pk=initiative.pk).summary == SAFE


def test_a_new_page_with_findings_is_not_published_on_creation(trusted_editor, signatory):
    url = reverse("wagtailadmin_pages:add", args=["pact_pages", "initiativepage", signatory.pk])
    new = InitiativePage(title="Night club", slug="night-club")
    client_for(trusted_editor).post(url, publish_data(new, RISKY))

    page = InitiativePage.objects.get(slug="night-club")
    assert not page.live and page.get_latest_revision_as_object().summary == RISKY


def test_a_scheduled_publication_does_not_skip_the_ticks(trusted_editor, initiative):
    data = publish_data(initiative, RISKY, go_live_at="2030-01-01 10:00")
    client_for(trusted_editor).post(edit_url(initiative), data)

    page = InitiativePage.objects.get(pk=initiative.pk)
    assert page.summary != RISKY and page.scheduled_revision is None


def test_bulk_publish_does_not_skip_the_ticks(moderator, risky):  # noqa: F811
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client_for(moderator).post(f"{url}?id={risky.pk}", {"include_descendants": ""})

    assert not Page.objects.get(pk=risky.pk).live
    assert not SafeguardingCheck.objects.exists()


def test_bulk_publish_of_a_parent_does_not_publish_a_childs_findings(
    moderator,  # noqa: F811
    signatory,
    editor,  # noqa: F811
):
    child = InitiativePageFactory(parent=signatory, title="Holiday camp", live=False)
    submitted(child, RISKY, editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client_for(moderator).post(f"{url}?id={signatory.pk}", {"include_descendants": "on"})

    assert not Page.objects.get(pk=child.pk).live


def test_bulk_publish_of_pages_without_findings_still_works(moderator, editor, initiative):  # noqa: F811
    page = submitted(initiative, SAFE, editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client_for(moderator).post(f"{url}?id={page.pk}", {"include_descendants": ""})

    assert InitiativePage.objects.get(pk=page.pk).summary == SAFE
