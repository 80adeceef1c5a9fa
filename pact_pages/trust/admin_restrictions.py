"""Restrictions on Wagtail's own admin views that per-signatory rights need.

The page explorer: Wagtail only refuses a page outside the user's "explorable root", the
closest common ancestor of the pages the user has rights on, and shows any page under it:
its title (the draft title) and breadcrumbs, the child pages being filtered. A signatory
editor has rights on the signatory's page in every locale, and each locale has its own
tree, so that root is the root of all trees: the editor could open the explorer on any
other signatory's page or initiative and read its draft title. Here the explorer of
signatory and initiative pages refuses pages the user may not explore, as Wagtail does for
pages outside the explorable root (tests/test_permissions.py).
"""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from pact_pages.events.calendar import CalendarPage
from pact_pages.events.models import EventPage
from pact_pages.follow_up.plans import ActionPlanPage
from pact_pages.follow_up.reports import ProgressReportPage
from pact_pages.follow_up.rounds import ReportingRoundIndexPage, ReportingRoundPage
from pact_pages.initiatives.models import InitiativePage
from pact_pages.signatories.models import SignatoryPage
from pact_pages.trust.chooser_views import VIEW_FILTERS
from pact_pages.trust.draft_titles import pages_visible_to, sees_every_draft


class OwnPagesExplorerView(ExplorableIndexView):
    """Wagtail's explorer, for pages the user has rights on (or on a descendant of)."""

    def get(self, request, parent_page_id=None):
        policy = self.permission_policy
        if parent_page_id is not None:
            explorable = policy.explorable_instances(request.user)
            if not explorable.filter(pk=parent_page_id).exists():
                root = policy.explorable_root_instance(request.user)
                return redirect(self.index_url_name, root.pk)
        return super().get(request, parent_page_id)


class InitiativePageViewSet(PageViewSet):
    """Wagtail's page views, the explorer restricted; used when exploring a signatory page
    (whose children are initiatives) or an initiative."""

    model = InitiativePage
    index_view_class = OwnPagesExplorerView
    # Events too: a signatory's events (and the calendar's) are explored the same way; and
    # the follow-up's pages (a signatory's draft plan or report, staff's draft rounds).
    parent_models = [
        SignatoryPage,
        InitiativePage,
        EventPage,
        CalendarPage,
        ActionPlanPage,
        ProgressReportPage,
        ReportingRoundIndexPage,
        ReportingRoundPage,
    ]


# Other admin views that name any page by its admin (draft) title: the page chooser, the
# page types report and the bulk-action confirmation. Signatory editors and translators must
# see only their own pages' drafts there; staff (moderators, superusers) see everything.


def limit_page_chooser(pages, request):
    """Hook ``construct_page_chooser_queryset``: visible pages whose parent is visible too
    (the chooser's search names each result's parent by its admin title)."""
    if sees_every_draft(request.user):
        return pages
    visible = pages_visible_to(request.user)
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    with_visible_parent = (
        Page.objects.annotate(parent_path=parent_path)
        .filter(Q(depth=1) | Q(parent_path__in=visible.values("path")))
        .filter(pk__in=visible.values("pk"))
    )
    return pages.filter(pk__in=with_visible_parent.values("pk"))


class DraftTitlesGuardMiddleware:
    """Refuses the admin views that would show other signatories' draft titles, and runs
    the chooser views that have no hook through ``pact_pages.trust.chooser_views``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        after_view = getattr(request, "_pact_after_view", None)
        return after_view(response) if after_view else response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if _names_hidden_page(user, match):
            return _refuse(request, match)
        if match.view_name in VIEW_FILTERS:
            result = VIEW_FILTERS[match.view_name](request, view_kwargs)
            if callable(result) and not isinstance(result, HttpResponseBase):
                request._pact_after_view = result  # applied in __call__
                return None
            return result
        if sees_every_draft(user) or not self._shows_others_drafts(request, match, user):
            return None
        return _refuse(request, match)

    @staticmethod
    def _shows_others_drafts(request, match, user) -> bool:
        name = match.view_name
        if name in STAFF_REPORTS:
            return True
        if name == "wagtailadmin_choose_page_child":
            # The page and, in the breadcrumb, its ancestors.
            page = Page.objects.filter(pk=match.kwargs.get("parent_page_id")).first()
            path = page.get_ancestors(inclusive=True) if page else Page.objects.none()
            return path.exclude(pk__in=pages_visible_to(user).values("pk")).exists()
        if name in UNCHECKED_PAGE_VIEWS:
            kwarg, may = UNCHECKED_PAGE_VIEWS[name]
            page = Page.objects.filter(pk=match.kwargs.get(kwarg)).first()
            return page is not None and not may(page.permissions_for_user(user))
        if name == "wagtail_bulk_action" and match.kwargs.get("app_label") == "wagtailcore":
            pages = _bulk_action_pages(request)
            policy = policy_registry.get_by_type(Page)
            editable = policy.instances_user_has_permission_for(user, "change")
            return pages.exclude(pk__in=editable.values("pk")).exists()
        if name == "wagtail_bulk_action":
            return _bulk_action_hides_objects(request, match.kwargs)
        return False


def _refuse(request, match) -> HttpResponseBase:
    """As Wagtail refuses a page outside one's rights, without naming the page."""
    if (match.route or "").startswith("admin/api/"):
        raise PermissionDenied
    messages.error(request, _("Sorry, you do not have permission to access this area."))
    return redirect("wagtailadmin_home")


# Arguments of admin URLs that name a page (``pk`` too, in the page views and page API).
PAGE_KWARGS = ("page_id", "page_pk", "parent_page_id", "page_to_move_id", "destination_id")
PAGE_VIEW_PREFIXES = ("wagtailadmin_pages:", "wagtailadmin_api:pages:")


def _names_hidden_page(user, match) -> bool:
    """A translator's request names a page the translator may not see (a signatory's
    never-published page of the locale, a translation of a page that is not live):
    whatever the view, refused as a page outside the user's rights (issue 14, hole 3)."""
    from pact_pages.translation.rules import translator_hidden_pages

    if not (match.route or "").startswith("admin/") or sees_every_draft(user):
        return False
    ids = [match.kwargs[name] for name in PAGE_KWARGS if name in match.kwargs]
    if "pk" in match.kwargs and (match.view_name or "").startswith(PAGE_VIEW_PREFIXES):
        ids.append(match.kwargs["pk"])
    if "object_id" in match.kwargs and _is_page_model(match.kwargs):
        ids.append(match.kwargs["object_id"])
    ids = [pk for pk in map(_integer, ids) if pk is not None]
    hidden = translator_hidden_pages(user) if ids else None
    return hidden is not None and hidden.filter(pk__in=ids).exists()


def _is_page_model(kwargs) -> bool:
    try:
        model = apps.get_model(kwargs.get("app_label"), kwargs.get("model_name"))
    except (LookupError, ValueError, TypeError):
        return False
    return issubclass(model, Page)


# Reports that list pages of every signatory and locale by their draft titles, and their
# results views (what the reports' filters load).
STAFF_REPORTS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
}

# Wagtail page views that check no permission on GET: the move confirmation shows the
# page's draft title, the workflow-cancellation dialog whether it waits for moderation.
UNCHECKED_PAGE_VIEWS = {
    "wagtailadmin_pages:move_confirm": ("page_to_move_id", lambda perms: perms.can_move()),
    "wagtailadmin_pages:confirm_workflow_cancellation": (
        "page_id",
        lambda perms: perms.can_edit(),
    ),
}


def _bulk_action_hides_objects(request, kwargs) -> bool:
    """A bulk action on images, documents, snippets… lists the chosen objects' titles,
    even those the user has no right on (e.g. another signatory's documents)."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    action_class = bulk_action_registry.get_bulk_action_class(
        kwargs.get("app_label"), kwargs.get("model_name"), kwargs.get("action")
    )
    if action_class is None:
        return False  # Wagtail answers 404
    model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    action = action_class(request, model)
    ids = request.GET.getlist("id")  # Wagtail reads the ids from the query string only
    if "all" in ids:
        pks = list(action.get_all_objects_in_listing_query(request.GET.get("childOf")))
    else:
        pks = [pk for pk in map(_integer, ids) if pk is not None]
    objects = model._default_manager.filter(pk__in=pks)
    return any(not (action.check_perm(obj) or _may_use(request.user, obj)) for obj in objects)


def _may_use(user, obj) -> bool:
    """Media in a collection the user may change or choose from."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    if type(obj) not in (get_image_model(), get_document_model()):
        return False
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], obj)


def _bulk_action_pages(request) -> QuerySet:
    """The pages a bulk action would list: ``?id=`` values, or all children of ``childOf``."""
    ids = request.GET.getlist("id")
    if "all" in ids:
        if not request.GET.get("childOf"):
            return Page.objects.all()  # Wagtail takes every page
        parent = Page.objects.filter(pk=_integer(request.GET.get("childOf"))).first()
        return parent.get_children() if parent else Page.objects.none()
    return Page.objects.filter(pk__in=[_integer(value) for value in ids])


def _integer(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None
