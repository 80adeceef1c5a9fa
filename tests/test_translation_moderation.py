"""Translations go live through moderation only, and contact details stay with their
signatory (issue 14, holes 1 and 7); the sweep of wagtail-localize's patterns is in
tests/test_translation_boundary.py.

* The ways wagtail-localize publishes, found in its views' source (calls that save or
  publish a translation): each, used by a translator, leaves the French page a draft, which
  the translator submits to the Pact moderation workflow; a moderator's approval publishes.
* A translation never goes live while its source is not; translators cannot start
  translating a draft, another signatory's or a taken-down page.
* Contact details: not in the page editor, the revisions comparison, wagtail-localize's
  editor or its PO file for translators; their signatory's editors and staff keep them.
"""

import ast
import inspect
import json
from pathlib import Path

import pytest
import wagtail_localize
from django.test import Client
from django.utils.http import urlencode
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)

from pact_pages.models import Pillar
from pact_pages.translation.translators import setup_translator_groups
from tests import test_translation_boundary as boundary
from tests.factories import publish
from tests.sweep_fixtures import MARKERS
from tests.test_permission_sweep import _client

pytestmark = pytest.mark.django_db

# The sweep's module-wide data set and the German P, built once for this module too.
world = boundary.world
german_pillar = boundary.german_pillar

# ---------------------------------------------------------------------------------------
# The translator's own locale: the job still works (and stays a draft)
# ---------------------------------------------------------------------------------------


@pytest.fixture
def french(world) -> Locale:
    """A French tree (home and directory), as in the demo, and the translators' rights."""
    locale = Locale.objects.get(language_code="fr")
    directory = world.a_signatory.get_parent().specific
    publish(directory.copy_for_translation(locale, copy_parents=True))
    setup_translator_groups()
    return locale


def _translate_as(client: Client, source: Page, locale: Locale):
    return client.post(f"/admin/localize/submit/page/{source.pk}/", {"locales": [locale.pk]})


def _french(page: Page, locale: Locale) -> Page:
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def _translate_strings(client: Client, translation: Translation) -> None:
    for segment in StringSegment.objects.filter(source=translation.source):
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        body = urlencode({"value": f"FR {segment.string.data[:40]}"})
        response = client.put(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201), response.content


def _publishing_functions() -> set[str]:
    """Functions of wagtail-localize's views that save or publish a translation's target."""
    calls = {"save_target", "translate_object", "translate_page_subtree", "publish"}
    found = set()
    for path in Path(inspect.getfile(wagtail_localize)).parent.joinpath("views").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef | ast.FunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and _call_name(inner) in calls:
                        found.add(f"{path.stem}.{node.name}")
    return found


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


# Each way wagtail-localize publishes, and the test that uses it as a translator.
PUBLISHING_WAYS = {
    "submit_translations.SubmitTranslationView": "submit",
    "submit_translations.form_valid": "submit",
    "update_translations.UpdateTranslationsView": "update",
    "update_translations.form_valid": "update",
    "edit_translation.edit_translation": "editor",
}


def test_every_way_wagtail_localize_publishes_is_tried(world):
    unknown = _publishing_functions() - set(PUBLISHING_WAYS)
    assert not unknown, f"wagtail-localize publishes in {unknown}: add it to the test below"


def test_a_translators_translation_is_a_draft_until_a_moderator_approves(
    world, french, django_capture_on_commit_callbacks
):
    """Every way of publishing, as the translator: the French page stays a draft; the
    translator submits it to the Pact moderation workflow; the moderator's approval
    publishes it (the translator's day, with the test client)."""
    capture = django_capture_on_commit_callbacks
    translator, moderator = _client(world, "translator"), _client(world, "moderator")
    source = world.a_signatory
    with capture(execute=True):  # "submit": wagtail-localize published the English copy
        response = _translate_as(translator, source, french)
    assert response.status_code == 302
    page = _french(source, french)
    assert not page.live and page.live_revision_id is None
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=french
    )
    _translate_strings(translator, translation)
    update = translator.get(f"/admin/localize/update/{translation.source_id}/")
    assert update.status_code == 200  # re-syncing is theirs; publishing is not offered
    assert 'name="publish_translations"' not in update.content.decode()
    with capture(execute=True):  # "update" with publish_translations
        translator.post(
            f"/admin/localize/update/{translation.source_id}/", {"publish_translations": "on"}
        )
    with capture(execute=True):  # "editor": "Publish in French"
        refused = translator.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert refused.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live

    with capture(execute=True):
        submitted = translator.post(f"/admin/pact/translation/{translation.pk}/submit/")
    assert submitted.status_code == 302
    page.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    assert not page.live and page.title == "FR Aubervilliers"  # the draft
    # /fr/… serves the English page while there is no live French one (views.serve).
    assert "FR Aubervilliers" not in Client().get(page.url).content.decode()
    assert "FR Aubervilliers" in moderator.get("/admin/").content.decode()  # to approve

    task_state = state.current_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    with capture(execute=True):
        approved = moderator.post(url, {"comment": ""})
    assert approved.status_code in (200, 302), approved.content[:500]
    page.refresh_from_db()
    assert page.live and page.title == "FR Aubervilliers"
    assert "FR Aubervilliers" in Client().get(page.url).content.decode()


def test_a_moderator_still_publishes_translations_directly(
    world, french, django_capture_on_commit_callbacks
):
    admin = _client(world, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        assert _translate_as(admin, world.a_signatory, french).status_code == 302
    assert _french(world.a_signatory, french).live


def test_translators_cannot_translate_drafts(world, french):
    """B's never-published initiative: refused, without its title; so is a taken-down page
    and another signatory's page with a pending draft translates its published version."""
    translator = _client(world, "translator")
    draft = world.b_draft_initiative
    for method in ("get", "post"):
        response = getattr(translator, method)(
            f"/admin/localize/submit/page/{draft.pk}/", {"locales": [french.pk]}
        )
        assert response.status_code == 403
        assert MARKERS["draft_initiative"] not in response.content.decode()
    assert not Page.objects.filter(translation_key=draft.translation_key, locale=french)
    # B's page has a draft title waiting for moderation: the French copy is the public one.
    assert _translate_as(translator, world.b_signatory, french).status_code == 302
    assert _french(world.b_signatory, french).title == "Bordeaux"
    # A taken-down page (unpublished by its signatory).
    a_page = Page.objects.get(pk=world.a_signatory.pk)
    a_page.unpublish()
    assert _translate_as(translator, a_page, french).status_code == 403
    admin = _client(world, "admin")
    assert admin.get(f"/admin/localize/submit/page/{draft.pk}/").status_code == 200


def test_no_translation_is_live_while_its_source_is_not(
    world, french, django_capture_on_commit_callbacks
):
    """Taking the source down takes its translation down; publishing the translation
    (even as a moderator, through the workflow or either editor) leaves it a draft."""
    capture = django_capture_on_commit_callbacks
    admin = _client(world, "admin")
    with capture(execute=True):
        _translate_as(admin, world.a_signatory, french)
    page = _french(world.a_signatory, french)
    assert page.live
    with capture(execute=True):
        Page.objects.get(pk=world.a_signatory.pk).specific.unpublish()
    page.refresh_from_db()
    assert not page.live  # taken down with its source

    with capture(execute=True):
        response = admin.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    with capture(execute=True):
        page.save_revision().publish()  # any other way: the workflow, a schedule…
    page.refresh_from_db()
    assert not page.live
    source = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=french
    ).source_id
    with capture(execute=True):
        admin.post(f"/admin/localize/update/{source}/", {"publish_translations": "on"})
    page.refresh_from_db()
    assert not page.live


def test_a_take_down_takes_down_translations_made_without_translation_records(
    world, french, django_capture_on_commit_callbacks
):
    """The demo's translations: a TranslationSource and its copy, no Translation record."""
    source, _created = TranslationSource.update_or_create_from_instance(world.a_signatory)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(french, publish=True, fallback=True)
    page = _french(world.a_signatory, french)
    assert page.live and not Translation.objects.filter(source=source).exists()
    editor_a = _client(world, "editor_a")
    with django_capture_on_commit_callbacks(execute=True):
        editor_a.post(f"/admin/pact/take-down/{world.a_signatory.pk}/")
    page.refresh_from_db()
    assert not page.live
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live


# ---------------------------------------------------------------------------------------
# Locales: the translator's own yes, another's no (and staff everywhere)
# ---------------------------------------------------------------------------------------


def test_string_edits_in_own_locale_only(world, german_pillar, french):
    english = Pillar.objects.get(slug="prevention", locale=Locale.get_default())
    source = german_pillar.source
    fr_translation = Translation.objects.create(source=source, target_locale=french)
    fr_translation.save_target(publish=True)
    segment = StringSegment.objects.filter(source=source).first()
    body = urlencode({"value": "Prévention (traduit)"})

    def put(role, translation):
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        return _client(world, role).put(url, body, "application/x-www-form-urlencoded")

    assert put("translator", german_pillar).status_code == 403
    assert put("translator", fr_translation).status_code in (200, 201)
    assert put("moderator", german_pillar).status_code in (200, 201)
    # The P's editor (wagtail-localize's, behind Wagtail's snippet edit view).
    german = german_pillar.get_target_instance()
    edit = f"/admin/snippets/pact_pages/pillar/edit/{german.pk}/"
    translator = _client(world, "translator")
    assert translator.get(edit).status_code in (302, 403)
    assert translator.post(edit, {"action": "publish"}).status_code in (302, 403)
    assert _client(world, "moderator").get(edit).status_code == 200
    stop = f"/admin/localize/translate/{german_pillar.pk}/disable/"
    assert _client(world, "translator").post(stop).status_code == 403
    german_pillar.refresh_from_db()
    assert german_pillar.enabled
    assert StringTranslation.objects.filter(locale=french).exists()
    assert english.pk  # the source is untouched


# ---------------------------------------------------------------------------------------
# Contact details (hole 7)
# ---------------------------------------------------------------------------------------


@pytest.fixture
def b_french(world, french, django_capture_on_commit_callbacks) -> tuple[Page, Translation]:
    admin = _client(world, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        _translate_as(admin, world.b_signatory, french)
    page = _french(world.b_signatory, french)
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=french
    )
    return page, translation


CONTACT = ("contact_person", "contact_email")


def _shows_contact(response) -> bool:
    text = response.content.decode()
    return any(MARKERS[name] in text for name in CONTACT) or "contact_email" in text


def test_translators_never_see_contact_details(world, b_french):
    page, translation = b_french
    translator = _client(world, "translator")
    views = [
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/localize/translate/{translation.pk}/pofile/download/",
        f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
        f"/admin/localize/translate/{translation.pk}/preview/",
    ]
    for url in views:
        response = translator.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        assert not _shows_contact(response), url
    assert translator.get(views[0]).status_code == 200  # the translator's page


def test_the_revisions_comparison_hides_contact_changes_from_translators(world, b_french):
    page, _translation = b_french
    page.contact_email = "changed-contact@bordeaux.example"
    page.save_revision()
    url = f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/"
    html = _client(world, "moderator").get(url).content.decode()
    assert "Contact e-mail" in html and "@bordeaux.example" in html
    response = _client(world, "translator").get(url)
    assert response.status_code == 200  # the translator's French page
    assert "Contact e-mail" not in response.content.decode()
    assert "@bordeaux.example" not in response.content.decode()


def test_a_translator_cannot_change_contact_details(world, b_french):
    page, _translation = b_french
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    translation.enabled = False  # a stopped translation: Wagtail's own editor
    translation.save()
    form = _client(world, "moderator").get(f"/admin/pages/{page.pk}/edit/")
    assert MARKERS["contact_email"] in form.content.decode()  # staff see them
    translator = _client(world, "translator")
    html = translator.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert MARKERS["contact_email"] not in html and 'name="contact_email"' not in html
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(html, form_id="page-edit-form")
    data["body-count"] = "0"  # StreamFields are rendered by JavaScript
    data["contact_email"] = "thief@example.org"
    data["contact_public"] = "on"
    translator.post(f"/admin/pages/{page.pk}/edit/", data)
    page.refresh_from_db()
    assert page.specific.contact_email == MARKERS["contact_email"]
    assert not page.specific.contact_public


def test_contact_segments_extracted_before_are_forgotten(world, b_french):
    """A source extracted when the contact fields were still overridable (the demo's, a
    database of before this change): the translator's editor must not show them."""
    page, translation = b_french
    source = translation.source
    stale = OverridableSegment.objects.create(
        source=source,
        context=TranslationContext.objects.get_or_create(
            object_id=source.object_id, path="contact_email"
        )[0],
        order=999,
        data_json=json.dumps(MARKERS["contact_email"]),
    )
    override = f"/admin/localize/translate/{translation.pk}/overrides/{stale.pk}/edit/"
    body = urlencode({"value": "thief@example.org"})
    translator = _client(world, "translator")
    assert translator.put(override, body, "application/x-www-form-urlencoded").status_code == 403
    response = translator.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert MARKERS["contact_email"] not in response.content.decode()
    assert not source.overridablesegment_set.filter(context__path="contact_email").exists()


def test_the_signatorys_editors_keep_their_contact_details(world):
    editor_b = _client(world, "editor_b")
    html = editor_b.get(f"/admin/pages/{world.b_signatory.pk}/edit/").content.decode()
    assert MARKERS["contact_email"] in html and MARKERS["contact_person"] in html


def test_wagtail_localize_does_not_offer_contact_details(world, b_french):
    page, translation = b_french
    paths = set(translation.source.overridablesegment_set.values_list("context__path", flat=True))
    assert not paths & {"contact_person", "contact_email", "contact_public"}
    strings = StringSegment.objects.filter(source=translation.source)
    assert not strings.filter(string__data__in=[MARKERS[name] for name in CONTACT]).exists()
    assert page.contact_email == MARKERS["contact_email"]  # copied, for staff and B
