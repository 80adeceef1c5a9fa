"""What wagtail-localize's editor lacks in a moderated site (see the template override
``wagtail_localize/admin/edit_translation.html``): the moderator's review actions on a
translation awaiting them, and "Update from the source" when the original changed since."""

from django import template
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_review(context, instance) -> dict | None:
    """The current moderation task of a translated page, when the user may act on it."""
    request = context.get("request")
    if request is None or not isinstance(instance, Page):
        return None
    state = instance.current_workflow_state
    task_state = state.current_task_state if state is not None else None
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        return {"task_state": None, "actions": [], "changes_requested": True}
    if task_state is None or state.status != state.STATUS_IN_PROGRESS:
        return None
    labels: dict[str, str] = {}
    for name, label, _modal in task_state.task.specific.get_actions(instance, request.user):
        labels.setdefault(name, label)  # "Approve", not also "Approve with comment"
    return {
        "task_state": task_state,
        "actions": list(labels.items()),
        "revision": instance.latest_revision_id,
    }


@register.simple_tag
def source_changed_since(instance) -> bool:
    """The original was published after this language's translation last followed it."""
    from pact_pages.translation.translators import out_of_date_translations

    if not isinstance(instance, Page):
        return False
    return out_of_date_translations([instance.locale_id]).filter(pk=instance.pk).exists()
