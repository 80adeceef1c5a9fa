"""Wagtail's stock API v2 (``/api/v2/``), for existing Wagtail headless front ends.

The pages endpoint shows the fields each page model declares in ``api_fields`` (contact
details only through ``public_contact``, which is empty unless the signatory opted in). Like
the public pages, it hides the pages under a signatory that was unpublished (initiatives,
events, action plan, progress reports; Wagtail alone would list them).
"""

from django.db.models import Exists, Prefetch, Q, QuerySet, prefetch_related_objects
from taggit.managers import _TaggableManager
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, TagsField
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from pact_pages.core.fallbacks import stands_in_for_live_source
from pact_pages.core.media_public import public_files
from pact_pages.core.queries import _parent_path, public
from pact_pages.initiatives.models import InitiativePage, InitiativePageTag, InitiativePillar
from pact_pages.signatories.media_scope import guarded_collections
from pact_pages.signatories.models import SignatoryPage


class KeepNotFound:
    """A 404 stays a JSON 404 at its address (see ``pact_pages.api.urls.keep_not_found``):
    without it LocaleMiddleware redirects it to ``/en/api/v2/…``, an HTML page."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 404:
            request._request.urlconf = "pact_pages.api.urls"
        return response


class PrefetchedTagsField(TagsField):
    """Tags from the prefetched list: no query per file (Wagtail's field makes one each)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedTagsMixin:
    tags_field: type[TagsField] = PrefetchedTagsField

    def build_property_field(self, field_name, model_class):
        if isinstance(getattr(model_class, field_name), _TaggableManager):
            return self.tags_field, {}
        return super().build_property_field(field_name, model_class)


class PageTagsField(TagsField):
    """Tags from the page's prefetched tagged items (``PactPagesAPIViewSet.get_queryset``),
    in the database's order by name, as Wagtail's field reads them with a query per page."""

    def to_representation(self, value):
        relation = value.through._meta.get_field("content_object").remote_field
        cache = getattr(value.instance, "_prefetched_objects_cache", {})
        items = cache.get(relation.get_accessor_name())
        if items is None:
            return super().to_representation(value)
        return [item.tag.name for item in items]


def initiative_prefetches() -> list[Prefetch]:
    """An initiative's Ps with their names and its tags in the order Wagtail shows them."""
    return [
        Prefetch("pillar_links", queryset=InitiativePillar.objects.select_related("pillar")),
        Prefetch(
            "tagged_items",
            queryset=InitiativePageTag.objects.select_related("tag").order_by("tag__name"),
        ),
    ]


class PactPagesAPIViewSet(KeepNotFound, PagesAPIViewSet):
    base_serializer_class = type(
        "PageSerializer", (PrefetchedTagsMixin, PageSerializer), {"tags_field": PageTagsField}
    )

    def get_queryset(self) -> QuerySet:
        # Every item shows its locale (meta.locale), an initiative its picture, Ps and tags, a
        # signatory its logo: read for the whole page of results, not a query or three an item.
        queryset = super().get_queryset().select_related("locale")
        if issubclass(queryset.model, InitiativePage):
            queryset = queryset.select_related("featured_image", "children_image")
            queryset = queryset.prefetch_related(*initiative_prefetches())
        elif issubclass(queryset.model, SignatoryPage):
            queryset = queryset.select_related("logo")
        return queryset

    def get_object(self):
        page = super().get_object()  # the specific page, read after the generic one
        if isinstance(page, InitiativePage) and not hasattr(page, "_prefetched_objects_cache"):
            prefetch_related_objects([page], *initiative_prefetches())
        return page

    def get_base_queryset(self):
        # public(): Wagtail's base would add the pages this visitor unlocked with a password
        # (an answer that depends on the session, for everybody's cache).
        # Wagtail asks twice a request (the rows, then their model): the paths once.
        if not hasattr(self, "_orphaned"):
            self._orphaned = _orphaned_q()
        return public(super().get_base_queryset()).exclude(self._orphaned)


# Beyond this many signatories closed to readers, one subquery instead of their paths.
HIDDEN_SIGNATORIES_BY_PATH = 200


def _orphaned_q() -> Q:
    """Pages under a signatory readers cannot see (unpublished, never published): its
    initiatives, and its events, action plan and progress reports too (Wagtail alone lists
    any live page, whatever its parent).

    Read as the few hidden signatories' paths: a test of every initiative against its parent
    (a subquery per row) cost 1.7 s of each list at 100,000 initiatives on SQLite.
    """
    hidden = SignatoryPage.objects.exclude(stands_in_for_live_source()).values_list("path")
    paths = [path for (path,) in hidden[: HIDDEN_SIGNATORIES_BY_PATH + 1]]
    if len(paths) > HIDDEN_SIGNATORIES_BY_PATH:
        hidden_parent = SignatoryPage.objects.filter(path=_parent_path()).exclude(
            stands_in_for_live_source()
        )
        return Q(Exists(hidden_parent))
    orphaned = Q(pk__in=[])
    for path in paths:
        depth = len(path) // Page.steplen + 1
        orphaned |= Q(path__startswith=path, depth__gte=depth)
    return orphaned


class PublicFiles(KeepNotFound):
    """Of the guarded collections' files (``PACT_GUARDED_MEDIA``), only those a live, public
    page uses; the list in a bounded number of queries."""

    def get_queryset(self):
        # Wagtail asks twice a request (the rows, then their model): the ids once.
        if not hasattr(self, "_public_files"):
            searching = bool(self.request.GET.get("search"))
            queryset = public_files(
                super().get_queryset(), for_search=searching, guarded=guarded_collections()
            )
            queryset = queryset.prefetch_related("tags")
            self._public_files = queryset
        return self._public_files._chain()


class PublicImagesAPIViewSet(PublicFiles, ImagesAPIViewSet):
    base_serializer_class = type("ImageSerializer", (PrefetchedTagsMixin, ImageSerializer), {})


class PublicDocumentsAPIViewSet(PublicFiles, DocumentsAPIViewSet):
    base_serializer_class = type(
        "DocumentSerializer", (PrefetchedTagsMixin, DocumentSerializer), {}
    )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PactPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
