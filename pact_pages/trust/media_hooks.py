"""Hooks of the media boundary (see pact_pages.trust): documents of the guarded collections
(``PACT_GUARDED_MEDIA``: the plugin's by default, ``media_scope``) are served to the public
only once a live, public page uses them (``media_public``); until then only to those who
manage them. A host's other documents are Wagtail's business. A document served under a
collection's view restriction is private to the visitor who passed it
(``pact_pages.public.cache_control`` keeps it out of shared caches)."""

from django.http import Http404, HttpRequest
from django.utils.cache import patch_cache_control
from django.views.defaults import page_not_found
from wagtail import hooks

from pact_pages.core import media_public
from pact_pages.signatories.media_scope import guarded_collections

PRIVATE_FLAG = "pact_private_response"


def mark_private(request: HttpRequest) -> None:
    """The response depends on who asked: never in a shared cache."""
    setattr(request, PRIVATE_FLAG, True)


@hooks.register("before_serve_document", order=-10)
def only_public_documents(document, request: HttpRequest):
    # Before Wagtail's own check: a password form would tell that the file exists.
    if document.collection.get_view_restrictions().exists():
        mark_private(request)
    if not media_public.may_see(getattr(request, "user", None), document, guarded_collections()):
        response = page_not_found(request, Http404())
        # The file turns public when its page is published (and the reference index has
        # caught up): no cache may keep this answer.
        patch_cache_control(response, no_store=True)
        return response
    return None
