"""The translation boundary (issue 14, holes 1, 7 and 8).

* The sweep: every URL pattern of wagtail-localize (its namespace, its addresses under
  /admin/localize/, any admin view whose module is wagtail-localize's), taken from the URL
  resolver, filled with objects of ANOTHER locale (the German translations of B's page and
  of a P) and with sources a translator may not translate (B's never-published initiative),
  requested by the French translator with GET, POST, PUT and DELETE: no database write, no
  2xx but on the views shown harmless below, none of B's private texts. A pattern the table
  cannot fill fails the sweep, naming it.
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
import re
from collections import Counter
from itertools import product
from pathlib import Path

import pytest
import wagtail_localize
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
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
from pact_pages.translators import setup_translator_groups
from tests.factories import publish
from tests.sweep_fixtures import MARKERS, World, build_world
from tests.test_permission_sweep import (
    ALWAYS_WRITABLE,
    CACHE_TABLES,
    Route,
    _arguments,
    _client,
    _fill_level,
    written_tables,
)

pytestmark = pytest.mark.django_db

LOCALIZE_PREFIX = "admin/localize/"

# ---------------------------------------------------------------------------------------
# The patterns of wagtail-localize
# ---------------------------------------------------------------------------------------


def _view_module(callback) -> str:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return (view_class or callback).__module__


def _walk(resolver: URLResolver, levels: tuple, namespaces: tuple):
    for pattern in resolver.url_patterns:
        path = (*levels, pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern, path, inner)
            continue
        assert isinstance(pattern, URLPattern)
        arguments = [_arguments(level) for level in path]
        name = pattern.name and ":".join((*namespaces, pattern.name))
        route = Route(
            route="".join(str(level) for level in path),
            name=name,
            levels=path,
            kwargs=tuple(kwarg for names, _ in arguments for kwarg in names),
            positional=any(positional for _, positional in arguments),
        )
        yield route, namespaces, _view_module(pattern.callback)


def localize_routes() -> list[Route]:
    """The patterns that reach wagtail-localize (or ours at its addresses), first wins."""
    seen: dict[str, Route] = {}
    for route, namespaces, module in _walk(get_resolver(), (), ()):
        if (
            "wagtail_localize" in namespaces
            or module.startswith("wagtail_localize")
            or route.route.startswith(LOCALIZE_PREFIX)
        ):
            seen.setdefault(route.route, route)
    return list(seen.values())


# ---------------------------------------------------------------------------------------
# Another locale's objects, and sources a translator may not translate
# ---------------------------------------------------------------------------------------


def _german_pillar(german: Locale) -> Translation:
    """The English "Prevention" translated into German through wagtail-localize."""
    english = Pillar.objects.get(slug="prevention", locale=Locale.get_default())
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(source=source, target_locale=german)
    translation.save_target(publish=True)  # a P has no drafts: saved
    return translation


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The permission sweep's data set (tests/sweep_fixtures.py), once per module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def german_pillar(world, django_db_blocker) -> Translation:
    with django_db_blocker.unblock():
        return _german_pillar(Locale.objects.get(pk=world.german_locale_id))


def targets(world: World, pillar: Translation) -> list[dict[str, list]]:
    """By argument name, the values to fill with: B's German page, then the German P."""
    page_segment = world.string_segment_id
    pillar_segment = StringSegment.objects.filter(source=pillar.source).first().pk
    german_pillar = pillar.get_target_instance()
    common = {
        # B's German page (another locale's), B's never-published initiative (a draft).
        "page_id": [world.b_german.pk, world.b_draft_initiative.pk],
        "app_label": ["pact_pages"],
        "model_name": ["pillar"],
        "pk": [german_pillar.pk],
        "mode": ["default"],
    }
    return [
        common
        | {
            "translation_id": [world.translation_id],
            "string_segment_id": [page_segment],
            "overridable_segment_id": [world.overridable_segment_id],
            "translation_source_id": [world.translation_source_id],
        },
        common
        | {
            "translation_id": [pillar.pk],
            "string_segment_id": [pillar_segment],
            "overridable_segment_id": [world.overridable_segment_id],
            "translation_source_id": [pillar.source_id],
        },
    ]


class Unfilled(Exception):
    pass


def fills(route: Route, table: dict[str, list]) -> list[dict]:
    if route.positional:
        raise Unfilled(f"{route.route}: unnamed groups")
    missing = [kwarg for kwarg in route.kwargs if kwarg not in table]
    if missing:
        raise Unfilled(f"{route.name or route.route}: no fill for {missing}")
    values = [table[kwarg] for kwarg in route.kwargs]
    return [dict(zip(route.kwargs, combo, strict=True)) for combo in product(*values)]


def build_path(route: Route, kwargs: dict) -> str:
    path = "/" + "".join(_fill_level(level, kwargs) for level in route.levels)
    assert resolve(path).route == route.route, f"{path} does not resolve to {route.route}"
    return path


def bodies(world: World) -> dict:
    """What the views' forms and JavaScript send (German: another locale)."""
    po_file = SimpleUploadedFile("swept.po", b'msgid ""\nmsgstr ""\n', "text/x-gettext")
    return {
        "value": "Swept",
        "locales": [str(world.german_locale_id)],
        "include_subtree": "on",
        "publish_translations": "on",
        "use_machine_translation": "on",
        "action": "publish",
        "next": "/admin/",
        "file": po_file,
    }


# ---------------------------------------------------------------------------------------
# What may answer 2xx (each shown harmless in a test below)
# ---------------------------------------------------------------------------------------

HARMLESS = {
    # The JavaScript catalogue of wagtail-localize's interface.
    "wagtail_localize:javascript_catalog",
    # The four Ps are public: the snippet API behind their chooser.
    "wagtail_localize:snippets_api_listing",
    "wagtail_localize:snippets_api_detail",
    # "Translate" of a live source: offers the translator's locales only (German: a form
    # error); a draft source is refused (test_translators_cannot_translate_drafts).
    "admin/localize/submit/page/<int:page_id>/",
    "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
}


def _request(client: Client, method: str, path: str, data) -> tuple[int, str, set[str]]:
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        try:
            response = _send(client, method, path, data)
            status = response.status_code
            text = response.content if not response.streaming else b"".join(response)
        except Exception as error:  # noqa: BLE001 - a server error is a finding
            status, text = 500, repr(error).encode()
        transaction.set_rollback(True)
    return status, text.decode(errors="replace"), written_tables(queries)


def _send(client: Client, method: str, path: str, data):
    if method == "get":
        return client.get(path)
    if method == "post":
        return client.post(path, data)
    body = urlencode({k: v for k, v in data.items() if k != "file"}, doseq=True)
    return getattr(client, method)(path, body, content_type="application/x-www-form-urlencoded")


def test_every_localize_pattern_is_enumerated_and_filled(world, german_pillar):
    problems = []
    found = localize_routes()
    for route in found:
        for table in targets(world, german_pillar):
            try:
                for kwargs in fills(route, table):
                    build_path(route, kwargs)
            except (Unfilled, AssertionError) as problem:
                problems.append(repr(problem))
    assert not problems, "patterns the sweep cannot fill:\n" + "\n".join(problems)
    # wagtail-localize's 17 patterns and our translators' one (a broken walk finds none).
    assert len(found) >= 18, [route.route for route in found]
    print(f"translation sweep: {len(found)} wagtail-localize URL patterns")


def test_a_translator_cannot_touch_another_locales_translations(world, german_pillar):
    client = _client(world, "translator")
    outcomes = Counter()
    found = []
    for route in localize_routes():
        paths = {
            build_path(route, kwargs)
            for table in targets(world, german_pillar)
            for kwargs in fills(route, table)
        }
        for path, method in product(sorted(paths), ("get", "post", "put", "delete")):
            for data in ({}, bodies(world)):
                if method == "get" and data:
                    continue
                status, text, writes = _request(client, method, path, data)
                outcomes[status] += 1
                found += _successes(route, method, path, status, text, writes)
    print(f"translation sweep: {sum(outcomes.values())} requests, statuses {dict(outcomes)}")
    assert sum(outcomes.values()) > 100
    assert not found, f"{len(found)} successes:\n" + "\n".join(found)


def _successes(route, method, path, status, text, writes) -> list[str]:
    found = []
    label = f"{method.upper()} {path} ({route.name or route.route})"
    if writes - ALWAYS_WRITABLE - CACHE_TABLES:
        found.append(f"{label}: wrote {sorted(writes - ALWAYS_WRITABLE - CACHE_TABLES)}")
    if 200 <= status < 300 and (route.name or route.route) not in HARMLESS:
        found.append(f"{label}: answered {status}")
    if status >= 500:
        found.append(f"{label}: server error")
    leaked = [name for name, marker in MARKERS.items() if marker in text]
    if leaked:
        found.append(f"{label}: shows {leaked}")
    return found


def test_the_harmless_views_are_harmless(world, german_pillar):
    """The snippet API lists the public Ps; "Translate" offers French only, and saves
    nothing when asked for German."""
    client = _client(world, "translator")
    german = german_pillar.get_target_instance()
    listing = client.get("/admin/localize/api/snippets/pact_pages/pillar/")
    assert listing.status_code == 200 and "Prevention" in listing.content.decode()
    html = client.get(f"/admin/localize/submit/snippet/pact_pages/pillar/{german.pk}/")
    french = Locale.objects.get(language_code="fr")
    assert f'value="{french.pk}"' in html.content.decode()
    assert f'value="{world.german_locale_id}"' not in html.content.decode()
    before = Translation.objects.count()
    client.post(f"/admin/localize/submit/page/{world.b_signatory.pk}/", bodies(world))
    assert Translation.objects.count() == before


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


def test_route_names_are_unique_per_view():
    """The sweep's HARMLESS keys are names or routes that exist (a rename would silently
    widen nothing: it fails here)."""
    keys = {route.name or route.route for route in localize_routes()}
    assert HARMLESS <= keys, HARMLESS - keys
    assert all(re.match(r"^[\w:/<>.\-]+$", key) for key in keys)
