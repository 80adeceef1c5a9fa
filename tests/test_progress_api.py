"""Open data of the follow-up (issue 20): /api/pact/v1/plans, rounds, reports (+ details and
CSV): published items only, never contact details, constant queries, problem details."""

import csv
import io
import re

import pytest

from pact_pages.moderation.workflow import setup_moderation
from tests.factories import InitiativePageFactory, SignatoryPageFactory
from tests.progress_helpers import (
    action_plan,
    actions_of,
    follow_up_section,
    progress_report,
    reporting_round,
)

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"


@pytest.fixture
def rounds(home_page):
    section = follow_up_section(home_page)
    return reporting_round(section, 2024, closed=True), reporting_round(section, 2026)


def reporter(directory, title: str, country: str = "FR", contact: str = "ANNE-PRIVATE"):
    """A signatory (contact details not public) with a plan of two actions."""
    town = SignatoryPageFactory(
        parent=directory,
        title=title,
        country=country,
        contact_person=contact,
        contact_email="anne.private@example.org",
    )
    plan = action_plan(
        town,
        ("prevention", "Train coaches", "coaches trained", 100),
        ("protection", "School helpline", "schools covered", 10),
    )
    return town, actions_of(plan)


def test_reports_list_gives_published_reports_with_their_entries(client, directory, rounds):
    old, current = rounds
    town, (coaches, helpline) = reporter(directory, "Strasbourg")
    evidence = InitiativePageFactory(parent=town, title="Coaching clubs")
    report = progress_report(
        town, old, (coaches, "done", 100, 120, evidence), (helpline, "in_progress", 50, 4)
    )

    body = client.get(f"{API}/reports").json()

    assert body["count"] == 1 and body["licence"] == "CC BY 4.0"
    item = body["results"][0]
    assert item["round"] == {"id": old.pk, "title": "Round 2024"}
    assert item["signatory"]["title"] == "Strasbourg" and item["signatory"]["country"] == "FR"
    entries = item["entries"]
    assert [entry["status"] for entry in entries] == ["done", "in_progress"]
    assert entries[0]["action"]["pillar"] == "prevention"
    assert entries[0]["indicator_value"] == 120 and entries[0]["action"]["indicator_target"] == 100
    assert entries[0]["evidence"]["title"] == "Coaching clubs"
    assert client.get(f"{API}/reports/{report.pk}").json()["id"] == report.pk


def test_no_draft_no_report_in_moderation_no_contact_details(
    client, directory, rounds, django_user_model
):
    setup_moderation()
    town, (coaches, _helpline) = reporter(directory, "Strasbourg")
    draft_evidence = InitiativePageFactory(parent=town, title="DRAFT-INITIATIVE", live=False)
    waiting = progress_report(town, rounds[1], title="WAITING-REPORT", live=False)
    waiting.get_workflow().start(waiting, django_user_model.objects.create_user("ed"))
    progress_report(
        town, rounds[0], (coaches, "done", 100, 1, draft_evidence), title="PUBLIC-REPORT"
    )
    draft_plan_town = SignatoryPageFactory(parent=directory, title="Drafting")
    action_plan(draft_plan_town, ("prevention", "DRAFT-ACTION", "", None), live=False)

    texts = "".join(
        client.get(url).content.decode()
        for url in (
            f"{API}/reports",
            f"{API}/plans",
            f"{API}/rounds",
            f"{API}/reports.csv",
            f"{API}/plans.csv",
            f"{API}/reports/{waiting.pk}",
        )
    )

    assert "PUBLIC-REPORT" in texts
    for secret in (
        "WAITING-REPORT",
        "DRAFT-INITIATIVE",
        "DRAFT-ACTION",
        "ANNE-PRIVATE",
        "anne.private",
    ):
        assert secret not in texts
    assert client.get(f"{API}/reports/{waiting.pk}").status_code == 404


def test_filters_round_country_signatory_pillar_status(client, directory, rounds):
    old, current = rounds
    strasbourg, (coaches, helpline) = reporter(directory, "Strasbourg", "FR")
    berlin, (b_coaches, b_helpline) = reporter(directory, "Berlin", "DE")
    progress_report(strasbourg, old, (coaches, "done", 100, 1))
    progress_report(strasbourg, current, (helpline, "in_progress", 10, 1))
    progress_report(berlin, old, (b_helpline, "dropped", 0, None))

    def titles(**params):
        response = client.get(f"{API}/reports", params)
        assert response.status_code == 200, response.content
        return sorted(item["title"] for item in response.json()["results"])

    assert titles(round=old.pk) == ["Berlin: Round 2024", "Strasbourg: Round 2024"]
    assert titles(country="DE") == ["Berlin: Round 2024"]
    assert titles(signatory=strasbourg.pk) == ["Strasbourg: Round 2024", "Strasbourg: Round 2026"]
    assert titles(pillar="protection") == ["Berlin: Round 2024", "Strasbourg: Round 2026"]
    assert titles(status="dropped") == ["Berlin: Round 2024"]
    assert titles(pillar="prevention", status="dropped") == []
    plans = client.get(f"{API}/plans", {"country": "DE"}).json()
    assert [plan["signatory"]["title"] for plan in plans["results"]] == ["Berlin"]


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/reports?status=finished", "status"),
        ("/reports?round=abc", "round"),
        ("/reports?pillar=nonsense", "pillar"),
        ("/reports?country=XX", "country"),
        ("/plans?limit=1000", "limit"),
        ("/reports.csv?round=0", "round"),
        ("/reports/0", "report_id"),
    ],
)
def test_bad_parameters_get_problem_details(client, url, parameter):
    response = client.get(API + url)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert parameter in [error["parameter"] for error in response.json()["errors"]]


def test_unknown_ids_are_404_problems(client, rounds):
    for url in ("/reports/999999", "/plans/999999", f"/rounds/{rounds[0].pk + 1000}"):
        response = client.get(API + url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_rounds_list_and_detail(client, directory, rounds):
    old, current = rounds
    town, (coaches, _helpline) = reporter(directory, "Strasbourg")
    progress_report(town, old, (coaches, "done", 100, 1))

    body = client.get(f"{API}/rounds").json()

    assert [item["title"] for item in body["results"]] == ["Round 2026", "Round 2024"]
    assert [item["report_count"] for item in body["results"]] == [0, 1]
    detail = client.get(f"{API}/rounds/{old.pk}").json()
    assert detail["closed"] is True and detail["questions"]["prevention"].startswith("What")
    assert detail["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize("url", ["/reports", "/plans", "/rounds", "/reports.csv", "/plans.csv"])
def test_queries_do_not_grow_with_the_items(
    client, directory, rounds, url, django_assert_max_num_queries
):
    for number in range(2):
        town, (coaches, helpline) = reporter(directory, f"Town {number}")
        progress_report(town, rounds[0], (coaches, "done", 100, 1), (helpline, "done", 100, 2))
    client.get(API + url + "?locale=en")  # the site root paths, cached once
    with django_assert_max_num_queries(12) as few:
        client.get(API + url)
    bound = len(few)
    for number in range(2, 12):
        town, (coaches, helpline) = reporter(directory, f"Town {number}")
        progress_report(town, rounds[0], (coaches, "done", 100, 1), (helpline, "done", 100, 2))
    client.get(API + url + "?locale=en")  # the layout's cache again (the saves bumped it)
    with django_assert_max_num_queries(bound):
        response = client.get(API + url)
    assert response.status_code == 200


def test_csv_has_a_stable_header_and_one_row_per_action(client, directory, rounds):
    from pact_pages.progress.csv_files import PLAN_COLUMNS, REPORT_COLUMNS

    town, (coaches, helpline) = reporter(directory, "=Strasbourg")
    progress_report(town, rounds[0], (coaches, "done", 100, 7), (helpline, "dropped", 0, None))

    response = client.get(f"{API}/reports.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == REPORT_COLUMNS
    assert len(rows) == 3
    line = dict(zip(REPORT_COLUMNS, rows[1], strict=True))
    assert line["signatory_title"] == "'=Strasbourg"  # never run as a formula
    assert line["status"] == "done" and line["indicator_value"] == "7"
    assert line["pillar"] == "prevention" and line["round_title"] == "Round 2024"
    plans = list(csv.reader(io.StringIO(client.get(f"{API}/plans.csv").content.decode())))
    assert plans[0] == PLAN_COLUMNS and len(plans) == 3
    # The schema is the one the docs publish, and the licence travels with each row.
    assert REPORT_COLUMNS == documented_columns("reports.csv")
    assert PLAN_COLUMNS == documented_columns("plans.csv")
    licence = "https://creativecommons.org/licenses/by/4.0/"
    assert response["Link"] == f'<{licence}>; rel="license"'
    assert {row[-1] for row in rows[1:] + plans[1:]} == {licence}


def documented_columns(name: str) -> list[str]:
    """The columns docs/follow-up.md lists for ``name`` ("* `reports.csv`: `a, b, …`")."""
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "follow-up.md").read_text(encoding="utf-8")
    listed = re.search(rf"\* `{re.escape(name)}`: `([^`]+)`", text)
    assert listed is not None, name
    return [column.strip() for column in listed.group(1).split(",")]


def test_documented_in_the_openapi_schema(client):
    schema = client.get(f"{API}/openapi.json").json()

    for path in ("/plans", "/plans/{plan_id}", "/rounds", "/rounds/{round_id}", "/reports"):
        assert f"{API}{path}" in schema["paths"]
    csv_responses = schema["paths"][f"{API}/reports.csv"]["get"]["responses"]
    assert "text/csv" in csv_responses["200"]["content"]
    assert "CC BY 4.0" in schema["paths"][f"{API}/reports.csv"]["get"]["description"]


def test_writes_are_refused(client):
    for method in ("post", "put", "delete"):
        assert getattr(client, method)(f"{API}/reports").status_code == 405


def test_a_language_without_translations_lists_the_source(client, directory, rounds, fr_locale):
    town, (coaches, _helpline) = reporter(directory, "Strasbourg")
    progress_report(town, rounds[0], (coaches, "done", 100, 1))

    body = client.get(f"{API}/reports", {"locale": "fr"}).json()
    round_items = client.get(f"{API}/rounds", {"locale": "fr"}).json()["results"]

    assert [item["locale"] for item in body["results"]] == ["en"]  # each report once
    assert len(round_items) == 2
