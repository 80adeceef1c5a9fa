"""Wagtail hooks of the campaign site."""

from wagtail import hooks

from pact_pages.rich_text_links import ReaderPageLinkHandler


# order=1: after Wagtail's own registration of the "page" link type, which this replaces.
@hooks.register("register_rich_text_features", order=1)
def register_reader_page_links(features) -> None:
    """Page links in rich text keep the reader's language prefix (pact_pages.rich_text_links)."""
    features.register_link_type(ReaderPageLinkHandler)
