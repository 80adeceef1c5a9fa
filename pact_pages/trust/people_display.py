"""Names of accounts in the admin's rows, as a signatory editor or a translator sees them.

``people_scope`` narrows the user *lists* (filters). The rows of a history, a report or a
page's status panel name users too: a translator working on another signatory's French page
sees who edited it, an editor sees which moderator approved its page. Here such a viewer
sees its own name and its peers' (``people_scope.visible_users``); any other account is
shown as a neutral label: "Congress staff" for staff, "Another user" for the rest.

Wagtail names a user through ``wagtail.admin.utils.get_user_display_name`` (the template
filter ``user_display_name``, filter labels, editing sessions, locks),
``BaseLogEntry.user_display_name`` (histories), ``UserColumn`` (listings) and the
reports' spreadsheet exports (a user field's value). It has no hook
for these, so they are wrapped once (the picture has one: ``get_avatar_url``); they apply
only while ``PeopleDisplayMiddleware`` has a signed-in, non-staff viewer. Staff, anonymous
pages, management commands and workers see names as before.
"""

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.staticfiles import versioned_static

from pact_pages.trust.people_scope import is_staff_viewer, visible_users


class _Viewer:
    def __init__(self, request):
        self.request = request

    @cached_property
    def visible_ids(self) -> set | None:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        visible = visible_users(user)
        return None if visible is None else set(visible.values_list("pk", flat=True))

    @cached_property
    def staff_labels(self) -> dict:
        return {}


_viewer: ContextVar[_Viewer | None] = ContextVar("pact_people_viewer", default=None)


class PeopleDisplayMiddleware:
    """Makes the request's user the viewer of the names rendered while it is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        viewer = _Viewer(request)
        token = _viewer.set(viewer)
        try:
            response = self.get_response(request)
        finally:
            _viewer.reset(token)
        if response.streaming:
            # A CSV export is written while the server reads it, after this call returned.
            response.streaming_content = _as_viewer(viewer, response.streaming_content)
        return response


def _as_viewer(viewer: _Viewer, chunks):
    """``chunks``, each produced with ``viewer`` as the viewer of the names in it."""
    iterator = iter(chunks)
    while True:
        token = _viewer.set(viewer)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _viewer.reset(token)
        yield chunk


def hidden_label(user) -> str | None:
    """The neutral label that replaces ``user``'s name for the current viewer; None: show it."""
    viewer = _viewer.get()
    pk = getattr(user, "pk", None)
    if viewer is None or pk is None:
        return None
    visible = viewer.visible_ids
    if visible is None or pk in visible:
        return None
    if pk not in viewer.staff_labels:
        viewer.staff_labels[pk] = is_staff_viewer(user)
    return _("Congress staff") if viewer.staff_labels[pk] else _("Another user")


def _scoped_display_name(original):
    def get_user_display_name(user):
        return hidden_label(user) or original(user)

    get_user_display_name.pact_people_scoped = True
    return get_user_display_name


def _scoped_log_entry_name(original):
    def user_display_name(entry):
        if entry.user_id:
            label = hidden_label(entry.user)
            if label:
                return label
        return original(entry)

    return user_display_name


def _scoped_user_cell(original):
    def get_cell_context_data(column, instance, parent_context):
        context = original(column, instance, parent_context)
        label = hidden_label(context.get("value"))
        if label:
            context["display_name"] = label
        return context

    return get_cell_context_data


def _scoped_export_value(original):
    def preprocess_field_value(view, field, value, export_format):
        label = hidden_label(value) if isinstance(value, get_user_model()) else None
        return label or original(view, field, value, export_format)

    return preprocess_field_value


def default_avatar(user, size) -> str | None:
    """Hook ``get_avatar_url``: a hidden account's picture (or Gravatar of its address) is
    as telling as its name."""
    if hidden_label(user):
        return versioned_static("wagtailadmin/images/default-user-avatar.png")
    return None


def install() -> None:
    """Wraps Wagtail's ways of naming a user (once): the display-name function, the log
    entries' property and the listings' user column."""
    import wagtail.admin.filters
    import wagtail.admin.templatetags.wagtailadmin_tags
    import wagtail.admin.utils
    import wagtail.admin.views.editing_sessions
    import wagtail.locks
    import wagtail.users.views.users
    from wagtail.admin.ui.tables import UserColumn
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.models.audit_log import BaseLogEntry

    current = wagtail.admin.utils.get_user_display_name
    if getattr(current, "pact_people_scoped", False):
        return
    scoped = _scoped_display_name(current)
    for module in (
        wagtail.admin.utils,
        wagtail.admin.filters,
        wagtail.admin.templatetags.wagtailadmin_tags,
        wagtail.admin.views.editing_sessions,
        wagtail.locks,
        wagtail.users.views.users,
    ):
        module.get_user_display_name = scoped
    prop = cached_property(_scoped_log_entry_name(BaseLogEntry.user_display_name.func))
    prop.__set_name__(BaseLogEntry, "user_display_name")
    BaseLogEntry.user_display_name = prop
    UserColumn.get_cell_context_data = _scoped_user_cell(UserColumn.get_cell_context_data)
    # Reports' CSV and XLSX exports write a user field as its user name.
    SpreadsheetExportMixin.preprocess_field_value = _scoped_export_value(
        SpreadsheetExportMixin.preprocess_field_value
    )
