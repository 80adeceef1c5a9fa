"""The moderators' side of the safeguarding check: the approval task and its log.

``SafeguardingApprovalTask`` is Wagtail's group approval (the same groups, the same
actions) where approving a page that still has open findings (``review.open_findings``:
a phone number, a child named with an age… that no moderator ticked yet) needs one tick
per finding; the "Pact moderation" workflow's task is one (migration 0024 converts the
existing task in place, keeping its id, groups and task states). ``SafeguardingCheck`` logs
each tick: who, when, which page and revision, which finding.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Task, TaskState

from .checks import SafeguardingCheck
from .forms import SafeguardingApprovalForm
from .review import open_findings_of, record_checks

__all__ = ["SafeguardingApprovalTask", "SafeguardingCheck", "as_safeguarding_task"]


class SafeguardingApprovalTask(GroupApprovalTask):
    """Group approval where the findings of the safeguarding check are ticked one by one."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return actions
        if not open_findings_of(obj):
            return actions  # Wagtail's own: approve in one click
        # Approving opens the form where each finding is ticked (one "approve" entry).
        return [(name, label, modal) for name, label, modal in actions if name != "approve"] + [
            ("approve", _("Approve after checking"), True)
        ]

    def get_form_for_action(self, action):
        if action == "approve":
            return SafeguardingApprovalForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "pact_pages/admin/safeguarding_approve.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if not _still_in_progress(task_state):
            # The same decision sent twice (a double submission, two tabs): the first one
            # stands; nothing is approved, logged or published again.
            return None
        checked = set(kwargs.pop("checked", None) or ())
        kwargs.pop("review_task_state", None)
        if action_name == "approve":
            page = task_state.workflow_state.content_object
            findings = open_findings_of(page, refresh=True)
            if any(finding.key not in checked for finding in findings):
                # The forms refuse first, with a message; this is the last word (a form
                # sent without them, or text changed while approving).
                raise PermissionDenied
            record_checks(page, findings, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve; each finding of the safeguarding check "
            "(phone numbers, e-mail addresses, children named with an age…) is ticked first"
        )

    class Meta:
        verbose_name = _("Group approval with safeguarding check")
        verbose_name_plural = _("Group approvals with safeguarding check")


def _still_in_progress(task_state: TaskState) -> bool:
    """Whether the task state awaits a decision, its row locked until this one commits (on
    PostgreSQL a concurrent decision waits here, then finds it taken)."""
    rows = TaskState.objects.select_for_update().filter(pk=task_state.pk)
    return list(rows.values_list("status", flat=True)) == [TaskState.STATUS_IN_PROGRESS]


def as_safeguarding_task(task: GroupApprovalTask) -> SafeguardingApprovalTask:
    """``task`` become a SafeguardingApprovalTask in place: the same id, groups, workflows and
    task states (a row in the child table, and its content type), as migration 0024 does."""
    if isinstance(task, SafeguardingApprovalTask):
        return task
    existing = SafeguardingApprovalTask.objects.filter(pk=task.pk).first()
    if existing is not None:
        return existing
    content_type = ContentType.objects.get_for_model(SafeguardingApprovalTask)
    child = SafeguardingApprovalTask(
        pk=task.pk, name=task.name, active=task.active, content_type=content_type
    )
    child.save_base(raw=True)  # the child row only; the parents' rows exist
    Task.objects.filter(pk=task.pk).update(content_type=content_type)
    return SafeguardingApprovalTask.objects.get(pk=task.pk)


def is_checked(page) -> bool:
    """Pages whose workflow has the safeguarding task: the plugin's (and, on the reference
    site, every page); a host's pages under Wagtail's own workflows are left alone. A new
    page is checked when its parent is (its workflow is the parent's)."""
    workflow = page.get_workflow()
    return workflow is not None and (
        SafeguardingApprovalTask.objects.filter(workflow_tasks__workflow=workflow).exists()
    )
