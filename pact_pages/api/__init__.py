"""The Pact's read-only JSON API (``/api/pact/v1/``), built with django-ninja.

Everything it lists comes from :mod:`pact_pages.core.queries`, the functions the public pages
use, so that the API shows exactly what a reader sees: live, public pages, each item once
per locale with the source language as fallback. See ``docs/api.md``.

Modules: ``filters`` (query parameters), ``schemas`` (responses), ``serializers`` (pages to
JSON), ``endpoints`` (the routes), ``geojson`` (the map), ``cache`` (HTTP and Django cache,
invalidated by signals), ``wagtail_v2`` (the stock Wagtail API v2 router).
"""
