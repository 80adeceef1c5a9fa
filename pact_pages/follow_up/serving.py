"""What plans and reports share as pages under a signatory's profile."""

from django.http import Http404
from wagtail.models import Page

from pact_pages.core.fallbacks import stands_in_for_live_source


class UnderSignatoryMixin:
    """Served only while the signatory is: Wagtail would serve a live child of an
    unpublished signatory (as for initiatives, pact_pages.initiatives.models)."""

    def serve(self, request, *args, **kwargs):
        parent = self.get_parent()
        shown = Page.objects.filter(pk=parent.pk).filter(stands_in_for_live_source())
        if not parent.live and not shown.exists():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context["signatory"] = parent.specific if parent else None
        return context
