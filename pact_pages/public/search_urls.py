"""The plugin's search page, opt-in (a site has its own search; ``wagtail start`` puts it at
/search/). Include it before Wagtail's page serving, under a path of the site's choosing: inside
``i18n_patterns`` for a search per language (``/fr/search/``), else at the root::

    path("pact-search/", include("pact_pages.public.search_urls")),
"""

from django.urls import path

from pact_pages.public import search as search_views

urlpatterns = [path("", search_views.search, name="pact_search")]
