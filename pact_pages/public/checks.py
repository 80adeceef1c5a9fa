"""System checks: a site whose base template or URLconf leaves out what the plugin's pages
need is told at ``check``, not by a page without its map or by a 500."""

from __future__ import annotations

from django.core.checks import Error, Tags, Warning, register
from django.template import TemplateDoesNotExist, engines
from django.template.backends.django import DjangoTemplates
from django.template.loader_tags import BlockNode, ExtendsNode
from django.urls import NoReverseMatch, reverse

from pact_pages.conf import pact_setting

# The blocks of Wagtail's project template (base.html) the plugin's templates fill.
NEEDED_BLOCKS = ("title", "extra_css", "content", "extra_js")


def template_blocks(name: str) -> set[str] | None:
    """The blocks of template ``name`` and of the templates it extends; None when it cannot
    be told (no such template, or one extending a variable)."""
    blocks: set[str] = set()
    engine = next((e for e in engines.all() if isinstance(e, DjangoTemplates)), None)
    while name and engine is not None:
        try:
            template = engine.get_template(name).template
        except TemplateDoesNotExist:
            return None
        blocks |= {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}
        extends = template.nodelist.get_nodes_by_type(ExtendsNode)
        if not extends:
            return blocks
        parent = extends[0].parent_name
        if parent.filters or not isinstance(parent.var, str):
            return None
        name = parent.var
    return None


@register(Tags.templates)
def check_base_template(app_configs, **kwargs) -> list[Warning]:
    name = pact_setting("PACT_BASE_TEMPLATE")
    blocks = template_blocks(name)
    if blocks is None:
        return []
    missing = [block for block in NEEDED_BLOCKS if block not in blocks]
    if not missing:
        return []
    return [
        Warning(
            f"The plugin's pages extend {name!r} (PACT_BASE_TEMPLATE), which has no block "
            f"{', '.join(missing)}: the map, the plugin's stylesheet or the pages' text will "
            "not appear.",
            hint="Add the blocks as Wagtail's project template has them ({% block extra_css %}"
            "{% endblock %} in <head>, {% block extra_js %}{% endblock %} before </body>), or "
            "set PACT_BASE_TEMPLATE to a template that extends yours and adds them.",
            id="pact_pages.W010",
        )
    ]


@register(Tags.urls)
def check_urls(app_configs, **kwargs) -> list[Warning]:
    try:
        reverse("pact_newsletter_confirm", args=["x"])
        reverse("pact_api:signatory_map")
    except NoReverseMatch:
        return [
            Warning(
                "pact_pages.urls is not included: the newsletter's links, the feeds and the "
                "API (which draws the map) have no address.",
                hint='Add path("", include("pact_pages.urls")) to the site\'s urlpatterns, '
                "before Wagtail's page serving.",
                id="pact_pages.W011",
            )
        ]
    return []


@register(Tags.caches)
def check_page_cache(app_configs, **kwargs) -> list[Error | Warning]:
    """The page cache's alias exists, and the middleware sits inside GZipMiddleware (which
    would otherwise compress the pages it keeps)."""
    from django.conf import settings

    from pact_pages.public.page_cache import MIDDLEWARE, cache_alias

    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE not in middleware or cache_alias() is None:
        return []
    if cache_alias() not in settings.CACHES:
        return [
            Error(
                f"PACT_PAGE_CACHE names the cache {cache_alias()!r}, which CACHES lacks.",
                hint="Add that alias to CACHES, or set PACT_PAGE_CACHE = None to turn the page "
                "cache off.",
                id="pact_pages.E012",
            )
        ]
    if not _addresses_name_language(settings):
        # page_language() keeps no page then: the cache would silently do nothing.
        return [
            Warning(
                "PageCacheMiddleware keeps no page: the site's addresses do not say their "
                "language (no i18n_patterns, USE_I18N on), so every page is rendered as "
                "without it.",
                hint="Serve the pages under i18n_patterns with LocaleMiddleware "
                "(docs/plugin.md, Serving several languages), or set PACT_PAGE_CACHE = None.",
                id="pact_pages.W013",
            )
        ]
    gzip = "django.middleware.gzip.GZipMiddleware"
    if gzip in middleware and middleware.index(gzip) > middleware.index(MIDDLEWARE):
        return [
            Warning(
                "PageCacheMiddleware comes before GZipMiddleware: compressed pages are not cached.",
                hint="Put pact_pages.public.page_cache.PageCacheMiddleware after "
                "GZipMiddleware, right before SessionMiddleware.",
                id="pact_pages.W012",
            )
        ]
    return []


def _addresses_name_language(settings) -> bool:
    """Whether the page cache can tell a page's language from its address
    (pact_pages.public.page_cache.page_language)."""
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    return not settings.USE_I18N or is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]
