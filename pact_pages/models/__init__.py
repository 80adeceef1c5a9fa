"""Models of the pact_pages plugin, one module per concern."""

from .api_index import ApiIndexEntry, ApiIndexTag, ApiIndexTotal
from .initiatives import InitiativePage, InitiativePageTag, InitiativePillar, InitiativeStatus
from .join import JoinPage
from .library import InitiativeLibraryPage
from .map import MapPage
from .newsletter import NewsletterPage, NewsletterSubscriber
from .pillars import Pillar
from .signatories import SignatoryIndexPage, SignatoryPage, SignatoryType
from .signups import LocaleTranslators, SignatoryAccess, SignupRequest, SignupStatus

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
