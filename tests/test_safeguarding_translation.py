"""A translation goes through the same safeguarding check (issue 19): a translator's French
text with a child's name and a phone number, submitted through wagtail-localize to the Pact
moderation workflow, is approved only once the moderator ticked each finding; the
translator cannot publish it."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from pact_pages.models import SafeguardingCheck
from pact_pages.safeguarding.review import open_findings_of
from tests import test_translation_moderation as moderation
from tests.test_permission_sweep import _client
from tests.test_translation_moderation import _french, _translate_as

# The sweep's module-wide data set, the German P and the French tree, as in that module.
world = moderation.world
german_pillar = moderation.german_pillar
french = moderation.french

pytestmark = pytest.mark.django_db

PHONE = "+33 6 12 34 56 78"
RISKY = f"Léa, 11, a appelé sa tante au {PHONE}."


def _translate_with_a_finding(client: Client, translation: Translation) -> None:
    for segment in StringSegment.objects.filter(source=translation.source):
        value = f"FR {segment.string.data[:40]} {RISKY}"
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        body = urlencode({"value": value})
        response = client.put(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201), response.content


def test_a_translators_text_is_approved_only_after_the_ticks(
    world, french, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    translator, moderator = _client(world, "translator"), _client(world, "moderator")
    source = world.a_signatory
    with capture(execute=True):
        assert _translate_as(translator, source, french).status_code == 302
    page = _french(source, french)
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=french
    )
    _translate_with_a_finding(translator, translation)
    with capture(execute=True):
        translator.post(f"/admin/pact/translation/{translation.pk}/submit/")
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    findings = open_findings_of(page)
    assert PHONE in {finding.passage for finding in findings}

    # The translator may not approve; the moderator's one-click approval is refused.
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    with capture(execute=True):
        translator.post(url, {"comment": ""})
        moderator.post(url, {"comment": ""})
    assert not Page.objects.get(pk=page.pk).live

    # The approval form shows the passage marked, and wants every tick.
    modal = json.loads(moderator.get(url).content)["html"]
    assert f"<mark>{PHONE}</mark>" in modal
    xhr = {"x-requested-with": "XMLHttpRequest"}
    refused = moderator.post(url, {"review_task_state": task_state.pk}, headers=xhr)
    assert "not ticked" in json.loads(refused.content)["html"]
    assert not Page.objects.get(pk=page.pk).live

    checked = [finding.key for finding in findings]
    with capture(execute=True):
        moderator.post(url, {"review_task_state": task_state.pk, "checked": checked})
    page = Page.objects.get(pk=page.pk)
    assert page.live
    assert SafeguardingCheck.objects.filter(page=page, passage=PHONE).exists()
