"""The site's URLs plus the benchmark's reference points: the floor view and API v3."""

from django.http import JsonResponse
from django.urls import path
from wagtail.api.v3.urls import api as api_v3

from benchmarks.floor import floor_items
from oneinfive.urls import urlpatterns as site_urlpatterns
from pact_pages.models import InitiativePage

FLOOR_FIELDS = (
    "id",
    "title",
    "slug",
    "summary",
    "status",
    "start_date",
    "end_date",
    "first_published_at",
    "last_published_at",
)


def floor(request):
    """The least a JSON list can cost: one ``values()`` query and ``JsonResponse``."""
    rows = list(
        InitiativePage.objects.filter(live=True)
        .order_by("-first_published_at", "-pk")
        .values(*FLOOR_FIELDS)[:100]
    )
    return JsonResponse({"results": rows})


urlpatterns = [
    path("bench/floor/", floor),
    path("bench/floor-items/", floor_items),
    path("api/v3/", api_v3.urls),
    *site_urlpatterns,
]
