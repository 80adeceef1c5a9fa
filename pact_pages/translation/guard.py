"""Every wagtail-localize view stays inside the user's locales and objects (issue 14, hole 8).

wagtail-localize checks edit rights on a translation's target with the model permission
alone for snippets (a French translator could edit and stop the German translation of a P),
and lets anyone with ``submit_translation`` start translating any page, published or not.
This middleware reads the arguments of each of its views (whatever the view: a new one is
covered by the same rules) before it runs:

* ``translation_id``: the target's locale is the user's, and its object one they may edit;
* ``translation_source_id``: so is every translation of the source;
* ``page_id``: a page translated *from* (the "Translate" screens) is live, for translators;
  a page acted *on* (the others) is in the user's locales and editable;
* a snippet (``app_label``, ``model_name``, ``pk``) translated from is live, for translators.

An argument it does not know refuses the request to translators (it would not be checked).
"""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import ResolverMatch
from wagtail import hooks
from wagtail.models import Page
from wagtail_localize.models import OverridableSegment, Translation, TranslationSource

from pact_pages.signatories.contact import CONTACT_FIELDS, may_see_contact
from pact_pages.translation.rules import (
    is_translator,
    may_edit,
    may_publish,
    may_start_translating,
    may_translate_into,
    may_work_on,
    target_of,
    translator_hidden_pages,
)

LOCALIZE_PREFIX = "admin/localize/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Arguments that only narrow down what another argument names (checked by the views: a
# segment must belong to the translation's source), or choose a presentation; an
# overridable segment of a contact field is refused to those who may not see it.
PASSIVE_KWARGS = frozenset({"string_segment_id", "overridable_segment_id", "mode"})
SNIPPET_KWARGS = frozenset({"app_label", "model_name", "pk"})
# Views whose page or snippet is the source to translate from (the "Translate" screens).
SOURCE_ROUTES = ("localize/submit/",)
# Views for staff only: "Convert to alias" replaces a translation with its source's content,
# in the target's address, without moderation.
STAFF_ONLY_VIEWS = frozenset({"convert_to_alias"})


def is_localize_view(match: ResolverMatch) -> bool:
    """A view of wagtail-localize, or one of ours at its addresses."""
    module = getattr(match.func, "__module__", "") or ""
    view_class = getattr(match.func, "view_class", None)
    if view_class is not None:
        module = view_class.__module__
    return (
        "wagtail_localize" in match.namespaces
        or module.startswith("wagtail_localize")
        or (match.route or "").startswith(LOCALIZE_PREFIX)
    )


def check(user, match: ResolverMatch, method: str = "GET") -> None:
    """Raise PermissionDenied if ``user`` may not use this view with these arguments."""
    kwargs = match.kwargs
    unknown = set(kwargs) - PASSIVE_KWARGS - SNIPPET_KWARGS
    unknown -= {"translation_id", "translation_source_id", "page_id"}
    if (unknown or match.url_name in STAFF_ONLY_VIEWS) and is_translator(user):
        raise PermissionDenied
    is_source = any(part in (match.route or "") for part in SOURCE_ROUTES)
    if "translation_id" in kwargs:
        _check_translation(user, kwargs["translation_id"])
        if method not in SAFE_METHODS:
            _check_not_in_moderation(user, kwargs["translation_id"])
    if "overridable_segment_id" in kwargs:
        _check_override(user, kwargs["overridable_segment_id"])
    if "translation_source_id" in kwargs:
        _check_source(user, kwargs["translation_source_id"])
    if "page_id" in kwargs:
        _check_page(user, kwargs["page_id"], is_source)
    if SNIPPET_KWARGS <= set(kwargs) and is_source:
        _check_snippet_source(user, kwargs)


def _check_translation(user, translation_id) -> None:
    translation = Translation.objects.filter(pk=translation_id).first()
    if translation is not None and not may_work_on(user, translation):
        raise PermissionDenied


def _check_not_in_moderation(user, translation_id) -> None:
    """While a moderator reviews a translation, its texts stay the ones submitted: what the
    moderator reads in the editor is what "Approve" publishes (the submitted revision)."""
    translation = Translation.objects.filter(pk=translation_id).first()
    target = target_of(translation) if translation is not None else None
    if isinstance(target, Page) and target.workflow_in_progress and not may_publish(user, target):
        raise PermissionDenied


def _check_override(user, segment_id) -> None:
    """A contact field extracted before it was declared not overridable (hole 7)."""
    segment = OverridableSegment.objects.filter(pk=segment_id).select_related("context").first()
    if segment is not None and segment.context.path in CONTACT_FIELDS:
        if not may_see_contact(user, segment.source.get_source_instance()):
            raise PermissionDenied


def _check_source(user, source_id) -> None:
    source = TranslationSource.objects.filter(pk=source_id).first()
    if source is None:
        return
    for translation in source.translations.all():
        if not may_work_on(user, translation):
            raise PermissionDenied


def _check_page(user, page_id, is_source: bool) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    if is_source:
        if not may_start_translating(user, page.specific):
            raise PermissionDenied
    elif not (may_translate_into(user, page.locale_id) and may_edit(user, page)):
        raise PermissionDenied


def _check_snippet_source(user, kwargs) -> None:
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except (LookupError, ValueError):
        return  # the view answers 404
    instance = model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
    if instance is not None and not may_start_translating(user, instance):
        raise PermissionDenied


class TranslationBoundaryMiddleware:
    """Refuses (403) wagtail-localize's views on other locales' or users' objects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None  # the admin sends anonymous visitors to its login page
        if is_localize_view(match):
            check(user, match, request.method)
        return None


# The dashboard's panels of the user's own pages (in moderation, recent edits, locks) list
# pages by their draft title, whatever the user may see now: a translation the translator
# worked on stays there after its source was taken down (issue 14, hole 3).
OWN_PAGES_PANELS = {
    "user_objects_in_workflow_moderation": "workflow_states",
    "recent_edits": "last_edits",
    "locked_pages": "locked_pages",
}


def _page_of(item):
    if isinstance(item, tuple):  # recent edits: (date, page)
        return item[1]
    return getattr(item, "content_object", item)  # a workflow state, or a page


def _is_hidden(page, ids: set[int]) -> bool:
    return isinstance(page, Page) and page.pk in ids


def _without_hidden(panel, key: str) -> None:
    original = panel.get_context_data

    def get_context_data(parent_context=None):
        context = original(parent_context)
        hidden = translator_hidden_pages(parent_context["request"].user)
        if hidden is not None and context.get(key) is not None:
            ids = set(hidden.values_list("pk", flat=True))
            items = context[key]
            context[key] = [item for item in items if not _is_hidden(_page_of(item), ids)]
        return context

    panel.get_context_data = get_context_data  # this request's panel only


@hooks.register("construct_homepage_panels")
def hide_translators_hidden_pages_in_panels(request, panels) -> None:
    if translator_hidden_pages(request.user) is None:
        return
    for panel in panels:
        key = OWN_PAGES_PANELS.get(getattr(panel, "name", None))
        if key is not None:
            _without_hidden(panel, key)
