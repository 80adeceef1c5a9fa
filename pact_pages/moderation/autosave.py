"""Wagtail 8's autosave saves drafts only, never a moderator's or an editor's decision.

Wagtail's page editor autosaves by posting the whole edit form with ``Accept:
application/json``. A workflow action chosen in the editor ("Approve after checking",
"Request changes") is sent by workflow-action.js, which adds the action's hidden fields to
that same form and submits it. An autosave fired in between carried those fields too, and
the edit view performed the action a second time alongside the real submission: under load
the safeguarding ticks were logged twice, or the slower request saved the approved page back
as unpublished (it had loaded the page before the approval). So:

- in the browser, ``autosave-guard.js`` drops an autosave whose form holds an action;
- on the server, an autosave request that carries one is refused with Wagtail's JSON error
  (the decision itself is the form's own submission, which is not touched).
"""

from __future__ import annotations

from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

# The edit form's fields that make Wagtail's edit view act rather than save a draft.
ACTION_FIELDS = (
    "action-workflow-action",
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
)


def is_autosave(request) -> bool:
    """Wagtail's own test (``expects_json_response``): the request does not take HTML."""
    return request.method == "POST" and not request.accepts("text/html")


@hooks.register("before_edit_page", order=-10)
def refuse_actions_in_autosave(request, page):
    if not is_autosave(request) or not any(request.POST.get(f) for f in ACTION_FIELDS):
        return None
    return JsonResponse(
        {
            "success": False,
            "error_code": "blocked_by_hook",
            "error_message": _(
                "Autosave saves drafts only: approving, publishing and submitting are done "
                "with their own buttons."
            ),
        },
        status=400,
    )


@hooks.register("insert_editor_js")
def autosave_guard_js() -> str:
    return format_html('<script src="{}"></script>', static("pact_pages/js/autosave-guard.js"))
