"""Page addresses that keep the reader in their language.

A page not translated yet is served in the source language under the reader's language prefix
(pact_pages.public.views; Wagtail itself where a language has no page tree), with the fallback note.
Links to it therefore keep the reader's prefix instead of sending them to the source's:
:func:`reader_page_url` for links in templates (the ``reader_url`` tag) and feeds,
``rich_text_links.ReaderPageLinkHandler`` for the page links of rich text (Wagtail's own
handler gives the source's address).
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from pact_pages.core.layout_cache import locales


def source_language() -> str:
    """The default locale's language: the tree every other language falls back to."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def in_reader_language(url: str, page_language: str | None, language: str | None = None) -> str:
    """``url`` (of a page in ``page_language``) under the reader's language prefix.

    Only the source language's pages are served under another prefix, so only their
    addresses change; so do only addresses of a language the site serves.
    """
    language = language or get_language()
    prefix = f"/{page_language}/"
    if (
        page_language != source_language()
        or language == page_language
        or language not in dict(settings.LANGUAGES)
        or not url.startswith(prefix)
    ):
        return url
    return f"/{language}/{url[len(prefix) :]}"


def locale_codes(request) -> dict[int, str]:
    """Locale id -> language code, from the layout's cache: listings ask for every card."""
    codes = getattr(request, "_pact_locale_codes", None)
    if codes is None:
        codes = {pk: locale.language_code for pk, locale in locales(request).items()}
        if request is not None:
            request._pact_locale_codes = codes
    return codes


def reader_page_url(request, page: Page) -> str:
    """The page's address in the reader's language.

    A page listed in the source language because it is not translated yet links to the same
    path under the reader's language prefix, where it is shown with the fallback note; the
    reader stays in their language as they browse. Only the source language's pages are
    served under another prefix (pact_pages.public.views), so only their addresses are rewritten.
    """
    url = page.get_url(request=request) or ""
    return in_reader_language(url, locale_codes(request).get(page.locale_id))
