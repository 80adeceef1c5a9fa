"""The site's URLs with its media files served, as ``make run`` serves them, with DEBUG off."""

from django.conf import settings
from django.urls import re_path

from oneinfive.urls import serve_media
from oneinfive.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
        serve_media,
        {"document_root": settings.MEDIA_ROOT},
    ),
    *site_urlpatterns,
]

handler500 = "oneinfive.database_unavailable.server_error"
