"""Admin registration: the four Ps as a snippet that only staff with rights can change."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from pact_pages.api import headless_preview
from pact_pages.api.headless_preview import HeadlessPreviewMenuItem
from pact_pages.moderation.takedown import TakeDownMenuItem, take_down_view
from pact_pages.onboarding.admin import SignatoryAccessViewSet, SignupRequestViewSet
from pact_pages.pillars.models import Pillar
from pact_pages.translation.admin import OutOfDateTranslationsPanel


class PillarEditView(EditView):
    """Translators edit the Ps of their own locales only (see TranslatablePermissionPolicy)."""

    def get_object(self, queryset=None):
        pillar = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", pillar
        ):
            raise PermissionDenied
        return pillar


class PillarIndexView(IndexView):
    """The listing's button says "Add a P" (Wagtail's "Add %(model_name)s" has no article)."""

    add_item_label = _("Add a P")


class PillarViewSet(SnippetViewSet):
    """The four Ps: editable (name, description, colour) by users with the change right."""

    model = Pillar
    icon = "tag"
    menu_label = _("The four Ps")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "colour", "locale"]
    list_filter = ["locale"]
    edit_view_class = PillarEditView
    index_view_class = PillarIndexView
    ordering = ["sort_order"]


register_snippet(PillarViewSet)


@hooks.register("register_admin_viewset")
def register_signup_viewset():
    return SignupRequestViewSet("pact_signups")


@hooks.register("register_admin_viewset")
def register_access_viewset():
    return SignatoryAccessViewSet("pact_access")


@hooks.register("register_page_action_menu_item")
def register_take_down_menu_item():
    return TakeDownMenuItem()


@hooks.register("register_page_action_menu_item")
def register_headless_preview_menu_item():
    return HeadlessPreviewMenuItem()


@hooks.register("register_admin_urls")
def register_headless_preview_url():
    return [
        path(
            "pact/headless-preview/<int:page_id>/",
            headless_preview.preview_view,
            name="pact_headless_preview",
        )
    ]


@hooks.register("register_admin_urls")
def register_take_down_url():
    return [path("pact/take-down/<int:page_id>/", take_down_view, name="pact_take_down")]


@hooks.register("register_admin_urls")
def register_readability_url():
    # The editor's readability guidance for an initiative's version for children.
    from pact_pages.initiatives.children import readability_view

    return [path("pact/readability/", readability_view, name="pact_readability")]


# Staff dashboard panel and CSV exports, for Congress moderators (pact_pages.staff.dashboard,
# pact_pages.staff.exports); imported here so that loading this module stays cheap.


@hooks.register("construct_homepage_panels")
def add_staff_dashboard_panel(request, panels):
    from pact_pages.staff.dashboard import StaffDashboardPanel, can_view_staff_data

    if can_view_staff_data(request.user) and _plugin_tables_exist():
        panels.append(StaffDashboardPanel())


@hooks.register("construct_homepage_panels")
def add_signatory_dashboard_panel(request, panels):
    """A signatory editor's own pages and an "Add an initiative" button
    (pact_pages.staff.signatory_panel); it renders nothing for those who edit no signatory."""
    from pact_pages.staff.signatory_panel import SignatoryDashboardPanel

    if request.user.is_authenticated and _plugin_tables_exist():
        panels.append(SignatoryDashboardPanel(request.user))


def _plugin_tables_exist() -> bool:
    """False between ``migrate pact_pages zero`` and the app's removal from the settings
    (docs/plugin.md, Removal): the dashboard then shows Wagtail's panels only."""
    from django.db import connections, router

    from pact_pages.onboarding.models import SignupRequest

    connection = connections[router.db_for_read(SignupRequest)]
    return SignupRequest._meta.db_table in connection.introspection.table_names()


@hooks.register("register_admin_urls")
def register_export_urls():
    from pact_pages.staff.exports import export_urls

    return export_urls()


@hooks.register("register_admin_menu_item")
def register_exports_menu_item():
    from pact_pages.staff.exports import exports_menu_item

    return exports_menu_item()


# "Translate" and "Update translations" screens: pact_pages.translation.boundary_hooks.


@hooks.register("construct_homepage_panels")
def add_out_of_date_translations_panel(request, panels):
    panels.append(OutOfDateTranslationsPanel(request.user))


# Wagtail's explorer would show another signatory's pages to an editor with rights in
# several locales' trees (pact_pages.trust.admin_restrictions).


@hooks.register("register_admin_viewset")
def register_initiative_page_viewset():
    from pact_pages.trust.admin_restrictions import InitiativePageViewSet

    return InitiativePageViewSet()


@hooks.register("construct_page_chooser_queryset")
def hide_other_signatories_drafts_in_chooser(pages, request):
    from pact_pages.trust.admin_restrictions import limit_page_chooser

    return limit_page_chooser(pages, request)


# Newsletter subscribers (pact_pages.newsletter.admin): for staff with its permissions only.


@hooks.register("register_admin_viewset")
def register_newsletter_viewset():
    from pact_pages.newsletter.admin import NewsletterSubscriberViewSet

    return NewsletterSubscriberViewSet("pact_newsletter")


# Trust boundaries (pact_pages.trust, pact_pages.translation) and the translators' work list:
# each module registers its own hooks.
# The safeguarding check in the page editor and the moderators' ticks (issue 19).
from pact_pages.moderation import autosave as autosave_hooks  # noqa: E402,F401
from pact_pages.safeguarding import admin_hooks as safeguarding_hooks  # noqa: E402,F401
from pact_pages.safeguarding import presubmit as safeguarding_presubmit  # noqa: E402,F401
from pact_pages.translation import boundary_hooks as translation_hooks  # noqa: E402,F401
from pact_pages.translation import hooks as translation_work_hooks  # noqa: E402,F401
from pact_pages.trust import chooser_hooks, media_hooks, people_hooks  # noqa: E402,F401


# order=1: after Wagtail's own registration of the "page" link type, which this replaces.
@hooks.register("register_rich_text_features", order=1)
def register_reader_page_links(features) -> None:
    """Page links in rich text keep the reader's language prefix
    (pact_pages.core.rich_text_links)."""
    from pact_pages.core.rich_text_links import ReaderPageLinkHandler

    features.register_link_type(ReaderPageLinkHandler)


@hooks.register("construct_reports_menu")
def hide_staff_reports(request, menu_items) -> None:
    """The reports that only staff may open (pact_pages.trust.admin_restrictions.STAFF_REPORTS:
    they list every signatory's drafts) are not offered to the others."""
    from django.urls import resolve

    from pact_pages.trust.admin_restrictions import STAFF_REPORTS, sees_every_draft

    if sees_every_draft(request.user):
        return
    menu_items[:] = [
        item for item in menu_items if resolve(str(item.url)).view_name not in STAFF_REPORTS
    ]


# The staff's follow-up of the reporting rounds (issue 20, pact_pages.progress.views): each
# open round's dashboard, its CSV and the reminder to the overdue; Congress moderators only.
@hooks.register("register_admin_urls")
def register_follow_up_urls():
    from pact_pages.progress.views import admin_urls

    return admin_urls()


@hooks.register("register_admin_menu_item")
def register_follow_up_menu_item():
    from pact_pages.progress.views import menu_item

    return menu_item()


# Stop or resume a signatory's reporting reminders (issue 20): staff and its own editors.
@hooks.register("register_admin_urls")
def register_reminder_urls():
    from pact_pages.follow_up.reminder_views import admin_urls

    return admin_urls()


@hooks.register("register_page_header_buttons")
def reminder_header_button(page, user, view_name=None, next_url=None):
    from pact_pages.follow_up.reminder_views import header_buttons

    yield from header_buttons(page, user, view_name, next_url)
