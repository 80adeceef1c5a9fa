"""Personal data of people who asked to join: export, erasure and retention (GDPR).

Sign-up requests hold a contact person's name, e-mail and role. A person may ask for a copy
(``export``) or for erasure (``erase``); rejected requests are kept only
``PACT_REJECTED_SIGNUP_RETENTION_DAYS`` days (``purge_rejected``). Pending requests are never
purged automatically (they await a decision); approved ones document why a signatory exists and
are erased only on request. See docs/security.md, "Privacy".
"""

import datetime

from django.db import transaction
from django.utils import timezone

from pact_pages.conf import pact_setting
from pact_pages.onboarding.models import SignupRequest, SignupStatus

EXPORTED_FIELDS = (
    "name",
    "signatory_type",
    "country",
    "place",
    "contact_person",
    "email",
    "role",
    "commitment_prevention",
    "commitment_protection",
    "commitment_prosecution",
    "commitment_participation",
    "accepted_pact",
    "accepted_privacy",
    "language",
    "status",
    "rejection_reason",
    "created_at",
    "decided_at",
)


def signups_for(email: str):
    return SignupRequest.objects.filter(email__iexact=email.strip())


def export(email: str) -> dict:
    """Everything stored about ``email`` in sign-up requests, as JSON-ready data."""
    records = []
    for signup in signups_for(email).order_by("created_at"):
        record = {}
        for name in EXPORTED_FIELDS:
            value = getattr(signup, name)
            record[name] = value.isoformat() if isinstance(value, datetime.datetime) else value
        records.append(record)
    return {"email": email.strip(), "signup_requests": records}


@transaction.atomic
def erase(email: str) -> int:
    """Deletes every sign-up request of ``email``; returns how many there were.

    The signatory page that an approved request led to is public content, edited by the
    signatory itself: its contact fields are erased by its editors or staff in the admin.
    """
    deleted, _ = signups_for(email).delete()
    return deleted


def retention_days() -> int:
    return int(pact_setting("PACT_REJECTED_SIGNUP_RETENTION_DAYS"))


def expired_rejections(now: datetime.datetime | None = None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    return SignupRequest.objects.filter(status=SignupStatus.REJECTED, decided_at__lt=cutoff)


def purge_rejected(now: datetime.datetime | None = None) -> int:
    """Deletes rejected requests decided more than the retention period ago."""
    deleted, _ = expired_rejections(now).delete()
    return deleted
