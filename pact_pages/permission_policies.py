"""Who may do what with the plugin's non-page models in the admin."""

from wagtail.models import Page
from wagtail.permissions import register_permission_policy


def register_permission_policies() -> None:
    from pact_pages.newsletter.admin import SubscriberPermissionPolicy
    from pact_pages.newsletter.models import NewsletterSubscriber
    from pact_pages.onboarding.admin import AccessPermissionPolicy, SignupPermissionPolicy
    from pact_pages.onboarding.models import SignupRequest
    from pact_pages.pillars.models import Pillar
    from pact_pages.signatories.models import SignatoryAccess
    from pact_pages.translation.rules import TranslatorPagePermissionPolicy
    from pact_pages.translation.translators import TranslatablePermissionPolicy

    register_permission_policy(SignupRequest, SignupPermissionPolicy(SignupRequest))
    register_permission_policy(SignatoryAccess, AccessPermissionPolicy(SignatoryAccess))
    register_permission_policy(Pillar, TranslatablePermissionPolicy(Pillar))
    register_permission_policy(
        NewsletterSubscriber, SubscriberPermissionPolicy(NewsletterSubscriber)
    )
    # Pages: Wagtail's policy, without what translators may not see (issue 14, hole 3).
    register_permission_policy(Page, TranslatorPagePermissionPolicy(Page))
