"""Deletes rejected sign-up requests older than PACT_REJECTED_SIGNUP_RETENTION_DAYS.

Run it daily (cron or a scheduler); ``--dry-run`` only counts.
"""

from django.core.management.base import BaseCommand

from pact_pages.onboarding.privacy import expired_rejections, purge_rejected, retention_days


class Command(BaseCommand):
    help = "Delete rejected sign-up requests decided more than the retention period ago."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options):
        days = retention_days()
        if dry_run:
            count = expired_rejections().count()
            self.stdout.write(f"{count} rejected request(s) older than {days} days would go.")
            return
        count = purge_rejected()
        self.stdout.write(f"Deleted {count} rejected request(s) older than {days} days.")
