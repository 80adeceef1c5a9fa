"""Public forms of the plugin."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import EmailValidator, validate_email
from django.utils.translation import gettext_lazy as _

from pact_pages.models import SignupRequest
from pact_pages.newsletter.models import normalise_email

EMAIL_MAX_LENGTH = 254  # the e-mail columns of SignupRequest and NewsletterSubscriber


def validate_deliverable_email(value: str) -> None:
    """Refuses addresses Django's EmailValidator takes but no mail can be sent to.

    A domain that IDNA cannot encode (a bidi mark, a label over 63 characters once encoded)
    makes the mail fail after the form said "we have sent you an e-mail"; a letter that grows
    when lower-cased (İ) can push the stored address past its column. Raised as "invalid", so
    each form shows its own message for a bad address.
    """
    try:
        validate_email(value)
    except ValidationError:
        return  # the field's own validator says so, once
    try:
        sanitize_address(value, "utf-8")
    except ValueError as error:  # UnicodeError (IDNA) is a ValueError
        raise ValidationError(EmailValidator.message, code="invalid") from error
    if len(normalise_email(value)) > EMAIL_MAX_LENGTH:
        raise ValidationError(EmailValidator.message, code="invalid")


class JoinForm(forms.ModelForm):
    """The "Join the Pact" form; ``website_url`` is a honeypot that people never see."""

    website_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    accepted_pact = forms.BooleanField(
        label=_("I have read the Pact and commit to it on behalf of the signatory."),
        error_messages={"required": _("Please accept the Pact to sign it.")},
    )
    accepted_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree to my data being used to process "
            "this request."
        ),
        error_messages={"required": _("Please accept the privacy notice.")},
    )

    class Meta:
        model = SignupRequest
        fields = [
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
        ]
        help_texts = {
            "name": _("The town, region, association, organisation, or your name."),
            "role": _("Your role, e.g. mayor, head of social services."),
        }
        widgets = {
            f"commitment_{p}": forms.Textarea(attrs={"rows": 3})
            for p in ("prevention", "protection", "prosecution", "participation")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].validators.append(validate_deliverable_email)

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website_url"))
