"""Congress moderators and the "Pact moderation" workflow that signatories submit to.

The workflow is the plugin's, for the plugin's pages: each section page of the plugin
(``MODERATED_TYPES``: the signatory directory, whose signatories and initiatives inherit it,
the library, map, join and newsletter pages, which translators translate and submit too,
and the calendar, whose events the Congress staff publish)
gets it when it is created, in every locale. A page that already has a workflow of its own
keeps it, and no other page's assignment is ever touched: the host's root keeps Wagtail's
"Moderators approval". A site that wants its whole tree moderated by the Congress, as the
reference site does, says so (``setup_moderation(whole_tree=True)``, ``setup_groups
--whole-tree``).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
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

from pact_pages.events.calendar import CalendarPage
from pact_pages.initiatives.library import InitiativeLibraryPage
from pact_pages.map.models import MapPage
from pact_pages.newsletter.page import NewsletterPage
from pact_pages.onboarding.join_page import JoinPage
from pact_pages.safeguarding.models import SafeguardingApprovalTask, as_safeguarding_task
from pact_pages.signatories import access
from pact_pages.signatories.access import permission
from pact_pages.signatories.models import SignatoryAccess, SignatoryIndexPage
from pact_pages.translation.translators import setup_translator_groups

MODERATORS = "Congress moderators"
WORKFLOW = "Pact moderation"
TASK = "Congress moderators approve"

# The plugin's section pages; everything else of the plugin lives under the directory.
MODERATED_TYPES = (
    SignatoryIndexPage,
    InitiativeLibraryPage,
    MapPage,
    JoinPage,
    NewsletterPage,
    CalendarPage,
)

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
def setup_moderation(whole_tree: bool = False) -> Setup:
    """The group, the workflow on the plugin's pages, and every group's rights in step.

    ``whole_tree``: the workflow on the root page too (every page of every locale), replacing
    the root's workflow; only for a site that is the campaign's own, as the reference site.
    """
    group = moderators_group()
    workflow = moderation_workflow(group)
    for page in moderated_pages():
        moderate(page, workflow)
    if whole_tree:
        WorkflowPage.objects.update_or_create(
            page=Page.get_first_root_node(), defaults={"workflow": workflow}
        )
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
    """The workflow (assigned to no page here): Congress moderators approve."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    # Group approval where each finding of the safeguarding check is ticked (issue 19); a
    # plain group approval task of that name (made before migration 0024) becomes one.
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = SafeguardingApprovalTask.objects.create(name=TASK)
    task = as_safeguarding_task(task)
    task.groups.add(group)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def moderated_pages() -> QuerySet:
    return Page.objects.type(*MODERATED_TYPES)


def moderate(page: Page, workflow: Workflow | None = None) -> bool:
    """The workflow on ``page``, unless it has one of its own already; True if assigned."""
    if WorkflowPage.objects.filter(page=page).exists():
        return False
    workflow = workflow or moderation_workflow(moderators_group())
    WorkflowPage.objects.create(page=page, workflow=workflow)
    return True


def moderate_new_section(sender, instance: Page, created: bool, raw: bool = False, **kwargs):
    """``post_save`` of the plugin's section pages (a new directory, its translations…): a
    host gets moderation without running a command."""
    if created and not raw:
        moderate(instance)


def connect_signals() -> None:
    from django.db.models.signals import post_save

    for model in MODERATED_TYPES:
        post_save.connect(
            moderate_new_section, sender=model, dispatch_uid=f"pact_moderate_{model.__name__}"
        )
