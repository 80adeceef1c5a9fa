"""A host site as ``wagtail start`` makes it: its URLconf and its base.html, for
tests/test_stock_host.py."""
