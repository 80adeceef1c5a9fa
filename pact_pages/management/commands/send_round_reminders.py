"""Queues the reminders of the open reporting rounds that are due today (run daily by cron).

Before the deadline (14 and 3 days ahead) and once after it, to each signatory's editors, in
their language; never twice (pact_pages.follow_up.reminders). ``--dry-run`` only lists them;
``--date YYYY-MM-DD`` runs as on another day (to catch up after an outage, or to test).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from pact_pages.follow_up import reminders


class Command(BaseCommand):
    help = "Send the reminders of the open reporting rounds that are due today."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--date", help="Run as on this day (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool, date: str | None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        if dry_run:
            due = reminders.scheduled(today)
            for reminder in due:
                self.stdout.write(
                    f"{reminder.round.title} / {reminder.signatory.title}: "
                    f"{reminder.kind} {reminder.step}"
                )
            self.stdout.write(f"{len(due)} reminder(s) due.")
            return
        sent, mails = reminders.send_scheduled(today)
        self.stdout.write(f"Sent {sent} reminder(s): {mails} e-mail(s) queued.")
