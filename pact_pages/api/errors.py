"""Errors as RFC 9457 problem details: bad parameters give 400 naming them, never a 500."""

from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

# Problem types are URNs (documented in docs/api.md), not addresses to fetch.
PROBLEM_TYPE = "urn:pact-api:problem"
LOCATIONS = {"query", "path", "header", "cookie", "body"}


def problem(status: int, title: str, detail: str, errors: list | None = None) -> JsonResponse:
    kind = {400: "invalid-parameter", 404: "not-found"}.get(status, "error")
    body = {
        "type": f"{PROBLEM_TYPE}:{kind}",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    return JsonResponse(body, status=status, content_type="application/problem+json")


def _parameter(location: tuple) -> str:
    """The parameter's name from a pydantic error location, e.g. ("query", "filters", "x")."""
    names = [str(part) for part in location if not isinstance(part, int)]
    names = [name for name in names if name not in LOCATIONS]
    # django-ninja nests a Query[Schema] argument under the argument's name.
    return names[-1] if names else "?"


def invalid_parameters(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    errors = [
        {"parameter": _parameter(tuple(error.get("loc", ()))), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    names = ", ".join(dict.fromkeys(error["parameter"] for error in errors))
    return problem(400, "Invalid parameter", f"Invalid value for: {names}.", errors)


def not_found(request: HttpRequest, exc: Exception | None = None) -> JsonResponse:
    return problem(404, "Not found", "No published item matches this address.")


def http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
    return problem(exc.status_code, "Error", str(exc))


class PactNinjaAPI(NinjaAPI):
    """django-ninja's API, its OpenAPI schema giving the media types we actually send:
    problem details for errors, GeoJSON for the map (``MEDIA_TYPES``: path suffix → type)."""

    MEDIA_TYPES = {".geojson": "application/geo+json"}

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for path, item in schema["paths"].items():
            success_type = next(
                (kind for suffix, kind in self.MEDIA_TYPES.items() if path.endswith(suffix)), None
            )
            for operation in item.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if "application/json" not in content:
                        continue
                    if int(status) >= 400:
                        content["application/problem+json"] = content.pop("application/json")
                    elif success_type:
                        content[success_type] = content.pop("application/json")
        return schema


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, invalid_parameters)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)
