"""Permission sweep (issue 8): every URL pattern of the admin and the APIs, taken from the
URL resolver, requested as an anonymous visitor, as signatory A's editor on B's objects and
as a French translator on B's German page, must give nothing away and change nothing.

How it works:

* ``routes()`` walks ``get_resolver()`` (every include, i18n_patterns, Wagtail's nested
  admin URLs). Each pattern's keyword arguments are filled from ``KWARG_FILLS``, by URL
  name first (``ROUTE_FILLS``) and then by argument name, with B's objects
  (tests/sweep_fixtures.py). A pattern the tables cannot fill fails the sweep, naming it:
  a new admin URL cannot escape it.
* Each URL is requested with GET, with a POST with an empty body and with a POST with a
  plausible body (B's page edit form as its moderator would send it, plus the fields that the
  admin's other forms ask for). Under the APIs PUT, PATCH and DELETE too.
* Each request runs in a savepoint rolled back after it, with its SQL captured: a request
  that writes to any table (but the session table) changed the database.
* A *success* is: a database change; a 2xx on a URL that is not in ``OPEN`` (the views any
  editor may open: their own account, search, choosers that filter to their own objects…);
  a response that contains one of B's private texts (``MARKERS``: draft titles, contact
  details, media titles, e-mail addresses…), in any status; an admin URL that an anonymous
  visitor reaches without being sent to the login page; an API write answered otherwise
  than 401, 403 or 405; a redirect handing out a preview token; a server error. The sweep
  expects zero. ``-rP`` shows its summary (patterns enumerated, requests per role).
"""

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.chooser import (
    AnchorLinkView,
    EmailLinkView,
    ExternalLinkView,
    PhoneLinkView,
)
from wagtail.models import Page

from pact_pages.models import InitiativePage
from tests.factories import InitiativePageFactory, publish
from tests.sweep_fixtures import MARKERS, ROLES, Target, World, build_world

# B's private texts (tests/sweep_fixtures.py), and a tag used only on B's unpublished
# initiative (autocompletes must not offer it).
SWEPT_MARKERS = MARKERS | {"draft_tag": "SWEEP-DRAFT-TAG-B"}

pytestmark = pytest.mark.django_db

SWEPT_PREFIXES = ("admin/", "api/")
LOGIN_URL = "/admin/login/"
API_WRITE_METHODS = ("post", "put", "patch", "delete")
API_REFUSALS = (401, 403, 405)

# ---------------------------------------------------------------------------------------
# The URL patterns
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full route (the resolver's ``route``), name and arguments."""

    route: str
    name: str | None
    levels: tuple  # the patterns from the root to this one, to build a URL from kwargs
    kwargs: tuple[str, ...]
    positional: bool  # unnamed regex groups: the URL comes from LITERAL_PATHS

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def swept(self) -> bool:
        return self.route.startswith(SWEPT_PREFIXES)

    @property
    def api(self) -> bool:
        return self.route.startswith("api/")


def _arguments(pattern) -> tuple[tuple[str, ...], bool]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters), False
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex
        return tuple(regex.groupindex), regex.groups > len(regex.groupindex)
    return (), False  # LocalePrefixPattern


def _walk(resolver: URLResolver, levels: tuple, namespace: str | None) -> Iterator[Route]:
    for pattern in resolver.url_patterns:
        path = (*levels, pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, path, inner)
            continue
        assert isinstance(pattern, URLPattern)
        name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
        arguments = [_arguments(level) for level in path]
        yield Route(
            route="".join(str(level) for level in path),
            name=name,
            levels=path,
            kwargs=tuple(kwarg for names, _ in arguments for kwarg in names),
            positional=any(positional for _, positional in arguments),
        )


def routes() -> list[Route]:
    """Every URL pattern, once per route (a later pattern with the same route is shadowed:
    the resolver never reaches it, and the first one is swept)."""
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver(), (), None):
        seen.setdefault(route.route, route)
    return list(seen.values())


def build_path(route: Route, kwargs: dict, world: World) -> str:
    """The URL of ``route`` with ``kwargs``; checked to resolve to the same pattern."""
    # The language prefix of i18n_patterns is the active language's: the site's, as when
    # the routes were enumerated (a request may have activated another).
    with translation.override(settings.LANGUAGE_CODE):
        if route.positional:
            path = LITERAL_PATHS[route.route](world)
        else:
            path = "/" + "".join(_fill_level(level, kwargs) for level in route.levels)
        # (The resolver's route drops the "^" of nested regex patterns.)
        resolved = resolve(path.split("?")[0]).route
    assert resolved.replace("^", "") == route.route.replace("^", ""), (
        f"{path} resolves to {resolved}, not {route.route}"
    )
    return path


def _fill_level(pattern, kwargs: dict) -> str:
    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), text)
    if isinstance(pattern, RegexPattern):
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), text)
        return text.lstrip("^").rstrip("$").replace("\\.", ".")
    return text


# ---------------------------------------------------------------------------------------
# Filling the patterns with B's objects
# ---------------------------------------------------------------------------------------

Fill = Callable[[World, Target], object]  # a value, or a list of values to sweep each


def _const(value) -> Fill:
    return lambda world, target: value


def _page(world: World, target: Target) -> int:
    return target.page.pk


# By argument name. The page is B's page in a locale that is not the actor's (B's English
# page for A's editor, B's German page for the French translator).
KWARG_FILLS: dict[str, Fill] = {
    "page_id": _page,
    # B's page, and its public initiative under it (browsing it shows its ancestors).
    "parent_page_id": lambda world, target: [target.page.pk, world.b_initiative.pk],
    "page_to_move_id": _page,
    "page_pk": _page,
    "object_id": _page,
    "destination_id": lambda world, target: world.a_signatory.pk,  # B's page into A's
    "content_type_app_name": _const("pact_pages"),
    "content_type_model_name": _const("initiativepage"),
    "revision_id": lambda world, target: target.revision_id,
    "revision_id_a": _const("earliest"),
    "revision_id_b": _const("latest"),
    "workflow_state_id": lambda world, target: target.workflow_state_id,
    "task_state_id": lambda world, target: target.task_state_id,
    "task_id": lambda world, target: world.task_id,
    "workflow_pk": lambda world, target: world.workflow_id,
    "image_id": lambda world, target: world.image_id,
    "document_id": lambda world, target: world.document_id,
    "doc_id": lambda world, target: world.document_id,
    "filter_spec": _const("fill-10x10"),
    "collection_id": lambda world, target: world.b_access.collection_id,
    "redirect_id": lambda world, target: world.redirect_id,
    "session_id": lambda world, target: world.editing_session_id,
    "translation_id": lambda world, target: world.translation_id,
    "translation_source_id": lambda world, target: world.translation_source_id,
    "string_segment_id": lambda world, target: world.string_segment_id,
    "overridable_segment_id": lambda world, target: world.overridable_segment_id,
    "uidb64": lambda world, target: urlsafe_base64_encode(force_bytes(world.b_user_id)),
    "token": _const("set-password"),  # Django's placeholder after a valid link, not a token
    "signatory_id": lambda world, target: world.b_signatory.pk,
    # The follow-up (issue 20): the API's plans, rounds and reports and the staff's round
    # dashboard; B's page is none of them (404 for staff, refused to the others before).
    "round_id": _page,
    "plan_id": _page,
    "report_id": _page,
    "initiative_id": lambda world, target: world.b_draft_initiative.pk,
    # The events API: a draft page's id is no public event (404, nothing of it shown).
    "event_id": lambda world, target: world.b_draft_initiative.pk,
    "slug": lambda world, target: world.b_signatory.slug,
    "pillar": _const("prevention"),
    "restriction_id": lambda world, target: world.collection_restriction_id,
    "page_view_restriction_id": lambda world, target: world.page_restriction_id,
}

_USERS = "wagtailusers_users"
_PILLAR = lambda world, target: world.english_pillar_id  # noqa: E731 - a table entry
_IMAGE = lambda world, target: world.image_id  # noqa: E731
_DOCUMENT = lambda world, target: world.document_id  # noqa: E731

# By URL name, or by namespace (the longest that matches): arguments whose meaning depends
# on the view, above all "pk".
ROUTE_FILLS: dict[str, dict[str, Fill]] = {
    "wagtailadmin_collections": {"pk": lambda world, target: world.b_access.collection_id},
    "wagtailadmin_workflows": {"pk": lambda world, target: world.workflow_id},
    "wagtailadmin_workflows:edit_task": {"pk": lambda world, target: world.task_id},
    "wagtailadmin_workflows:disable_task": {"pk": lambda world, target: world.task_id},
    "wagtailadmin_workflows:enable_task": {"pk": lambda world, target: world.task_id},
    "wagtailadmin_workflows:add_task": {
        "app_label": _const("wagtailcore"),
        "model_name": _const("groupapprovaltask"),
    },
    "wagtailadmin_pages": {"pk": _page},  # revisions_compare
    "wagtailadmin_pages:choose_parent": {
        "app_label": _const("pact_pages"),
        "model_name": _const("initiativepage"),
    },
    "wagtailadmin_pages:workflow_action": {"action_name": _const(["approve", "reject"])},
    "wagtailadmin_pages:collect_workflow_action_data": {
        "action_name": _const(["approve", "reject"])
    },
    "wagtailadmin_api:pages": {
        "pk": lambda world, target: world.b_draft_initiative.pk,
        "action_name": _const(sorted(PagesAdminAPIViewSet.actions)),
    },
    "wagtailadmin_api:images": {"pk": _IMAGE},
    "wagtailadmin_api:documents": {"pk": _DOCUMENT},
    "wagtailapi:pages": {"pk": lambda world, target: world.b_draft_initiative.pk},
    # An event's .ics by translation key: a draft page's key is no public event (404).
    "pact_event_ics": {"key": lambda world, target: world.b_draft_initiative.translation_key},
    "wagtailapi:images": {"pk": _IMAGE},
    "wagtailapi:documents": {"pk": _DOCUMENT},
    "wagtailadmin_editing_sessions:ping": {
        "app_label": _const("wagtailcore"),
        "model_name": _const("page"),
    },
    "wagtailadmin_tag_model_autocomplete": {
        "app_name": _const("taggit"),
        "model_name": _const("tag"),
    },
    # The site's settings (staff only).
    "wagtailsettings": {
        "app_name": _const("home"),
        "model_name": _const("sociallinks"),
        "pk": lambda world, target: world.social_links_id,
    },
    "wagtailsnippets_pact_pages_pillar": {"pk": _PILLAR},
    "wagtailsnippetchoosers_pact_pages_pillar": {"pk": _PILLAR},
    "wagtail_localize": {
        "app_label": _const("pact_pages"),
        "model_name": _const("pillar"),
        "pk": _PILLAR,
        "mode": _const("default"),
    },
    "wagtail_localize:convert_to_alias": {"page_id": lambda world, target: world.b_german.pk},
    "pact_signups": {"pk": lambda world, target: world.signup_id},
    "pact_access": {"pk": lambda world, target: world.b_access.pk},
    "pact_newsletter": {"pk": lambda world, target: world.subscriber_id},
    "wagtaillocales": {"pk": lambda world, target: world.german_locale_id},
    "wagtailsites": {"pk": lambda world, target: world.site_id},
    _USERS: {"pk": lambda world, target: world.b_user_id},
    "wagtailusers_groups": {"pk": lambda world, target: world.b_access.group_id},
    "wagtaildocs_chooser": {"pk": _DOCUMENT},
    "wagtailimages_chooser": {"pk": _IMAGE},
    "wagtailimages:create_multiple_from_uploaded_image": {
        "uploaded_file_id": lambda world, target: world.upload_ids["wagtailimages"]
    },
    "wagtailimages:delete_upload_multiple": {
        "uploaded_file_id": lambda world, target: world.upload_ids["wagtailimages"]
    },
    "wagtaildocs:create_multiple_from_uploaded_document": {
        "uploaded_file_id": lambda world, target: world.upload_ids["wagtaildocs"]
    },
    "wagtaildocs:delete_upload_multiple": {
        "uploaded_file_id": lambda world, target: world.upload_ids["wagtaildocs"]
    },
    # pact_pages' override of wagtail-localize's "Translate" screens (no URL name).
    "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/": {
        "app_label": _const("pact_pages"),
        "model_name": _const("pillar"),
        "pk": _PILLAR,
    },
}


def _bulk_fills(world: World, target: Target) -> list[dict]:
    """Every registered bulk action (pages, images, documents, users, snippets)."""
    bulk_action_registry._scan_for_bulk_actions()
    return [
        {"app_label": app_label, "model_name": model_name, "action": action, "ids": ids}
        for app_label, models in sorted(bulk_action_registry.actions.items())
        for model_name, actions in sorted(models.items())
        for action in sorted(actions)
        for ids in ("one", "all", "everything")
    ]


def _bulk_ids(world: World, target: Target, kwargs: dict) -> dict:
    """B's object of the bulk action's model, or "all" ("select all" in a listing: for
    pages, the children of B's page; without a parent, Wagtail takes every object)."""
    if kwargs["ids"] == "all":
        return {"id": "all", "childOf": str(target.page.pk)}
    if kwargs["ids"] == "everything":
        return {"id": "all"}
    ids = {
        "page": target.page.pk,
        "image": world.image_id,
        "document": world.document_id,
        "user": world.b_user_id,
        "pillar": world.english_pillar_id,
    }
    return {"id": str(ids[kwargs["model_name"]])}


# Patterns whose arguments go together.
COMBINED_FILLS: dict[str, Callable[[World, Target], list[dict]]] = {
    "wagtail_bulk_action": _bulk_fills,
}

# Patterns with unnamed regex groups: their URL, by route.
LITERAL_PATHS: dict[str, Callable[[World], str]] = {
    "admin/^.*/$": lambda world: "/admin/sweep-nothing-here/",
    "api/pact/v1/^.*$": lambda world: "/api/pact/v1/sweep-nothing-here",
    # B's unpublished initiative at its would-be address.
    r"en/^((?:[\w\-]+/)*)$": lambda world: "/en/" + _site_path(world.b_draft_initiative),
    r"documents/^(\d+)/(.*)$": lambda world: (
        f"/documents/{world.document_id}/{world.document_filename}"
    ),
}


def _site_path(page) -> str:
    root_path = page.get_site().root_page.url_path
    return page.url_path[len(root_path) :]


def _lookup(table: dict, route: Route) -> dict:
    """The entries of ``table`` for the route's name, namespaces and route, most specific
    last (so they win when merged)."""
    found: dict = {}
    if route.name:
        parts = route.name.split(":")
        for end in range(1, len(parts) + 1):
            found |= table.get(":".join(parts[:end]), {})
    return found | table.get(route.route, {})


class Unfilled(Exception):
    pass


def fills(route: Route, world: World, target: Target) -> list[dict]:
    """The keyword arguments to sweep ``route`` with (several when a fill is a list)."""
    if route.key in COMBINED_FILLS:
        return COMBINED_FILLS[route.key](world, target)
    if route.positional:
        if route.route not in LITERAL_PATHS:
            raise Unfilled(f"{route.key}: unnamed groups and no entry in LITERAL_PATHS")
        return [{}]
    specific = _lookup(ROUTE_FILLS, route)
    choices = []
    for kwarg in route.kwargs:
        fill = specific.get(kwarg) or KWARG_FILLS.get(kwarg)
        if fill is None:
            raise Unfilled(f"{route.key}: no fill for <{kwarg}> (ROUTE_FILLS / KWARG_FILLS)")
        value = fill(world, target)
        choices.append(value if isinstance(value, list) else [value])
    return [dict(zip(route.kwargs, values, strict=True)) for values in product(*choices)]


# ---------------------------------------------------------------------------------------
# What may answer 2xx, and what may be written
# ---------------------------------------------------------------------------------------

# Views with a server error the sweep knows of, by URL name and method: none is a
# permission problem, and each is Wagtail's own.
KNOWN_SERVER_ERRORS = {
    # Wagtail's page for testing error reporting raises on purpose (any admin user).
    ("wagtailadmin_error_test", "get"),
    ("wagtailadmin_error_test", "post"),
}

# Tables of derived data that reading may fill: image renditions, the API's read index with
# its stored figures, tags, facet counts and title keys, and the search index written with it.
CACHE_TABLES = frozenset(
    {
        "wagtailimages_rendition",
        "pact_pages_apiindexentry",
        "pact_pages_apiindextotal",
        "pact_pages_apiindexfigure",
        "pact_pages_apiindextag",
        "pact_pages_apiindexcount",
        "pact_pages_apiindextitlekey",
        "pact_pages_searchentry",
    }
)

# Admin views that any editor may open (each shows or changes the user's own things, or
# lists only what the user may see: B's private texts must still be absent).
# Value: the tables such a request may write to (besides the session).
OPEN: dict[str, frozenset[str]] = {
    # The dashboard, the explorer's root, the sprite, the translations of the admin's JS.
    "wagtailadmin_home": frozenset(),
    "wagtailadmin_explore_root": frozenset(),
    "wagtailadmin_sprite": frozenset(),
    "wagtailadmin_javascript_catalog": frozenset(),
    "wagtail_localize:javascript_catalog": frozenset(),
    "admin/test404/": frozenset(),  # Wagtail's 404 page, for designers
    # Choosers and searches that list only what the user may see (the page chooser:
    # published titles, and the user's own drafts: pact_pages.trust.admin_restrictions).
    "wagtailadmin_choose_page": frozenset(),
    "wagtailadmin_choose_page_search": frozenset(),
    "wagtailadmin_choose_page_chosen_multiple": frozenset(),
    "wagtailadmin_choose_page_external_link": frozenset(),
    "wagtailadmin_choose_page_email_link": frozenset(),
    "wagtailadmin_choose_page_phone_link": frozenset(),
    "wagtailadmin_choose_page_anchor_link": frozenset(),
    "wagtailadmin_tag_autocomplete": frozenset(),
    "wagtailadmin_tag_model_autocomplete": frozenset(),
    "wagtailadmin_pages:search": frozenset(),
    "wagtailadmin_pages:search_results": frozenset(),
    # Wagtail's admin API (the explorer menu, the choosers' listings): the pages, images
    # and documents the user may see.
    "wagtailadmin_api:pages:listing": frozenset(),
    "wagtailadmin_api:images:listing": frozenset(),
    "wagtailadmin_api:documents:listing": frozenset(),
    # "Add a page of this type": the parents the user may add it under.
    "wagtailadmin_pages:choose_parent": frozenset(),
    # Reports, filtered to the pages the user may edit (page types: hidden drafts).
    "wagtailadmin_pages:type_use": frozenset(),
    "wagtailadmin_pages:type_use_results": frozenset(),
    "wagtailadmin_reports:workflow": frozenset(),
    "wagtailadmin_reports:workflow_results": frozenset(),
    "wagtailadmin_reports:workflow_tasks": frozenset(),
    "wagtailadmin_reports:workflow_tasks_results": frozenset(),
    "wagtailadmin_reports:site_history": frozenset(),
    "wagtailadmin_reports:site_history_results": frozenset(),
    "wagtailadmin_reports:aging_pages": frozenset(),
    "wagtailadmin_reports:aging_pages_results": frozenset(),
    "wagtailadmin_reports:locked_pages": frozenset(),
    "wagtailadmin_reports:locked_pages_results": frozenset(),
    # Choosers, listings and upload forms of media: the user's own collections only.
    "wagtailimages:index": frozenset(),
    "wagtailimages:index_results": frozenset(),
    "wagtailimages:add": frozenset(),
    "wagtailimages:add_multiple": frozenset(),
    "wagtailimages_chooser:choose": frozenset(),
    "wagtailimages_chooser:choose_results": frozenset(),
    "wagtailimages_chooser:chosen_multiple": frozenset(),
    "wagtailimages_chooser:create": frozenset(),
    "wagtaildocs:index": frozenset(),
    "wagtaildocs:index_results": frozenset(),
    "wagtaildocs:add": frozenset(),
    "wagtaildocs:add_multiple": frozenset(),
    "wagtaildocs_chooser:choose": frozenset(),
    "wagtaildocs_chooser:choose_results": frozenset(),
    "wagtaildocs_chooser:chosen_multiple": frozenset(),
    "wagtaildocs_chooser:create": frozenset(),
    # The embed chooser: a form for a URL (oEmbed), nothing stored.
    "wagtailembeds:chooser": frozenset(),
    "wagtailembeds:chooser_upload": frozenset(),
    # Form submissions: only of the form pages the user may edit (none here).
    "wagtailforms:index": frozenset(),
    "wagtailforms:index_results": frozenset(),
    # The four Ps are public: their chooser, and wagtail-localize's snippet API behind it.
    "wagtailsnippetchoosers_pact_pages_pillar:choose": frozenset(),
    "wagtailsnippetchoosers_pact_pages_pillar:choose_results": frozenset(),
    "wagtailsnippetchoosers_pact_pages_pillar:chosen": frozenset(),
    "wagtailsnippetchoosers_pact_pages_pillar:chosen_multiple": frozenset(),
    "wagtail_localize:snippets_api_listing": frozenset(),
    "wagtail_localize:snippets_api_detail": frozenset(),
    # Translators (change_pillar) list the Ps, their usage and edit history; edits and
    # translations are limited to their locales (pact_pages.translation.translators): the
    # "Translate"
    # screen of an English P offers French only, a German choice is a form error.
    "wagtailsnippets_pact_pages_pillar:list": frozenset(),
    "wagtailsnippets_pact_pages_pillar:list_results": frozenset(),
    "wagtailsnippets_pact_pages_pillar:usage": frozenset(),
    "wagtailsnippets_pact_pages_pillar:history": frozenset(),
    "wagtailsnippets_pact_pages_pillar:history_results": frozenset(),
    "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/": frozenset(),
    # The translation work list: published pages of the source language, and the user's
    # own locale's translations (another locale is refused: tests/test_translation_work.py).
    "pact_translation_work": frozenset(),
    # "Translate page": any page into the translator's own locales (it names a page the
    # translator may not edit by its published title; another locale is a form error).
    "admin/localize/submit/page/<int:page_id>/": frozenset(),
    # Releasing an editing session deletes the user's own only (Wagtail filters by user).
    "wagtailadmin_editing_sessions:release": frozenset(),
    # The workflow task chooser lists the tasks' names (staff configuration, nothing of a
    # signatory); creating a task needs add_task (Wagtail answers 400 without it).
    "wagtailadmin_workflows:task_chooser": frozenset(),
    "wagtailadmin_workflows:task_chooser_results": frozenset(),
    "wagtailadmin_workflows:task_chooser_create": frozenset(),
    "wagtailadmin_workflows:task_chosen": frozenset(),
    # The user's own account, preferences, dismissed tips, sign-out, two-factor sign-in.
    "wagtailadmin_account": frozenset({"wagtailusers_userprofile", "auth_user"}),
    "wagtailadmin_dismissibles": frozenset({"wagtailusers_userprofile"}),
    "wagtailadmin_logout": frozenset(),
    "pact_2fa_setup": frozenset({"otp_totp_totpdevice"}),
    "pact_2fa_verify": frozenset(),
    # Sign-in and password reset (no user is named in the URL the sweep fills).
    "wagtailadmin_login": frozenset(),
    "wagtailadmin_password_reset": frozenset(),
    "wagtailadmin_password_reset_done": frozenset(),
    "wagtailadmin_password_reset_confirm": frozenset(),
    "wagtailadmin_password_reset_complete": frozenset(),
}


def is_open(route: Route) -> bool:
    return route.key in OPEN


# Under /admin/, what an anonymous visitor may reach without being sent to the login page.
ANONYMOUS_ADMIN = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtail_localize:javascript_catalog",
    }
)

# Tables any request may write: its session (sign-in state, messages).
ALWAYS_WRITABLE = frozenset({"django_session"})
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def written_tables(queries) -> set[str]:
    # (A statement the database refused is recorded without its SQL.)
    return {m.group(1).lower() for q in queries if (m := WRITE.match(q["sql"] or ""))}


# ---------------------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------------------


def plausible_body(world: World, target: Target, kwargs: dict) -> dict:
    """What a form of the admin would post: B's page edit form (the page forms) and the
    fields of the other forms (media, collections, users, groups, sign-ups, redirects…)."""
    return (
        target.edit_form
        | {
            "title": "Swept title",
            "slug": "swept-slug",
            "name": "Swept name",
            "email": "swept@example.org",
            "username": "swept",
            "password1": "Swept-password-2026!",
            "password2": "Swept-password-2026!",
            "is_active": "on",
            "groups": str(world.b_access.group_id),
            "collection": str(world.b_access.collection_id),
            "parent": str(world.b_access.collection_id),
            "new_title": "Swept copy",
            "new_slug": "swept-copy",
            "new_parent_page": str(world.a_signatory.pk),
            "include_descendants": "on",
            "id": [str(target.page.pk)],
            "action": "approve",
            "action-publish": "1",
            "reason": "Swept",
            "comment": "Swept",
            "can_publish": "on",
            "old_path": "/swept-old",
            "redirect_page": str(target.page.pk),
            "is_permanent": "on",
            "locales": [str(world.german_locale_id)],
            "include_subtree": "on",
            "restriction_type": "none",
            "confirmed_at": "2026-01-01 00:00",
            "language": "de",
            "publish_translations": "on",
            "next": "/admin/",
        }
        | _link_fields(target)
    )


def _link_fields(target: Target) -> dict:
    """The link choosers' fields (Wagtail prefixes them), with the address of B's page."""
    url = _b_page_url(target)
    fields = {"url": url}
    for view in (ExternalLinkView, AnchorLinkView, EmailLinkView, PhoneLinkView):
        fields[f"{view.form_prefix}-{view.link_url_field_name}"] = url
    return fields


def query(route: Route, world: World, target: Target, kwargs: dict) -> dict:
    """The GET parameters: B's object for bulk actions; elsewhere a search for B's private
    texts (``q``, and ``term`` for autocompletes) and B's pages as ``id`` (choosers' "chosen"
    views); then the root page alone as ``id`` (it has no parent)."""
    if route.key == "wagtail_bulk_action":
        return _bulk_ids(world, target, kwargs)
    if route.api:
        return {}  # a search would meet the API's throttle, and the lists are paginated
    return {"q": "SWEEP", "term": "SWEEP", "id": _b_page_ids(world, target)}


def _b_page_ids(world: World, target: Target) -> list[str]:
    pages = [target.page, world.b_draft_initiative, world.b_initiative]
    return [str(page.pk) for page in pages]


def _root_id() -> str:
    """The root page (it has no parent, and no title for anyone)."""
    return str(Page.get_first_root_node().pk)


def _b_page_url(target: Target) -> str:
    """The address of B's page (live, with a draft waiting): the link choosers recognise a
    page by its address."""
    return Page.objects.get(pk=target.page.pk).get_full_url()


@dataclass
class Outcome:
    route: Route
    role: str
    method: str
    path: str
    status: int
    location: str
    text: str
    writes: set[str]
    error: str = ""
    seconds: float = 0.0
    cpu_seconds: float = 0.0


def _text(response) -> str:
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    return content.decode(errors="replace")


def request(client: Client, route: Route, role: str, method: str, path: str, data) -> Outcome:
    """One request in a savepoint rolled back afterwards, with the tables it wrote."""
    _sign_in(client, role)  # again: a previous request may have signed out
    start, cpu_start = time.perf_counter(), time.process_time()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        try:
            if method == "get":
                response = client.get(path, data)
            else:
                response = getattr(client, method)(path, data)
            status, text = response.status_code, _text(response)
            location, error = response.get("Location", ""), ""
        except Exception as exception:  # noqa: BLE001 - a server error is a finding
            status, text, location, error = 500, "", "", repr(exception)
        transaction.set_rollback(True)
    writes = written_tables(queries)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return Outcome(route, role, method, path, status, location, text, writes, error, seconds, cpu)


# ---------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------


def successes(outcome: Outcome) -> list[str]:
    """Everything that makes ``outcome`` a success against B (empty: refused, harmless)."""
    found = []
    route, status = outcome.route, outcome.status
    allowed_writes = ALWAYS_WRITABLE | CACHE_TABLES | OPEN.get(route.key, frozenset())
    if outcome.writes - allowed_writes:
        found.append(f"changed {sorted(outcome.writes - allowed_writes)}")
    if status >= 500 and (route.key, outcome.method) not in KNOWN_SERVER_ERRORS:
        found.append(f"server error {outcome.error}")
    leaked = [name for name, text in SWEPT_MARKERS.items() if text in outcome.text]
    if leaked:
        found.append(f"shows B's {', '.join(leaked)}")
    if "token=" in outcome.location:
        found.append(f"redirects with a token: {outcome.location}")
    if route.api:
        # (Under the API's prefix, an unknown address is a 404 whatever the method.)
        refusals = (*API_REFUSALS, 404) if route.key == "pact_api:not-found" else API_REFUSALS
        if outcome.method in API_WRITE_METHODS and status not in refusals:
            found.append(f"API write answered {status}")
    elif route.swept:
        found += _admin_successes(outcome)
    return found


def _admin_successes(outcome: Outcome) -> list[str]:
    route, status = outcome.route, outcome.status
    if outcome.role == "anonymous" and route.key not in ANONYMOUS_ADMIN:
        sent_to_login = status == 302 and outcome.location.startswith(LOGIN_URL)
        # Wagtail's admin API answers 403 (JSON) instead of a redirect.
        api_refusal = route.route.startswith("admin/api/") and status == 403
        if not (sent_to_login or api_refusal or status == 405):
            return [f"anonymous got {status} {outcome.location} instead of the login page"]
        return []
    if 200 <= status < 300 and not is_open(route):
        return [f"answered {status}"]
    return []


# ---------------------------------------------------------------------------------------
# The sweep
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """B's objects, built once per module in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        _tag_draft(world)
        # A's own initiative (A's editor may copy it, move it…), for the pass on A's pages.
        world.a_initiative = publish(
            InitiativePageFactory(parent=world.a_signatory, title="Aubervilliers sports")
        )
        yield world
        transaction.set_rollback(True)


def _tag_draft(world: World) -> None:
    """A tag used only on B's unpublished initiative."""
    draft = InitiativePage.objects.get(pk=world.b_draft_initiative.pk)
    draft.tags.add(SWEPT_MARKERS["draft_tag"])
    draft.save()


@pytest.fixture
def open_throttles(settings):
    """The sweep searches for B's texts many times a minute: the search throttle would
    answer 429 before the views are reached."""
    settings.PACT_SEARCH_RATE_LIMIT = (100_000, 60)


def _client(world: World, role: str) -> Client:
    client = Client()
    client.sessions = world.sessions
    _sign_in(client, role)
    return client


def _sign_in(client: Client, role: str) -> None:
    """The role's session cookie (made once, in the world) and nothing else."""
    client.cookies.clear()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = client.sessions[role]


PARTS = 2  # each role's sweep in two halves of the patterns, to spread over the workers


def sweep(world: World, role: str, part: int = 0, parts: int = 1) -> list[Outcome]:
    """Every request of ``role`` on its share of the patterns."""
    client, target = _client(world, role), world.targets[role]
    outcomes = []
    for route in routes()[part::parts]:
        for kwargs in fills(route, world, target):
            outcomes += _requests(client, route, role, kwargs, world, target)
    return outcomes


def _requests(client, route, role, kwargs, world, target) -> list[Outcome]:
    """GET; POST empty and plausible; under the APIs also PUT, PATCH and DELETE."""
    path = build_path(route, kwargs, world)
    params = query(route, world, target, kwargs)
    if route.key == "wagtail_bulk_action":
        path += "?" + urlencode(params, doseq=True)  # Wagtail reads the ids from there
    calls = [("get", params), ("post", {}), ("post", plausible_body(world, target, kwargs))]
    if route.api:
        calls += [("put", {}), ("patch", {}), ("delete", {})]
    elif route.key != "wagtail_bulk_action":
        # Wagtail's admin API refuses unknown parameters (400): its own search parameter
        # and B's ids go alone; so does the root page (an error would hide a leak).
        calls += [("get", {"search": "SWEEP", "id": params["id"]}), ("get", {"id": _root_id()})]
    return [request(client, route, role, method, path, data) for method, data in calls]


def _report(role: str, part: int, outcomes: list[Outcome], found: list[str]) -> None:
    swept = {outcome.route.route for outcome in outcomes}
    methods = Counter(outcome.method for outcome in outcomes)
    statuses = Counter(outcome.status for outcome in outcomes)
    seconds = sum(outcome.seconds for outcome in outcomes)
    cpu = sum(outcome.cpu_seconds for outcome in outcomes)
    print(
        f"permission sweep, {role} (part {part + 1} of {PARTS}): {len(swept)} URL patterns, "
        f"{len(outcomes)} requests {dict(sorted(methods.items()))} in {seconds:.1f} s "
        f"({cpu:.1f} s CPU in this process), statuses {dict(sorted(statuses.items()))}, "
        f"{len(found)} successes"
    )


def test_every_pattern_is_enumerated_and_filled(world):
    """The tables fill every pattern of the admin and the APIs (and the public views the
    sweep also reads); a new URL without an entry fails here, named."""
    all_routes = routes()
    problems = []
    for route in all_routes:
        for role in ROLES:
            try:
                for kwargs in fills(route, world, world.targets[role]):
                    build_path(route, kwargs, world)
            except (Unfilled, AssertionError, KeyError) as problem:
                problems.append(f"{route.key} ({role}): {problem!r}")
    assert not problems, "URL patterns the sweep cannot fill:\n" + "\n".join(problems)
    swept = [route for route in all_routes if route.swept]
    print(
        f"permission sweep: {len(all_routes)} URL patterns enumerated, {len(swept)} under "
        f"/admin/ and /api/, {len(all_routes) - len(swept)} public ones read too"
    )
    # The admin and both APIs are there (a broken walk would find next to nothing).
    assert len([r for r in swept if r.route.startswith("admin/")]) > 200
    assert len([r for r in swept if r.api]) > 20


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("role", ROLES)
def test_nobody_succeeds_on_someone_elses_objects(world, open_throttles, role, part):
    outcomes = sweep(world, role, part, PARTS)
    found = [
        f"{o.method.upper()} {o.path} ({o.route.key}) as {o.role}: {'; '.join(reasons)}"
        for o in outcomes
        if (reasons := successes(o))
    ]
    _report(role, part, outcomes, found)
    assert outcomes, "the sweep made no request"
    assert not found, f"{len(found)} successes:\n" + "\n".join(found)


# ---------------------------------------------------------------------------------------
# A's own pages, with B's objects named by id in the parameters
# ---------------------------------------------------------------------------------------

# Arguments naming a page: in this pass, A's own pages (the views then open, and read the
# ids in their parameters: a copy's new parent, a chooser's ids, a chooser field…).
OWN_PAGE_KWARGS = frozenset(
    {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"}
)


def own_page_routes() -> list[Route]:
    return [
        route
        for route in routes()
        if route.swept and not route.api and route.kwargs and set(route.kwargs) <= OWN_PAGE_KWARGS
    ]


def foreign_ids_body(world: World, target: Target) -> dict:
    """B's objects named by id in the fields of the admin's forms (and none of B's texts:
    a form shown again shows what was posted)."""
    image, document = str(world.image_id), str(world.document_id)
    page, draft = str(target.page.pk), str(world.b_draft_initiative.pk)
    return {
        "title": "Swept title",
        "slug": "swept-slug",
        "new_title": "Swept copy",
        "new_slug": "swept-copy",
        "new_parent_page": page,
        "parent_page": page,
        "destination": page,
        "id": _b_page_ids(world, target),
        "logo": image,
        "featured_image": image,
        "image": image,
        "document": document,
        "page": draft,
        "privacy_page": draft,
        "pact_page": draft,
        # The page forms' StreamFields (Wagtail answers 500 to a post without them).
        "body-count": "0",
    } | _link_fields(target)


def test_nothing_of_b_shows_on_ones_own_pages(world, open_throttles):
    """As A's editor on A's pages, with B's ids in the query and the forms: B's texts must
    not show, and no server error."""
    role, target = "editor_a", world.targets["editor_a"]
    client, found, outcomes = _client(world, role), [], []
    for route in own_page_routes():
        for page in (world.a_signatory, world.a_initiative):
            path = build_path(route, dict.fromkeys(route.kwargs, page.pk), world)
            params = {"q": "SWEEP", "term": "SWEEP", "id": _b_page_ids(world, target)}
            calls = [("get", params), ("post", foreign_ids_body(world, target))]
            for method, data in calls:
                outcome = request(client, route, role, method, path, data)
                outcomes.append(outcome)
                reasons = [r for r in successes(outcome) if r.startswith(("shows", "server"))]
                if reasons:
                    found.append(f"{method.upper()} {path} ({route.key}): {'; '.join(reasons)}")
    print(
        f"permission sweep, A's own pages: {len(own_page_routes())} URL patterns, "
        f"{len(outcomes)} requests, {len(found)} successes"
    )
    assert outcomes and not found, "\n".join(found)


# ---------------------------------------------------------------------------------------
# Leaks the sweep found (fixed in pact_pages.trust.admin_restrictions and pact_pages.api.urls)
# ---------------------------------------------------------------------------------------


def _get(world: World, role: str, path: str, data=None):
    return _client(world, role).get(path, data or {})


def _refused(response) -> bool:
    """Wagtail's refusal: 403, or the dashboard with "no permission"."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_move_confirmation_of_another_signatorys_page_is_refused(world):
    """Wagtail 8's move confirmation checks nothing on GET: it showed B's draft title."""
    path = reverse(
        "wagtailadmin_pages:move_confirm", args=[world.b_signatory.pk, world.a_signatory.pk]
    )
    assert _refused(_get(world, "editor_a", path))
    assert MARKERS["draft_title"] in _get(world, "moderator", path).content.decode()


def test_workflow_cancellation_dialog_of_another_signatorys_page_is_refused(world):
    """It told whether B's page waits for moderation, and at which task."""
    path = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[world.b_signatory.pk])
    assert _refused(_get(world, "editor_a", path))
    assert _get(world, "editor_b", path).status_code == 200


def test_page_types_report_results_hide_other_signatories_drafts(world):
    """The report was guarded, not its results view (which showed B's German draft)."""
    path = reverse("wagtailadmin_reports:page_types_usage_results")
    assert _refused(_get(world, "editor_a", path))
    assert _refused(_get(world, "translator", path))
    assert MARKERS["draft_title_de"] in _get(world, "moderator", path).content.decode()


@pytest.mark.parametrize(
    ("app_label", "model_name", "marker"),
    [("wagtailimages", "image", "image"), ("wagtaildocs", "document", "document")],
)
def test_bulk_actions_on_another_signatorys_media_are_refused(world, app_label, model_name, marker):
    """The bulk confirmation listed B's media titles to anyone naming their ids."""
    pk = world.image_id if model_name == "image" else world.document_id
    path = reverse("wagtail_bulk_action", args=[app_label, model_name, "add_tags"])
    for role in ("editor_a", "translator"):
        response = _get(world, role, path, {"id": pk})
        assert _refused(response) and MARKERS[marker] not in response.content.decode()
    assert MARKERS[marker] in _get(world, "editor_b", path, {"id": pk}).content.decode()


@pytest.mark.parametrize(
    "name", ["pact_api:openapi-json", "pact_api:openapi-view", "pact_api:api-root"]
)
def test_the_apis_own_views_refuse_writes(world, name):
    """django-ninja's schema, docs and root answered 200 or 302 to POST, PUT and DELETE."""
    client = _client(world, "anonymous")
    for method in API_WRITE_METHODS:
        assert getattr(client, method)(reverse(name)).status_code == 405
    assert client.get(reverse(name)).status_code in (200, 302)


def test_translation_reports_are_for_staff(world):
    """wagtail-localize's report listed every locale's pages by their draft titles."""
    for name in ("translations_report", "translations_report_results"):
        path = reverse(f"wagtail_localize:{name}")
        assert _refused(_get(world, "editor_a", path))
        assert _refused(_get(world, "translator", path))
        assert MARKERS["draft_title_de"] in _get(world, "moderator", path).content.decode()


def test_a_translator_cannot_update_another_locales_translations(world):
    """ "Update translations" of B's page re-synced, and could publish, its German page."""
    path = f"/admin/localize/update/{world.translation_source_id}/"
    german = Page.objects.get(pk=world.b_german.pk)
    client = _client(world, "translator")
    assert _refused(client.get(path))
    assert _refused(client.post(path, {"publish_translations": "on"}))
    after = Page.objects.get(pk=world.b_german.pk)
    assert after.live_revision_id == german.live_revision_id and after.title == german.title
    assert _get(world, "admin", path).status_code == 200


def test_the_translate_screen_never_shows_a_translator_the_draft_title(world):
    """Translating B's page into French may be the translator's (pact_pages.trust's
    translation rules decide); B's draft title is not: the screen shows the published
    title, or refuses without naming the page."""
    for page, draft in ((world.b_german, "draft_title_de"), (world.b_signatory, "draft_title")):
        path = f"/admin/localize/submit/page/{page.pk}/"
        response = _get(world, "translator", path)
        assert response.status_code in (200, 403)
        assert MARKERS[draft] not in response.content.decode()
        if response.status_code == 200:
            assert Page.objects.get(pk=page.pk).title in response.content.decode()
        staff = _get(world, "admin", path)
        if page == world.b_german:  # a translation is not translated again, by anyone
            assert staff.status_code in (302, 403)
        else:
            assert MARKERS[draft] in staff.content.decode()


# ---------------------------------------------------------------------------------------
# Choosers and autocompletes (issue 14, hole 3; pact_pages.trust.chooser_views)
# ---------------------------------------------------------------------------------------


def _text_of(response) -> str:
    return response.content.decode()


def test_chosen_multiple_returns_only_visible_pages(world):
    """It returned the draft title of any page id; the root page was a server error."""
    path = reverse("wagtailadmin_choose_page_chosen_multiple")
    ids = {"id": [world.b_draft_initiative.pk, world.b_signatory.pk, world.a_signatory.pk]}
    response = _get(world, "editor_a", path, ids)
    assert response.status_code == 200
    assert MARKERS["draft_initiative"] not in _text_of(response)
    assert MARKERS["draft_title"] not in _text_of(response)
    assert "Aubervilliers" in _text_of(response)  # A's own page
    assert _get(world, "editor_a", path, {"id": [_root_id(), "x"]}).status_code == 200
    moderator = _text_of(_get(world, "moderator", path, ids))
    assert MARKERS["draft_initiative"] in moderator and MARKERS["draft_title"] in moderator


def test_the_external_link_chooser_does_not_name_hidden_pages(world):
    """It recognised the address of B's page and answered with its draft title."""
    path = reverse("wagtailadmin_choose_page_external_link")
    url = _b_page_url(world.targets["editor_a"])
    data = {"external-link-chooser-url": url, "external-link-chooser-link_text": ""}
    response = _client(world, "editor_a").post(path, data)
    result = response.json()["result"]
    assert MARKERS["draft_title"] not in _text_of(response)
    assert result["url"] == url and "id" not in result  # a plain external link
    assert response.json()["result"]["url"] == url
    moderator = _client(world, "moderator").post(path, data)
    assert MARKERS["draft_title"] in _text_of(moderator)
    own = Page.objects.get(pk=world.a_signatory.pk).get_full_url()
    mine = _client(world, "editor_a").post(path, {"external-link-chooser-url": own})
    assert mine.json()["result"]["id"] == world.a_signatory.pk  # A's page is recognised
    assert _client(world, "editor_a").post(path, {}).status_code == 200  # no 500


def test_copying_under_a_hidden_page_is_refused_without_naming_it(world):
    """The copy form's refusal named the chosen parent by its draft title."""
    path = reverse("wagtailadmin_pages:copy", args=[world.a_initiative.pk])
    data = {"new_title": "Copy", "new_slug": "a-copy", "new_parent_page": world.b_signatory.pk}
    response = _client(world, "editor_a").post(path, data)
    assert _refused(response)
    assert MARKERS["draft_title"] not in _text_of(_client(world, "editor_a").get("/admin/"))
    data["new_parent_page"] = world.a_signatory.pk
    response = _client(world, "editor_a").post(path, data)
    assert response.status_code == 302 and response["Location"] != "/admin/"
    assert Page.objects.filter(slug="a-copy").exists()


def test_the_page_chooser_shows_no_hidden_ancestor(world):
    """Browsing B's public initiative showed B's draft title in the breadcrumb; its search
    named B's page as the parent of its results."""
    child = reverse("wagtailadmin_choose_page_child", args=[world.b_initiative.pk])
    assert _refused(_get(world, "editor_a", child))
    assert MARKERS["draft_title"] in _text_of(_get(world, "moderator", child))
    own = reverse("wagtailadmin_choose_page_child", args=[world.a_signatory.pk])
    assert _get(world, "editor_a", own).status_code == 200
    search = reverse("wagtailadmin_choose_page_search")
    for query in ("Bordeaux", "sports"):
        response = _get(world, "editor_a", search, {"q": query})
        assert response.status_code == 200
        assert MARKERS["draft_title"] not in _text_of(response)
    assert "Aubervilliers sports" in _text_of(_get(world, "editor_a", search, {"q": "sports"}))


def test_tag_autocomplete_offers_no_tag_of_others_drafts(world):
    tag = SWEPT_MARKERS["draft_tag"]
    a_page = InitiativePage.objects.get(pk=world.a_initiative.pk)
    a_page.tags.add("SWEEP-OWN-TAG-A")
    a_page.save()
    for name, args in (("wagtailadmin_tag_autocomplete", []), _TAG_MODEL_ROUTE):
        path = reverse(name, args=args)
        offered = _get(world, "editor_a", path, {"term": "SWEEP"}).json()
        assert tag not in offered and "SWEEP-OWN-TAG-A" in offered
        assert tag in _get(world, "moderator", path, {"term": "SWEEP"}).json()


_TAG_MODEL_ROUTE = ("wagtailadmin_tag_model_autocomplete", ["taggit", "tag"])


def test_bulk_actions_on_every_page_are_refused(world):
    """``?id=all`` without ``childOf`` made Wagtail list every page by its draft title."""
    path = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + "?id=all"
    response = _client(world, "editor_a").get(path)
    assert _refused(response) and MARKERS["draft_title"] not in _text_of(response)
    assert MARKERS["draft_title"] in _text_of(_client(world, "admin").get(path))
