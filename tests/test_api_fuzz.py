"""Fuzzing the API from its own OpenAPI schema (schemathesis): no 5xx, and every response,
errors included, matches what the schema documents (status, content type, body)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from pact_pages.api.endpoints import api
from tests.factories import InitiativePageFactory, SignatoryPageFactory

# Examples per operation: enough to hit every parameter with good and bad values on CI; raise
# it locally with FUZZ_EXAMPLES=500 for a longer run.
EXAMPLES = int(__import__("os").environ.get("FUZZ_EXAMPLES", "15"))


@pytest.fixture
def content(db, settings_for_fuzz, directory, signatory, initiative, fr_locale):
    other = SignatoryPageFactory(parent=directory, title="Tallinn", slug="tallinn", country="EE")
    InitiativePageFactory(parent=other, title="Safe online", pillars=("protection",), tags=["web"])


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI handler, which closes the database connection at
    each request's start and end; inside a test's transaction that would close it under the
    test (PostgreSQL then answers 503). Django's own test client unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def settings_for_fuzz(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0  # every example computed, none from the cache
    settings.PACT_SEARCH_RATE_LIMIT = (10**9, 60)  # the fuzzer is not an abuser


# The schema as the API serves it at /api/pact/v1/openapi.json; requests go to the site's WSGI
# application in process.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/pact/v1/"))
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, content):
    # Not "schema-valid data is accepted": some constraints cannot be written in the schema
    # (an opaque cursor, min_lat <= max_lat in bbox); those values get a 400 naming them.
    # The in-process WSGI client does not inflate gzip as an HTTP client does (GZipMiddleware
    # compresses answers for clients that accept it): this one asks for them plain.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"}, excluded_checks=[positive_data_acceptance]
    )
