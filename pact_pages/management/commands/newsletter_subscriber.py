"""Export or erase one person's newsletter subscription:
``newsletter_subscriber export|erase --email X``."""

import json

from django.core.management.base import BaseCommand, CommandError

from ...models import NewsletterSubscriber
from ...newsletter import erase, export


class Command(BaseCommand):
    help = "Export (as JSON) or erase what the newsletter stores about an e-mail address."

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
        if not NewsletterSubscriber.objects.for_email(email).exists():
            self.stdout.write(f"No newsletter subscription for {email}.")
            return
        if not yes and options.get("interactive", True):
            answer = input(f"Erase the newsletter subscription of {email}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing erased.")
        erase(email)
        self.stdout.write(self.style.SUCCESS(f"Erased the newsletter subscription of {email}."))
