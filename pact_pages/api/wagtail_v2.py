"""Wagtail's stock API v2 (``/api/v2/``), for existing Wagtail headless front ends.

The pages endpoint shows the fields each page model declares in ``api_fields`` (contact
details only through ``public_contact``, which is empty unless the signatory opted in). Like
the public pages, it hides initiatives whose signatory was unpublished (Wagtail alone would
list them).
"""

from django.db.models import Exists
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from ..models import InitiativePage, SignatoryPage
from ..queries import _parent_path
from ..trust.media_public import public_files


class PactPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        live_parent = SignatoryPage.objects.filter(path=_parent_path(), live=True)
        orphaned = InitiativePage.objects.exclude(Exists(live_parent)).values("pk")
        return super().get_base_queryset().exclude(pk__in=orphaned)


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return public_files(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return public_files(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PactPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
