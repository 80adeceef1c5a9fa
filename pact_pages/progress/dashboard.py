"""The staff's dashboard of an open reporting round: who submitted, who is waiting in
moderation, who is overdue, by country and type of signatory, with a chart per P.

Every signatory published in the site's default language is asked to report. A signatory's
state in a round, whichever translation of it or of its report:

* ``submitted``: its report is published (approved);
* ``pending``: its report waits in moderation (submitted, not approved yet);
* ``overdue``: neither, and the deadline has passed;
* ``due``: neither, before the deadline (a draft counts for nothing).

Five queries whatever the number of signatories: the signatories' facts, the round's reports,
their moderation states, their signatories' translation keys, the reminders stopped. The
figures are tallied from those rows (a round has one report per signatory at most).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, WorkflowState

from pact_pages.core.countries import country_name
from pact_pages.follow_up.models import ReminderStop
from pact_pages.follow_up.reports import ProgressReportPage
from pact_pages.follow_up.rounds import ReportingRoundPage
from pact_pages.progress import public
from pact_pages.signatories.models import SignatoryType
from pact_pages.signatories.queries import live_signatories
from pact_pages.staff.dashboard import Row, pillar_chart

STATES = ("submitted", "pending", "overdue", "due")


@dataclass
class SignatoryState:
    """One signatory's row of the round (the CSV's too)."""

    pk: int
    translation_key: object
    title: str
    country: str
    signatory_type: str
    state: str
    report_id: int | None = None
    reminders_stopped: bool = False


@dataclass
class Tally:
    key: str
    label: str
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, state: str) -> int:
        return self.counts[state]


def _reports(round_page: ReportingRoundPage) -> dict:
    """Signatory translation key → (state, report id) of the round's reports: published,
    else waiting in moderation; drafts are left out."""
    rows = list(
        ProgressReportPage.objects.filter(
            round__translation_key=round_page.translation_key
        ).values_list("pk", "path", "live")
    )
    waiting = {
        int(object_id)
        for object_id in WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk, _path, live in rows if not live],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
    }
    parents = {path[: -Page.steplen] for _pk, path, _live in rows}
    keys = dict(Page.objects.filter(path__in=parents).values_list("path", "translation_key"))
    found: dict = {}
    for pk, path, live in rows:
        key = keys.get(path[: -Page.steplen])
        state = "submitted" if live else "pending" if pk in waiting else None
        if key is None or state is None:
            continue
        if found.get(key, ("",))[0] != "submitted":  # a published translation wins
            found[key] = (state, pk)
    return found


def signatory_states(
    round_page: ReportingRoundPage, today: datetime.date | None = None
) -> list[SignatoryState]:
    """Every published signatory (default language) and its state in ``round_page``."""
    late = round_page.is_past_deadline(today)
    reports = _reports(round_page)
    stopped = set(ReminderStop.objects.values_list("signatory__translation_key", flat=True))
    signatories = live_signatories(Locale.get_default()).order_by("title", "pk")
    rows = signatories.values_list("pk", "translation_key", "title", "country", "signatory_type")
    states = []
    for pk, key, title, country, kind in rows:
        state, report_id = reports.get(key, ("overdue" if late else "due", None))
        states.append(
            SignatoryState(pk, key, title, country, kind, state, report_id, key in stopped)
        )
    return states


def tallies(states: list[SignatoryState]) -> dict:
    """The totals, and the states by country (most signatories first) and by type."""
    by_country: dict[str, Counter] = {}
    by_type: dict[str, Counter] = {value: Counter() for value in SignatoryType.values}
    for row in states:
        by_country.setdefault(row.country, Counter())[row.state] += 1
        by_type.setdefault(row.signatory_type, Counter())[row.state] += 1
    countries = [Tally(code, country_name(code), counts) for code, counts in by_country.items()]
    countries.sort(key=lambda tally: (-tally.total, tally.label.casefold()))
    labels = dict(SignatoryType.choices)
    types = [
        Tally(value, str(labels.get(value, value)), counts) for value, counts in by_type.items()
    ]
    return {
        "totals": Counter(row.state for row in states),
        "by_country": countries,
        "by_type": types,
    }


def pillar_figures(round_page: ReportingRoundPage, locale: Locale) -> dict:
    """Per P, the published reports with an action under it (the chart) and their actions
    by status (the table beside it)."""
    table = public.by_pillar(public.round_reports(round_page, locale), locale)
    rows = [
        Row(row["slug"], row["name"], row["reports"], row["pillar"].colour if row["pillar"] else "")
        for row in table
    ]
    return {"chart": pillar_chart(rows), "table": table}


def round_dashboard(round_page: ReportingRoundPage, today: datetime.date | None = None) -> dict:
    locale = Locale.get_default()
    states = signatory_states(round_page, today)
    return {
        "round": round_page,
        "states": states,
        "overdue": [row for row in states if row.state == "overdue"],
        **tallies(states),
        "pillars": pillar_figures(round_page, locale),
    }
