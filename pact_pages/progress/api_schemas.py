"""Parameters and responses of the follow-up's open data (``plans``, ``rounds``, ``reports``).

Only what the public pages show: published plans, rounds and reports (a report is published
once a moderator approved it), never a draft, a report waiting in moderation or a
signatory's contact details.
"""

import datetime

from ninja import Field, Schema

from pact_pages.api.filters import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    Country,
    LocaleParams,
    PageId,
    PillarSlug,
    _enum,
)
from pact_pages.follow_up.reports import ActionStatus

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ActionStatusCode = _enum("ActionStatusCode", ActionStatus.values)


# --- Parameters -------------------------------------------------------------------------------


class FollowUpParams(LocaleParams):
    country: list[Country] | None = Field(
        None, description="Country of the signatory (ISO 3166-1 alpha-2); repeat for several."
    )
    signatory: list[PageId] | None = Field(
        None, description="Id of a signatory (any of its translations); repeat for several."
    )
    pillar: list[PillarSlug] | None = Field(
        None, description="Slug of a P: items with an action under it; repeat for several."
    )


class PlanFilters(FollowUpParams):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Number of items to skip.")


class ReportSelection(FollowUpParams):
    round: list[PageId] | None = Field(
        None, description="Id of a reporting round (any of its translations); repeat for several."
    )
    status: list[ActionStatusCode] | None = Field(
        None,
        description=(
            "Status of an action: reports with an action in this status (under `pillar`, "
            "when both are given); repeat for several."
        ),
    )


class ReportFilters(ReportSelection):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Number of items to skip.")


# --- Responses --------------------------------------------------------------------------------


class OpenData(Schema):
    licence: str = Field(description=f"The data's licence: {LICENCE}.")
    licence_url: str


class PageList(OpenData):
    count: int = Field(description="Total number of matching items.")
    next: str | None = Field(description="URL of the next page, or null.")
    previous: str | None = Field(description="URL of the previous page, or null.")


class ReportingSignatory(Schema):
    id: int = Field(description="Page id of the signatory (for `signatories/{id}`).")
    title: str
    country: str
    type: str
    url: str | None


class RoundRef(Schema):
    id: int
    title: str


class ActionOut(Schema):
    id: int = Field(description="Id of the action (the same in every report naming it).")
    pillar: str = Field(description="Slug of its P.")
    title: str
    description: str
    target_date: datetime.date | None
    indicator: str = Field(description='What the action counts, e.g. "professionals trained".')
    indicator_target: int | None


class PlanOut(Schema):
    id: int = Field(description="Page id of the plan.")
    title: str
    url: str | None
    locale: str = Field(description="Language of the text.")
    signatory: ReportingSignatory
    introduction: str
    last_published_at: datetime.datetime | None
    actions: list[ActionOut]


class PlanList(PageList):
    results: list[PlanOut]


class RoundOut(Schema):
    id: int = Field(description="Page id of the round (the `round` filter of `reports`).")
    title: str
    url: str | None
    locale: str
    period_start: datetime.date
    period_end: datetime.date
    deadline: datetime.date
    closed: bool = Field(description="Closed rounds take no new reports.")
    languages: list[str] = Field(description="Languages the reports are asked in.")
    questions: dict[str, str] = Field(description="P slug → the round's question under it.")
    report_count: int = Field(description="Published reports.")


class RoundList(OpenData):
    count: int
    results: list[RoundOut]


class Evidence(Schema):
    id: int
    title: str
    url: str | None


class EntryOut(Schema):
    action: ActionOut | None = Field(description="Null when the action left the plan.")
    status: str = Field(description="`not_started`, `in_progress`, `done` or `dropped`.")
    progress: int = Field(description="Per cent, 0 to 100.")
    indicator_value: int | None
    helped: str = Field(description="What helped.")
    hindered: str = Field(description="What got in the way.")
    evidence: Evidence | None = Field(description="A published initiative showing it.")


class ReportOut(Schema):
    id: int = Field(description="Page id of the report.")
    title: str
    url: str | None
    locale: str
    round: RoundRef
    signatory: ReportingSignatory
    summary: str
    first_published_at: datetime.datetime | None = Field(description="When it was approved.")
    last_published_at: datetime.datetime | None
    entries: list[EntryOut]


class ReportList(PageList):
    results: list[ReportOut]


class PlanDetail(PlanOut, OpenData):
    pass


class RoundDetail(RoundOut, OpenData):
    pass


class ReportDetail(ReportOut, OpenData):
    pass
