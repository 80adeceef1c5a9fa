"""pact_pages: a Wagtail plugin for networks of towns and regions that sign a pact.

Add ``"pact_pages"`` (with ``wagtail_localize``, ``modelcluster`` and ``taggit``) to
``INSTALLED_APPS``; see docs/plugin.md.
"""
