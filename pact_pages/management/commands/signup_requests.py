"""Export or erase one person's sign-up requests: ``signup_requests export|erase --email X``."""

from pact_pages.management.personal_data import PersonalDataCommand
from pact_pages.onboarding import privacy


class Command(PersonalDataCommand):
    help = "Export (as JSON) or erase the sign-up requests sent with an e-mail address."
    kind = "sign-up request(s)"

    def export(self, email: str) -> dict:
        return privacy.export(email)

    def count(self, email: str) -> int:
        return privacy.signups_for(email).count()

    def erase(self, email: str) -> int:
        return privacy.erase(email)
