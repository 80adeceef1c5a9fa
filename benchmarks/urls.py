"""The site's URLs plus the scale benchmark's reference points: its floor and Wagtail API v3."""

from django.urls import path
from wagtail.api.v3.urls import api as api_v3

from benchmarks.floor import floor_items
from oneinfive.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench/floor-items/", floor_items),
    path("api/v3/", api_v3.urls),
    *site_urlpatterns,
]
