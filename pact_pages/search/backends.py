"""Which engine answers a search, and which host page types it covers.

The plugin's own index answers when Wagtail's default search backend is its database
backend on PostgreSQL or SQLite (the reference site's default): a ``tsvector`` with a GIN
index, or FTS5, with visibility in the index's columns. Any other backend, such as
Elasticsearch or OpenSearch configured by ``WAGTAILSEARCH_URL`` for sites beyond one
database, is used as it is, through Wagtail's ``search()``: it scales on its own, and the
site chose it.
"""

from django.apps import apps
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from pact_pages.conf import pact_setting

OWN_INDEX_VENDORS = ("postgresql", "sqlite")
DATABASE_BACKENDS = ("wagtail.search.backends.database", "modelsearch.backends.database")


def uses_own_index(backend=None) -> bool:
    """True when searches run on the plugin's index, False when through Wagtail's backend.

    PACT_SEARCH_ENGINE decides: "index" or "wagtail", or "auto" (the index when Wagtail's
    default backend, or ``backend``, is a database backend). The index needs PostgreSQL or
    SQLite (FTS5) whatever the setting says; elsewhere (MySQL) Wagtail's backend answers.
    """
    if connection.vendor not in OWN_INDEX_VENDORS:
        return False
    engine = pact_setting("PACT_SEARCH_ENGINE")
    if engine in ("index", "wagtail"):
        return engine == "index"
    backend = backend if backend is not None else get_search_backend()
    return type(backend).__module__.startswith(DATABASE_BACKENDS)


def extra_page_models() -> list[type[Page]]:
    """The site's own page types searched beside the Pact's (PACT_SEARCH_EXTRA_PAGE_MODELS)."""
    labels = pact_setting("PACT_SEARCH_EXTRA_PAGE_MODELS")
    return [apps.get_model(label) for label in labels]
