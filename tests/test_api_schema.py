"""The OpenAPI schema of /api/pact/v1/: valid, complete, every parameter described."""

import pytest
from openapi_spec_validator import validate

from pact_pages.api import headless_preview

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"
PATHS = {
    "/api/pact/v1/signatories",
    "/api/pact/v1/signatories/{signatory_id}",
    "/api/pact/v1/signatories/by-slug/{slug}",
    "/api/pact/v1/initiatives",
    "/api/pact/v1/initiatives/{initiative_id}",
    "/api/pact/v1/pillars",
    "/api/pact/v1/countries",
    "/api/pact/v1/tags",
    "/api/pact/v1/stats",
    "/api/pact/v1/map.geojson",
    "/api/pact/v1/preview",
    # The follow-up (issue 20, pact_pages.progress.api_routes).
    "/api/pact/v1/plans",
    "/api/pact/v1/plans/{plan_id}",
    "/api/pact/v1/plans.csv",
    "/api/pact/v1/rounds",
    "/api/pact/v1/rounds/{round_id}",
    "/api/pact/v1/reports",
    "/api/pact/v1/reports/{report_id}",
    "/api/pact/v1/reports.csv",
    # The events (issue 21, pact_pages.api.events).
    "/api/pact/v1/events",
    "/api/pact/v1/events/{event_id}",
    "/api/pact/v1/events.geojson",
}


@pytest.fixture
def schema(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1"


def test_every_endpoint_is_documented(schema):
    assert set(schema["paths"]) == PATHS
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
        operation = operations["get"]
        assert operation.get("summary") and operation.get("description"), path
        assert "200" in operation["responses"] and "400" in operation["responses"], path
        if "{" in path:
            assert "404" in operation["responses"], path


def test_every_parameter_is_described(schema):
    for path, operations in schema["paths"].items():
        for parameter in operations["get"].get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])


def test_list_filters_are_repeatable(schema):
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/pact/v1/signatories"]["get"]["parameters"]
    }

    assert {"country", "type", "pillar", "q", "locale", "bbox", "ordering", "limit"} <= set(
        parameters
    )
    assert "array" in str(parameters["country"]["schema"])


@pytest.fixture
def follow_up(home_page, signatory) -> dict:
    """A published plan, a round and a report, for the follow-up's detail paths."""
    from tests.progress_helpers import (
        action_plan,
        actions_of,
        follow_up_section,
        progress_report,
        reporting_round,
    )

    plan = action_plan(signatory, ("prevention", "Train coaches", "coaches trained", 10))
    round_page = reporting_round(follow_up_section(home_page), 2024, closed=True)
    report = progress_report(signatory, round_page, (actions_of(plan)[0], "done", 100, 10))
    return {"plan_id": plan.pk, "round_id": round_page.pk, "report_id": report.pk}


def test_documented_paths_answer(client, signatory, initiative, schema, follow_up):
    from tests.event_helpers import days_from_now, make_event

    token = headless_preview.make_token(initiative, initiative.save_revision().pk)
    event = make_event(signatory, "Teacher training", days_from_now(3))
    for path in schema["paths"]:
        url = path.format(
            signatory_id=signatory.pk,
            initiative_id=initiative.pk,
            slug="strasbourg",
            event_id=event.pk,
            **follow_up,
        )
        params = {"token": token} if path.endswith("/preview") else {}
        assert client.get(url, params).status_code == 200, url


def test_media_types_are_those_sent(schema):
    for path, operations in schema["paths"].items():
        for status, response in operations["get"]["responses"].items():
            kinds = set(response.get("content", {}))
            if int(status) >= 400:
                assert kinds == {"application/problem+json"}, (path, status)
            elif path.endswith(".geojson"):
                assert kinds == {"application/geo+json"}, path
            elif path.endswith(".csv"):
                assert kinds == {"text/csv"}, path
            else:
                assert kinds == {"application/json"}, (path, status)


def test_interactive_docs(client):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_operation_ids_do_not_depend_on_where_the_code_lives(schema):
    """Clients generated from the schema name their methods after the operationIds: moving a
    route to another module must not rename them."""
    ids = sorted(op["operationId"] for path in schema["paths"].values() for op in path.values())
    names = (
        "get_initiative get_signatory get_signatory_by_slug list_countries list_initiatives "
        "list_pillars list_signatories list_tags preview signatory_map stats"
        # The follow-up (issue 20).
        " get_plan get_report get_round list_plans list_reports list_rounds plans_csv reports_csv"
        # The events (issue 21).
        " event_map get_event list_events"
    ).split()
    names.sort()
    assert ids == [f"pact_pages_api_endpoints_{name}" for name in names]
