"""What goes in a page's <head> for feed readers, search engines and link previews.

``feed_alternates`` gives the RSS/Atom autodiscovery links. Any page type can use these
tags: they read only what every Wagtail page has, plus the usual fields when present.
"""

from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class FeedLink:
    title: str
    type: str
    url: str


def _feed_links(title: str, pillar_slug: str | None = None) -> list[FeedLink]:
    kwargs = {"pillar": pillar_slug} if pillar_slug else {}
    return [
        FeedLink(
            f"{title} (RSS)", "application/rss+xml", reverse("pact_initiatives_rss", kwargs=kwargs)
        ),
        FeedLink(
            f"{title} (Atom)",
            "application/atom+xml",
            reverse("pact_initiatives_atom", kwargs=kwargs),
        ),
    ]


@register.simple_tag(takes_context=True)
def feed_alternates(context) -> list[FeedLink]:
    """The latest initiatives' feeds in the reader's language; on a listing filtered by
    exactly one P (the initiative library), that P's feeds first."""
    links = []
    try:
        selected = context.get("selected_pillars") or []
        if len(selected) == 1:
            # The listing's own queryset of Ps: already evaluated for its filters, no query.
            pillar = next((p for p in context.get("pillars") or [] if p.slug == selected[0]), None)
            if pillar is not None:
                title = _("ONE in FIVE Pact: latest initiatives for %(pillar)s") % {
                    "pillar": pillar.name
                }
                links += _feed_links(title, pillar.slug)
        links += _feed_links(_("ONE in FIVE Pact: latest initiatives"))
    except NoReverseMatch:
        return []  # a host site that does not include pact_pages.feed_urls
    return links
