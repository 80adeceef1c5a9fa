"""The safeguarding check in Wagtail's page editor (imported by ``pact_pages.wagtail_hooks``).

- Editors: opening the editor of a page whose latest draft has findings shows them above
  the form, each linked to its field with its passage marked. A warning, never a refusal:
  saving a draft is Wagtail's as before; a submission with findings the editor was not shown
  yet is saved as a draft first, with the findings listed (``presubmit``).
- Moderators approving from the editor (Wagtail's "Approve" in the action menu): without a
  tick for each open finding, the edit is saved as a draft and the approval refused with a
  message, instead of the task refusing it after the save.
- Publishing directly (a moderator's or a trusted signatory's "Publish", a scheduled date,
  Wagtail's bulk publish) a page whose draft has open findings is refused, the draft kept:
  the ticks are given in the workflow's approval only, so such a page is submitted.
- The moderators' ticks appear in the page's history (Wagtail's log).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from .models import SafeguardingApprovalTask, is_checked
from .presubmit import remember_shown
from .review import LOG_ACTION, findings_of, open_findings_of


@hooks.register("before_edit_page")
def show_findings_in_the_editor(request, page):
    if request.method != "GET" or not is_checked(page):
        return None
    # ``page`` is the editor's: the latest revision (or the one being reverted to).
    findings = findings_of(page, content=page)
    if findings:
        remember_shown(request, findings)  # submitting them now is the editor's choice
        html = render_to_string(
            "pact_pages/admin/safeguarding_editor_warning.html",
            {"findings": findings, "page": page},
            request=request,
        )
        messages.warning(request, html)
    return None


def _ticked(request) -> set[str]:
    try:
        extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        return set()
    checked = extra.get("checked") if isinstance(extra, dict) else None
    return {str(key) for key in checked} if isinstance(checked, list) else set()


@hooks.register("before_edit_page")
def refuse_unchecked_approval(request, page):
    """An approval sent from the editor without the ticks saves the draft only."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if request.POST.get("workflow-action-name") != "approve":
        return None
    task = page.current_workflow_task
    if not isinstance(task, SafeguardingApprovalTask):
        return None
    ticked = _ticked(request)
    missing = [finding for finding in open_findings_of(page) if finding.key not in ticked]
    if not missing:
        return None
    post = request.POST.copy()
    del post["action-workflow-action"]  # Wagtail's edit view then saves a draft
    request.POST = post
    messages.error(
        request,
        ngettext(
            "Not approved: %(count)d finding of the safeguarding check is not ticked. Your "
            "changes are saved as a draft.",
            "Not approved: %(count)d findings of the safeguarding check are not ticked. Your "
            "changes are saved as a draft.",
            len(missing),
        )
        % {"count": len(missing)},
    )
    return None


def unchecked_findings(page) -> int:
    """How many open findings the latest revision of ``page`` has (0 outside the check)."""
    return len(open_findings_of(page, refresh=True)) if is_checked(page) else 0


@hooks.register("before_publish_page")
def refuse_publishing_unchecked_findings(request, page):
    """The editor's "Publish" (and a scheduled date) of a draft with open findings: the
    revision is saved, not published; the page goes to the moderators' ticks instead."""
    count = unchecked_findings(page)
    if not count:
        return None
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "add":
        # Wagtail's create view saved the new row live before this hook: a draft instead.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.error(
        request,
        ngettext(
            "Not published: %(count)d finding of the safeguarding check needs a moderator's "
            "tick. Your changes are saved as a draft: submit it for moderation.",
            "Not published: %(count)d findings of the safeguarding check need a moderator's "
            "tick. Your changes are saved as a draft: submit it for moderation.",
            count,
        )
        % {"count": count},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_unchecked_findings(request, action_type, objects, action):
    """Wagtail's bulk publish publishes each page's latest revision (and, asked to, its
    descendants' drafts): refused while one of them has open findings."""
    if action_type != "publish" or not all(isinstance(obj, Page) for obj in objects):
        return None
    pages = list(objects)
    if request.POST.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().filter(has_unpublished_changes=True))
    blocked = [page for page in pages if unchecked_findings(page.specific)]
    if not blocked:
        return None
    messages.error(
        request,
        _(
            "Not published: %(titles)s need a moderator's tick for each finding of the "
            "safeguarding check: submit them for moderation."
        )
        % {"titles": ", ".join(f"“{page.title}”" for page in blocked)},
    )
    return redirect(request.GET.get("next") or "wagtailadmin_explore_root")


@hooks.register("register_log_actions")
def register_safeguarding_log_action(actions) -> None:
    @actions.register_action(LOG_ACTION)
    class SafeguardingChecked(LogFormatter):
        label = _("Safeguarding findings checked")

        def format_message(self, log_entry) -> str:
            findings = log_entry.data.get("findings") or []
            passages = "; ".join(
                f"{item.get('field', '')}: “{item.get('passage', '')}”" for item in findings
            )
            return ngettext(
                "Checked %(count)d finding of the safeguarding check before approving: "
                "%(passages)s",
                "Checked %(count)d findings of the safeguarding check before approving: "
                "%(passages)s",
                len(findings),
            ) % {"count": len(findings), "passages": passages}
