"""What the public side reads of the follow-up (profile, round page, directory, API, CSV).

Public means: live, under no view restriction, and (for plans and reports) under a live
signatory. A report waiting in moderation is not live, so it is never read here.
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Locale, Page

from pact_pages.core.queries import from_own_table, prefer_locale, public
from pact_pages.follow_up.plans import ActionPlanPage, PlanAction
from pact_pages.follow_up.reports import ProgressReportPage
from pact_pages.follow_up.rounds import ReportingRoundPage
from pact_pages.signatories.models import SignatoryPage


def _under_live_signatory() -> Exists:
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Exists(SignatoryPage.objects.live().filter(path=parent_path))


def published_rounds() -> QuerySet:
    """The rounds a reader may see: live and public (every language)."""
    return public(from_own_table(ReportingRoundPage.objects.live()))


def rounds(locale: Locale | None = None) -> QuerySet:
    """The published rounds, newest period first, each once (in ``locale`` where translated)."""
    return prefer_locale(published_rounds(), locale).order_by("-period_start", "-deadline", "pk")


def open_rounds(locale: Locale | None = None) -> QuerySet:
    return rounds(locale).filter(closed=False)


def latest_closed_round(locale: Locale | None = None) -> ReportingRoundPage | None:
    return rounds(locale).filter(closed=True).order_by("-deadline", "pk").first()


def reports_of(round: ReportingRoundPage, locale: Locale | None = None) -> QuerySet:
    """The public reports answering ``round`` (any translation of it), each report once."""
    reports = from_own_table(ProgressReportPage.objects.live())
    queryset = public(reports.filter(round__translation_key=round.translation_key)).filter(
        _under_live_signatory()
    )
    return prefer_locale(queryset, locale).order_by("title", "pk")


def reports_of_signatory(signatory: Page, locale: Locale | None = None) -> QuerySet:
    """The public reports of ``signatory`` (under any of its translations), latest round first."""
    parents = Page.objects.filter(translation_key=signatory.translation_key).values("path")
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    queryset = public(from_own_table(ProgressReportPage.objects.live())).filter(
        Exists(parents.filter(path=parent_path, live=True))
    )
    return (
        prefer_locale(queryset, locale).select_related("round").order_by("-round__deadline", "pk")
    )


def reported_signatory_ids(round: ReportingRoundPage) -> set[int]:
    """Ids of the signatory pages (every translation) that have a public report for ``round``.

    Two queries: the reports' parent paths, then the pages of those signatories' groups.
    """
    paths = {path[: -Page.steplen] for path in reports_of(round).values_list("path", flat=True)}
    if not paths:
        return set()
    keys = SignatoryPage.objects.filter(path__in=paths).values("translation_key")
    return set(SignatoryPage.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


def submitted_signatory_keys(round: ReportingRoundPage) -> set:
    """Translation keys of the signatories that submitted (published or in moderation)."""
    return ProgressReportPage.submitted_signatory_keys(round)


def plan_of(signatory: Page, locale: Locale | None = None) -> ActionPlanPage | None:
    """The signatory's public action plan (in ``locale`` where translated), its actions and
    their Ps loaded: two queries."""
    parents = Page.objects.filter(translation_key=signatory.translation_key, live=True)
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    queryset = public(from_own_table(ActionPlanPage.objects.live())).filter(
        Exists(parents.filter(path=parent_path))
    )
    actions = PlanAction.objects.select_related("pillar").order_by("sort_order", "pk")
    return (
        prefer_locale(queryset, locale)
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("pk")
        .first()
    )
