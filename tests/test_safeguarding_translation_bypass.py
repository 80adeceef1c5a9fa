"""A moderator's translation is no way round the ticks either (issue 19): publishing a
translated text with findings from wagtail-localize's editor ("Publish in French") or with
"Update translations" and "publish" ticked keeps it a draft for the workflow's approval."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation

from tests import test_translation_moderation as moderation
from tests.test_permission_sweep import _client
from tests.test_safeguarding_translation import PHONE, _translate_with_a_finding
from tests.test_translation_moderation import _french, _translate_as

world = moderation.world
german_pillar = moderation.german_pillar
french = moderation.french

pytestmark = pytest.mark.django_db


def _translated_with_a_finding(world, french, capture):
    admin = _client(world, "moderator")
    with capture(execute=True):
        assert _translate_as(admin, world.a_signatory, french).status_code == 302
    translation = Translation.objects.get(
        source__object_id=world.a_signatory.translation_key, target_locale=french
    )
    _translate_with_a_finding(admin, translation)
    return admin, translation, _french(world.a_signatory, french)


def test_publishing_from_the_translation_editor_keeps_findings_a_draft(
    world, french, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    moderator, _translation, page = _translated_with_a_finding(world, french, capture)
    with capture(execute=True):
        response = moderator.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})

    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk).specific
    assert PHONE not in page.title + str(getattr(page, "summary", ""))  # readers: not it
    assert PHONE in str(page.get_latest_revision().content)  # the draft is kept


def test_update_translations_with_publish_keeps_findings_a_draft(
    world, french, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    moderator, translation, page = _translated_with_a_finding(world, french, capture)
    with capture(execute=True):
        moderator.post(
            f"/admin/localize/update/{translation.source_id}/", {"publish_translations": "on"}
        )

    page = Page.objects.get(pk=page.pk).specific
    assert PHONE not in page.title + str(getattr(page, "summary", ""))
