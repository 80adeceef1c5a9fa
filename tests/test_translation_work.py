"""The translator's day in the admin, with the test client: the work list shows a locale's
work and starts it; a translation stays a draft (readers of /fr/ get the source with the
fallback note) until a moderator publishes it or sends it back with a comment; updating an
out-of-date translation from its source is a draft, never a live change. Refusals: another
locale's list, users without the translate right, anonymous visitors."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from tests.factories import InitiativePageFactory, SignatoryPageFactory, publish
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

WORK = "/admin/pact/translations/"


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _translate_strings(client: Client, translation: Translation, prefix: str) -> None:
    from django.utils.http import urlencode

    for segment in StringSegment.objects.filter(source=translation.source):
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        body = urlencode({"value": f"{prefix} {segment.string.data[:40]}"})
        response = client.put(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201), response.content


def _in_french(page: Page) -> str:
    """The page's address under /fr/ (where an untranslated page is shown with a note)."""
    assert page.url.startswith("/en/")
    return "/fr/" + page.url[len("/en/") :]


def _french(page: Page, locale: Locale) -> Page:
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def test_the_work_list_is_in_the_translators_menu_and_dashboard(team, directory):
    SignatoryPageFactory(parent=directory, title="Lyon")
    dashboard = _html(team["translator"], "/admin/")
    assert WORK in dashboard
    assert "Your translation work" in dashboard
    assert "1 page to translate" in dashboard


def test_to_translate_lists_live_untranslated_pages_only(team, directory, fr_locale):
    lyon = SignatoryPageFactory(parent=directory, title="Lyon")
    draft = SignatoryPageFactory(parent=directory, title="Secret draft", live=False)
    InitiativePageFactory(parent=lyon, title="Safe clubs")
    html = _html(team["translator"], f"{WORK}?locale=fr")

    assert "Lyon" in html and "Safe clubs" in html
    assert "Secret draft" not in html  # nobody translates (or reads) another's draft
    assert f"/admin/localize/submit/page/{lyon.pk}/" in html
    assert f"/admin/localize/submit/page/{draft.pk}/" not in html
    assert "Signatory directory" not in html.split("<tbody>")[1]  # already translated
    only_initiatives = _html(team["translator"], f"{WORK}?locale=fr&kind=initiative")
    assert "Safe clubs" in only_initiatives and ">Lyon<" not in only_initiatives
    assert "Safe clubs" not in _html(team["translator"], f"{WORK}?locale=fr&q=lyon")


def test_events_and_the_follow_up_have_their_own_kind(team, home_page, directory, fr_locale):
    import datetime

    from tests import follow_up_factories as fu
    from tests.event_helpers import make_event

    lyon = SignatoryPageFactory(parent=directory, title="Lyon")
    make_event(lyon, "Barnahus open day", datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC))
    fu.action_plan(lyon)
    shown = {  # the table's rows ("" when the list is empty)
        kind: _html(team["translator"], f"{WORK}?locale=fr&kind={kind}").partition("<tbody>")[2]
        for kind in ("event", "follow_up", "other", "signatory")
    }
    assert "Barnahus open day" in shown["event"] and "Action plan" not in shown["event"]
    assert "Action plan" in shown["follow_up"] and "Barnahus" not in shown["follow_up"]
    assert "Barnahus" not in shown["other"] and "Action plan" not in shown["other"]
    assert ">Lyon<" in shown["signatory"] and "Barnahus" not in shown["signatory"]
    menu = _html(team["translator"], f"{WORK}?locale=fr")
    assert "Events</option>" in menu and "Action plans and reports</option>" in menu


def _refused(response) -> bool:
    """Wagtail's refusal: 403, or back to the dashboard with "Sorry, you do not have
    permission to access this area"."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def test_refusals(team, client, django_user_model):
    assert _refused(team["translator"].get(f"{WORK}?locale=de"))
    assert _refused(team["translator"].get(f"{WORK}?locale=xx"))
    assert "Deutsch" in _html(team["moderator"], f"{WORK}?locale=de")  # moderators: any
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    from pact_pages.signatories.access import permission

    editor.user_permissions.add(permission("wagtailadmin", "access_admin"))
    other = Client()
    other.force_login(editor)
    assert _refused(other.get(WORK))
    assert WORK not in other.get("/admin/").content.decode()
    assert client.get(WORK).status_code == 302  # to the sign-in


def test_the_journey_draft_moderation_changes_requested_publication(
    team, directory, fr_locale, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    translator, moderator = team["translator"], team["moderator"]
    with capture(execute=True):
        started = translator.post(
            f"/admin/localize/submit/page/{lyon.pk}/", {"locales": [fr_locale.pk]}
        )
    assert started.status_code == 302
    page = _french(lyon, fr_locale)
    assert not page.live
    translation = Translation.objects.get(source__object_id=lyon.translation_key)
    _translate_strings(translator, translation, "FR")
    progress = _html(translator, f"{WORK}?locale=fr&tab=progress")
    assert "Draft, not submitted" in progress and f"/admin/pages/{page.pk}/edit/" in progress

    # Until a moderator publishes it, /fr/ shows the English page with the note.
    reader = Client().get(_in_french(lyon))
    assert reader.status_code == 200
    assert "FR Lyon" not in reader.content.decode()
    assert 'class="fallback-note"' in reader.content.decode()

    mail.outbox.clear()
    with capture(execute=True):
        translator.post(f"/admin/pact/translation/{translation.pk}/submit/")
    assert "Awaiting moderation" in _html(translator, f"{WORK}?locale=fr&tab=progress")
    told = [message for message in mail.outbox if "m@example.org" in message.to]
    assert told and "FR Lyon" in told[0].subject + told[0].body  # by e-mail too
    assert "FR Lyon" in _html(moderator, "/admin/")  # the moderator is told

    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/"
    # The moderator reviews it in wagtail-localize's editor, beside the original.
    review = _html(moderator, f"/admin/pages/{page.pk}/edit/")
    assert "Review this translation" in review and url in review
    assert url not in _html(translator, f"/admin/pages/{page.pk}/edit/")
    mail.outbox.clear()
    with capture(execute=True):
        moderator.post(url, {"comment": "Please use « signataire »."})
    assert any("t@example.org" in message.to for message in mail.outbox)  # the translator
    progress = _html(translator, f"{WORK}?locale=fr&tab=progress")
    assert "Changes requested" in progress and "Please use « signataire »." in progress

    with capture(execute=True):
        translator.post(f"/admin/pact/translation/{translation.pk}/submit/")
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/"
    with capture(execute=True):
        moderator.post(url, {"comment": ""})
    page.refresh_from_db()
    assert page.live
    assert "FR Lyon" in Client().get(page.url).content.decode()
    assert "FR Lyon" not in _html(translator, f"{WORK}?locale=fr&tab=progress")


def test_update_from_the_source_is_a_draft(
    team, directory, fr_locale, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    french = translate(lyon, fr_locale, {"Lyon": "Lyon (FR)"}, capture)  # no record of it:
    assert french.live and french.title == "Lyon (FR)"
    translator = team["translator"]
    assert "Lyon (FR)" not in _html(translator, f"{WORK}?locale=fr&tab=outdated")

    lyon.title = "Lyon Metropole"
    publish(lyon)
    outdated = _html(translator, f"{WORK}?locale=fr&tab=outdated")
    assert "Lyon (FR)" in outdated and f"/admin/pact/translations/{french.pk}/update/" in outdated

    with capture(execute=True):
        response = translator.post(f"/admin/pact/translations/{french.pk}/update/")
    assert response.status_code == 302
    french.refresh_from_db()
    assert french.live and french.title == "Lyon (FR)"  # readers keep the published text
    assert french.has_unpublished_changes
    assert french.get_latest_revision_as_object().title == "Lyon Metropole"  # to translate
    assert "Lyon (FR)" in Client().get(french.url).content.decode()
    assert "Lyon (FR)" not in _html(translator, f"{WORK}?locale=fr&tab=outdated")


def test_update_from_the_source_is_refused_for_other_locales(
    team, directory, django_capture_on_commit_callbacks
):
    german = Locale.objects.get_or_create(language_code="de")[0]
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    page = translate(lyon, german, {}, django_capture_on_commit_callbacks)
    assert _refused(team["translator"].post(f"/admin/pact/translations/{page.pk}/update/"))
    assert team["translator"].get(f"/admin/pact/translations/{page.pk}/update/").status_code == 405


def test_translating_under_an_untranslated_parent_keeps_the_parent_a_fallback(
    team, directory, fr_locale, django_capture_on_commit_callbacks
):
    """wagtail-localize copies the untranslated signatory as an alias: it stays on the "to
    translate" list, and translating it is a draft too (its address keeps the fallback)."""
    capture = django_capture_on_commit_callbacks
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    clubs = InitiativePageFactory(parent=lyon, title="Safe clubs", slug="clubs")
    translator = team["translator"]
    with capture(execute=True):
        translator.post(f"/admin/localize/submit/page/{clubs.pk}/", {"locales": [fr_locale.pk]})
    alias = _french(lyon, fr_locale)
    assert alias.alias_of_id == lyon.pk and alias.live
    shown = Client().get(_in_french(lyon)).content.decode()
    assert 'class="fallback-note"' in shown  # the copy is the English text, and says so
    assert f"/admin/localize/submit/page/{lyon.pk}/" in _html(translator, f"{WORK}?locale=fr")

    with capture(execute=True):
        translator.post(f"/admin/localize/submit/page/{lyon.pk}/", {"locales": [fr_locale.pk]})
    alias.refresh_from_db()
    assert alias.alias_of_id is None and not alias.live
    translation = Translation.objects.get(source__object_id=lyon.translation_key)
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=fr_locale,
            context=segment.context,
            defaults={"data": f"FR {segment.string.data}", "translation_type": "manual"},
        )
    reader = Client().get(_in_french(lyon))
    assert reader.status_code == 200 and "FR Lyon" not in reader.content.decode()
    assert 'class="fallback-note"' in reader.content.decode()


def test_the_work_list_has_a_bounded_number_of_queries(
    team, directory, django_assert_max_num_queries
):
    for number in range(40):
        SignatoryPageFactory(parent=directory, title=f"Town {number}")
    for tab in ("missing", "outdated", "progress"):
        with django_assert_max_num_queries(40):
            _html(team["translator"], f"{WORK}?locale=fr&tab={tab}")


def test_the_dashboards_update_button_works_with_csrf_checks(
    team, directory, fr_locale, django_user_model, django_capture_on_commit_callbacks
):
    """As a browser does it: the panel's form carries the CSRF token (a request without it
    is refused with 403, which the test client would not show by default)."""
    import re

    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    french = translate(lyon, fr_locale, {"Lyon": "Lyon (FR)"}, django_capture_on_commit_callbacks)
    lyon.title = "Lyon Metropole"
    publish(lyon)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(django_user_model.objects.get(username="traductrice"))

    dashboard = _html(browser, "/admin/")
    update = f"/admin/pact/translations/{french.pk}/update/"
    form = dashboard[dashboard.index(f'action="{update}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    assert browser.post(update).status_code == 403  # without the token
    response = browser.post(update, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response.url == f"/admin/pages/{french.pk}/edit/"


def test_counts_stop_at_the_cap(team, directory, monkeypatch):
    from pact_pages.translation import worklist

    monkeypatch.setattr(worklist, "COUNT_CAP", 3)
    for number in range(5):
        SignatoryPageFactory(parent=directory, title=f"Town {number}")

    html = _html(team["translator"], f"{WORK}?locale=fr")

    assert "To translate (3+)" in html
    assert "3+ pages to translate" in _html(team["translator"], "/admin/")
    assert html.count("/admin/localize/submit/page/") == 3
