"""Whether a change to a page can change what the plugin shows (its API, index, feeds,
sitemap and CDN copies).

Wagtail sends its page signals for every page of the site; a host's own pages (a blog, a
recipe) are none of the plugin's business, and after ``migrate pact_pages zero`` the plugin's
tables are gone while the host still publishes. So the plugin's handlers act on its own page
types (known from the content type, no query), and on a host page only when plugin pages
live under it: publishing, unpublishing or moving it changes their URLs or whether they can
be reached. That test reads Wagtail's page tree only, never a table of the plugin.
"""

from django.db.models import Model, QuerySet
from wagtail.models import Page

from pact_pages.core.page_rules import PLUGIN_APP


def is_plugin_page(instance: Model | None) -> bool:
    """Whether ``instance`` is a page of one of the plugin's page types."""
    if not isinstance(instance, Page):
        return False
    model = instance.specific_class
    return model is not None and model._meta.app_label == PLUGIN_APP


def plugin_pages_under(page: Page) -> QuerySet:
    """The plugin's pages below ``page`` (a query on Wagtail's page tree only)."""
    return Page.objects.filter(
        path__startswith=page.path,
        depth__gt=page.depth,
        content_type__app_label=PLUGIN_APP,
    )


def holds_plugin_pages(page: Page) -> bool:
    """Whether plugin pages live under ``page`` (one query)."""
    return plugin_pages_under(page).exists()


def concerns_plugin(page: Page | None) -> bool:
    """Whether publishing, unpublishing, moving or restricting ``page`` can change the
    plugin's content: a page of its own, or one that holds some of its pages."""
    if not isinstance(page, Page):
        return False
    return is_plugin_page(page) or holds_plugin_pages(page)


def plugin_has_pages() -> bool:
    """Whether the site holds any plugin page (none after ``migrate pact_pages zero``, whose
    tables are then gone): a change outside the page tree (an image) concerns it only then."""
    return Page.objects.filter(content_type__app_label=PLUGIN_APP).exists()
