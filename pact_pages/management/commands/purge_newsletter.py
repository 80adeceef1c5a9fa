"""Deletes newsletter sign-ups not confirmed within PACT_NEWSLETTER_UNCONFIRMED_DAYS.

Run it daily (cron or a scheduler); ``--dry-run`` only counts.
"""

from django.core.management.base import BaseCommand

from pact_pages.newsletter.subscriptions import (
    expired_unconfirmed,
    purge_unconfirmed,
    unconfirmed_days,
)


class Command(BaseCommand):
    help = "Delete newsletter sign-ups that were not confirmed within the allowed period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options):
        days = unconfirmed_days()
        if dry_run:
            count = expired_unconfirmed().count()
            self.stdout.write(f"{count} unconfirmed sign-up(s) older than {days} days would go.")
            return
        count = purge_unconfirmed()
        self.stdout.write(f"Deleted {count} unconfirmed sign-up(s) older than {days} days.")
