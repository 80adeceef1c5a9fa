"""Page links of rich text in the reader's language (see pact_pages.core.reader_links).

Imported by a ``register_rich_text_features`` hook only: Wagtail's rich text module needs the
app registry ready, which ``reader_links`` (used by models) must not.
"""

from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.rich_text.pages import PageLinkHandler

from pact_pages.core.page_rules import follows_page_rules
from pact_pages.core.reader_links import in_reader_language, source_language


class ReaderPageLinkHandler(PageLinkHandler):
    """Rich text's page links: the translation in the reader's language (as Wagtail's), else
    the source page under the reader's prefix; a link to a host's own page is Wagtail's (the
    host may serve no copy of it under that prefix, ``pact_pages.core.page_rules``)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            f'<a href="{escape(cls._url(page))}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]

    @staticmethod
    def _url(page) -> str:
        localized = page.localized
        url = localized.url or ""
        if get_language() == source_language():  # no rewrite: spare the locale's query
            return url
        if not follows_page_rules(page):
            return url
        return in_reader_language(url, localized.locale.language_code)
