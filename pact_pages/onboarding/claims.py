"""Claiming an approved signatory: nothing is bound to an account by an e-mail match alone
(issue 14).

When an approved applicant's address already belongs to an account, approval binds nobody
(:mod:`pact_pages.onboarding.decisions`): the address receives a signed link that adds the
signatory to the account of whoever follows it while signed in. The mail proves the mailbox,
the session the account; the link works once (while the signatory's group has no member) and
for ``CLAIM_MAX_AGE``. The admin URL is registered by :mod:`pact_pages.trust.people_hooks`.
"""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from pact_pages.onboarding.models import SignupRequest, SignupStatus
from pact_pages.signatories import access
from pact_pages.signatories.models import SignatoryAccess

CLAIM_SALT = "pact_pages.people.claim"
CLAIM_MAX_AGE = 30 * 24 * 3600


def absolute_admin_url(path: str) -> str:
    """``path`` on the admin's own host (``WAGTAILADMIN_BASE_URL``), for links in mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def claim_link(signup: SignupRequest) -> str:
    token = signing.dumps({"signup": signup.pk}, salt=CLAIM_SALT)
    return absolute_admin_url(reverse("pact_people_claim", args=[token]))


def _claimable(token: str) -> tuple[SignupRequest, SignatoryAccess] | None:
    """The approved request and its access, while nobody has claimed it; None: no good."""
    try:
        payload = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature:
        return None
    signup = SignupRequest.objects.filter(
        pk=payload.get("signup"), status=SignupStatus.APPROVED, signatory__isnull=False
    ).first()
    if signup is None:
        return None
    signatory_access = SignatoryAccess.objects.filter(
        translation_key=signup.signatory.translation_key
    ).first()
    if signatory_access is None or signatory_access.group.user_set.exists():
        return None  # used already (or the signatory was removed)
    return signup, signatory_access


def claim_view(request, token: str):
    """GET: what following the link will do; POST: add the signatory to this account."""
    claimable = _claimable(token)
    if claimable is None:
        return TemplateResponse(
            request, "pact_pages/people/claim.html", {"invalid": True}, status=400
        )
    signup, _signatory_access = claimable
    if request.method == "POST":
        with transaction.atomic():
            access.grant(request.user, signup.signatory.specific)
        messages.success(
            request,
            _("%(name)s is now in your account.") % {"name": signup.signatory.title},
        )
        return redirect("wagtailadmin_pages:edit", signup.signatory_id)
    context = {"signatory": signup.signatory, "account": request.user}
    return TemplateResponse(request, "pact_pages/people/claim.html", context)
