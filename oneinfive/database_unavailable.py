"""A clean 503 while the database cannot be reached, instead of a traceback or a bare 500.

Pages get ``templates/503.html`` (the site's look, rendered without a single query), the API
gets RFC 9457 problem details, both with ``Retry-After``. Django's persistent connections with
health checks (``CONN_HEALTH_CHECKS``) reconnect by themselves on the next request once the
database is back: nothing else is needed to recover.

Two ways in: the middleware's ``process_exception`` for errors raised by views (nearly all
of them), and ``server_error`` (the site's ``handler500``) for errors raised by another
middleware (e.g. the session saved after the view), which never reach ``process_exception``.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client is asked to wait: a PostgreSQL restart or fail-over takes about that long.
RETRY_AFTER = 30


def unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        # Imported here: the plugin's API is optional for this module's other callers.
        from pact_pages.api.errors import problem

        response = problem(
            503,
            "Service unavailable",
            "The database cannot be reached for a moment; retry after the given delay.",
        )
    else:
        # No request context: context processors (user, site settings) would query the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    # Never let a CDN or browser keep the error page in place of the real one.
    response["Cache-Control"] = "no-store"
    return response


def _log(exception: BaseException) -> None:
    logger.error("Database unavailable, answered 503: %s", exception)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            _log(exception)
            return unavailable_response(request)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a 503 when the error being handled is the database's, else Django's 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        _log(exception)
        return unavailable_response(request)
    return defaults.server_error(request, template_name)
