"""Every model of the plugin, for Django (which loads ``<app>.models``) and for host sites.

Each model lives in its feature's folder; code inside the plugin imports it from there, never
from here (tests/test_layout.py checks it), so that this module stays the top of the graph.
"""

from pact_pages.api.models import ApiIndexEntry, ApiIndexTag, ApiIndexTotal
from pact_pages.api.title_indexes import ApiIndexTitleKey
from pact_pages.events.calendar import CalendarPage
from pact_pages.events.models import Attendance, EventPage, EventPageTag, EventPillar
from pact_pages.follow_up.models import ReminderLog, ReminderStop
from pact_pages.follow_up.plans import ActionPlanPage, PlanAction
from pact_pages.follow_up.reports import ActionReport, ProgressReportPage
from pact_pages.follow_up.rounds import ReportingRoundIndexPage, ReportingRoundPage
from pact_pages.initiatives.library import InitiativeLibraryPage
from pact_pages.initiatives.models import (
    InitiativePage,
    InitiativePageTag,
    InitiativePillar,
    InitiativeStatus,
)
from pact_pages.map.models import MapPage
from pact_pages.newsletter.models import NewsletterSubscriber
from pact_pages.newsletter.page import NewsletterPage
from pact_pages.onboarding.join_page import JoinPage
from pact_pages.onboarding.models import SignupRequest, SignupStatus
from pact_pages.pillars.models import Pillar
from pact_pages.safeguarding.models import SafeguardingApprovalTask, SafeguardingCheck
from pact_pages.search.models import SearchEntry
from pact_pages.signatories.models import (
    SignatoryAccess,
    SignatoryIndexPage,
    SignatoryPage,
    SignatoryType,
)
from pact_pages.translation.models import LocaleTranslators

__all__ = [
    "ActionPlanPage",
    "ActionReport",
    "ApiIndexEntry",
    "ApiIndexTag",
    "ApiIndexTitleKey",
    "ApiIndexTotal",
    "Attendance",
    "CalendarPage",
    "EventPage",
    "EventPageTag",
    "EventPillar",
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
    "PlanAction",
    "ProgressReportPage",
    "ReminderLog",
    "ReminderStop",
    "ReportingRoundIndexPage",
    "ReportingRoundPage",
    "SafeguardingApprovalTask",
    "SafeguardingCheck",
    "SearchEntry",
    "SignatoryAccess",
    "SignatoryIndexPage",
    "SignatoryPage",
    "SignatoryType",
    "SignupRequest",
    "SignupStatus",
]
