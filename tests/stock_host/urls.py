"""The root URLconf of a ``wagtail start`` project, plus the plugin's one include."""

from django.http import HttpResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls


def host_search(request):
    """The host's own search app (``wagtail start`` ships one at /search/)."""
    return HttpResponse("The host's search")


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", host_search, name="search"),
    path("", include("pact_pages.urls")),
    path("", include(wagtail_urls)),
]
