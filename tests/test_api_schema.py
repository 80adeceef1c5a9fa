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


def test_documented_paths_answer(client, signatory, initiative, schema):
    token = headless_preview.make_token(initiative, initiative.save_revision().pk)
    for path in schema["paths"]:
        url = path.format(signatory_id=signatory.pk, initiative_id=initiative.pk, slug="strasbourg")
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
    ).split()
    assert ids == [f"pact_pages_api_endpoints_{name}" for name in names]
