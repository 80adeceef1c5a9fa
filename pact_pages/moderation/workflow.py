"""Congress moderators and the "Pact moderation" workflow that signatories submit to."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from pact_pages.models import SignatoryAccess
from pact_pages.signatories import access
from pact_pages.signatories.access import permission
from pact_pages.translation.translators import setup_translator_groups

MODERATORS = "Congress moderators"
WORKFLOW = "Pact moderation"
TASK = "Congress moderators approve"

MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("pact_pages", "review_signuprequest"),
    ("pact_pages", "view_signuprequest"),
    ("pact_pages", "delete_signuprequest"),
    ("pact_pages", "change_pillar"),
    # Moderators start translations into any language and re-sync them (wagtail-localize's
    # "Translate" and "Update translations"); the translation work list offers both.
    ("wagtail_localize", "submit_translation"),
    ("pact_pages", "view_signatoryaccess"),
    ("pact_pages", "change_signatoryaccess"),
    ("pact_pages", "view_newslettersubscriber"),
    ("pact_pages", "delete_newslettersubscriber"),
    ("pact_pages", "export_newslettersubscriber"),
]
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MODERATOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", codename) for codename in ("add_image", "change_image", "choose_image")
] + [
    ("wagtaildocs", codename) for codename in ("add_document", "change_document", "choose_document")
]


@dataclass(frozen=True)
class Setup:
    group: Group
    workflow: Workflow
    signatory_groups: int
    translator_groups: int


@transaction.atomic
def setup_moderation() -> Setup:
    group = moderators_group()
    workflow = moderation_workflow(group)
    accesses = list(SignatoryAccess.objects.select_related("group", "collection"))
    for signatory_access in accesses:
        access.sync_permissions(signatory_access)
    translators = setup_translator_groups()
    return Setup(
        group=group,
        workflow=workflow,
        signatory_groups=len(accesses),
        translator_groups=len(translators),
    )


def moderators_group() -> Group:
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(*[permission(app, code) for app, code in MODERATOR_PERMISSIONS])
    root = Page.get_first_root_node()
    for codename in MODERATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=permission("wagtailcore", codename)
        )
    collection = Collection.get_first_root_node()
    for app_label, codename in MODERATOR_MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(app_label, codename)
        )
    return group


def moderation_workflow(group: Group) -> Workflow:
    """The workflow on the whole tree (every locale): Congress moderators approve."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK)
    task.groups.add(group)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
