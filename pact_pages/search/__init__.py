"""Full-text search over the live, public pages: the site search and the API's ``q``.

Its own index (:class:`~pact_pages.search.models.SearchEntry`, a PostgreSQL ``tsvector`` or a
SQLite FTS5 table beside it) is written by the API's read index in the same transaction,
from the same pages, so both always agree on what a reader may see. Where Wagtail's search
backend is not a database one (Elasticsearch/OpenSearch, ``WAGTAILSEARCH_URL``), searches go
through Wagtail instead (:func:`~pact_pages.search.backends.uses_own_index`). See docs/search.md.
"""
