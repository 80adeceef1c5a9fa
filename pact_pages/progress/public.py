"""What readers see of the follow-up: published plans and reports, never a draft.

A report is public once published (approved in the moderation workflow); its page row holds
the approved version while a newer one waits in moderation, so reading live rows is enough.
Every query here is bounded by the page shown, not by the number of signatories: a profile
reads its own plan and reports (about six queries), a round's page aggregates in the
database and lists one page of signatories.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Length, Lower, Substr
from wagtail.models import Locale, Page

from pact_pages.core import layout_cache
from pact_pages.core.countries import country_name
from pact_pages.core.queries import (
    children_of_any_translation,
    from_own_table,
    prefer_locale,
    public,
)
from pact_pages.follow_up import queries
from pact_pages.follow_up.plans import ActionPlanPage, PlanAction
from pact_pages.follow_up.reports import ActionReport, ActionStatus, ProgressReportPage
from pact_pages.follow_up.rounds import ReportingRoundIndexPage, ReportingRoundPage
from pact_pages.pillars.models import PILLAR_SLUGS, Pillar
from pact_pages.pillars.queries import pillars_by_slug
from pact_pages.signatories.queries import live_signatories, reported_signatory_keys

STATUS_LABELS = dict(ActionStatus.choices)


def _parent_is_live() -> Exists:
    """The row's parent page (its signatory) is published."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Exists(Page.objects.filter(path=parent_path, live=True))


def published_reports() -> QuerySet:
    """Reports a reader may see: live, public, under a live signatory (every language)."""
    return public(from_own_table(ProgressReportPage.objects.live())).filter(_parent_is_live())


def published_plans() -> QuerySet:
    """Action plans a reader may see: live, public, under a live signatory."""
    return public(from_own_table(ActionPlanPage.objects.live())).filter(_parent_is_live())


# The follow-up feature's own: one definition of a round a reader may see.
published_rounds = queries.published_rounds


def rounds_in(locale: Locale | None) -> dict:
    """Translation key → the published round in ``locale`` (its source until translated).

    Kept in the layout's cache (:mod:`pact_pages.core.layout_cache`): rounds are a few
    public pages, and every publication, move or view restriction bumps its version."""
    code = locale.language_code if locale else ""
    return layout_cache.remembered(None, "rounds", (code,), lambda: _rounds_in(locale))


def _rounds_in(locale: Locale | None) -> dict:
    rounds = prefer_locale(published_rounds(), locale)
    return {page.translation_key: page for page in rounds}


# --- A signatory's profile ------------------------------------------------------------------


@dataclass
class ActionProgress:
    """An action of the plan and where it stood in the latest published report naming it."""

    action: PlanAction
    pillar: Pillar
    status: str = ""
    progress: int | None = None
    indicator_value: int | None = None
    reported_in: ReportingRoundPage | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, "")) if self.status else ""


@dataclass
class SignatoryProgress:
    plan: ActionPlanPage | None = None
    pillars: list[tuple[Pillar, list[ActionProgress]]] = field(default_factory=list)
    # Newest round first: (report, its round in the reader's language).
    timeline: list[tuple[ProgressReportPage, ReportingRoundPage]] = field(default_factory=list)

    @property
    def last_reported_round(self) -> ReportingRoundPage | None:
        return self.timeline[0][1] if self.timeline else None

    def __bool__(self) -> bool:
        return self.plan is not None or bool(self.timeline)


def signatory_progress(signatory: Page, locale: Locale) -> SignatoryProgress:
    """The plan (per P, each action's latest status) and the published reports of
    ``signatory`` (any of its translations), in ``locale`` where translated.

    A handful of queries whatever the plan's and the site's size: the plan and its actions,
    the reports, their entries, the rounds, the view restrictions.
    """
    plan = queries.plan_of(signatory, locale)
    reports = list(queries.reports_of_signatory(signatory, locale))
    progress = SignatoryProgress(plan=plan)
    if not plan and not reports:
        return progress
    rounds = rounds_in(locale) if reports else {}
    # A report's round that readers cannot see (staff reopened it as a draft) is not named.
    keyed = [(report, report.round.translation_key) for report in reports]
    dated = [(report, rounds[key]) for report, key in keyed if key in rounds]
    dated.sort(key=lambda pair: (pair[1].deadline, pair[1].period_end), reverse=True)
    progress.timeline = dated
    if plan is not None:
        progress.pillars = _plan_by_pillar(plan, dated, locale)
    return progress


def _plan_by_pillar(plan: ActionPlanPage, dated: list, locale: Locale) -> list:
    actions = list(plan.actions.all())  # prefetched with their Ps (queries.plan_of)
    # The newest report naming an action gives its status (reports name the source plan's
    # actions; a translated plan's action shares its translation key).
    latest: dict = {}
    if dated and actions:
        order = {report.pk: index for index, (report, _round) in enumerate(dated)}
        rounds = {report.pk: round_page for report, round_page in dated}
        entries = ActionReport.objects.filter(page_id__in=order, action__isnull=False)
        rows = entries.values_list(
            "page_id", "action__translation_key", "status", "progress", "indicator_value"
        )
        for page_id, key, status, percent, value in sorted(rows, key=lambda r: order[r[0]]):
            latest.setdefault(key, (status, percent, value, rounds[page_id]))
    names = pillars_by_slug(locale)
    grouped: dict[str, list[ActionProgress]] = {}
    for action in actions:
        pillar = names.get(action.pillar.slug, action.pillar)
        item = ActionProgress(action=action, pillar=pillar)
        if action.translation_key in latest:
            item.status, item.progress, item.indicator_value, item.reported_in = latest[
                action.translation_key
            ]
        grouped.setdefault(action.pillar.slug, []).append(item)
    slugs = [slug for slug in PILLAR_SLUGS if slug in grouped] + sorted(
        slug for slug in grouped if slug not in PILLAR_SLUGS
    )
    return [(grouped[slug][0].pillar, grouped[slug]) for slug in slugs]


# --- A round's page -------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: int


def round_reports(round_page: ReportingRoundPage, locale: Locale | None) -> QuerySet:
    """The published reports of ``round_page`` (any translation of it), each once."""
    return queries.reports_of(round_page, locale)


def reporting_signatories(round_page: ReportingRoundPage, locale: Locale | None) -> QuerySet:
    """Live, public signatories with a published report for the round, each once."""
    keys = reported_signatory_keys(
        ReportingRoundPage.objects.filter(pk=round_page.pk).values("translation_key")
    )
    return live_signatories(locale).filter(translation_key__in=keys)


def by_country(signatories: QuerySet) -> list[Figure]:
    rows = signatories.order_by().values("country").annotate(count=Count("pk"))
    figures = [Figure(row["country"], country_name(row["country"]), row["count"]) for row in rows]
    return sorted(figures, key=lambda row: (-row.count, row.label.casefold()))


def by_pillar(reports: QuerySet, locale: Locale) -> list[dict]:
    """Per P: the signatories reporting on one of its actions, its actions by status."""
    rows = (
        ActionReport.objects.filter(page__in=reports.values("pk"), action__isnull=False)
        .order_by()
        .values("action__pillar__slug")
        .annotate(
            reports=Count("page", distinct=True),
            actions=Count("pk"),
            **{status: Count("pk", filter=Q(status=status)) for status in ActionStatus.values},
        )
    )
    found = {row["action__pillar__slug"]: row for row in rows}
    names = pillars_by_slug(locale)
    table = []
    for slug in PILLAR_SLUGS:
        row = found.get(slug, {})
        pillar = names.get(slug)
        table.append(
            {
                "slug": slug,
                "pillar": pillar,
                "name": pillar.name if pillar else slug,
                "reports": row.get("reports", 0),
                "actions": row.get("actions", 0),
                "statuses": [
                    (status, label, row.get(status, 0)) for status, label in ActionStatus.choices
                ],
            }
        )
    return table


def indicators_summed(reports: QuerySet) -> list[dict]:
    """Per P and indicator (as signatories named it, case aside): the values summed."""
    rows = (
        ActionReport.objects.filter(
            page__in=reports.values("pk"), indicator_value__isnull=False, action__isnull=False
        )
        .exclude(action__indicator="")
        .order_by()
        .values("action__pillar__slug", name=Lower("action__indicator"))
        .annotate(total=Sum("indicator_value"), reports=Count("page", distinct=True))
    )
    order = {slug: index for index, slug in enumerate(PILLAR_SLUGS)}
    table = [
        {
            "pillar": row["action__pillar__slug"],
            "indicator": row["name"],
            "total": row["total"],
            "reports": row["reports"],
        }
        for row in rows
    ]
    return sorted(table, key=lambda row: (order.get(row["pillar"], 99), -row["total"]))


def round_index_rounds(index_page: ReportingRoundIndexPage, locale: Locale) -> list:
    """The index's rounds, newest first, each with its number of published reports."""
    rounds = children_of_any_translation(published_rounds(), index_page)
    rounds = list(prefer_locale(rounds, locale).order_by("-period_end", "-deadline", "pk"))
    counts = report_counts([page.translation_key for page in rounds])
    for page in rounds:
        page.report_count = counts.get(page.translation_key, 0)
    return rounds


def report_counts(round_keys: list) -> dict:
    """Round translation key → its published reports (each counted once, all languages)."""
    if not round_keys:
        return {}
    return dict(
        published_reports()
        .filter(round__translation_key__in=round_keys)
        .order_by()
        .values_list("round__translation_key")
        .annotate(count=Count("translation_key", distinct=True))
    )
