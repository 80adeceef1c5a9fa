"""The translation boundary (issue 14, holes 1, 7 and 8).

* The sweep: every URL pattern of wagtail-localize (its namespace, its addresses under
  /admin/localize/, any admin view whose module is wagtail-localize's), taken from the URL
  resolver, filled with objects of ANOTHER locale (the German translations of B's page and
  of a P) and with sources a translator may not translate (B's never-published initiative),
  requested by the French translator with GET, POST, PUT and DELETE: no database write, no
  2xx but on the views shown harmless below, none of B's private texts. A pattern the table
  cannot fill fails the sweep, naming it.

Publishing through moderation and contact details: tests/test_translation_moderation.py.
"""

import re
from collections import Counter
from itertools import product

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.http import urlencode
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)

from pact_pages.models import Pillar
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
    english = Pillar.objects.get(slug=german.slug, locale=Locale.get_default())
    listing = client.get("/admin/localize/api/snippets/pact_pages/pillar/")
    assert listing.status_code == 200 and "Prevention" in listing.content.decode()
    # The German P is a translation: nobody translates it again (its source is the English).
    refused = client.get(f"/admin/localize/submit/snippet/pact_pages/pillar/{german.pk}/")
    assert refused.status_code in (302, 403)
    html = client.get(f"/admin/localize/submit/snippet/pact_pages/pillar/{english.pk}/")
    french = Locale.objects.get(language_code="fr")
    assert f'value="{french.pk}"' in html.content.decode()
    assert f'value="{world.german_locale_id}"' not in html.content.decode()
    before = Translation.objects.count()
    client.post(f"/admin/localize/submit/page/{world.b_signatory.pk}/", bodies(world))
    assert Translation.objects.count() == before


def test_route_names_are_unique_per_view():
    """The sweep's HARMLESS keys are names or routes that exist (a rename would silently
    widen nothing: it fails here)."""
    keys = {route.name or route.route for route in localize_routes()}
    assert HARMLESS <= keys, HARMLESS - keys
    assert all(re.match(r"^[\w:/<>.\-]+$", key) for key in keys)
