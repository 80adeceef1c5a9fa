"""Page serving with a language fallback.

Wagtail already serves the source page when a locale has no tree at all; this covers a
locale whose tree exists but lacks the page: it is served from the source language under the
reader's address and interface language (the template tag ``fallback_note`` says so).
"""

from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import redirect
from django.utils.translation import get_language
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Locale, Site

from pact_pages.core.layout_cache import active_locale, locales, remembered
from pact_pages.public.routing import fast_route


def serve(request, path: str) -> HttpResponse:
    _remember_site(request)
    _route(request, path)
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        response = serve_source_language(request, path)
        if response is None:
            raise
        return response


def _remember_site(request) -> None:
    """The request's site (``Site.find_for_request``, which memoises it on the request) from
    the layout's cache: the same for every request to a host until a site or page changes."""
    if hasattr(request, "_wagtail_site"):
        return
    try:
        hostname = split_domain_port(request.get_host())[0]  # allowed hosts only as keys
    except DisallowedHost:
        return
    parts = (hostname, request.get_port())
    site = remembered(request, "site", parts, lambda: Site._find_for_request(request))
    if site is not None:
        request._wagtail_site = site


def _route(request, path: str) -> None:
    """``Page.route_for_request`` (which ``wagtail.views.serve`` then reads from the request)
    with the site's root page in the reader's language from the layout's cache, and the
    served page's locale from it too: two queries fewer on every page; below the home page,
    ``fast_route`` reads the whole address in one query (2 a level in Wagtail's walk)."""
    site = Site.find_for_request(request)
    if site is None or hasattr(request, "_wagtail_route_for_request"):
        return
    root = remembered(request, "root", (site.pk, get_language()), lambda: _localized_root(site))
    components = [part for part in path.split("/") if part]
    try:
        route = fast_route(root, components) or root.route(request, components)
    except Http404:
        route = None
    request._wagtail_route_for_request = route
    locale = locales(request).get(route[0].locale_id) if route else None
    if locale is not None:
        route[0]._state.fields_cache["locale"] = locale


def _localized_root(site: Site):
    """``site.root_page.localized.specific``, with the active locale from the layout's cache."""
    root = site.root_page
    try:
        locale = active_locale()
    except (LookupError, Locale.DoesNotExist):  # as Page.localized
        return root.specific
    if locale.pk != root.locale_id:
        root = root.get_translation_or_none(locale) or root
    return root.specific


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
