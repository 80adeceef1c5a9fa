"""Template tags of the campaign site."""

from django import template
from django.core.cache import cache
from wagtail.models import Site

from ..models import SocialLinks

register = template.Library()


def cache_key(site_id: int) -> str:
    return f"home:social-links:{site_id}"


@register.simple_tag(takes_context=True)
def social_links(context) -> list[tuple[str, str]]:
    """(network, address) of the site's social accounts, from the cache: every page's
    footer shows them, and a query per page for a setting that rarely changes is waste
    (``home.signals`` forgets them when staff change them)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    key = cache_key(site.pk)
    accounts = cache.get(key)
    if accounts is None:
        setting = SocialLinks.for_site(site)
        accounts = [(name, getattr(setting, name)) for name in SocialLinks.NETWORKS]
        cache.set(key, accounts, None)
    # The networks' names in the reader's language, not in the one that filled the cache.
    return [(SocialLinks.network_name(name), url) for name, url in accounts if url]
