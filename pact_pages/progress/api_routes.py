"""``/api/pact/v1/plans``, ``rounds``, ``reports`` and their CSV files (issue 20).

Added to the API's routes when the app is ready (``PactPagesConfig.ready`` imports this
module, before the URLconf reads ``api.urls``), so that ``pact_pages.api`` need not know the
follow-up, which sits above it. ``pact_pages.api.urls`` wraps them in the response cache.
"""

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router
from wagtail.models import Locale

from pact_pages.api.endpoints import api
from pact_pages.api.filters import MAX_ID, LocaleParams
from pact_pages.api.listing import ERRORS, NOT_FOUND
from pact_pages.progress import csv_files, open_data, public
from pact_pages.progress.api_schemas import (
    LICENCE,
    LICENCE_URL,
    FollowUpParams,
    PlanDetail,
    PlanFilters,
    PlanList,
    ReportDetail,
    ReportFilters,
    ReportList,
    ReportSelection,
    RoundDetail,
    RoundList,
)

# Operation ids pinned, as the other endpoints' (tests/test_api_schema.py): clients generated
# from the schema name their methods after them.
router = Router(tags=["follow-up"])
CSV_NOTE = (
    f"Licence: {LICENCE} ({LICENCE_URL}). UTF-8, comma-separated, one header row; the columns "
    "are listed in docs/follow-up.md and only ever added at the end."
)


def _locale(params: LocaleParams) -> Locale:
    """The requested content language's locale (default: the site's)."""
    if params.locale is not None:
        locale = Locale.objects.filter(language_code=params.locale.value).first()
        if locale is not None:
            return locale
    return Locale.get_default()


def _links(request: HttpRequest, offset: int, limit: int, count: int) -> dict:
    def link(value: int) -> str:
        query = request.GET.copy()
        query["offset"] = str(value)
        query["limit"] = str(limit)
        return request.build_absolute_uri(request.path) + "?" + query.urlencode()

    return {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
    }


# --- Plans -----------------------------------------------------------------------------------


@router.get(
    "/plans",
    operation_id="pact_pages_api_endpoints_list_plans",
    response={200: PlanList, **ERRORS},
    summary="List action plans",
)
def list_plans(request, filters: Query[PlanFilters]):
    """Published action plans: per P, what each signatory committed to (actions, target
    dates, indicators and their targets). Each plan once, in `locale` where translated."""
    plans = open_data.select_plans(filters, _locale(filters))
    count = plans.count()
    page = list(plans.select_related("locale")[filters.offset : filters.offset + filters.limit])
    return {
        **open_data.OPEN_DATA,
        **_links(request, filters.offset, filters.limit, count),
        "results": open_data.plan_items(page, request),
    }


@router.get(
    "/plans/{plan_id}",
    operation_id="pact_pages_api_endpoints_get_plan",
    response={200: PlanDetail, **NOT_FOUND},
    summary="A plan by id",
)
def get_plan(
    request, plan_id: int = Path(..., ge=1, le=MAX_ID, description="Page id of the plan.")
):
    """One published action plan, in its own language."""
    plan = public.published_plans().select_related("locale").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return {**open_data.OPEN_DATA, **open_data.plan_items([plan], request)[0]}


# --- Rounds ----------------------------------------------------------------------------------


@router.get(
    "/rounds",
    operation_id="pact_pages_api_endpoints_list_rounds",
    response={200: RoundList, **ERRORS},
    summary="List reporting rounds",
)
def list_rounds(request, params: Query[LocaleParams]):
    """The reporting rounds, newest first, with their questions and published reports."""
    rounds = list(open_data.select_rounds(_locale(params)))
    items = open_data.round_items(rounds, request)
    return {**open_data.OPEN_DATA, "count": len(items), "results": items}


@router.get(
    "/rounds/{round_id}",
    operation_id="pact_pages_api_endpoints_get_round",
    response={200: RoundDetail, **NOT_FOUND},
    summary="A round by id",
)
def get_round(
    request, round_id: int = Path(..., ge=1, le=MAX_ID, description="Page id of the round.")
):
    """One reporting round, in its own language."""
    page = public.published_rounds().select_related("locale").filter(pk=round_id).first()
    if page is None:
        raise Http404
    return {**open_data.OPEN_DATA, **open_data.round_items([page], request)[0]}


# --- Reports ---------------------------------------------------------------------------------


@router.get(
    "/reports",
    operation_id="pact_pages_api_endpoints_list_reports",
    response={200: ReportList, **ERRORS},
    summary="List progress reports",
)
def list_reports(request, filters: Query[ReportFilters]):
    """Published progress reports (approved by a moderator; never a draft or a report
    waiting in moderation), newest round first: per action its status, progress, the
    indicator's value, what helped and what got in the way, and the initiative showing it."""
    reports = open_data.select_reports(filters, _locale(filters))
    count = reports.count()
    page = list(reports[filters.offset : filters.offset + filters.limit])
    return {
        **open_data.OPEN_DATA,
        **_links(request, filters.offset, filters.limit, count),
        "results": open_data.report_items(page, request),
    }


@router.get(
    "/reports/{report_id}",
    operation_id="pact_pages_api_endpoints_get_report",
    response={200: ReportDetail, **NOT_FOUND},
    summary="A report by id",
)
def get_report(
    request, report_id: int = Path(..., ge=1, le=MAX_ID, description="Page id of the report.")
):
    """One published progress report, in its own language."""
    reports = public.published_reports().select_related("round", "locale")
    report = reports.filter(pk=report_id).first()
    if report is None:
        raise Http404
    return {**open_data.OPEN_DATA, **open_data.report_items([report], request)[0]}


# --- CSV -------------------------------------------------------------------------------------

CSV_RESPONSE = {
    200: {"description": "CSV file", "content": {"text/csv": {"schema": {"type": "string"}}}}
}


def _csv(name: str, header: list[str], rows) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="pact-{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'  # RFC 8288's licence relation
    return response


@router.get(
    "/reports.csv",
    operation_id="pact_pages_api_endpoints_reports_csv",
    response={**ERRORS},
    openapi_extra={"responses": CSV_RESPONSE},
    summary="Progress reports as CSV",
    description="One row per action of each published report (filters as `reports`). " + CSV_NOTE,
)
def reports_csv(request, filters: Query[ReportSelection]):
    reports = open_data.select_reports(filters, _locale(filters))
    return _csv("reports", csv_files.REPORT_COLUMNS, csv_files.report_rows(reports, request))


@router.get(
    "/plans.csv",
    operation_id="pact_pages_api_endpoints_plans_csv",
    response={**ERRORS},
    openapi_extra={"responses": CSV_RESPONSE},
    summary="Action plans as CSV",
    description="One row per action of each published plan (filters as `plans`). " + CSV_NOTE,
)
def plans_csv(request, filters: Query[FollowUpParams]):
    plans = open_data.select_plans(filters, _locale(filters))
    return _csv("plans", csv_files.PLAN_COLUMNS, csv_files.plan_rows(plans, request))


api.add_router("", router)
