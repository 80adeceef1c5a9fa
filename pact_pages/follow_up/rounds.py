"""Reporting rounds: Congress staff ask every signatory for a progress report by a deadline."""

import datetime

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pact_pages.core.languages import NAMES
from pact_pages.core.queries import public
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.pillars.models import PILLAR_SLUGS


def _default_languages() -> list[str]:
    return [settings.LANGUAGE_CODE.split("-")[0]]


def language_choices() -> list[tuple[str, str]]:
    """The site's languages, each in its own name."""
    return [(code, NAMES.get(code, str(name))) for code, name in settings.LANGUAGES]


class ReportingRoundPageForm(WagtailAdminPageForm):
    # The site's languages as boxes to tick, instead of the JSON list the model stores.
    languages = forms.MultipleChoiceField(
        label=_("languages the reports are asked in"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ReportingRoundIndexPage(BaseTemplateMixin, Page):
    """ "Follow-up": the section of the site that holds the reporting rounds (one per site)."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types = ["pact_pages.ReportingRoundPage"]
    max_count_per_parent = 1
    template = "pact_pages/follow_up/reporting_round_index_page.html"

    class Meta:
        verbose_name = _("follow-up of the Pact")
        verbose_name_plural = _("follow-up sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rounds = ReportingRoundPage.objects.child_of(self).live()
        context["rounds"] = public(rounds).order_by("-period_start", "pk")
        return context


class ReportingRoundPage(BaseTemplateMixin, Page):
    """One round of reporting: the period reported on, the deadline and the questions.

    Only staff create rounds: they live outside the signatory directory, where signatory
    editors have no rights (pact_pages.signatories.access gives them their own subtree only).
    """

    period_start = models.DateField(_("start of the period reported on"))
    period_end = models.DateField(_("end of the period reported on"))
    deadline = models.DateField(_("deadline for reports"))
    question_prevention = models.TextField(_("question on prevention"), blank=True)
    question_protection = models.TextField(_("question on protection"), blank=True)
    question_prosecution = models.TextField(_("question on prosecution"), blank=True)
    question_participation = models.TextField(_("question on participation"), blank=True)
    languages = models.JSONField(
        _("languages the reports are asked in"),
        default=_default_languages,
        blank=True,
        help_text=_("Shown on the round's page; signatories may report in any of them."),
    )
    closed = models.BooleanField(
        _("closed"),
        default=False,
        help_text=_("A closed round takes no new reports and sends no reminders."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("deadline"),
                FieldPanel("languages"),
                FieldPanel("closed"),
            ],
            heading=_("Round"),
        ),
        MultiFieldPanel(
            [FieldPanel(f"question_{slug}") for slug in PILLAR_SLUGS],
            heading=_("Questions under the four Ps"),
        ),
    ]
    search_fields = Page.search_fields + [index.FilterField("deadline")]

    # Dates and state are facts of the round in every language; the questions are translated.
    override_translatable_fields = [
        SynchronizedField("period_start"),
        SynchronizedField("period_end"),
        SynchronizedField("deadline"),
        SynchronizedField("languages"),
        SynchronizedField("closed"),
    ]

    parent_page_types = ["pact_pages.ReportingRoundIndexPage"]
    subpage_types: list[str] = []
    template = "pact_pages/follow_up/reporting_round_page.html"
    base_form_class = ReportingRoundPageForm

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.period_start and self.deadline and self.deadline < self.period_start:
            errors["deadline"] = _("The deadline cannot be before the start of the period.")
        if not isinstance(self.languages, list) or not all(
            isinstance(code, str) and code.strip() for code in self.languages
        ):
            errors["languages"] = _('Give a list of language codes, e.g. ["en", "fr"].')
        else:
            known = {code for code, _name in settings.LANGUAGES}
            unknown = [code for code in self.languages if code not in known]
            if unknown:
                errors["languages"] = _("Unknown language codes: %(codes)s.") % {
                    "codes": ", ".join(unknown)
                }
        if errors:
            raise ValidationError(errors)

    @property
    def language_names(self) -> list[str]:
        return [NAMES.get(code, code) for code in self.languages or []]

    @property
    def is_open(self) -> bool:
        return not self.closed

    def is_past_deadline(self, today: datetime.date | None = None) -> bool:
        return (today or datetime.date.today()) > self.deadline

    def questions(self) -> list[tuple[str, str]]:
        """(P slug, question) for each P the round asks about."""
        return [
            (slug, text) for slug in PILLAR_SLUGS if (text := getattr(self, f"question_{slug}"))
        ]

    def is_overdue_for(self, signatory: Page, today: datetime.date | None = None) -> bool:
        """True when the deadline has passed and ``signatory`` (any of its translations) has
        submitted no report for this round (a draft is not a report; one in moderation is)."""
        if not self.is_past_deadline(today):
            return False
        # Reports sit above rounds (they point at them): their model by name.
        reports = apps.get_model("pact_pages", "ProgressReportPage")
        return signatory.translation_key not in reports.submitted_signatory_keys(self)
