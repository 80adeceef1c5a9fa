"""The search index's rows, written by the read index (:mod:`.index`) with its entries:
the same pages, the same translation keys, the same transaction (pact_pages.search)."""

from wagtail.models import Page

from pact_pages.api.index_reader import IndexReader
from pact_pages.search import index as search_index


def _search_row(reader: IndexReader, page: Page, kind: str, related=None) -> search_index.Row:
    """The page's row in the search index, with its address as the API's item gives it."""
    language = reader.codes[page.locale_id]
    return search_index.row(page, kind, language, reader.source.pk, reader._url(page), related)


def _extra_rows(reader: IndexReader, keys: set | None):
    """Search rows of the host's searchable page types (PACT_SEARCH_EXTRA_PAGE_MODELS)."""
    return search_index.extra_rows(keys, reader._url, reader.codes, reader.source.pk)


def start_search_rows(reader: IndexReader, keys: set | None) -> bool:
    """Replaces the search rows of ``keys`` (all when None) by those of the host's pages; the
    read index then writes its pages' rows. False, and nothing done, while ``migrate
    pact_pages zero`` deletes the plugin's pages (the search table is gone by then)."""
    if not search_index.available():
        return False
    search_index.delete(keys)
    search_index.write(_extra_rows(reader, keys))
    return True
