"""Accounts and addresses: nothing is bound to an account by an e-mail match alone (issue 14).

* **Claiming a signatory.** An approved applicant whose address has an account claims the
  signatory by a signed link: :mod:`pact_pages.onboarding.claims`.
* **Changing one's address.** Wagtail's own e-mail field is off
  (``WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False``); this panel of the account settings sends a
  link to the new address instead, and the address changes when its owner follows it,
  signed in as the same account. An address another account uses is refused then (not when
  asked, which would tell any editor whether an address has an account).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.log_actions import log

from pact_pages.core.ratelimit import recipient_allows
from pact_pages.core.tasks import enqueue_email
from pact_pages.onboarding.claims import absolute_admin_url

EMAIL_SALT = "pact_pages.people.email"
EMAIL_MAX_AGE = 3 * 24 * 3600


def address_in_use(email: str, exclude_pk=None) -> bool:
    """Another account has ``email`` (addresses are unique per account, in any case)."""
    others = get_user_model().objects.filter(email__iexact=email.strip())
    return others.exclude(pk=exclude_pk).exists() if exclude_pk else others.exists()


# ---------------------------------------------------------------------------------------
# Changing one's e-mail address
# ---------------------------------------------------------------------------------------


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=gettext_lazy("New e-mail address"),
        required=False,
        max_length=254,
    )

    def __init__(self, *args, instance=None, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance, self.request = instance, request
        self.fields["new_email"].help_text = _(
            "Your address is %(email)s. We send a link to the new address; it replaces this "
            "one when you follow the link, signed in as you are now."
        ) % {"email": instance.email or "—"}

    def save(self) -> None:
        new = (self.cleaned_data.get("new_email") or "").strip()
        if not new or new.lower() == (self.instance.email or "").lower():
            return
        send_email_confirmation(self.instance, new)
        messages.info(
            self.request,
            _("We sent a link to %(email)s: your address changes when you follow it.")
            % {"email": new},
        )


class EmailChangePanel(BaseSettingsPanel):
    name = "pact_email"
    title = gettext_lazy("E-mail address")
    order = 110
    form_class = EmailChangeForm

    def get_form(self):
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=self.user, request=self.request, prefix=self.name)


def email_token(user, new_email: str) -> str:
    payload = {"user": user.pk, "old": user.email, "new": new_email}
    return signing.dumps(payload, salt=EMAIL_SALT)


def send_email_confirmation(user, new_email: str) -> None:
    # Per mailbox: the panel cannot be used to flood someone else's inbox.
    if not recipient_allows("email-change", new_email, "PACT_EMAIL_CHANGE_MAIL_RATE_LIMIT"):
        return
    token = email_token(user, new_email)
    link = absolute_admin_url(reverse("pact_people_confirm_email", args=[token]))
    subject = _("Confirm your new e-mail address")
    body = _(
        "Someone signed in as %(username)s on the Pact's site asked to use this address "
        "for the account. If it was you, sign in and follow this link (it works for 3 "
        "days):\n%(link)s\n\nIf it was not you, ignore this mail: nothing changes."
    ) % {"username": user.get_username(), "link": link}
    enqueue_email(subject, body, [new_email])


def confirm_email_view(request, token: str):
    """Sets the new address if the signed-in account asked for it and nobody else has it."""
    try:
        payload = signing.loads(token, salt=EMAIL_SALT, max_age=EMAIL_MAX_AGE)
    except signing.BadSignature:
        return HttpResponseBadRequest(_("This link is not valid (or has expired)."))
    user = get_object_or_404(get_user_model(), pk=request.user.pk)
    if payload.get("user") != user.pk or payload.get("old") != user.email:
        return HttpResponseBadRequest(_("This link is not valid (or has expired)."))
    if request.method != "POST":
        context = {"new_email": payload["new"]}
        return TemplateResponse(request, "pact_pages/people/confirm_email.html", context)
    if address_in_use(payload["new"], exclude_pk=user.pk):
        messages.error(request, _("Another account uses this address: it was not changed."))
        return redirect("wagtailadmin_account")
    user.email = payload["new"]
    user.save(update_fields=["email"])
    log(user, "wagtail.edit", user=user)
    messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": user.email})
    return redirect("wagtailadmin_account")
