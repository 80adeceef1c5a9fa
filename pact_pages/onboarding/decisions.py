"""Joining the Pact: acknowledging, approving and rejecting sign-up requests.

Approval is one transaction: the draft signatory page, the group, the media collection and,
when no account has the applicant's address yet, a new account are all created, or none is.
E-mails are queued (pact_pages.core.tasks) only once it has committed.

An account is never bound to a signatory because its address matches the request's: an
address is only as trustworthy as the proof that its owner reads it. When an account already
has the address, the applicant is mailed a signed link (pact_pages.onboarding.claims) that
adds the signatory to the account of whoever follows it while signed in: the mail proves the
mailbox, the session proves the account (docs/signatories.md, "Approval and accounts").
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from pact_pages.core.ratelimit import recipient_allows
from pact_pages.core.tasks import enqueue_email
from pact_pages.onboarding.claims import claim_link
from pact_pages.onboarding.models import SignupRequest, SignupStatus
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.signatories import access
from pact_pages.signatories.models import SignatoryIndexPage, SignatoryPage


class OnboardingError(Exception):
    """A sign-up request cannot be approved or rejected; the message says why."""


@dataclass(frozen=True)
class Approval:
    signatory: SignatoryPage
    user: object | None  # None: an account has the address; the applicant claims it by mail
    new_account: bool


def acknowledge(signup: SignupRequest) -> None:
    """Tells the applicant that the request arrived and what happens next.

    At most PACT_JOIN_MAIL_RATE_LIMIT acknowledgements per mailbox, from any connection: the
    form cannot flood someone else's inbox. The request itself is always stored (and the
    form answers the same way), so a genuine applicant loses nothing but a repeated mail.
    """
    if recipient_allows("join", signup.email, "PACT_JOIN_MAIL_RATE_LIMIT"):
        _send(signup.email, signup.language, "acknowledgement", {"signup": signup})


def default_directory() -> SignatoryIndexPage:
    directory = (
        SignatoryIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    )
    if directory is None:
        raise OnboardingError(_("There is no signatory directory page to add the signatory to."))
    return directory


def approve(signup: SignupRequest, by, directory: SignatoryIndexPage | None = None) -> Approval:
    """Creates the signatory (draft), its editor's account, group and collection."""
    with transaction.atomic():
        signup = _lock_pending(signup)
        signatory = _create_signatory(signup, directory or default_directory(), by)
        user, new_account = _account_for(signup)
        if user is None:
            access.ensure_access(signatory)  # the group waits for the claim link
        else:
            access.grant(user, signatory)
        signup.status = SignupStatus.APPROVED
        signup.signatory = signatory
        _decided(signup, by)
        transaction.on_commit(lambda: _invite(signup, user, signatory, new_account))
    return Approval(signatory=signatory, user=user, new_account=new_account)


def reject(signup: SignupRequest, by, reason: str) -> None:
    """Rejects a request with a reason that the applicant receives by e-mail."""
    if not reason.strip():
        raise OnboardingError(_("Give a reason: the applicant receives it by e-mail."))
    with transaction.atomic():
        signup = _lock_pending(signup)
        signup.status = SignupStatus.REJECTED
        signup.rejection_reason = reason.strip()
        _decided(signup, by)
        transaction.on_commit(
            lambda: _send(signup.email, signup.language, "rejection", {"signup": signup})
        )


def _lock_pending(signup: SignupRequest) -> SignupRequest:
    locked = SignupRequest.objects.select_for_update().get(pk=signup.pk)
    if not locked.is_pending:
        raise OnboardingError(
            _("This request was already %(status)s.") % {"status": locked.get_status_display()}
        )
    return locked


def _decided(signup: SignupRequest, by) -> None:
    signup.decided_at = timezone.now()
    signup.decided_by = by
    signup.save()


def _create_signatory(signup: SignupRequest, directory: SignatoryIndexPage, by) -> SignatoryPage:
    page = SignatoryPage(
        title=signup.name,
        slug=_free_slug(directory, signup.name),
        official_name=signup.name,
        signatory_type=signup.signatory_type,
        country=signup.country,
        contact_person=signup.contact_person,
        contact_email=signup.email,
        introduction="",
        live=False,
        owner=by,
        **{f"commitment_{p}": getattr(signup, f"commitment_{p}") for p in PILLAR_SLUGS},
    )
    directory.add_child(instance=page)
    page.save_revision(user=by, log_action=True)
    return page


def _free_slug(parent, name: str) -> str:
    base = slugify(name)[:60] or "signatory"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _account_for(signup: SignupRequest):
    """A new account for the applicant, or (None, False) when the address has one already:
    that account is only bound through the claim link sent to the address."""
    User = get_user_model()
    if User.objects.filter(email__iexact=signup.email.strip()).exists():
        return None, False
    return create_account(signup.contact_person, signup.email), True


def create_account(contact_person: str, email: str):
    """An account without a password (set through the invitation's one-time link)."""
    User = get_user_model()
    first, _sep, last = contact_person.strip().partition(" ")
    user = User(username=free_username(contact_person), email=email.strip())
    user.first_name, user.last_name = first[:150], last[:150]
    user.set_unusable_password()
    user.save()
    return user


def free_username(contact_person: str) -> str:
    """A user name from the contact's name, never from the address: user names are shown
    to co-editors and typed into the sign-in form, an address is personal data."""
    User = get_user_model()
    base = slugify(contact_person)[:30].strip("-") or "signatory-editor"
    username, number = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, number = f"{base}-{number}", number + 1
    return username


def invitation_link(user) -> str:
    """A one-time link to set a password (Django's reset token: void once used)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _invite(signup: SignupRequest, user, signatory: SignatoryPage, new_account: bool) -> None:
    if user is None:
        context = {"signup": signup, "signatory": signatory, "link": claim_link(signup)}
        _send(signup.email, signup.language, "claim_invitation", context)
        return
    context = {
        "signup": signup,
        "signatory": signatory,
        "user": user,
        "new_account": new_account,
        # An account that never set its password (an earlier invitation unused) gets a link too.
        "link": None if user.has_usable_password() else invitation_link(user),
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home"),
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailadmin_pages:edit", args=[signatory.pk]),
    }
    _send(signup.email, signup.language, "invitation", context)


def _send(to: str, language: str, template: str, context: dict) -> None:
    with translation.override(language):
        subject = render_to_string(f"pact_pages/emails/{template}_subject.txt", context)
        body = render_to_string(f"pact_pages/emails/{template}.txt", context)
    # Queued: the worker talks to the SMTP server, the request does not wait for it.
    enqueue_email(subject, body, [to])
