"""Models of the pact_pages plugin, one module per concern."""

from pact_pages.api.models import ApiIndexEntry, ApiIndexTag, ApiIndexTotal
from pact_pages.initiatives.library import InitiativeLibraryPage
from pact_pages.initiatives.models import (
    InitiativePage,
    InitiativePageTag,
    InitiativePillar,
    InitiativeStatus,
)
from pact_pages.map.models import MapPage
from pact_pages.newsletter.models import NewsletterPage, NewsletterSubscriber
from pact_pages.onboarding.join_page import JoinPage
from pact_pages.onboarding.models import (
    LocaleTranslators,
    SignatoryAccess,
    SignupRequest,
    SignupStatus,
)
from pact_pages.pillars.models import Pillar
from pact_pages.signatories.models import SignatoryIndexPage, SignatoryPage, SignatoryType

__all__ = [
    "ApiIndexEntry",
    "ApiIndexTag",
    "ApiIndexTotal",
    "InitiativeLibraryPage",
    "InitiativePage",
    "InitiativePageTag",
    "InitiativePillar",
    "InitiativeStatus",
    "JoinPage",
    "LocaleTranslators",
    "MapPage",
    "NewsletterPage",
    "NewsletterSubscriber",
    "Pillar",
    "SignatoryAccess",
    "SignatoryIndexPage",
    "SignatoryPage",
    "SignatoryType",
    "SignupRequest",
    "SignupStatus",
]
