"""Choosers and autocompletes that named other signatories' drafts (issue 14, hole 3).

Wagtail's page chooser is filtered by the ``construct_page_chooser_queryset`` hook, but
some of its views have no hook: "chosen multiple" returns the draft title of any id, the
external-link form recognises a page's address and answers with its draft title, the
copy form names the chosen parent in its refusal, and the tag autocomplete offers tags
used only on others' drafts. These views run through ``VIEW_FILTERS``, called by
``pact_pages.trust.admin_restrictions.DraftTitlesGuardMiddleware`` before the view: a filter
refuses (a response), corrects the request, or returns a function that corrects the view's
response. The view itself, its checks (admin access…) and the other middlewares still run.
Staff see everything.
"""

import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from taggit.models import GenericTaggedItemBase, Tag, TaggedItemBase
from wagtail.admin.views.chooser import ExternalLinkView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.models import Page
from wagtail.permissions import policy_registry

from pact_pages.core.params import CONTROL, text_param
from pact_pages.trust.chooser_overrides import edit_override
from pact_pages.trust.draft_titles import pages_visible_to, sees_every_draft

AfterView = Callable[[HttpResponse], HttpResponse]
ViewFilter = Callable[[HttpRequest, dict], HttpResponse | AfterView | None]


def _integers(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


def chosen_multiple(request, kwargs) -> None:
    """``?id=``: the pages the user may see; never the root (it has no parent: a 500)."""
    pages = Page.objects.filter(pk__in=_integers(request.GET.getlist("id")), depth__gt=1)
    if not sees_every_draft(request.user):
        pages = pages.filter(pk__in=pages_visible_to(request.user).values("pk"))
    request.GET = request.GET.copy()
    request.GET.setlist("id", [str(pk) for pk in pages.values_list("pk", flat=True)])


def external_link(request, kwargs) -> AfterView | None:
    """An address of a page the user may not see stays an external link (Wagtail would
    answer with the page's id and draft title)."""
    if request.method != "POST":
        return None
    url_field = f"{ExternalLinkView.form_prefix}-url"
    if url_field not in request.POST:
        request.POST = request.POST.copy()  # Wagtail 8 fails on a missing address (a 500)
        request.POST[url_field] = ""
    if sees_every_draft(request.user):
        return None
    return lambda response: _unmatched(request, response)


def _unmatched(request, response) -> HttpResponse:
    page_id = _matched_page_id(response)
    if page_id is None or pages_visible_to(request.user).filter(pk=page_id).exists():
        return response
    plain = ExternalLinkView()
    plain.setup(request)
    plain.form = plain.form_class(
        request.POST, initial=plain.get_initial_data(), prefix=plain.form_prefix
    )
    plain.form.is_valid()
    return plain.render_chosen_response(plain.get_result_data())


def _matched_page_id(response) -> int | None:
    json_type = response.get("Content-Type", "").split(";")[0] == "application/json"
    if response.status_code != 200 or not json_type:
        return None
    data = json.loads(response.content)
    # A page recognised: its id in the result, or in "internal" when asking to confirm.
    for page in (data.get("result"), data.get("internal")):
        if isinstance(page, dict) and page.get("id") is not None:
            return page["id"]
    return None


def copy_page(request, kwargs) -> HttpResponse | None:
    """A copy's new parent must be a page the user may see (Wagtail's refusal names it,
    and the form shown again shows it in its chooser)."""
    if request.method == "POST" and not sees_every_draft(request.user):
        parent = _integers([request.POST.get("new_parent_page", "")])
        if not pages_visible_to(request.user).filter(pk__in=parent).exists():
            messages.error(request, _("Sorry, you do not have permission to access this area."))
            return redirect("wagtailadmin_home")
    return None


def tag_autocomplete(request, kwargs) -> AfterView | None:
    """Only tags used on what the user may see: tags of others' drafts stay unknown."""
    if CONTROL.search(request.GET.get("term", "")):
        # Nothing is tagged so; Wagtail's own view would hand a NUL to PostgreSQL (a 500).
        return JsonResponse([], safe=False)
    if sees_every_draft(request.user):
        return None
    return lambda response: _visible_tags_only(request, kwargs, response)


def _visible_tags_only(request, kwargs, response) -> HttpResponse:
    if response.status_code != 200:
        return response
    tag_model = Tag
    if kwargs.get("app_name") and kwargs.get("model_name"):
        content_type = ContentType.objects.get_by_natural_key(
            kwargs["app_name"], kwargs["model_name"]
        )
        tag_model = content_type.model_class()
    term = text_param(request.GET, "term")
    if not term:
        return JsonResponse([], safe=False)  # as Wagtail's
    names = (
        tag_model.objects.filter(name__istartswith=term)
        .filter(pk__in=visible_tags(request.user, tag_model))
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)


def visible_tags(user, tag_model) -> QuerySet:
    """The ids of ``tag_model``'s tags used on pages the user may see, or on media the user
    may choose; an unused tag (left by a draft) is not offered."""
    used = Q(pk__in=[])
    for relation in tag_model._meta.related_objects:
        through = relation.related_model
        if issubclass(through, GenericTaggedItemBase):
            used |= Q(pk__in=_generic_tags(user, through))
        elif issubclass(through, TaggedItemBase) and _tags_pages(through):
            pages = pages_visible_to(user).values("pk")
            used |= Q(pk__in=through.objects.filter(content_object__in=pages).values("tag"))
    return tag_model.objects.filter(used).values("pk")


def _tags_pages(through) -> bool:
    field = next((f for f in through._meta.get_fields() if f.name == "content_object"), None)
    return field is not None and issubclass(field.related_model, Page)


def _generic_tags(user, through) -> QuerySet:
    """Tags of images and documents (taggit's generic tagged items) the user may use."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    items = Q(pk__in=[])
    for model in (get_image_model(), get_document_model()):
        usable = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            user, ["choose", "change"]
        )
        content_type = ContentType.objects.get_for_model(model)
        items |= Q(content_type=content_type, object_id__in=usable.values("pk"))
    return through.objects.filter(items).values("tag")


# By URL name: the views whose answer these filters correct.
VIEW_FILTERS: dict[str, ViewFilter] = {
    "wagtailadmin_choose_page_chosen_multiple": chosen_multiple,
    "wagtailadmin_choose_page_external_link": external_link,
    "wagtailadmin_pages:copy": copy_page,
    "wagtailadmin_tag_autocomplete": tag_autocomplete,
    "wagtailadmin_tag_model_autocomplete": tag_autocomplete,
    "wagtail_localize:edit_override": edit_override,
}
