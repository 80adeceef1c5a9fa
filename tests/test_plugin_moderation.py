"""The Pact moderation workflow goes on the plugin's own pages only (issue 16, point 8).

A host site keeps its root's workflow (Wagtail's "Moderators approval", made by Wagtail's
migrations) and its pages' assignments; the plugin's section pages get "Pact moderation"
when they are created, without any command; ``setup_groups`` may run any number of times.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Page, Workflow, WorkflowPage

from pact_pages.models import LocaleTranslators
from pact_pages.moderation.workflow import WORKFLOW, moderate, setup_moderation
from tests.factories import (
    InitiativeLibraryPageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    SignatoryPageFactory,
)

pytestmark = pytest.mark.django_db


def workflow_name(page: Page) -> str | None:
    workflow = Page.objects.get(pk=page.pk).get_workflow()
    return workflow.name if workflow else None


def assignments() -> list[tuple[int, str]]:
    return sorted(WorkflowPage.objects.values_list("page_id", "workflow__name"))


def test_a_new_directory_is_moderated_and_the_hosts_pages_keep_their_workflow(home_page):
    root = Page.get_first_root_node()
    host_workflow = workflow_name(root)
    assert host_workflow is not None and host_workflow != WORKFLOW  # Wagtail's own default

    directory = SignatoryIndexPageFactory(parent=home_page)
    initiative = InitiativePageFactory(parent=SignatoryPageFactory(parent=directory))
    library = InitiativeLibraryPageFactory(parent=home_page)

    for page in (directory, initiative, library):
        assert workflow_name(page) == WORKFLOW
    assert workflow_name(home_page) == host_workflow
    assert WorkflowPage.objects.get(page=root).workflow.name == host_workflow
    assert set(
        WorkflowPage.objects.filter(workflow__name=WORKFLOW).values_list("page_id", flat=True)
    ) == {
        directory.pk,
        library.pk,
    }


def test_a_directorys_translation_is_moderated(directory, fr_locale):
    french = directory.copy_for_translation(fr_locale, copy_parents=True)

    assert workflow_name(french) == WORKFLOW


def test_a_page_with_a_workflow_of_its_own_keeps_it(home_page):
    directory = SignatoryIndexPageFactory(parent=home_page)
    own = Workflow.objects.create(name="Our editors", active=True)
    WorkflowPage.objects.filter(page=directory).update(workflow=own)

    assert moderate(directory) is False
    setup_moderation()
    call_command("setup_groups", verbosity=0)

    assert workflow_name(directory) == "Our editors"


def test_setup_groups_twice_changes_nothing_and_leaves_the_root_alone(directory, library):
    root_workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow_id
    call_command("setup_groups", verbosity=0)
    before = (assignments(), Group.objects.count(), LocaleTranslators.objects.count())

    call_command("setup_groups", verbosity=0)

    assert (assignments(), Group.objects.count(), LocaleTranslators.objects.count()) == before
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow_id == root_workflow
    assert Workflow.objects.filter(name=WORKFLOW).count() == 1


def test_setup_groups_moderates_the_directories_made_before_it(directory):
    # A directory whose assignment is missing (made by a data import, raw saves…).
    WorkflowPage.objects.filter(page=directory).delete()

    call_command("setup_groups", verbosity=0)

    assert workflow_name(directory) == WORKFLOW


def test_whole_tree_is_the_campaign_sites_choice(home_page):
    setup_moderation(whole_tree=True)

    assert workflow_name(home_page) == WORKFLOW


def test_translator_groups_only_for_the_content_languages():
    foreign = Locale.objects.create(language_code="ja")  # a host's locale, not the plugin's

    setup_moderation()

    assert not LocaleTranslators.objects.filter(locale=foreign).exists()
    assert not Group.objects.filter(name__contains="日本語").exists()
    assert LocaleTranslators.objects.filter(locale__language_code="fr").exists()
