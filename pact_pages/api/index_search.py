"""The search index's rows, written by the read index (:mod:`.index`) with its entries:
the same pages, the same translation keys, the same transaction (pact_pages.search)."""

from itertools import chain

from wagtail.models import Page

from pact_pages.api.index_reader import IndexReader
from pact_pages.core.fallbacks import translated_copy_q
from pact_pages.events.queries import for_listing, public_events
from pact_pages.search import index as search_index


def _search_row(reader: IndexReader, page: Page, kind: str, related=None) -> search_index.Row:
    """The page's row in the search index, with its address as the API's item gives it."""
    language = reader.codes[page.locale_id]
    return search_index.row(page, kind, language, reader.source.pk, reader._url(page), related)


def _extra_rows(reader: IndexReader, keys: set | None):
    """Search rows of the host's searchable page types (PACT_SEARCH_EXTRA_PAGE_MODELS) and
    of the public events: pages the read index does not list, the site search finds."""
    host = search_index.extra_rows(keys, reader._url, reader.codes, reader.source.pk)
    return chain(host, _event_rows(reader, keys))


def _event_rows(reader: IndexReader, keys: set | None):
    """The public events' rows, as "page" rows (the search page names them events): each
    page a reader may see, never a draft, a private one or one under a page taken down.
    Their tags are read with them, not once per event."""
    events = for_listing(public_events(None)).exclude(translated_copy_q())
    if keys is not None:
        events = events.filter(translation_key__in=keys)
    last = 0
    while pages := list(events.filter(pk__gt=last).order_by("pk")[: search_index.BATCH]):
        for page in pages:
            names = {"tags": [tagged.tag.name for tagged in page.tagged_items.all()]}
            yield _search_row(reader, page, search_index.Kind.PAGE, names)
        last = pages[-1].pk


def start_search_rows(reader: IndexReader, keys: set | None) -> bool:
    """Replaces the search rows of ``keys`` (all when None) by those of the host's pages; the
    read index then writes its pages' rows. False, and nothing done, while ``migrate
    pact_pages zero`` deletes the plugin's pages (the search table is gone by then)."""
    if not search_index.available():
        return False
    search_index.delete(keys)
    search_index.write(_extra_rows(reader, keys))
    return True
