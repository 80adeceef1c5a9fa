"""python manage.py setup_groups: the Congress moderators group and the moderation workflow.

Safe to run again: it adds what is missing and re-syncs every signatory group's rights. The
workflow goes on the plugin's pages only (pact_pages.moderation.workflow), which get it on
their own when created: a host need not run this command.
"""

from django.core.management.base import BaseCommand

from pact_pages.moderation.workflow import setup_moderation


class Command(BaseCommand):
    help = (
        "Create or update the Congress moderators group, the 'Pact moderation' workflow "
        "and the signatory groups' rights."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--whole-tree",
            action="store_true",
            help="Also put the root page (every page of every locale) under the workflow, "
            "replacing its workflow: for the campaign's own site only.",
        )

    def handle(self, *args, **options):
        summary = setup_moderation(whole_tree=options["whole_tree"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Group '{summary.group.name}', workflow '{summary.workflow.name}', "
                f"{summary.signatory_groups} signatory group(s), "
                f"{summary.translator_groups} translator group(s) in step."
            )
        )
