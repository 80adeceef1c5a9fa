"""Action plans: what a signatory means to do under each P, with indicators and targets."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.follow_up.serving import UnderSignatoryMixin
from pact_pages.pillars.models import Pillar


class PlanAction(TranslatableMixin, Orderable):
    """One action of a plan. Translatable (wagtail-localize): the texts are translated, the
    figures and the date are the same in every language, the P follows to its translation."""

    page = ParentalKey(
        "pact_pages.ActionPlanPage", related_name="actions", on_delete=models.CASCADE
    )
    pillar = models.ForeignKey(
        "pact_pages.Pillar", verbose_name=_("P"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    indicator = models.CharField(
        _("indicator"),
        max_length=120,
        blank=True,
        help_text=_("What you count, e.g. professionals trained."),
    )
    indicator_target = models.PositiveIntegerField(_("target value"), null=True, blank=True)

    panels = [
        FieldPanel("pillar"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("target_date"),
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("indicator_target")]),
    ]

    translatable_fields = [
        TranslatableField("pillar"),
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("indicator"),
        SynchronizedField("target_date"),
        SynchronizedField("indicator_target"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.indicator_target is not None and not self.indicator:
            raise ValidationError(
                {"indicator": _("Say what the target value counts, e.g. professionals trained.")}
            )


class ActionPlanPageForm(WagtailAdminPageForm):
    """Offers the Ps of the plan's own locale for its actions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("actions")
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if formset is not None and locale_id:
            queryset = Pillar.objects.filter(locale_id=locale_id).in_order()
            original_add_fields = formset.add_fields

            def add_fields(form, index):
                original_add_fields(form, index)
                form.fields["pillar"].queryset = queryset

            formset.add_fields = add_fields


class ActionPlanPage(UnderSignatoryMixin, BaseTemplateMixin, Page):
    """The signatory's action plan (one per signatory), under its profile."""

    introduction = models.TextField(_("introduction"), blank=True)

    base_form_class = ActionPlanPageForm
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("actions", label=_("Actions")),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["pact_pages.SignatoryPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "pact_pages/follow_up/action_plan_page.html"

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def actions_by_pillar(self) -> list[tuple[Pillar, list[PlanAction]]]:
        """(P, its actions) in the order of the Ps, for the Ps that have actions."""
        actions = list(self.actions.select_related("pillar"))
        pillars = {action.pillar_id: action.pillar for action in actions}
        ordered = sorted(pillars.values(), key=lambda p: (p.sort_order, p.slug))
        return [(p, [a for a in actions if a.pillar_id == p.pk]) for p in ordered]
