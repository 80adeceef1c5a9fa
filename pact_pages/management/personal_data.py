"""The shape of the commands that answer a person's data request (GDPR articles 15 and 17):
``<command> export|erase --email X``, for one kind of stored personal data."""

import json

from django.core.management.base import BaseCommand, CommandError


class PersonalDataCommand(BaseCommand):
    """Subclasses say what they hold (``kind``, plural) and how to export, count and erase it."""

    kind = "records"

    def export(self, email: str) -> dict:
        raise NotImplementedError

    def count(self, email: str) -> int:
        raise NotImplementedError

    def erase(self, email: str) -> int:
        raise NotImplementedError

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
            self.stdout.write(json.dumps(self.export(email), indent=2, ensure_ascii=False))
            return
        count = self.count(email)
        if count == 0:
            self.stdout.write(f"No {self.kind} for {email}.")
            return
        if not yes and options.get("interactive", True):
            answer = input(f"Erase {count} {self.kind} of {email}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing erased.")
        erased = self.erase(email)
        self.stdout.write(self.style.SUCCESS(f"Erased {erased} {self.kind} of {email}."))
