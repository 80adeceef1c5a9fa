"""What the moderator approves is what readers get, and languages do not step on each
other (found by the review of the translators' journey):

* while a translation is in moderation, its texts cannot change (approval publishes the
  submitted revision, which the editor shows);
* nobody translates a translation (a second source of the same page made taking down the
  French page take the English original down with it);
* one language's "Update from the source" leaves the other languages out of date;
* moderators may start translations (the work list offers them);
* fallback copies are not in the sitemap; a French initiative under a French signatory in
  moderation is.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.http import urlencode
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from pact_pages.models import LocaleTranslators
from pact_pages.translation.translators import out_of_date_translations
from pact_pages.translation.views import _translation_of
from tests.factories import InitiativePageFactory, SignatoryPageFactory, publish
from tests.test_i18n import translate
from tests.test_translation_work import _refused

pytestmark = pytest.mark.django_db


def _put_string(client: Client, translation: Translation, text: str) -> int:
    segment = StringSegment.objects.filter(source=translation.source).first()
    url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    body = urlencode({"value": text})
    return client.put(url, body, content_type="application/x-www-form-urlencoded").status_code


@pytest.fixture
def submitted(team, directory, fr_locale, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    with capture(execute=True):
        team["translator"].post(
            f"/admin/localize/submit/page/{lyon.pk}/", {"locales": [fr_locale.pk]}
        )
    translation = Translation.objects.get(source__object_id=lyon.translation_key)
    assert _put_string(team["translator"], translation, "Lyon (FR)") in (200, 201)
    with capture(execute=True):
        team["translator"].post(f"/admin/pact/translation/{translation.pk}/submit/")
    page = lyon.get_translation(fr_locale)
    return translation, page


def test_texts_are_frozen_while_in_moderation(team, submitted):
    translation, page = submitted
    assert _refused_status(_put_string(team["translator"], translation, "EVIL"))
    response = team["translator"].post(f"/admin/pact/translations/{page.pk}/update/")
    assert response.status_code == 302 and response.url == "/admin/pact/translations/"
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Lyon (FR)"

    review = team["moderator"].get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/admin/pages/{page.pk}/revisions/{page.latest_revision_id}/view/" in review

    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    url = f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/"
    team["moderator"].post(url, {"comment": "Almost."})
    assert _put_string(team["translator"], translation, "Lyon (FR), mieux") in (200, 201)


def _refused_status(status: int) -> bool:
    return status in (302, 403)


def test_a_translation_is_not_translated_again(
    team, directory, fr_locale, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    french = translate(lyon, fr_locale, {}, capture)
    german = Locale.objects.get(language_code="de")
    for client in (team["moderator"], team["translator"]):
        assert _refused(client.get(f"/admin/localize/submit/page/{french.pk}/"))
        assert _refused(
            client.post(f"/admin/localize/submit/page/{french.pk}/", {"locales": [german.pk]})
        )
    assert not french.has_translation(german)

    with capture(execute=True):
        team["moderator"].post(f"/admin/pages/{french.pk}/unpublish/", {})
    lyon.refresh_from_db()
    assert lyon.live  # the original stays online


def test_one_languages_update_leaves_the_others_out_of_date(
    team, directory, fr_locale, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    german = Locale.objects.get(language_code="de")
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    french = translate(lyon, fr_locale, {}, capture)
    deutsch = translate(lyon, german, {}, capture)
    for page in (french, deutsch):
        _translation_of(page)  # the records wagtail-localize's own "Translate" makes
    lyon.title = "Lyon Metropole"
    publish(lyon)
    assert set(out_of_date_translations([fr_locale, german])) == {french.page_ptr, deutsch.page_ptr}

    with capture(execute=True):
        team["translator"].post(f"/admin/pact/translations/{french.pk}/update/")

    assert list(out_of_date_translations([german])) == [deutsch.page_ptr]
    assert list(out_of_date_translations([fr_locale])) == []


def test_moderators_start_translations(team, directory):
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    work = team["moderator"].get("/admin/pact/translations/?locale=it").content.decode()
    assert f"/admin/localize/submit/page/{lyon.pk}/?locale=it" in work
    response = team["moderator"].get(f"/admin/localize/submit/page/{lyon.pk}/?locale=it")
    assert response.status_code == 200


def test_the_sitemap_leaves_fallback_copies_out(
    client, directory, fr_locale, django_capture_on_commit_callbacks, home_page
):
    capture = django_capture_on_commit_callbacks
    translate(home_page, fr_locale, {}, capture)
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    clubs = InitiativePageFactory(parent=lyon, title="Safe clubs", slug="clubs")
    french_clubs = translate(clubs, fr_locale, {}, capture)
    alias = lyon.get_translation(fr_locale)
    assert alias.alias_of_id

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"{french_clubs.url}<" in sitemap
    assert f"{alias.url}<" not in sitemap  # the copy of the English text
    assert f'hreflang="fr" href="http://testserver{alias.url}"' not in sitemap
    Page.objects.filter(pk=alias.pk).update(live=False, alias_of=None)  # a draft translation
    assert f"{french_clubs.url}<" in client.get("/sitemap.xml").content.decode()


def test_a_stopped_translation_is_not_updated(
    team, directory, fr_locale, django_capture_on_commit_callbacks
):
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    french = translate(lyon, fr_locale, {}, django_capture_on_commit_callbacks)
    translation = _translation_of(french)
    translation.enabled = False
    translation.save()
    users = get_user_model().objects
    assert LocaleTranslators.objects.filter(group__user__in=users.all()).exists()
    response = team["translator"].post(f"/admin/pact/translations/{french.pk}/update/")
    assert response.status_code == 302 and response.url == "/admin/pact/translations/"


def test_staff_reports_are_offered_only_to_staff(team):
    """A translator is not shown a report menu entry that would refuse them."""
    for report in ("/admin/localize/reports/translations/", "/admin/reports/page-types-usage/"):
        assert report not in team["translator"].get("/admin/").content.decode()
        assert _refused(team["translator"].get(report))
        assert report in team["moderator"].get("/admin/").content.decode()
