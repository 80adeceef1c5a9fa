"""Progress reports: a signatory's answer to one reporting round, action by action."""

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page, TranslatableMixin, WorkflowState
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pact_pages.core.queries import public
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.follow_up.plans import PlanAction
from pact_pages.follow_up.report_form import ProgressReportPageForm
from pact_pages.follow_up.rounds import ReportingRoundPage
from pact_pages.follow_up.serving import UnderSignatoryMixin


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionReport(TranslatableMixin, Orderable):
    """Where one action of the plan stands. The figures are the same in every language;
    only what helped and what hindered are translated."""

    page = ParentalKey(
        "pact_pages.ProgressReportPage", related_name="entries", on_delete=models.CASCADE
    )
    action = models.ForeignKey(
        "pact_pages.PlanAction",
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    indicator_value = models.PositiveIntegerField(
        _("value of the indicator"),
        null=True,
        blank=True,
        help_text=_("A whole number: what the indicator counts so far."),
    )
    helped = models.TextField(_("what helped"), blank=True)
    hindered = models.TextField(_("what hindered"), blank=True)
    evidence = models.ForeignKey(
        "pact_pages.InitiativePage",
        verbose_name=_("initiative showing it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Plain lists (the form offers the signatory's own actions and initiatives only), not
    # Wagtail's page chooser, which would browse the whole tree.
    panels = [
        FieldPanel("action"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
        FieldPanel("indicator_value"),
        FieldPanel("helped"),
        FieldPanel("hindered"),
        FieldPanel("evidence", widget=forms.Select),
    ]

    # The action stays the source plan's (wagtail-localize would otherwise ask for the plan's
    # translation first); readers find its title in their language by its translation key.
    translatable_fields = [
        SynchronizedField("action"),
        SynchronizedField("status"),
        SynchronizedField("progress"),
        SynchronizedField("indicator_value"),
        TranslatableField("helped"),
        TranslatableField("hindered"),
        SynchronizedField("evidence"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("progress of an action")
        verbose_name_plural = _("progress of the actions")

    def __str__(self) -> str:
        return str(self.action) if self.action_id else str(_("(action removed)"))


def _public_ids(page_ids: set) -> set:
    """Those of ``page_ids`` that are live and public (one query, none when empty)."""
    if not page_ids:
        return set()
    return set(public(Page.objects.live().filter(pk__in=page_ids)).values_list("pk", flat=True))


class ProgressReportPage(UnderSignatoryMixin, BaseTemplateMixin, Page):
    """One signatory's report for one round, under its profile. Public once published (that
    is, approved in the "Pact moderation" workflow, which the directory's pages inherit)."""

    round = models.ForeignKey(
        "pact_pages.ReportingRoundPage",
        verbose_name=_("reporting round"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)

    base_form_class = ProgressReportPageForm
    content_panels = Page.content_panels + [
        FieldPanel("round", widget=forms.Select),
        FieldPanel("summary"),
        InlinePanel("entries", label=_("Progress of the actions")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    # The round a report answers is the same in every language.
    override_translatable_fields = [SynchronizedField("round")]

    parent_page_types = ["pact_pages.SignatoryPage"]
    subpage_types: list[str] = []
    template = "pact_pages/follow_up/progress_report_page.html"

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.entries_for_readers()
        # The round's title only once the round is public (staff may prepare one as a draft).
        context["round"] = self.round if self.round.pk in _public_ids({self.round_id}) else None
        return context

    def entries_for_readers(self) -> list[ActionReport]:
        """The entries, each action in the report's language where the plan is translated,
        the evidence only when it is a public initiative (``entry.shown_evidence``). An action
        whose plan is not public (a draft, private) is not named (``entry.action`` is None,
        ``entry.action_hidden`` True): the report is public, the plan's drafts are not."""
        entries = list(self.entries.select_related("action", "evidence"))
        keys = [entry.action.translation_key for entry in entries if entry.action_id]
        translated = {
            action.translation_key: action
            for action in PlanAction.objects.filter(
                translation_key__in=keys, locale_id=self.locale_id
            )
        }
        shown = _public_ids(
            {entry.evidence_id for entry in entries if entry.evidence_id}
            | {entry.action.page_id for entry in entries if entry.action_id}
            | {action.page_id for action in translated.values()}
        )
        for entry in entries:
            entry.action_hidden = False
            if entry.action_id:
                choices = (translated.get(entry.action.translation_key), entry.action)
                entry.action = next((a for a in choices if a and a.page_id in shown), None)
                entry.action_hidden = entry.action is None
            entry.shown_evidence = entry.evidence if entry.evidence_id in shown else None
        return entries

    @property
    def submitted_on(self) -> datetime.date:
        """When the report was first published, else when it was last saved."""
        moment = self.first_published_at or self.latest_revision_created_at or timezone.now()
        return timezone.localdate(moment)

    @property
    def is_late(self) -> bool:
        """Submitted after the round's deadline (allowed while the round is open)."""
        return self.submitted_on > self.round.deadline

    @classmethod
    def submitted_signatory_keys(cls, round: ReportingRoundPage) -> set:
        """Translation keys of the signatories that submitted a report for ``round`` (any
        translation of it): published, or waiting in moderation. A draft does not count.
        Three queries whatever the number of reports."""
        reports = list(
            cls.objects.filter(round__translation_key=round.translation_key).values_list(
                "pk", "path", "live"
            )
        )
        waiting = {
            int(object_id)
            for object_id in WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[str(pk) for pk, _path, live in reports if not live],
                status=WorkflowState.STATUS_IN_PROGRESS,
            ).values_list("object_id", flat=True)
        }
        parents = {path[: -Page.steplen] for pk, path, live in reports if live or pk in waiting}
        if not parents:
            return set()
        return set(Page.objects.filter(path__in=parents).values_list("translation_key", flat=True))
