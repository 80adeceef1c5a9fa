"""The newsletter sign-up form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages

from pact_pages.core.email_addresses import validate_deliverable_email
from pact_pages.newsletter.subscriptions import Choices
from pact_pages.pillars.models import PILLAR_SLUGS, Pillar


def pillar_choices(locale) -> list[tuple[str, str]]:
    """(slug, name) of the four Ps, named in ``locale`` where translated."""
    names: dict[str, str] = {}
    for pillar in Pillar.objects.filter(slug__in=PILLAR_SLUGS).select_related("locale"):
        if pillar.locale_id == locale.pk or pillar.slug not in names:
            names[pillar.slug] = pillar.name
    return [(slug, names.get(slug, slug)) for slug in PILLAR_SLUGS]


class NewsletterForm(forms.Form):
    """E-mail, language, Ps and consent; ``website_url`` is a honeypot people never see."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        validators=[validate_deliverable_email],
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address such as name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=(),  # set in __init__: the site's content languages
    )
    pillars = forms.MultipleChoiceField(
        label=_("The Ps that interest you"),
        help_text=_("Leave them all unticked to hear about all four."),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my e-mail address, language and "
            "choice of Ps are kept to send me the newsletter until I unsubscribe."
        ),
        error_messages={"required": _("Please accept the privacy notice to subscribe.")},
    )
    website_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = list(get_content_languages().items())
        self.fields["pillars"].choices = pillar_choices(locale)
        if not self.is_bound:
            self.initial.setdefault("language", locale.language_code)

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website_url"))

    def choices(self) -> Choices:
        data = self.cleaned_data
        return Choices(
            email=data["email"], language=data["language"], pillars=tuple(data["pillars"])
        )
