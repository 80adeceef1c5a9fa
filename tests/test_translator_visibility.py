"""What a translator sees of its own locale (issue 14, hole 3).

Translator groups have ``change_page`` on their locale's whole tree
(pact_pages.translation.translators). A translator must still not see, open, edit or choose:

* a signatory's never-published page of that locale, made directly in its tree (no source
  in another locale): ``MARKERS_FR["draft"]``;
* the translation of a page taken down (its source is not live any more):
  ``MARKERS_FR["takedown"]``.

The sweep: every admin URL pattern from the URL resolver (tests/test_permission_sweep.py's
``routes()``, ``fills()``, ``build_path()``), filled with each hidden page (and its
revision, workflow state, wagtail-localize translation). The patterns whose arguments name
the hidden page are requested as the French translator with GET, an empty POST and a
plausible POST: never a 2xx, never a write, never the page's title. Every other admin
pattern is requested with GET and ``q``/``term`` = the title, ``id`` = the hidden ids (the
explorer, the chooser and its "chosen" views, the search, the reports, the dashboard, the
admin API): the title is never listed. A pattern that cannot be filled fails the test.

The translator's day still works: the French translation of a live page is opened,
translated and submitted for moderation, and the out-of-date panel lists it.
"""

import dataclasses
from collections import Counter
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from pact_pages.models import LocaleTranslators
from pact_pages.signatories import access
from pact_pages.translation.rules import translator_may_see
from pact_pages.translation.translators import setup_translator_groups
from tests.factories import SignatoryPageFactory, publish
from tests.sweep_fixtures import Target, World, build_world
from tests.test_permission_sweep import (
    ALWAYS_WRITABLE,
    CACHE_TABLES,
    KNOWN_SERVER_ERRORS,
    OPEN,
    Route,
    Unfilled,
    _client,
    _text,
    build_path,
    fills,
    plausible_body,
    request,
    routes,
)

pytestmark = pytest.mark.django_db

MARKERS_FR = {
    "draft": "FRDRAFT brouillon secret Strasbourg",
    "takedown": "FRTAKEDOWN Colmar retire",
}


@dataclasses.dataclass
class Hidden:
    """A French page the translator may not see, with what names it in the admin."""

    marker: str
    world: World  # the sweep's world, pointed at this page
    target: Target
    ids: tuple[int, ...]  # the page and its wagtail-localize objects
    control: Target  # the sweep's own target, to tell which arguments follow the page


# The world's fields that _b_draft_in_french and _taken_down_translation point elsewhere
# (filled in by the module fixture with the sweep's own values).
CONTROL: dict = {}


@dataclasses.dataclass
class Setting:
    world: World
    french: Locale
    fr_directory: Page
    hidden: dict[str, Hidden]


def _french_tree(world: World, french: Locale) -> Page:
    directory = world.a_signatory.get_parent().specific
    fr_directory = publish(directory.copy_for_translation(french, copy_parents=True))
    setup_translator_groups()
    return fr_directory


def _account(world: World, role: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=world.user_ids[role])


def _submitted(page: Page, user) -> tuple[int, int, int]:
    """A revision submitted to the Pact moderation workflow: (revision, state, task state)."""
    revision = page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    return revision.pk, state.pk, state.current_task_state.pk


def _b_draft_in_french(world: World, fr_directory: Page) -> Hidden:
    """B's editor makes a page directly in the French tree, never published."""
    editor_b = _account(world, "editor_b")
    page = SignatoryPageFactory(parent=fr_directory, title=MARKERS_FR["draft"], live=False)
    page.owner = editor_b
    page.save()
    access.grant(editor_b, page)  # the signatory's editors have rights on it
    revision, state, task_state = _submitted(page, editor_b)
    target = Target(page, revision, state, task_state, world.targets["translator"].edit_form)
    pointed = dataclasses.replace(world, b_draft_initiative=page, b_german=page)
    control = world.targets["translator"]
    return Hidden(MARKERS_FR["draft"], pointed, target, (page.pk,), control)


def _taken_down_translation(world: World, french: Locale) -> Hidden:
    """A live English page translated into French; then the English page is taken down
    (its French translation with it), after a re-publication the translation has not seen."""
    directory = world.a_signatory.get_parent().specific
    source_page = publish(SignatoryPageFactory(parent=directory, title="Colmar"))
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    translation = Translation.objects.create(source=source, target_locale=french)
    translation.save_target(publish=True)
    page = translation.get_target_instance()
    page.title = MARKERS_FR["takedown"]
    page.save_revision().publish()
    source_page.save_revision().publish()  # changed since it was translated (out of date)
    TranslationSource.objects.filter(pk=source.pk).update(
        last_updated_at=source_page.last_published_at.replace(year=2000)
    )
    Page.objects.get(pk=source_page.pk).unpublish()  # the take-down, French page with it
    page = Page.objects.get(pk=page.pk).specific
    assert not page.live
    revision, state, task_state = _submitted(page, _account(world, "editor_b"))
    target = Target(page, revision, state, task_state, world.targets["translator"].edit_form)
    segment = StringSegment.objects.filter(source=source).first()
    pointed = dataclasses.replace(
        world,
        b_draft_initiative=page,
        b_german=page,
        translation_id=translation.pk,
        translation_source_id=source.pk,
        string_segment_id=segment.pk,
    )
    ids = (page.pk, translation.pk, source.pk)
    return Hidden(MARKERS_FR["takedown"], pointed, target, ids, world.targets["translator"])


@pytest.fixture(scope="module")
def setting(django_db_setup, django_db_blocker) -> Iterator[Setting]:
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        CONTROL.update(
            {
                name: getattr(world, name)
                for name in (
                    "b_draft_initiative",
                    "b_german",
                    "translation_id",
                    "translation_source_id",
                    "string_segment_id",
                )
            }
        )
        french = Locale.objects.get(language_code="fr")
        fr_directory = _french_tree(world, french)
        hidden = {
            "draft": _b_draft_in_french(world, fr_directory),
            "takedown": _taken_down_translation(world, french),
        }
        yield Setting(world, french, fr_directory, hidden)
        transaction.set_rollback(True)


@pytest.fixture
def open_throttles(settings):
    settings.PACT_SEARCH_RATE_LIMIT = (100_000, 60)


# ---------------------------------------------------------------------------------------
# The sweep
# ---------------------------------------------------------------------------------------


def _admin_routes() -> list[Route]:
    return [route for route in routes() if route.route.startswith("admin/")]


def _names_hidden(route: Route, hidden: Hidden) -> list[bool]:
    """For each fill of ``route``: whether an argument follows the hidden page (it differs
    from the fill aimed at the sweep's own translator target, B's German page)."""
    world = hidden.world
    control = fills(route, dataclasses.replace(world, **CONTROL), hidden.control)
    ours = fills(route, world, hidden.target)
    return [mine != theirs for mine, theirs in zip(ours, control, strict=True)]


def _findings(outcome, hidden: Hidden, names_it: bool) -> list[str]:
    where = f"{outcome.method.upper()} {outcome.path} ({outcome.route.key}) -> {outcome.status}"
    found = []
    if hidden.marker in outcome.text:
        found.append(f"{where}: shows the title")
    allowed = ALWAYS_WRITABLE | CACHE_TABLES | OPEN.get(outcome.route.key, frozenset())
    if outcome.writes - allowed:
        found.append(f"{where}: wrote {sorted(outcome.writes)}")
    if names_it and 200 <= outcome.status < 300:
        found.append(f"{where}: opened")
    if outcome.status >= 500 and (outcome.route.key, outcome.method) not in KNOWN_SERVER_ERRORS:
        found.append(f"{where}: server error {outcome.error}")
    return found


def sweep(hidden: Hidden) -> tuple[list[str], Counter]:
    client = _client(hidden.world, "translator")
    found, counts = [], Counter()
    for route in _admin_routes():
        try:
            combos = fills(route, hidden.world, hidden.target)
        except Unfilled as unfilled:
            found.append(f"unfilled: {unfilled}")
            continue
        for kwargs, names_it in zip(combos, _names_hidden(route, hidden), strict=True):
            path = build_path(route, kwargs, hidden.world)
            # The title's first word (searches echo the query: the whole title must not).
            word = hidden.marker.split()[0]
            params = {"q": word, "term": word, "id": list(hidden.ids)}
            calls = [("get", {} if route.route.startswith("admin/api/") else params)]
            if names_it:
                body = plausible_body(hidden.world, hidden.target, kwargs)
                calls += [("post", {}), ("post", body)]
            counts["patterns naming it" if names_it else "other patterns"] += 1
            for method, data in calls:
                outcome = request(client, route, "translator", method, path, data)
                counts["requests"] += 1
                found += _findings(outcome, hidden, names_it)
    return found, counts


@pytest.mark.parametrize("kind", sorted(MARKERS_FR))
def test_no_admin_view_opens_or_lists_a_hidden_french_page(setting, open_throttles, kind):
    hidden = setting.hidden[kind]
    found, counts = sweep(hidden)
    print(f"translator visibility sweep ({kind}): {dict(counts)}, {len(found)} findings")
    assert counts["patterns naming it"] >= 30, counts  # the page views were enumerated
    assert not found, "\n".join(found)


# ---------------------------------------------------------------------------------------
# The listings, by name (the sweep above covers them too, with its parameters)
# ---------------------------------------------------------------------------------------


def _get(client: Client, path: str, data: dict | None = None) -> str:
    response = client.get(path, data or {})
    assert response.status_code == 200, (path, response.status_code)
    return _text(response)


def test_listings_leave_hidden_pages_out(setting, open_throttles):
    translator = _client(setting.world, "translator")
    moderator = _client(setting.world, "moderator")
    directory = setting.fr_directory.pk
    listings = [
        (f"/admin/pages/{directory}/", {}),
        ("/admin/pages/search/", {"q": "FR"}),
        ("/admin/pages/search/", {"q": "FRDRAFT"}),
        ("/admin/pages/search/", {"q": "FRTAKEDOWN"}),
        ("/admin/choose-page/", {"q": "FR"}),
        ("/admin/choose-page/search/", {"q": "FRDRAFT"}),
        (f"/admin/choose-page/{directory}/", {}),
        ("/admin/api/main/pages/", {"child_of": directory}),
        ("/admin/api/main/pages/", {"search": "FR"}),
        ("/admin/", {}),
    ]
    reports = ["/admin/reports/locked/", "/admin/reports/aging-pages/", "/admin/workflows/"]
    for hidden in setting.hidden.values():
        for path, data in listings:
            assert hidden.marker not in _get(translator, path, data), path
        for path in reports:  # (some are refused to translators: Wagtail's redirect)
            assert hidden.marker not in _text(translator.get(path)), path
        assert not translator_may_see(_user(setting, "translator"), hidden.target.page)
    # The markers are there to be found, by those who may see them.
    text = _get(moderator, f"/admin/pages/{directory}/")
    assert all(hidden.marker in text for hidden in setting.hidden.values())
    for hidden in setting.hidden.values():
        word = hidden.marker.split()[0]
        assert hidden.marker in _get(moderator, "/admin/pages/search/", {"q": word})


def _user(setting: Setting, role: str):
    return _account(setting.world, role)


def test_a_page_opens_as_wagtail_refuses_pages_outside_ones_rights(setting):
    translator = _client(setting.world, "translator")
    for hidden in setting.hidden.values():
        response = translator.get(f"/admin/pages/{hidden.target.page.pk}/edit/", follow=True)
        text = _text(response)
        assert response.redirect_chain[0][0] == "/admin/"
        assert "Sorry, you do not have permission to access this area." in text
        assert hidden.marker not in text


# ---------------------------------------------------------------------------------------
# The translator's day
# ---------------------------------------------------------------------------------------


def test_a_translator_still_translates_a_live_page_and_submits_it(
    setting, django_capture_on_commit_callbacks
):
    translator = _client(setting.world, "translator")
    user = _user(setting, "translator")
    source = setting.world.a_signatory
    french = setting.french
    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            f"/admin/localize/submit/page/{source.pk}/", {"locales": [french.pk]}
        )
    assert response.status_code == 302
    page = Page.objects.get(translation_key=source.translation_key, locale=french)
    assert not page.live and translator_may_see(user, page)
    assert translator.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert f"/admin/pages/{page.pk}/edit/" in _get(
        translator, f"/admin/pages/{setting.fr_directory.pk}/"
    )
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=french
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        body = urlencode({"value": f"FR {segment.string.data[:40]}"})
        edited = translator.put(url, body, content_type="application/x-www-form-urlencoded")
        assert edited.status_code in (200, 201), edited.content
    with django_capture_on_commit_callbacks(execute=True):
        submitted = translator.post(f"/admin/pact/translation/{translation.pk}/submit/")
    assert submitted.status_code == 302
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()
    # The English page changes: the out-of-date panel lists the French one.
    republished = Page.objects.get(pk=source.pk).specific
    republished.save_revision().publish()
    republished.refresh_from_db()
    TranslationSource.objects.filter(pk=translation.source_id).update(
        last_updated_at=republished.last_published_at.replace(year=2000)
    )
    dashboard = _get(translator, "/admin/")
    assert "pact-out-of-date-heading" in dashboard
    assert f"/admin/pages/{page.pk}/edit/" in dashboard


def test_the_dashboard_forgets_a_translation_whose_source_is_taken_down(
    setting, django_capture_on_commit_callbacks
):
    """The translator's own panels (in moderation, recent edits, locks) no longer list it."""
    translator = _client(setting.world, "translator")
    user = _user(setting, "translator")
    directory = setting.world.a_signatory.get_parent().specific
    source_page = publish(SignatoryPageFactory(parent=directory, title="Dijon"))
    with django_capture_on_commit_callbacks(execute=True):
        translator.post(
            f"/admin/localize/submit/page/{source_page.pk}/", {"locales": [setting.french.pk]}
        )
    page = Page.objects.get(translation_key=source_page.translation_key, locale=setting.french)
    page = page.specific
    page.title = "FRDASH Dijon traduit"
    page.save_revision(user=user, log_action=True)
    page.get_workflow().start(page, user)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=user, locked_at=timezone.now())
    assert _get(translator, "/admin/").count("FRDASH Dijon traduit") >= 3  # the three panels
    Page.objects.get(pk=source_page.pk).unpublish()  # the take-down
    assert not translator_may_see(_user(setting, "translator"), page)
    assert "FRDASH Dijon traduit" not in _get(translator, "/admin/")


def test_a_translator_who_edits_the_signatory_sees_its_draft(setting):
    """Signatory rights win: its editor, also a French translator, works on its draft."""
    from django.contrib.auth import get_user_model

    hidden = setting.hidden["draft"]
    both = get_user_model().objects.create_user("sweep_editor_and_translator")
    both.groups.add(LocaleTranslators.objects.get(locale=setting.french).group)
    access.grant(both, hidden.target.page.specific)
    client = Client()
    client.force_login(both)
    assert translator_may_see(both, hidden.target.page)
    edit = client.get(f"/admin/pages/{hidden.target.page.pk}/edit/")
    assert edit.status_code == 200 and hidden.marker in _text(edit)
    assert hidden.marker in _get(client, f"/admin/pages/{setting.fr_directory.pk}/")
    # Not the translation of a taken-down page: that one is no signatory's of theirs.
    taken_down = setting.hidden["takedown"].target.page
    assert not translator_may_see(get_user_model().objects.get(pk=both.pk), taken_down)
