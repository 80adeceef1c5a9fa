"""The follow-up's open data as CSV: one row per action of each published plan or report.

The columns are a stable schema (docs/follow-up.md): new columns are only ever added at the
end, none is renamed or dropped. Dates are ISO 8601; texts a spreadsheet would run as a
formula are prefixed with an apostrophe. Rows come a batch of reports (or plans) at a time,
with a fixed number of queries per batch.
"""

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from pact_pages.follow_up.plans import PlanAction
from pact_pages.progress import open_data
from pact_pages.progress.api_schemas import LICENCE_URL
from pact_pages.staff.exports import _text as cell

BATCH_SIZE = 500

REPORT_COLUMNS = [
    "report_id",
    "report_url",
    "locale",
    "round_id",
    "round_title",
    "signatory_id",
    "signatory_title",
    "country",
    "signatory_type",
    "action_id",
    "pillar",
    "action_title",
    "status",
    "progress",
    "indicator",
    "indicator_value",
    "indicator_target",
    "helped",
    "hindered",
    "evidence_url",
    "published_at",
    "licence_url",  # each row carries its licence, wherever the row is copied to
]

PLAN_COLUMNS = [
    "plan_id",
    "plan_url",
    "locale",
    "signatory_id",
    "signatory_title",
    "country",
    "signatory_type",
    "action_id",
    "pillar",
    "action_title",
    "description",
    "target_date",
    "indicator",
    "indicator_target",
    "licence_url",
]


def _batches(rows: QuerySet) -> Iterator[list]:
    iterator = rows.iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch


def _value(value) -> str:
    return "" if value is None else str(value)


def _datetime(value) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def report_rows(reports: QuerySet, request: HttpRequest) -> Iterator[list]:
    for batch in _batches(reports):
        for item in open_data.report_items(batch, request):
            signatory = item["signatory"] or {}
            head = [
                item["id"],
                item["url"] or "",
                item["locale"],
                item["round"]["id"],
                cell(item["round"]["title"]),
                _value(signatory.get("id")),
                cell(signatory.get("title")),
                signatory.get("country", ""),
                signatory.get("type", ""),
            ]
            for entry in item["entries"]:
                action = entry["action"] or {}
                evidence = entry["evidence"] or {}
                yield head + [
                    _value(action.get("id")),
                    action.get("pillar", ""),
                    cell(action.get("title")),
                    entry["status"],
                    entry["progress"],
                    cell(action.get("indicator")),
                    _value(entry["indicator_value"]),
                    _value(action.get("indicator_target")),
                    cell(entry["helped"]),
                    cell(entry["hindered"]),
                    evidence.get("url") or "",
                    _datetime(item["first_published_at"]),
                    LICENCE_URL,
                ]


def plan_rows(plans: QuerySet, request: HttpRequest) -> Iterator[list]:
    plans = plans.select_related("locale")
    for batch in _batches(plans):
        signatories = open_data.signatory_refs(batch, request)
        actions: dict[int, list[PlanAction]] = {}
        rows = PlanAction.objects.filter(page_id__in=[plan.pk for plan in batch])
        for action in rows.select_related("pillar").order_by("sort_order", "pk"):
            actions.setdefault(action.page_id, []).append(action)
        for plan in batch:
            signatory = signatories.get(plan.path[: -Page.steplen]) or {}
            head = [
                plan.pk,
                plan.get_full_url(request) or "",
                plan.locale.language_code,
                _value(signatory.get("id")),
                cell(signatory.get("title")),
                signatory.get("country", ""),
                signatory.get("type", ""),
            ]
            for action in actions.get(plan.pk, []):
                yield head + [
                    action.pk,
                    action.pillar.slug,
                    cell(action.title),
                    cell(action.description),
                    _value(action.target_date),
                    cell(action.indicator),
                    _value(action.indicator_target),
                    LICENCE_URL,
                ]
