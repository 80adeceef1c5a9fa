"""The editor's form of a progress report: choices limited to the signatory's own plan and
initiatives, one report per round, no new report in a closed round, entries prefilled.

Rules (docs/follow-up.md):
- a signatory reports once per round (any translation of the report counts once);
- once staff have closed a round, a signatory's editors cannot start a report for it;
  staff (whoever may create rounds) still can, e.g. for a report received by post;
- a report first submitted after the deadline, while the round is open, is accepted and
  marked late (``ProgressReportPage.is_late``): reminders after the deadline ask the overdue
  for it, so it is no error; the round's choice says so before the editor picks it;
- each entry reports on an action of the signatory's own plan, and cites one of its own
  initiatives as evidence.
"""

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from pact_pages.follow_up.plans import ActionPlanPage, PlanAction
from pact_pages.follow_up.rounds import ReportingRoundPage
from pact_pages.initiatives.models import InitiativePage


def round_choices(locale_id: int | None, current_id: int | None = None) -> QuerySet:
    """One page per published round: its translation in ``locale_id`` where there is one,
    else its source. A round staff still prepare as a draft is not offered (its title is
    theirs until published); the report's own round (``current_id``) always is. Rounds are
    few (one or two a year): read in one query, filtered by id."""
    rounds = list(
        ReportingRoundPage.objects.live().values_list("pk", "translation_key", "locale_id")
    )
    chosen: dict = {}
    for pk, key, _locale in sorted(rounds, key=lambda r: r[2] != locale_id):
        chosen.setdefault(key, pk)
    pks = [*chosen.values(), current_id]
    return ReportingRoundPage.objects.filter(pk__in=pks).order_by("-deadline")


def plan_actions_of(signatory: Page) -> QuerySet:
    """The actions of the plan under ``signatory`` (this translation of it)."""
    plans = ActionPlanPage.objects.child_of(signatory)
    return PlanAction.objects.filter(page__in=plans).select_related("pillar")


def round_label(round: ReportingRoundPage) -> str:
    """The round as the editor picks it: its deadline, and what choosing it means once the
    deadline has passed (the report is marked late) or the round is closed."""
    values = {"title": round.title, "date": date_format(round.deadline)}
    if round.closed:
        return gettext("%(title)s (closed)") % values
    if round.is_past_deadline():
        return gettext("%(title)s (deadline %(date)s passed: the report will be marked late)") % (
            values
        )
    return gettext("%(title)s (deadline %(date)s)") % values


def may_run_rounds(user, round: ReportingRoundPage) -> bool:
    """Staff of the follow-up: whoever may create rounds where this one is."""
    if user is None:
        return False
    parent = round.get_parent()
    return bool(user.is_superuser or parent.permissions_for_user(user).can_add_subpage())


class ProgressReportPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.signatory = self.parent_page
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if "round" in self.fields:
            self.fields["round"].queryset = round_choices(locale_id, self.instance.round_id)
            self.fields["round"].label_from_instance = round_label
        formset = self.formsets.get("entries")
        if formset is None or self.signatory is None:
            return
        actions = plan_actions_of(self.signatory)
        initiatives = InitiativePage.objects.child_of(self.signatory)
        original_add_fields = formset.add_fields

        def add_fields(form, index):
            original_add_fields(form, index)
            form.fields["action"].queryset = actions
            form.fields["evidence"].queryset = initiatives

        formset.add_fields = add_fields
        if not self.is_bound and not self.instance.pk:
            # A new report lists the plan's actions, so the editor fills in where each stands.
            initial = [{"action": action.pk} for action in actions]
            formset.extra = len(initial)
            formset.initial_extra = initial

    def clean(self):
        cleaned_data = super().clean()
        round = cleaned_data.get("round")
        if round is not None and self.signatory is not None:
            self._check_round(round)
        return cleaned_data

    def _check_round(self, round: ReportingRoundPage) -> None:
        report = self.instance
        new_round = report.pk is None or report.round_id != round.pk
        if round.closed and new_round and not may_run_rounds(self.for_user, round):
            self.add_error(
                "round",
                _("This round is closed: reports are no longer accepted. Ask the Congress."),
            )
        others = (
            type(report)
            .objects.filter(round__translation_key=round.translation_key)
            .exclude(translation_key=report.translation_key)
        )
        signatories = Page.objects.filter(translation_key=self.signatory.translation_key)
        for signatory in signatories:
            if others.child_of(signatory).exists():
                self.add_error(
                    "round",
                    _("This signatory already has a report for this round: edit that one."),
                )
                break
