"""A signatory editor's panel on the admin dashboard: their own pages and where each stands.

An editor signs in (often for the first time, after approval) to a dashboard that names their
signatory page, each of its initiatives with its moderation state ("Awaiting moderation",
"Changes requested", "Draft", "Published"…), a link to edit each, and a button to add an
initiative. Only the signatories the user edits through its group (SignatoryAccess) are
listed: never another signatory's pages. Staff, translators and moderators get no such
panel (they edit no signatory of their own; the staff panel and the translation work are
theirs).

The number of queries is bounded, whatever the number of signatories and initiatives: one
query per kind of page, with Wagtail's workflow states and schedules prefetched.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, PageQuerySet, WorkflowState

from pact_pages.initiatives.models import InitiativePage
from pact_pages.signatories.models import SignatoryAccess, SignatoryPage

INITIATIVES_SHOWN = 20


@dataclass(frozen=True)
class PageState:
    """Where a page stands, in an editor's words; ``tone`` picks the status colour."""

    label: str
    tone: str  # "live", "draft", "moderation", "changes"


@dataclass
class SignatoryRow:
    """One signatory the user edits, its state and its initiatives (most recent first)."""

    page: SignatoryPage
    state: PageState
    initiatives: list[tuple[InitiativePage, PageState]] = field(default_factory=list)
    initiative_count: int = 0
    add_initiative_url: str = ""
    explore_url: str = ""


def page_state(page: Page) -> PageState:
    """The state an editor needs: moderation first (it is what they wait for), then live."""
    workflow = page.current_workflow_state
    if workflow is not None and workflow.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return PageState(_("Changes requested"), "changes")
    if workflow is not None and workflow.status == WorkflowState.STATUS_IN_PROGRESS:
        return PageState(_("Awaiting moderation"), "moderation")
    if page.expired:
        return PageState(_("Expired"), "draft")
    if page.approved_schedule:
        return PageState(_("Scheduled"), "moderation")
    if not page.live:
        return PageState(_("Draft, not published"), "draft")
    if page.has_unpublished_changes:
        return PageState(_("Published, with unpublished changes"), "live")
    return PageState(_("Published"), "live")


def _listed(queryset: PageQuerySet) -> PageQuerySet:
    """What page_state() reads, fetched with the pages (two queries, not two per page).

    Wagtail's prefetch_workflow_states() follows the states by the base content type (Page),
    which a queryset of one page type does not match; its states are reached by the page's
    own content type, as on a specific() queryset.
    """
    states = WorkflowState.objects.active().select_related("current_task_state__task")
    return queryset.prefetch_related(
        Prefetch("_specific_workflow_states", queryset=states, to_attr="_current_workflow_states")
    ).annotate_approved_schedule()


def edited_signatories(user) -> list[SignatoryPage]:
    """The signatories ``user`` edits, one page each: in the default locale when it has one
    (that is the original; its translations follow it), else the first translation."""
    keys = SignatoryAccess.objects.filter(group__user=user).values("translation_key")
    pages = _listed(SignatoryPage.objects.filter(translation_key__in=keys)).select_related("locale")
    default_locale = Locale.get_default()
    chosen: dict = {}
    for page in pages.order_by("path"):
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale_id == default_locale.pk and current.locale_id != default_locale.pk
        ):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.get_admin_display_title().casefold())


def initiatives_under(signatories: list[SignatoryPage]) -> dict[str, list[InitiativePage]]:
    """Each signatory's initiatives (by the signatory's path), most recently edited first."""
    if not signatories:
        return {}
    under = Q()
    for signatory in signatories:
        under |= Q(path__startswith=signatory.path, depth=signatory.depth + 1)
    initiatives = _listed(InitiativePage.objects.filter(under)).order_by(
        "-latest_revision_created_at", "-pk"
    )
    by_parent: dict[str, list[InitiativePage]] = {signatory.path: [] for signatory in signatories}
    for initiative in initiatives.defer_streamfields():
        by_parent[initiative.path[: -Page.steplen]].append(initiative)
    return by_parent


def signatory_rows(user) -> list[SignatoryRow]:
    signatories = edited_signatories(user)
    initiatives = initiatives_under(signatories)
    rows = []
    for signatory in signatories:
        children = initiatives[signatory.path]
        can_add = signatory.permissions_for_user(user).can_add_subpage()
        rows.append(
            SignatoryRow(
                page=signatory,
                state=page_state(signatory),
                initiatives=[(page, page_state(page)) for page in children[:INITIATIVES_SHOWN]],
                initiative_count=len(children),
                add_initiative_url=reverse(
                    "wagtailadmin_pages:add",
                    args=("pact_pages", "initiativepage", signatory.pk),
                )
                if can_add
                else "",
                explore_url=reverse("wagtailadmin_explore", args=[signatory.pk]),
            )
        )
    return rows


class SignatoryDashboardPanel(Component):
    """ "Your signatory": shown to the editors of a signatory only, first on their dashboard."""

    name = "pact_signatory_dashboard"
    template_name = "pact_pages/admin/signatory_panel.html"
    order = 40  # above Wagtail's own panels (moderation 210 and later)

    def __init__(self, user):
        self.user = user
        self._rows: list[SignatoryRow] | None = None

    @property
    def rows(self) -> list[SignatoryRow]:
        if self._rows is None:
            self._rows = signatory_rows(self.user) if self.user.is_authenticated else []
        return self._rows

    def render_html(self, parent_context=None):
        if not self.rows:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        # The request: "View live" links read the site's root paths once, not once a page.
        request = (parent_context or {}).get("request")
        return {"rows": self.rows, "shown": INITIATIVES_SHOWN, "request": request}
