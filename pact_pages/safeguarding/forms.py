"""The moderator's approval form when the safeguarding check found something."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.forms import TaskStateCommentForm
from wagtail.models import TaskState

from .review import open_findings_of

KEY = re.compile(r"[0-9a-f]{8,64}")


class FindingKeysField(forms.MultipleChoiceField):
    """The keys of the ticked findings; which ones are expected is the form's ``clean``."""

    widget = forms.MultipleHiddenInput

    def valid_value(self, value) -> bool:
        return bool(KEY.fullmatch(str(value)))


class SafeguardingApprovalForm(TaskStateCommentForm):
    """Wagtail's comment, and a tick per open finding (drawn by the modal's template).

    Wagtail builds the form without the task state; the template sends its id, so that an
    unticked finding is a form error in the modal. The task's ``on_action`` checks again
    against the task state Wagtail acts on."""

    checked = FindingKeysField(required=False, label=_("Checked findings"))
    review_task_state = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        task_state_id = data.get("review_task_state")
        if not task_state_id:
            return data
        task_state = TaskState.objects.filter(pk=task_state_id).first()
        if task_state is None:
            raise ValidationError(_("This review is over: reload the page."))
        page = task_state.workflow_state.content_object
        ticked = set(data.get("checked") or ())
        missing = [finding for finding in open_findings_of(page) if finding.key not in ticked]
        if missing:
            raise ValidationError(
                ngettext(
                    "%(count)d finding of the safeguarding check is not ticked: tick it once "
                    "you have checked it, or request changes.",
                    "%(count)d findings of the safeguarding check are not ticked: tick each "
                    "once you have checked it, or request changes.",
                    len(missing),
                )
                % {"count": len(missing)},
                code="unchecked_findings",
            )
        return data
