"""Export or erase one person's newsletter subscription:
``newsletter_subscriber export|erase --email X``."""

from pact_pages.management.personal_data import PersonalDataCommand
from pact_pages.newsletter import subscriptions as newsletter
from pact_pages.newsletter.models import NewsletterSubscriber


class Command(PersonalDataCommand):
    help = "Export (as JSON) or erase what the newsletter stores about an e-mail address."
    kind = "newsletter subscription(s)"

    def export(self, email: str) -> dict:
        return newsletter.export(email)

    def count(self, email: str) -> int:
        return NewsletterSubscriber.objects.for_email(email).count()

    def erase(self, email: str) -> int:
        return newsletter.erase(email)
