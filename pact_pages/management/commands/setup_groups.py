"""python manage.py setup_groups: the Congress moderators group and the moderation workflow.

Safe to run again: it adds what is missing and re-syncs every signatory group's rights.
"""

from django.core.management.base import BaseCommand

from pact_pages.moderation.workflow import setup_moderation


class Command(BaseCommand):
    help = (
        "Create or update the Congress moderators group, the 'Pact moderation' workflow "
        "and the signatory groups' rights."
    )

    def handle(self, *args, **options):
        summary = setup_moderation()
        self.stdout.write(
            self.style.SUCCESS(
                f"Group '{summary.group.name}', workflow '{summary.workflow.name}', "
                f"{summary.signatory_groups} signatory group(s), "
                f"{summary.translator_groups} translator group(s) in step."
            )
        )
