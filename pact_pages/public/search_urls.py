"""The public search page; include it inside i18n_patterns, before Wagtail's page serving."""

from django.urls import path

from pact_pages.public import search as search_views

urlpatterns = [path("", search_views.search, name="pact_search")]
