"""Public forms of the plugin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pact_pages.core.email_addresses import validate_deliverable_email
from pact_pages.onboarding.models import SignupRequest


def _empty_choice(field: forms.ChoiceField, label: str) -> None:
    """Name the empty first option of a required select (Django's default is "---------")."""
    field.choices = [("", label), *(c for c in field.choices if c[0] != "")]


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
        # Each says what to do, so that the summary's "Country: Choose a country." helps.
        error_messages = {
            "name": {"required": _("Enter the name of the town, region, organisation or person.")},
            "signatory_type": {"required": _("Choose the type of signatory.")},
            "country": {"required": _("Choose a country.")},
            "place": {"required": _("Enter the town or region.")},
            "contact_person": {"required": _("Enter the name of a contact person.")},
            "email": {"required": _("Enter an e-mail address.")},
            "role": {"required": _("Enter your role.")},
        }
        widgets = {
            f"commitment_{p}": forms.Textarea(attrs={"rows": 3})
            for p in ("prevention", "protection", "prosecution", "participation")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].validators.append(validate_deliverable_email)
        # A select's first option says what to do, not Django's "---------".
        _empty_choice(self.fields["signatory_type"], _("Choose a type of signatory…"))
        _empty_choice(self.fields["country"], _("Choose a country…"))

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website_url"))
