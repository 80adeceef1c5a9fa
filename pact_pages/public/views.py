"""Page serving with a language fallback.

Wagtail already serves the source page when a locale has no tree at all; this covers a
locale whose tree exists but lacks the page: it is served from the source language under the
reader's address and interface language (the template tag ``fallback_note`` says so).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Locale, Site


def serve(request, path: str) -> HttpResponse:
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        response = serve_source_language(request, path)
        if response is None:
            raise
        return response


def serve_source_language(request, path: str) -> HttpResponse | None:
    """Serves ``path`` from the default locale's tree, or None when it is not there either."""
    requested, source = Locale.get_active(), Locale.get_default()
    site = Site.find_for_request(request)
    if site is None or requested.pk == source.pk:
        return None
    root = site.root_page.get_translation_or_none(source)
    if root is None:
        return None
    try:
        page, args, kwargs = root.specific.route(
            request, [part for part in path.split("/") if part]
        )
    except Http404:
        return None
    translation = page.get_translation_or_none(requested)
    if translation is not None and translation.live and translation.url:
        # Translated under another address (e.g. a translated slug): go there.
        return redirect(translation.url)
    # As wagtail.views.serve: the on_serve_page chain holds Wagtail's view restrictions (a
    # source page's password or groups also close its address in the other languages).
    chain = _serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def _serve_chain(page, request, args, kwargs) -> HttpResponse:
    return page.serve(request, *args, **kwargs)
