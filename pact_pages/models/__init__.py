"""Models of the pact_pages plugin, one module per concern."""

from .initiatives import InitiativePage, InitiativePageTag, InitiativePillar, InitiativeStatus
from .library import InitiativeLibraryPage
from .pillars import Pillar
from .signatories import SignatoryIndexPage, SignatoryPage, SignatoryType

__all__ = [
    "InitiativeLibraryPage",
    "InitiativePage",
    "InitiativePageTag",
    "InitiativePillar",
    "InitiativeStatus",
    "Pillar",
    "SignatoryIndexPage",
    "SignatoryPage",
    "SignatoryType",
]
