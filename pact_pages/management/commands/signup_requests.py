"""Export or erase one person's sign-up requests: ``signup_requests export|erase --email X``."""

import json

from django.core.management.base import BaseCommand, CommandError

from ...privacy import erase, export, signups_for


class Command(BaseCommand):
    help = "Export (as JSON) or erase the sign-up requests sent with an e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--yes", action="store_true", help="Erase without asking for confirmation."
        )

    def handle(self, *args, action: str, email: str, yes: bool, **options):
        if "@" not in email:
            raise CommandError(f"Not an e-mail address: {email!r}")
        if action == "export":
            self.stdout.write(json.dumps(export(email), indent=2, ensure_ascii=False))
            return
        count = signups_for(email).count()
        if count == 0:
            self.stdout.write(f"No sign-up request from {email}.")
            return
        if not yes and options.get("interactive", True):
            answer = input(f"Erase {count} sign-up request(s) from {email}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing erased.")
        erased = erase(email)
        self.stdout.write(self.style.SUCCESS(f"Erased {erased} sign-up request(s) from {email}."))
