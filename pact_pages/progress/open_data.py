"""The follow-up's open data: which plans, rounds and reports are listed, and their items.

Shared by the JSON endpoints and the CSV files (:mod:`.api_routes`). A fixed number of
queries per page of items, whatever their number and the site's: the items, their count,
their actions or entries (one query), their signatories (one, by path), the published
initiatives they cite (one), the view restrictions (one).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import Locale, Page

from pact_pages.core.queries import prefer_locale
from pact_pages.follow_up.plans import PlanAction
from pact_pages.follow_up.reports import ActionReport
from pact_pages.follow_up.rounds import ReportingRoundPage
from pact_pages.initiatives.queries import live_initiatives
from pact_pages.progress import public
from pact_pages.progress.api_schemas import LICENCE, LICENCE_URL
from pact_pages.signatories.models import SignatoryPage

OPEN_DATA = {"licence": LICENCE, "licence_url": LICENCE_URL}


def _parent_matches(**conditions) -> Exists:
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Exists(SignatoryPage.objects.filter(path=parent_path, **conditions))


def _by_signatory(queryset: QuerySet, filters) -> QuerySet:
    if filters.country:
        countries = [country.value for country in filters.country]
        queryset = queryset.filter(_parent_matches(country__in=countries))
    if filters.signatory:
        keys = SignatoryPage.objects.filter(pk__in=filters.signatory).values("translation_key")
        queryset = queryset.filter(_parent_matches(translation_key__in=keys))
    return queryset


def select_plans(filters, locale: Locale | None) -> QuerySet:
    plans = _by_signatory(public.published_plans(), filters)
    if filters.pillar:
        slugs = [pillar.value for pillar in filters.pillar]
        actions = PlanAction.objects.filter(page=OuterRef("pk"), pillar__slug__in=slugs)
        plans = plans.filter(Exists(actions))
    return prefer_locale(plans, locale).order_by("path", "pk")


def select_reports(filters, locale: Locale | None) -> QuerySet:
    reports = _by_signatory(public.published_reports(), filters)
    if filters.round:
        keys = ReportingRoundPage.objects.filter(pk__in=filters.round).values("translation_key")
        reports = reports.filter(round__translation_key__in=keys)
    if filters.pillar or filters.status:
        entries = ActionReport.objects.filter(page=OuterRef("pk"))
        if filters.pillar:
            entries = entries.filter(action__pillar__slug__in=[p.value for p in filters.pillar])
        if filters.status:
            entries = entries.filter(status__in=[status.value for status in filters.status])
        reports = reports.filter(Exists(entries))
    reports = prefer_locale(reports, locale).select_related("round", "locale")
    return reports.order_by("-round__period_end", "path", "pk")


def select_rounds(locale: Locale | None) -> QuerySet:
    rounds = prefer_locale(public.published_rounds(), locale).select_related("locale")
    return rounds.order_by("-period_end", "-deadline", "pk")


# --- Items ----------------------------------------------------------------------------------


def _url(page, request: HttpRequest) -> str | None:
    return page.get_full_url(request)


def signatory_refs(pages: list, request: HttpRequest) -> dict[str, dict]:
    """Parent path → the signatory's reference, for ``pages`` (one query)."""
    paths = {page.path[: -Page.steplen] for page in pages}
    signatories = SignatoryPage.objects.filter(path__in=paths).defer("body")
    return {
        page.path: {
            "id": page.pk,
            "title": page.title,
            "country": page.country,
            "type": page.signatory_type,
            "url": _url(page, request),
        }
        for page in signatories
    }


def action_item(action: PlanAction) -> dict:
    return {
        "id": action.pk,
        "pillar": action.pillar.slug,
        "title": action.title,
        "description": action.description,
        "target_date": action.target_date,
        "indicator": action.indicator,
        "indicator_target": action.indicator_target,
    }


def plan_items(plans: list, request: HttpRequest) -> list[dict]:
    if not plans:
        return []
    signatories = signatory_refs(plans, request)
    actions: dict[int, list] = {}
    rows = PlanAction.objects.filter(page_id__in=[plan.pk for plan in plans])
    for action in rows.select_related("pillar").order_by("sort_order", "pk"):
        actions.setdefault(action.page_id, []).append(action_item(action))
    return [
        {
            "id": plan.pk,
            "title": plan.title,
            "url": _url(plan, request),
            "locale": plan.locale.language_code,
            "signatory": signatories.get(plan.path[: -Page.steplen]),
            "introduction": plan.introduction,
            "last_published_at": plan.last_published_at,
            "actions": actions.get(plan.pk, []),
        }
        for plan in plans
    ]


def report_entries(reports: list, request: HttpRequest) -> dict[int, list[dict]]:
    """Report id → its entries, in order (two queries). An action of a plan that readers
    cannot see (a draft, private), or an initiative they cannot see, is left out (null)."""
    rows = list(
        ActionReport.objects.filter(page_id__in=[report.pk for report in reports])
        .select_related("action__pillar", "evidence")
        .annotate(plan_live=Exists(public.published_plans().filter(pk=OuterRef("action__page_id"))))
        .order_by("sort_order", "pk")
    )
    cited = {row.evidence_id for row in rows if row.evidence_id}
    visible = set(live_initiatives().filter(pk__in=cited).values_list("pk", flat=True))
    entries: dict[int, list[dict]] = {}
    for row in rows:
        evidence = row.evidence if row.evidence_id in visible else None
        entries.setdefault(row.page_id, []).append(
            {
                "action": action_item(row.action) if row.action_id and row.plan_live else None,
                "status": row.status,
                "progress": row.progress,
                "indicator_value": row.indicator_value,
                "helped": row.helped,
                "hindered": row.hindered,
                "evidence": {
                    "id": evidence.pk,
                    "title": evidence.title,
                    "url": _url(evidence, request),
                }
                if evidence is not None
                else None,
            }
        )
    return entries


def report_items(reports: list, request: HttpRequest) -> list[dict]:
    if not reports:
        return []
    signatories = signatory_refs(reports, request)
    entries = report_entries(reports, request)
    return [
        {
            "id": report.pk,
            "title": report.title,
            "url": _url(report, request),
            "locale": report.locale.language_code,
            "round": {"id": report.round_id, "title": report.round.title},
            "signatory": signatories.get(report.path[: -Page.steplen]),
            "summary": report.summary,
            "first_published_at": report.first_published_at,
            "last_published_at": report.last_published_at,
            "entries": entries.get(report.pk, []),
        }
        for report in reports
    ]


def round_items(rounds: list, request: HttpRequest) -> list[dict]:
    counts = public.report_counts([page.translation_key for page in rounds])
    return [
        {
            "id": page.pk,
            "title": page.title,
            "url": _url(page, request),
            "locale": page.locale.language_code,
            "period_start": page.period_start,
            "period_end": page.period_end,
            "deadline": page.deadline,
            "closed": page.closed,
            "languages": list(page.languages or []),
            "questions": dict(page.questions()),
            "report_count": counts.get(page.translation_key, 0),
        }
        for page in rounds
    ]
